import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, InputNumber, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../app/api';
import { applyFieldErrors } from './formErrors';
import { useInvalidate } from './hooks';
import { useErrorText } from './useErrorText';

/** One whole-number setting: its range is checked in the form and again by the server. */
export interface SettingField {
  name: string;
  label: string;
  hint?: string;
  min: number;
  max: number;
  /** the word after the number (天, %) */
  suffix?: string;
  testId?: string;
}

export interface SettingsDialogProps {
  open: boolean;
  onClose: () => void;
  /** GET and PUT (with `version`) of the organisation's settings record */
  resource: string;
  title: string;
  /** what a change affects, shown above the fields */
  hint: string;
  fields: SettingField[];
  /** more lists to refresh after a save (figures that depend on the settings) */
  invalidate?: string[];
}

type Values = Record<string, number>;

/**
 * A module's organisation settings of whole numbers (maintenance grace, hazard acceptance
 * days…): loaded when opened, saved with the version read, a stale save reloads them.
 */
export function SettingsDialog({ open, onClose, resource, title, hint, fields, invalidate: more = [] }: SettingsDialogProps) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const settings = useQuery({
    queryKey: [resource, 'record'],
    queryFn: ({ signal }) => api.get<Values & { version: number }>(resource, undefined, signal),
    enabled: open,
  });

  useEffect(() => {
    if (open && settings.data) {
      form.setFieldsValue(settings.data);
      setError(null);
    }
  }, [open, settings.data, form]);

  const save = async (v: Values) => {
    if (!settings.data) return;
    setSaving(true);
    setError(null);
    try {
      await api.put(resource, { ...v, version: settings.data.version });
      message.success(t('form.saved'));
      await invalidate(resource, ...more);
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION')) await settings.refetch();
    } finally {
      setSaving(false);
    }
  };

  const rule = (f: SettingField) => ({
    validator: (_r: unknown, v: number | null | undefined) =>
      typeof v === 'number' && Number.isInteger(v) && v >= f.min && v <= f.max
        ? Promise.resolve()
        : Promise.reject(new Error(t('form.wholeNumberRange', { field: f.label, min: f.min, max: f.max }))),
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      okButtonProps={{ loading: saving, disabled: !settings.data }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      {error ? (
        <Alert
          type={isApiError(error, 'STALE_VERSION') ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={errorText(error)}
        />
      ) : null}
      {settings.error ? <Alert type="error" showIcon title={errorText(settings.error)} /> : null}
      {settings.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
          {fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} extra={f.hint} rules={[rule(f)]}>
              <InputNumber min={f.min} max={f.max} precision={0} suffix={f.suffix} style={{ width: '100%' }} data-testid={f.testId} />
            </Form.Item>
          ))}
        </Form>
      )}
    </Modal>
  );
}
