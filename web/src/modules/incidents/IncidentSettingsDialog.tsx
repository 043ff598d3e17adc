import { Alert, App, type ButtonProps, Form, InputNumber, Modal, Radio, Select, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useDictionary, useErrorText, useInvalidate } from '../../components';
import { useIncidentSettings } from './IncidentDrawer';
import { INCIDENT_SETTINGS, INCIDENT_TYPE_DICT, INCIDENTS, type IncidentSettings } from './types';

type Values = Omit<IncidentSettings, 'version'>;

/** the server's bound: a month */
const MAX_DEADLINE_HOURS = 720;

/**
 * 事件设置 (incidents:review): which incident types have a handling deadline (消防报警故障 by
 * default) and what it is — 不过夜 (before the end of the day it occurred) or within N
 * hours. It is the shared SettingsDialog's load → save with version → reload-when-stale,
 * with a type list and a choice that the shared dialog's whole-number fields cannot hold.
 * A change applies to reports saved from now on.
 */
export function IncidentSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('incidents');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const types = useDictionary(INCIDENT_TYPE_DICT);
  const settings = useIncidentSettings(open);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('deadlineMode', form);

  useEffect(() => {
    if (open && settings.data) {
      const { version: _v, ...values } = settings.data;
      form.setFieldsValue(values);
      setError(null);
    }
  }, [open, settings.data, form]);

  const save = async (v: Values) => {
    if (!settings.data) return;
    setSaving(true);
    setError(null);
    try {
      await api.put(INCIDENT_SETTINGS, { ...settings.data, ...v, version: settings.data.version });
      message.success(t('common:form.saved'));
      await invalidate(INCIDENT_SETTINGS, INCIDENTS);
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      if (isApiError(err, 'STALE_VERSION')) await settings.refetch();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('settings.title')}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, disabled: !settings.data, 'data-testid': 'settings-save' } as ButtonProps}
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
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
          <Form.Item name="deadlineTypes" label={t('settings.deadlineTypes')} extra={t('settings.deadlineTypesHint')}>
            <Select mode="multiple" allowClear options={types.options} loading={types.loading} data-testid="settings-deadline-types" />
          </Form.Item>
          <Form.Item
            name="deadlineMode"
            label={t('settings.deadlineMode')}
            rules={[{ required: true, message: t('validation.deadlineMode') }]}
          >
            <Radio.Group
              options={[
                { value: 'overnight', label: t('settings.overnight') },
                { value: 'hours', label: t('settings.hours') },
              ]}
              data-testid="settings-deadline-mode"
            />
          </Form.Item>
          {mode === 'hours' ? (
            <Form.Item
              name="deadlineHours"
              label={t('settings.deadlineHours')}
              rules={[
                {
                  validator: (_r, v?: number | null) =>
                    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_DEADLINE_HOURS
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.deadlineHours'))),
                },
              ]}
            >
              <InputNumber
                min={1}
                max={MAX_DEADLINE_HOURS}
                precision={0}
                suffix={t('unit.hours')}
                style={{ width: '100%' }}
                data-testid="settings-deadline-hours"
              />
            </Form.Item>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
