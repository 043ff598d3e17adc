import { Alert, App, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, RemoteSelect, UserSelect, useErrorText, useInvalidate } from '../../components';
import type { Asset } from './types';

interface Values {
  toUserId: string;
  toDepartmentId?: string;
  reason?: string;
}

/** 发起交接: hands the chosen assets to another person, who confirms in 责任交接. */
export function TransferDialog({
  open,
  assets,
  onClose,
  onDone,
}: {
  open: boolean;
  assets: Asset[];
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const holders = [...new Set(assets.map((a) => a.custodianId).filter((id): id is string => Boolean(id)))];

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/custody-transfers', {
        assetIds: assets.map((a) => a.id),
        toUserId: v.toUserId,
        toDepartmentId: v.toDepartmentId ?? null,
        reason: v.reason?.trim() || null,
      });
      await invalidate('/custody-transfers', '/my/assets');
      message.success(t('custody.sent'));
      onDone?.();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('custody.transfer')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('custody.send')}
      okButtonProps={{ loading: busy, disabled: assets.length === 0 }}
      cancelText={t('common:actions.cancel')}
      forceRender
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('custody.assetsToTransfer', { count: assets.length })}
          <Typography.Text type="secondary">
            {assets
              .slice(0, 5)
              .map((a) => `${a.code} ${a.name}`)
              .join('、')}
            {assets.length > 5 ? t('custody.andMore', { count: assets.length - 5 }) : ''}
          </Typography.Text>
        </Typography.Paragraph>
        <Form form={form} layout="vertical" name="transfer" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="toUserId"
            label={t('custody.receiver')}
            rules={[{ required: true, message: t('validation.select', { field: t('custody.receiver') }) }]}
          >
            <UserSelect exclude={holders.length === 1 ? holders : []} data-testid="transfer-receiver" />
          </Form.Item>
          <Form.Item name="toDepartmentId" label={t('custody.receiverDepartment')}>
            <RemoteSelect<{ id: string; code: string; name: string }>
              resource="/departments"
              params={{ active: '1' }}
              labelOf={(d) => `${d.name}（${d.code}）`}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('custody.reason')} rules={[{ max: 500, message: t('validation.max', { max: 500 }) }]}>
            <Input.TextArea rows={3} placeholder={t('custody.reasonPlaceholder')} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      </Space>
    </Modal>
  );
}
