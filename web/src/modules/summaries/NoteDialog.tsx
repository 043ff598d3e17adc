import { Alert, type ButtonProps, Form, Grid, Input, Modal, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useErrorText } from '../../components';

export interface NoteDialogProps {
  open: boolean;
  title: ReactNode;
  hint?: ReactNode;
  label: string;
  /** the message when left empty; omitted = the note is optional */
  requiredMessage?: string;
  okText: string;
  danger?: boolean;
  /** sends the note (trimmed, null when empty); a failure stays in the dialog */
  onSubmit: (note: string | null) => Promise<void>;
  onClose: () => void;
  testId: string;
}

const MAX = 1000;

/**
 * A short text asked before a step: 审批意见 (optional), 退回原因 (required), 版本说明
 * (optional). The server's refusal shows in the dialog, under the field when it names it.
 */
export function NoteDialog(props: NoteDialogProps) {
  const { t } = useTranslation('summaries');
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ note?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    setError(null);
  }, [props.open, form]);

  const send = async (v: { note?: string }) => {
    setSaving(true);
    setError(null);
    try {
      await props.onSubmit(v.note?.trim() || null);
    } catch (err) {
      const fieldMessage = isApiError(err) ? err.fields.find((f) => f.field === 'reason' || f.field === 'note')?.message : undefined;
      if (fieldMessage) form.setFields([{ name: 'note', errors: [fieldMessage] }]);
      else setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, danger: props.danger, 'data-testid': `${props.testId}-ok` } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      width={screens.sm ? 520 : '100%'}
      destroyOnHidden
    >
      {props.hint ? <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph> : null}
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid={`${props.testId}-error`} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)} disabled={saving}>
        <Form.Item
          name="note"
          label={props.label}
          rules={[
            ...(props.requiredMessage ? [{ required: true, whitespace: true, message: props.requiredMessage }] : []),
            { max: MAX, message: t('validation.max', { max: MAX }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={MAX} data-testid={`${props.testId}-note`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
