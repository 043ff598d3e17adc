import { Alert, App, Button, Form, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { applyFieldErrors, SiteSelect, useErrorText } from '../../components';
import type { NumberingRule } from './types';

/** 预览下一个编号: what the next number of a rule would be now (for a site), without taking it. */
export function PreviewNumberDialog({ rule, onClose }: { rule: NumberingRule | null; onClose: () => void }) {
  const { t } = useTranslation('system');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const [form] = Form.useForm<{ siteId?: string }>();
  const [result, setResult] = useState<{ number: string; at: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!rule) return;
    setResult(null);
    form.setFieldsValue({ siteId: me.sites.length === 1 ? me.sites[0]?.id : undefined });
  }, [rule, form, me.sites]);

  const run = async ({ siteId }: { siteId?: string }) => {
    if (!rule) return;
    setBusy(true);
    try {
      setResult(await api.post<{ number: string; at: string }>(`/numbering-rules/${rule.id}/preview`, { siteId: siteId ?? null }));
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={rule !== null}
      onCancel={onClose}
      title={rule ? t('numbering.previewTitle', { name: rule.name }) : ''}
      footer={[
        <Button key="close" onClick={onClose}>
          {t('common:actions.close')}
        </Button>,
        <Button key="run" type="primary" loading={busy} onClick={() => form.submit()} data-testid="preview-run">
          {t('numbering.preview')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={run}>
        <Form.Item
          name="siteId"
          label={t('numbering.site')}
          extra={rule?.perSite ? t('numbering.perSiteHint') : t('numbering.siteOptional')}
          rules={rule?.perSite ? [{ required: true, message: t('numbering.siteRequired') }] : []}
        >
          <SiteSelect allowClear placeholder={t('numbering.site')} />
        </Form.Item>
      </Form>
      {result ? (
        <Alert
          type="success"
          showIcon
          title={
            <Typography.Text strong copyable style={{ fontSize: 20, fontFamily: 'monospace' }} data-testid="preview-number">
              {result.number}
            </Typography.Text>
          }
          description={t('numbering.previewHint', { at: dayjs(result.at).format('YYYY-MM-DD HH:mm') })}
        />
      ) : null}
    </Modal>
  );
}
