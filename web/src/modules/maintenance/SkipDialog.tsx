import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { OCCURRENCES, type Occurrence, PLANS } from './types';

/** What a skip needs: the occurrence and the version it was read at (409 when it changed meanwhile). */
export type SkippableOccurrence = Occurrence & { version: number };

/**
 * 跳过 an open occurrence with a reason (设备停用、门店闭店…): it leaves the compliance
 * figures instead of becoming missed. The reason is kept in the audit log.
 */
export function SkipDialog({
  occurrence,
  onClose,
  dueText,
}: {
  occurrence: SkippableOccurrence | null;
  onClose: () => void;
  dueText: string;
}) {
  const { t } = useTranslation('maintenance');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!occurrence) return;
    form.resetFields();
    setError(null);
  }, [occurrence, form]);

  const save = async ({ reason }: { reason: string }) => {
    if (!occurrence) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`${OCCURRENCES}/${occurrence.id}/skip`, { reason: reason.trim(), version: occurrence.version });
      message.success(t('skip.done'));
      await invalidate(OCCURRENCES, PLANS);
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await invalidate(OCCURRENCES);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={occurrence !== null}
      title={t('skip.title')}
      okText={t('skip.confirm')}
      okButtonProps={{ danger: true, loading: saving }}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {occurrence ? (
        <Typography.Paragraph>
          {t('skip.what', { plan: occurrence.planName, due: dueText })}
          <br />
          <Typography.Text type="secondary">{t('skip.hint')}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
        <Form.Item
          name="reason"
          label={t('skip.reason')}
          rules={[
            { required: true, whitespace: true, message: t('skip.reasonRequired') },
            { max: 500, message: t('validation.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('skip.reasonPlaceholder')} data-testid="skip-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
