import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyFieldErrors } from '../../components/formErrors';
import { useErrorText } from '../../components/useErrorText';
import { api } from '../api';
import { fetchMe, useMe, useSetMe } from '../auth';
import { AuthCard } from './AuthCard';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; forced after an administrator reset (mustChangePassword). */
export default function ChangePasswordPage() {
  const { t } = useTranslation('shell');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const me = useMe();
  const setMe = useSetMe();
  const [form] = Form.useForm<PasswordValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const forced = me.user.mustChangePassword;

  const submit = async ({ currentPassword, newPassword }: PasswordValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      setMe(await fetchMe());
      message.success(t('password.changed'));
      navigate('/', { replace: true });
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('password.title')} subtitle={forced ? t('password.forced') : me.user.name}>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule')}
          dependencies={['currentPassword']}
          rules={[
            { required: true },
            { pattern: /^(?=.*[A-Za-z])(?=.*\d).{8,}$/, message: t('password.weak') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value && value === getFieldValue('currentPassword') ? Promise.reject(new Error(t('password.same'))) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('password.submit')}
        </Button>
        {forced ? null : (
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => navigate(-1)}>
            {t('common:actions.back')}
          </Button>
        )}
      </Form>
    </AuthCard>
  );
}
