import { Alert, App, DatePicker, Form, Grid, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import type { FireTarget } from './FireCheckDialog';

export const SERVICE_KINDS = ['service', 'inspection', 'replace'] as const;

interface Values {
  servicedOn: Dayjs;
  kind: (typeof SERVICE_KINDS)[number];
  vendor?: string;
  note?: string;
  /** replace: the new unit's production date */
  productionDate?: Dayjs | null;
}

/** 维保登记: a service, inspection or replacement; the next service date is computed from it. */
export function FireServiceDialog({ target, onClose }: { target: FireTarget | null; onClose: () => void }) {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ servicedOn: dayjs(), kind: 'service' });
    setError(null);
  }, [target, form]);

  const submit = async (v: Values) => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await api.post('/fire-services', {
        assetId: target.id,
        servicedOn: v.servicedOn.format('YYYY-MM-DD'),
        kind: v.kind,
        vendor: v.vendor?.trim() || undefined,
        note: v.note?.trim() || undefined,
        productionDate: v.kind === 'replace' && v.productionDate ? v.productionDate.format('YYYY-MM-DD') : undefined,
      });
      await invalidate('/fire-equipment', '/fire-services', '/assets');
      message.success(t('fire.serviceSaved', { name: target.name }));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={t('fire.service')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common:actions.cancel')}
      width={screens.sm ? 480 : '100%'}
      forceRender
    >
      {target ? (
        <Typography.Paragraph strong>
          {target.name} <Typography.Text type="secondary">{target.code}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" name="fireService" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="servicedOn"
          label={t('fire.servicedOn')}
          rules={[{ required: true, message: t('validation.select', { field: t('fire.servicedOn') }) }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('fire.serviceKind')}
          rules={[{ required: true, message: t('validation.select', { field: t('fire.serviceKind') }) }]}
        >
          <Select options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`fire.serviceKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['kind']}>
          {() =>
            form.getFieldValue('kind') === 'replace' ? (
              <Form.Item
                name="productionDate"
                label={t('fire.newProductionDate')}
                extra={t('fire.newProductionDateHint')}
                rules={[{ required: true, message: t('validation.select', { field: t('fire.newProductionDate') }) }]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="vendor" label={t('fire.vendor')} rules={[{ max: 100, message: t('validation.max', { max: 100 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t('fire.note')} rules={[{ max: 500, message: t('validation.max', { max: 500 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
    </Modal>
  );
}
