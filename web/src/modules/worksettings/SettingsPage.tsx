import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { useCan } from '../../app/auth';
import { applyFieldErrors, LoadError, PageContainer, PageLoading, useErrorText } from '../../components';

/** GET /work-order-settings */
interface WorkOrderSettings {
  autoAcceptDays: number;
  publicIntake: boolean;
  updatedAt: string | null;
  version: number;
}

interface Values {
  autoAcceptDays: number;
  publicIntake: boolean;
}

const RESOURCE = '/work-order-settings';

/** 工单设置: the days after which a finished order is accepted by the system, and the public QR intake switch. */
export default function SettingsPage() {
  const { t } = useTranslation('sla');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const can = useCan();
  const editable = can.everywhere('workorders:manage');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const settings = useQuery({
    queryKey: [RESOURCE, 'record'],
    queryFn: ({ signal }) => api.get<WorkOrderSettings>(RESOURCE, undefined, signal),
  });
  const data = settings.data;

  useEffect(() => {
    if (data) form.setFieldsValue({ autoAcceptDays: data.autoAcceptDays, publicIntake: data.publicIntake });
  }, [data, form]);

  const save = async (values: Values) => {
    if (!data) return;
    setSaving(true);
    setError(null);
    try {
      await api.put<WorkOrderSettings>(RESOURCE, { ...values, version: data.version });
      await settings.refetch();
      message.success(t('settings.saved'));
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) {
        // someone else saved in between: show what is stored now and let the person decide again
        await settings.refetch();
        setError(err);
      } else if (!applyFieldErrors(form, err)) {
        setError(err);
      }
    } finally {
      setSaving(false);
    }
  };

  if (settings.error) {
    return (
      <PageContainer title={t('settings.title')} subtitle={t('settings.subtitle')}>
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      </PageContainer>
    );
  }
  if (!data) return <PageLoading />;

  return (
    <PageContainer title={t('settings.title')} subtitle={t('settings.subtitle')}>
      {error ? (
        <Alert
          type={isApiError(error, 'STALE_VERSION') ? 'warning' : 'error'}
          showIcon
          message={isApiError(error, 'STALE_VERSION') ? t('settings.stale') : errorText(error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={save} disabled={!editable || saving} style={{ maxWidth: 560 }}>
        <Form.Item
          name="autoAcceptDays"
          label={t('settings.autoAcceptDays')}
          extra={t('settings.autoAcceptHint')}
          rules={[
            { required: true, message: t('validation.autoAcceptDays') },
            {
              validator: (_, v: unknown) =>
                v === null || v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 30)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.autoAcceptDays'))),
            },
          ]}
        >
          <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} suffix={t('settings.dayUnit')} />
        </Form.Item>
        <Form.Item name="publicIntake" label={t('settings.publicIntake')} extra={t('settings.publicIntakeHint')} valuePropName="checked">
          <Switch checkedChildren={t('settings.on')} unCheckedChildren={t('settings.off')} />
        </Form.Item>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={saving} data-testid="work-order-settings-save">
            {t('common:actions.save')}
          </Button>
        ) : null}
      </Form>
      {data.updatedAt ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('settings.updatedAt', { at: dayjs(data.updatedAt).format('YYYY-MM-DD HH:mm') })}
        </Typography.Paragraph>
      ) : null}
    </PageContainer>
  );
}
