import { Alert, App, type ButtonProps, Form, Grid, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { ownerResource, stepBody, stepNoteRequired } from './logic';
import { ACTIONS, type ActionItem, type ActionStep, CALENDAR, OVERVIEW, OWNER_ACTION_ITEM } from './types';

/**
 * One step of an action item: 提交落实情况 (what was done, with evidence files uploaded to
 * the item), 验证通过 (an optional note), 退回 (why it is not done) and 取消 (why it is
 * dropped). Works at 375 px. A stale version or a step no longer allowed refreshes the item.
 */
export function ActionStepDialog({
  item,
  step,
  onClose,
  onDone,
}: {
  item: ActionItem;
  step: ActionStep | null;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useTranslation('safety');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{ note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  // start afresh each time the dialog opens for a step
  useEffect(() => {
    if (!step) return;
    form.resetFields();
    setError(null);
  }, [step, form]);

  const refresh = () => invalidate(ACTIONS, ownerResource(item.ownerType), OVERVIEW, CALENDAR, '/audit');

  const save = async (note: string | undefined) => {
    if (!step) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`${ACTIONS}/${item.id}/${step}`, stepBody(step, note, item.version));
      message.success(t(`stepDone.${step}`));
      await refresh();
      onDone?.();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await refresh();
    } finally {
      setSaving(false);
    }
  };

  const danger = step === 'reject' || step === 'cancel';
  return (
    <Modal
      open={step !== null}
      title={step ? t(`stepTitle.${step}`, { number: item.number }) : null}
      okText={step ? t(`step.${step}`) : undefined}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, danger, 'data-testid': 'action-step-submit' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={screens.sm ? 560 : '100%'}
      style={screens.sm ? undefined : { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 }}
      destroyOnHidden
    >
      {step ? (
        <Typography.Paragraph type="secondary">
          <Typography.Text strong>{item.title}</Typography.Text>
          {' · '}
          {t(`stepHint.${step}`)}
        </Typography.Paragraph>
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="action-step-error" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v.note)} disabled={saving}>
        {step === 'submit' ? (
          <Form.Item label={t('field.evidence')} extra={t('form.evidenceHint')}>
            <AttachmentsPanel ownerType={OWNER_ACTION_ITEM} ownerId={item.id} bare />
          </Form.Item>
        ) : null}
        {step ? (
          <Form.Item
            name="note"
            label={t(`noteLabel.${step}`)}
            rules={[
              ...(stepNoteRequired(step) ? [{ required: true, whitespace: true, message: t(`validation.note.${step}`) }] : []),
              { max: 1000, message: t('validation.max', { max: 1000 }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="action-step-note" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
