import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Grid, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { useHeldPermissions } from './access';
import { PermissionChecklist } from './PermissionChecklist';
import type { CreatedToken } from './types';

interface TokenValues {
  name: string;
  permissions: string[];
  expiresOn?: Dayjs | null;
}

/** 新建令牌: name, permissions out of what the person holds, optional last day of validity. */
export function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (t: CreatedToken) => void;
}) {
  const { t } = useTranslation('identity');
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const screens = Grid.useBreakpoint();
  const held = useHeldPermissions();
  const [form] = Form.useForm<TokenValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);

  const save = async (v: TokenValues) => {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<CreatedToken>('/api-tokens', {
        name: v.name.trim(),
        permissions: v.permissions,
        // valid through the whole chosen day, in the person's time zone
        expiresAt: v.expiresOn ? v.expiresOn.endOf('day').toISOString() : null,
      });
      await invalidate('/api-tokens');
      onCreated(created);
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tokens.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('tokens.createOk')}
      okButtonProps={{ loading: saving }}
      cancelText={t('common:actions.cancel')}
      mask={{ closable: false }}
      width={screens.sm ? 640 : '100%'}
      forceRender
    >
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(error)} /> : null}
      <Form<TokenValues> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving} initialValues={{ permissions: [] }}>
        <Form.Item
          name="name"
          label={t('tokens.name')}
          extra={t('tokens.nameHint')}
          rules={[
            { required: true, whitespace: true, message: t('tokens.nameRequired') },
            { max: 100, message: t('tokens.nameTooLong') },
          ]}
        >
          <Input autoComplete="off" placeholder={t('tokens.namePlaceholder')} data-testid="token-name" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('tokens.expiresAt')} extra={t('tokens.expiresHint')}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            placeholder={t('tokens.never')}
            data-testid="token-expires"
          />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('tokens.permissions')}
          extra={t('tokens.permissionsHint')}
          rules={[{ type: 'array', min: 1, message: t('tokens.permissionsRequired') }]}
        >
          <PermissionChecklist only={held} data-testid="token-permissions" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Copies text; falls back to a hidden textarea where the Clipboard API is unavailable (plain http). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

/** The plain token, shown this once: the server keeps only its hash. */
export function TokenShownModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation('identity');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (token) setCopied(false);
  }, [token]);

  const copy = async () => {
    if (!token) return;
    if (await copyText(token.token)) {
      setCopied(true);
      message.success(t('tokens.copied'));
    } else {
      message.error(t('tokens.copyFailed'));
    }
  };

  return (
    <Modal
      open={Boolean(token)}
      title={t('tokens.shownTitle', { name: token?.name ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      width={screens.sm ? 600 : '100%'}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-done">
          {t('tokens.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('tokens.onceTitle')} description={t('tokens.onceHint')} />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          readOnly
          value={token?.token ?? ''}
          onFocus={(e) => e.target.select()}
          style={{ fontFamily: 'monospace' }}
          data-testid="token-value"
        />
        <Button type="primary" icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copy()} data-testid="token-copy">
          {copied ? t('tokens.copiedShort') : t('tokens.copy')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('tokens.usage')}
      </Typography.Paragraph>
      <Typography.Paragraph code copyable={false} style={{ marginBottom: 0, wordBreak: 'break-all' }}>
        Authorization: Bearer {token ? `${token.prefix}…` : ''}
      </Typography.Paragraph>
    </Modal>
  );
}
