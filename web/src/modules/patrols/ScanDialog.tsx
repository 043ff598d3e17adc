import { Alert, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../components';
import { ScanInput } from '../../components/ScanInput';

/**
 * 扫码签到: the phone camera (where the browser reads QR codes) or the code typed or sent
 * by a scanner; the code goes to the round's check-in. A refusal (not a point of this
 * round, round not started…) stays in the dialog so the next scan can follow at once.
 */
export function ScanDialog({
  open,
  onClose,
  onScan,
  hint,
}: {
  open: boolean;
  onClose: () => void;
  /** posts the check-in; resolves when it was recorded (the dialog then closes) */
  onScan: (code: string) => Promise<void>;
  hint?: string;
}) {
  const { t } = useTranslation('patrols');
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const scan = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      await onScan(code);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('scan.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{hint ?? t('scan.hint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="scan-error" /> : null}
      <ScanInput onScan={scan} busy={busy} placeholder={t('scan.placeholder')} submitLabel={t('scan.submit')} />
    </Modal>
  );
}
