import { FileSearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReportResult } from './report';

/** After the report: the number to quote on the phone and the follow-up link to keep. */
export function ReportSuccess({ result, onAgain }: { result: ReportResult; onAgain: () => void }) {
  const { t } = useTranslation('qr');
  const navigate = useNavigate();
  return (
    <Card data-testid="qr-report-done">
      <Result
        status="success"
        title={t('report.done.title')}
        subTitle={t('report.done.subtitle')}
        style={{ padding: '16px 0' }}
        extra={
          <Flex vertical gap={12} style={{ textAlign: 'left' }}>
            <div>
              <Typography.Text type="secondary">{t('report.done.number')}</Typography.Text>
              <Typography.Title level={3} copyable style={{ margin: 0 }} data-testid="qr-report-number">
                {result.number}
              </Typography.Title>
            </div>
            <div>
              <Typography.Text type="secondary">{t('report.done.link')}</Typography.Text>
              <Typography.Paragraph copyable={{ text: result.trackUrl }} style={{ wordBreak: 'break-all', margin: 0 }}>
                {result.trackUrl}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('report.done.keepLink')}
              </Typography.Text>
            </div>
            <Button
              type="primary"
              size="large"
              block
              icon={<FileSearchOutlined />}
              onClick={() => navigate(`/track/${encodeURIComponent(result.token)}`)}
              data-testid="qr-report-track"
            >
              {t('report.done.track')}
            </Button>
            <Button block onClick={onAgain}>
              {t('report.done.again')}
            </Button>
          </Flex>
        }
      />
    </Card>
  );
}
