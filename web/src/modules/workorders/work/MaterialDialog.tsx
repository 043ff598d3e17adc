import { Alert, App, Col, Form, Grid, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_SUPPLIERS, type MaterialDto, type MaterialSupplier } from '../../../../../contracts/workorders';
import { api, isApiError } from '../../../app/api';
import { applyFieldErrors, useErrorText } from '../../../components';
import { fromFen, toFen, yuan } from './format';

interface Values {
  name: string;
  spec?: string;
  quantity: number;
  unit: string;
  /** yuan as typed; sent as fen */
  unitPrice: number;
  suppliedBy: MaterialSupplier;
}

export interface MaterialDialogProps {
  workOrderId: string;
  /** null = a new line; undefined = closed */
  line: MaterialDto | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** 登记材料: one line with name, spec, quantity, unit, unit price in yuan and who supplied it. */
export function MaterialDialog({ workOrderId, line, onClose, onSaved }: MaterialDialogProps) {
  const { t } = useTranslation('wowork');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const quantity = Form.useWatch('quantity', form);
  const price = Form.useWatch('unitPrice', form);
  const open = line !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue(
      line
        ? {
            name: line.name,
            spec: line.spec ?? '',
            quantity: line.quantity,
            unit: line.unit,
            unitPrice: fromFen(line.unitPrice),
            suppliedBy: line.suppliedBy,
          }
        : { quantity: 1, suppliedBy: 'department' },
    );
  }, [open, line, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      name: v.name.trim(),
      spec: v.spec?.trim() || null,
      quantity: v.quantity,
      unit: v.unit.trim(),
      unitPrice: toFen(v.unitPrice),
      suppliedBy: v.suppliedBy,
    };
    try {
      if (line) await api.patch(`/work-orders/${workOrderId}/materials/${line.id}`, { ...body, version: line.version });
      else await api.post(`/work-orders/${workOrderId}/materials`, body);
      message.success(t('materials.saved'));
      onSaved();
      onClose();
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) {
        message.warning(t('common:form.stale'));
        onSaved();
        onClose();
      } else if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const amount = typeof quantity === 'number' && typeof price === 'number' ? yuan(Math.round(quantity * toFen(price))) : null;
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });

  return (
    <Modal
      open={open}
      title={line ? t('materials.edit') : t('materials.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common:actions.cancel')}
      width={screens.sm ? 520 : '100%'}
      forceRender
    >
      <Form form={form} layout="vertical" name="materialLine" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="name"
          label={t('materials.name')}
          rules={[required(t('materials.name')), { max: 100, message: t('validation.max', { max: 100 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="spec" label={t('materials.spec')} rules={[{ max: 100, message: t('validation.max', { max: 100 }) }]}>
          <Input />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item
              name="quantity"
              label={t('materials.quantity')}
              rules={[
                { required: true, message: t('validation.required', { field: t('materials.quantity') }) },
                { type: 'number', min: 0.001, message: t('validation.quantityPositive') },
              ]}
            >
              <InputNumber min={0.001} max={1_000_000} precision={3} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="unit"
              label={t('materials.unit')}
              rules={[required(t('materials.unit')), { max: 20, message: t('validation.max', { max: 20 }) }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="unitPrice"
              label={t('materials.unitPrice')}
              extra={amount ? `${t('materials.amount')} ${amount}` : undefined}
              rules={[
                { required: true, message: t('validation.required', { field: t('materials.unitPrice') }) },
                { type: 'number', min: 0, message: t('validation.priceMin') },
              ]}
            >
              <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="suppliedBy"
              label={t('materials.suppliedBy')}
              rules={[{ required: true, message: t('validation.select', { field: t('materials.suppliedBy') }) }]}
            >
              <Select options={MATERIAL_SUPPLIERS.map((s) => ({ value: s, label: t(`materials.suppliers.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
    </Modal>
  );
}
