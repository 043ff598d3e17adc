import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, InputNumber, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { type MaintenanceSettingsDto, MEASURES, PLANS, SETTINGS } from './types';

type Values = Omit<MaintenanceSettingsDto, 'version'>;

/**
 * 按期完成的宽限规则 (SMRP 5.4.14): a share of the interval, capped in days, and the fixed
 * window of meter plans. Changing them changes how compliance is counted from now on.
 */
export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('maintenance');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const settings = useQuery({
    queryKey: [SETTINGS, 'record'],
    queryFn: ({ signal }) => api.get<MaintenanceSettingsDto>(SETTINGS, undefined, signal),
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
      await api.put(SETTINGS, { ...v, version: settings.data.version });
      message.success(t('common:form.saved'));
      await invalidate(SETTINGS, MEASURES, PLANS);
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION')) await settings.refetch();
    } finally {
      setSaving(false);
    }
  };

  const rule = (field: string, min: number, max: number) => ({
    validator: (_r: unknown, v: number | null | undefined) =>
      typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
        ? Promise.resolve()
        : Promise.reject(new Error(t('validation.range', { field, min, max }))),
  });

  return (
    <Modal
      open={open}
      title={t('settings.title')}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, disabled: !settings.data }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('settings.hint')}</Typography.Paragraph>
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
          <Form.Item
            name="gracePercent"
            label={t('settings.gracePercent')}
            extra={t('settings.gracePercentHint')}
            rules={[rule(t('settings.gracePercent'), 0, 100)]}
          >
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} data-testid="settings-grace-percent" />
          </Form.Item>
          <Form.Item
            name="graceCapDays"
            label={t('settings.graceCapDays')}
            extra={t('settings.graceCapDaysHint')}
            rules={[rule(t('settings.graceCapDays'), 0, 365)]}
          >
            <InputNumber
              min={0}
              max={365}
              precision={0}
              suffix={t('unit.days')}
              style={{ width: '100%' }}
              data-testid="settings-grace-cap"
            />
          </Form.Item>
          <Form.Item
            name="meterWindowDays"
            label={t('settings.meterWindowDays')}
            extra={t('settings.meterWindowDaysHint')}
            rules={[rule(t('settings.meterWindowDays'), 1, 365)]}
          >
            <InputNumber
              min={1}
              max={365}
              precision={0}
              suffix={t('unit.days')}
              style={{ width: '100%' }}
              data-testid="settings-meter-window"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
