import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { applyFieldErrors } from '../../components/formErrors';
import { PageLoading } from '../../components/PageLoading';
import { useErrorText } from '../../components/useErrorText';
import { api } from '../api';
import { AuthCard } from './AuthCard';
import { SETUP_KEY, type SetupState } from './LoginPage';

interface SetupValues {
  organizationName: string;
  username: string;
  name: string;
  password: string;
  confirm: string;
}

/** First run without demo data: creates the organisation's administrator, then sign in. */
export default function SetupPage() {
  const { t } = useTranslation('shell');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form] = Form.useForm<SetupValues>();
  const setup = useQuery({ queryKey: SETUP_KEY, queryFn: () => api.get<SetupState>('/setup') });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (setup.isPending) return <PageLoading fullscreen />;
  if (setup.data && !setup.data.needsAdmin) return <Navigate to="/login" replace />;

  const submit = async ({ confirm: _confirm, ...body }: SetupValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/setup', body);
      await setup.refetch();
      message.success(t('setup.done'));
      navigate('/login', { replace: true });
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('setup.title')} subtitle={t('setup.subtitle')}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        initialValues={{ organizationName: setup.data?.organization ?? '' }}
      >
        <Form.Item name="organizationName" label={t('setup.organizationName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('setup.username')}
          extra={t('setup.usernameHint')}
          rules={[{ required: true }, { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: t('setup.usernameInvalid') }]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="name" label={t('setup.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[{ required: true }, { pattern: /^(?=.*[A-Za-z])(?=.*\d).{8,}$/, message: t('password.weak') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
