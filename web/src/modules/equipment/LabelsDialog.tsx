import { Alert, App, type ButtonProps, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../app/api';
import { useErrorText } from '../../components';

export type LabelSize = '50x30' | '70x40' | 'a5-sign';
const SIZES: LabelSize[] = ['50x30', '70x40', 'a5-sign'];

export interface LabelTarget {
  type: 'asset' | 'location';
  id: string;
}

/** Hands a PDF to the person: in the tab opened for it, or as a download when tabs are blocked. */
function showPdf(blob: Blob, tab: Window | null, filename: string) {
  const url = URL.createObjectURL(blob);
  if (tab && !tab.closed) {
    tab.location.href = url;
  } else {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** 打印标签: chooses the label size and opens the label sheet PDF (POST /labels). */
export function LabelsDialog({ targets, onClose }: { targets: LabelTarget[] | null; onClose: () => void }) {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [size, setSize] = useState<LabelSize>('50x30');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const print = async () => {
    if (!targets?.length) return;
    setBusy(true);
    setError(null);
    // opened within the click, so that the browser does not block it as a pop-up
    const tab = window.open('', '_blank');
    try {
      const res = await apiFetch('POST', '/labels', { body: { targets, size } });
      showPdf(await res.blob(), tab, `labels-${size}.pdf`);
      message.success(t('labels.ready', { count: targets.length }));
      onClose();
    } catch (err) {
      tab?.close();
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={targets !== null}
      title={t('labels.title')}
      onCancel={onClose}
      onOk={() => void print()}
      okText={t('labels.print')}
      okButtonProps={{ loading: busy, disabled: !targets?.length, 'data-testid': 'labels-print' } as ButtonProps}
      cancelText={t('common:actions.cancel')}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('labels.count', { count: targets?.length ?? 0 })}</Typography.Text>
        <Radio.Group value={size} onChange={(e) => setSize(e.target.value as LabelSize)}>
          <Space orientation="vertical">
            {SIZES.map((s) => (
              <Radio key={s} value={s}>
                {t(`labels.size.${s}`)}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {t(`labels.sizeHint.${s}`)}
                </Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      </Space>
    </Modal>
  );
}
