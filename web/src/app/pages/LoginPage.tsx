import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { MeResponse } from '../../../../contracts/types';
import { useErrorText } from '../../components/useErrorText';
import { api } from '../api';
import { useMeQuery, useSetMe } from '../auth';
import { AuthCard } from './AuthCard';

export interface SetupState {
  needsAdmin: boolean;
  organization: string | null;
  demo: boolean;
}

export const SETUP_KEY = ['auth', 'setup'] as const;

/** Only same-site paths may be the target after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation('shell');
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const setMe = useSetMe();
  const meQuery = useMeQuery();
  const setup = useQuery({ queryKey: SETUP_KEY, queryFn: () => api.get<SetupState>('/setup') });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (setup.data?.needsAdmin) return <Navigate to="/setup" replace />;
  if (meQuery.data) return <Navigate to={next} replace />;

  const submit = async (values: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<MeResponse>('/auth/login', values);
      setMe(me);
      navigate(me.user.mustChangePassword ? '/change-password' : next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('login.title')} subtitle={setup.data?.organization ?? undefined}>
      {setup.data?.demo ? <Alert type="info" showIcon title={t('demoBanner')} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
      <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item name="login" label={t('login.login')} rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" placeholder={t('login.loginPlaceholder')} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
