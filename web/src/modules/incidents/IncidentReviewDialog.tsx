import { Alert, App, type ButtonProps, Form, Grid, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { text } from './logic';
import { INCIDENTS, type Incident, type IncidentReviewInput } from './types';

/**
 * 审核通过 (an optional note) or 退回 (a note saying what to change, required) of a
 * submitted report. A stale version or a report no longer awaiting review reloads it.
 */
export function IncidentReviewDialog({
  incident,
  decision,
  onClose,
  onDone,
}: {
  incident: Incident;
  decision: IncidentReviewInput['decision'] | null;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useTranslation('incidents');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{ note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!decision) return;
    form.resetFields();
    setError(null);
  }, [decision, form]);

  const save = async (v: { note?: string }) => {
    if (!decision) return;
    setSaving(true);
    setError(null);
    try {
      const body: IncidentReviewInput = { decision, note: text(v.note), version: incident.version };
      await api.post(`${INCIDENTS}/${incident.id}/review`, body);
      message.success(t(`review.done.${decision}`));
      await invalidate(INCIDENTS, '/audit');
      onDone?.();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await invalidate(INCIDENTS);
    } finally {
      setSaving(false);
    }
  };

  const returning = decision === 'return';
  return (
    <Modal
      open={decision !== null}
      title={decision ? t(`review.title.${decision}`, { number: incident.number }) : null}
      okText={decision ? t(`review.action.${decision}`) : undefined}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, danger: returning, 'data-testid': 'incident-review-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={screens.sm ? 520 : '100%'}
      destroyOnHidden
    >
      {decision ? <Typography.Paragraph type="secondary">{t(`review.hint.${decision}`)}</Typography.Paragraph> : null}
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="incident-review-error" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
        <Form.Item
          name="note"
          label={t(returning ? 'review.returnNote' : 'review.approveNote')}
          rules={[
            ...(returning ? [{ required: true, whitespace: true, message: t('validation.returnNote') }] : []),
            { max: 1000, message: t('validation.max', { max: 1000 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="incident-review-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
