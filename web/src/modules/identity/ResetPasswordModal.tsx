import { Alert, App, Form, Grid, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { PasswordInput } from './PasswordInput';
import { isStrongPassword } from './rules';
import type { User } from './types';

export interface ResetPasswordModalProps {
  /** the user whose password is reset; null = closed */
  user: Pick<User, 'id' | 'name' | 'username'> | null;
  onClose: () => void;
}

interface Values {
  password: string;
  confirm: string;
}

/**
 * 重置密码: the administrator sets a temporary password. The person must change it at
 * the next sign-in; every open session of theirs ends and any lock is lifted.
 */
export function ResetPasswordModal({ user, onClose }: ResetPasswordModalProps) {
  const { t } = useTranslation('identity');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    setError(null);
  }, [user, form]);

  const save = async (v: Values) => {
    if (!user) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`/users/${user.id}/reset-password`, { password: v.password });
      await invalidate('/users');
      message.success(t('password.resetDone', { name: user.name }));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={Boolean(user)}
      title={t('password.resetTitle', { name: user ? `${user.name}（${user.username}）` : '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('password.reset')}
      okButtonProps={{ danger: true, loading: saving }}
      cancelText={t('common:actions.cancel')}
      mask={{ closable: !saving }}
      width={screens.sm ? 480 : '100%'}
      forceRender
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('password.resetWarning')}
        description={t('password.resetExplain')}
      />
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(error)} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[
            { required: true, message: t('password.required') },
            {
              validator: async (_r, value?: string) => {
                if (value && !isStrongPassword(value)) throw new Error(t('password.weak'));
              },
            },
          ]}
        >
          <PasswordInput onGenerate={(p) => form.setFieldsValue({ confirm: p })} data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_r, value?: string) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
        <Typography.Text type="secondary">{t('password.passOn')}</Typography.Text>
      </Form>
    </Modal>
  );
}
