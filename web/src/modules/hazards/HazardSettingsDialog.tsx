import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, InputNumber, Modal, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { HAZARDS, type HazardSettingsDto, MEASURES, SETTINGS } from './types';

type Values = Pick<HazardSettingsDto, 'acceptanceDays' | 'remindDaysBefore'>;

/**
 * 隐患设置: acceptance within N days of the deadline (default 10) and the reminder N days
 * before it (default 3). They change the acceptance due dates from now on.
 */
export function HazardSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('hazards');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const settings = useQuery({
    queryKey: [SETTINGS, 'record'],
    queryFn: ({ signal }) => api.get<HazardSettingsDto>(SETTINGS, undefined, signal),
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
      await invalidate(SETTINGS, HAZARDS, MEASURES);
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
            name="acceptanceDays"
            label={t('settings.acceptanceDays')}
            extra={t('settings.acceptanceDaysHint')}
            rules={[rule(t('settings.acceptanceDays'), 1, 90)]}
          >
            <InputNumber
              min={1}
              max={90}
              precision={0}
              suffix={t('unit.days')}
              style={{ width: '100%' }}
              data-testid="settings-acceptance-days"
            />
          </Form.Item>
          <Form.Item
            name="remindDaysBefore"
            label={t('settings.remindDaysBefore')}
            extra={t('settings.remindDaysBeforeHint')}
            rules={[rule(t('settings.remindDaysBefore'), 0, 30)]}
          >
            <InputNumber
              min={0}
              max={30}
              precision={0}
              suffix={t('unit.days')}
              style={{ width: '100%' }}
              data-testid="settings-remind-days"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
