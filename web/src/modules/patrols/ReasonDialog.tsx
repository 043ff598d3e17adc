import { Alert, type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { applyFieldErrors, useErrorText } from '../../components';

export interface ReasonDialogProps {
  open: boolean;
  title: ReactNode;
  /** what the dialog is about (the point, the round…) */
  description?: ReactNode;
  /** the body field the text goes to, so the server's error on it shows under the box */
  field: 'reason' | 'note';
  label: string;
  placeholder?: string;
  required: boolean;
  okText: string;
  danger?: boolean;
  onClose: () => void;
  /** sends the text (null when empty and optional); a rejection shows in the dialog */
  onSubmit: (text: string | null) => Promise<void>;
  testId?: string;
}

/** A short text before a step: why a point is checked in by hand or skipped, a note when a round is finished. */
export function ReasonDialog(props: ReasonDialogProps) {
  const { t } = useTranslation('patrols');
  const errorText = useErrorText();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    setError(null);
  }, [props.open, form]);

  const save = async (values: Record<string, string | undefined>) => {
    const text = values[props.field]?.trim() || null;
    setSaving(true);
    setError(null);
    try {
      await props.onSubmit(text);
      props.onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      okButtonProps={{ danger: props.danger, loading: saving, 'data-testid': `${props.testId ?? 'reason'}-ok` } as ButtonProps}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {props.description ? <Typography.Paragraph>{props.description}</Typography.Paragraph> : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          // the server's sentence names field paths (points.4): the list below says it for people
          title={isApiError(error) && error.fields.length ? t('dialog.fixBelow') : errorText(error)}
          // e.g. finishing with a point's checklist not yet submitted: each point is named
          description={
            isApiError(error) && error.fields.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {error.fields.map((f) => (
                  <li key={`${f.field}-${f.message}`}>{f.message}</li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid={`${props.testId ?? 'reason'}-error`}
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
        <Form.Item
          name={props.field}
          label={props.label}
          rules={[
            ...(props.required ? [{ required: true, whitespace: true, message: t('validation.required', { field: props.label }) }] : []),
            { max: 500, message: t('validation.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={props.placeholder} data-testid={props.testId ?? 'reason'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
