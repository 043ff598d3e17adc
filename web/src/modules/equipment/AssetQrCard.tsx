import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../app/api';

/** The asset's stable QR code (`/q/<code>`) with the print-label action. */
export function AssetQrCard({ code, onPrint }: { code: string | null; onPrint?: () => void }) {
  const { t } = useTranslation('equipment');
  const [failed, setFailed] = useState(false);
  return (
    <Card
      size="small"
      title={t('detail.qr')}
      extra={
        onPrint ? (
          <Button size="small" icon={<PrinterOutlined />} onClick={onPrint} data-testid="detail-print-label">
            {t('labels.action')}
          </Button>
        ) : null
      }
    >
      {code ? (
        <Flex vertical align="center" gap={8}>
          {failed ? null : (
            <img
              src={`${API_BASE}/qr/${encodeURIComponent(code)}.svg`}
              alt={t('detail.qrAlt', { code })}
              width={160}
              height={160}
              onError={() => setFailed(true)}
              data-testid="asset-qr"
            />
          )}
          <Typography.Text copyable={{ text: `${window.location.origin}/q/${code}` }} code>
            {code}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            {t('detail.qrHint')}
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('detail.qrNone')}</Typography.Text>
      )}
    </Card>
  );
}
