import { Alert, App, type ButtonProps, Form, Grid, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';

export interface FireTarget {
  id: string;
  code: string;
  name: string;
  locationPath?: string | null;
}

interface Values {
  present: boolean;
  gaugeOk?: boolean;
  sealOk?: boolean;
  note?: string;
}

/** A big yes/no pair that a thumb can hit on a phone. */
function YesNo({ value, onChange, yes, no }: { value?: boolean; onChange?: (v: boolean) => void; yes: string; no: string }) {
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value as boolean)}
      optionType="button"
      buttonStyle="solid"
      size="large"
      style={{ display: 'flex' }}
      options={[
        { value: true, label: yes, style: { flex: 1, textAlign: 'center' } },
        { value: false, label: no, style: { flex: 1, textAlign: 'center' } },
      ]}
    />
  );
}

/** 月检: present, gauge in the green, seal intact (可使用、不遗失); not present flags the item lost. */
export function FireCheckDialog({ target, onClose }: { target: FireTarget | null; onClose: () => void }) {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const present = Form.useWatch('present', form);
  const gaugeOk = Form.useWatch('gaugeOk', form);
  const sealOk = Form.useWatch('sealOk', form);
  const usable = present === true && gaugeOk === true && sealOk === true;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ present: true, gaugeOk: true, sealOk: true });
    setError(null);
  }, [target, form]);

  const submit = async (v: Values) => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await api.post('/fire-checks', {
        assetId: target.id,
        present: v.present,
        gaugeOk: v.present ? v.gaugeOk : undefined,
        sealOk: v.present ? v.sealOk : undefined,
        note: v.note?.trim() || undefined,
      });
      await invalidate('/fire-equipment', '/fire-checks', '/assets');
      message.success(t('fire.checkSaved', { name: target.name }));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, message: t('validation.select', { field }) }];

  return (
    <Modal
      open={target !== null}
      title={t('fire.check')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('fire.saveCheck')}
      okButtonProps={{ loading: busy, size: 'large', 'data-testid': 'fire-check-save' } as ButtonProps}
      cancelButtonProps={{ size: 'large' }}
      cancelText={t('common:actions.cancel')}
      width={screens.sm ? 480 : '100%'}
      forceRender
    >
      {target ? (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }} size={2}>
          <Typography.Text strong>
            {target.name} <Typography.Text type="secondary">{target.code}</Typography.Text>
          </Typography.Text>
          {target.locationPath ? <Typography.Text type="secondary">{target.locationPath}</Typography.Text> : null}
        </Space>
      ) : null}
      <Form form={form} layout="vertical" name="fireCheck" onFinish={(v) => void submit(v)}>
        <Form.Item name="present" label={t('fire.present')} rules={required(t('fire.present'))}>
          <YesNo yes={t('fire.presentYes')} no={t('fire.presentNo')} />
        </Form.Item>
        {present === false ? (
          <Alert type="warning" showIcon title={t('fire.notPresentHint')} style={{ marginBottom: 16 }} />
        ) : (
          <>
            <Form.Item name="gaugeOk" label={t('fire.gaugeOk')} rules={required(t('fire.gaugeOk'))}>
              <YesNo yes={t('fire.gaugeGreen')} no={t('fire.gaugeBad')} />
            </Form.Item>
            <Form.Item name="sealOk" label={t('fire.sealOk')} rules={required(t('fire.sealOk'))}>
              <YesNo yes={t('fire.sealYes')} no={t('fire.sealNo')} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('fire.note')} rules={[{ max: 500, message: t('validation.max', { max: 500 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Typography.Text>
          {t('fire.result')}
          {usable ? <Tag color="success">{t('fire.usable')}</Tag> : <Tag color="error">{t('fire.notUsable')}</Tag>}
        </Typography.Text>
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}
