import { Alert, App, Button, type ButtonProps, Checkbox, DatePicker, Form, Grid, Input, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDto } from '../../../../contracts/workorders';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { type VisitValues, visitBody } from './forms';
import { useEnumOptions } from './options';
import { COMPLAINT_CATEGORIES, type ReturnVisit, SATISFACTION, VISIT_METHODS } from './types';

/** statuses in which the server accepts a return visit */
const VISITABLE = new Set(['completed', 'rated']);

/**
 * 回访 for the work-order detail page: a button (shown to dispatchers of the order's
 * site once the work is 已完成 / 已评价) opening the visit form; a dissatisfied visit may
 * raise a complaint in the same step.
 */
export function ReturnVisitButton({
  workOrder,
  onDone,
  buttonProps,
}: {
  workOrder: WorkOrderDto;
  onDone: () => void;
  buttonProps?: ButtonProps;
}) {
  const { t } = useTranslation('servicedesk');
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!VISITABLE.has(workOrder.status) || !can('workorders:dispatch', workOrder.siteId)) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="return-visit" {...buttonProps}>
        {t('visit.record')}
      </Button>
      <ReturnVisitDialog
        workOrder={workOrder}
        open={open}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          onDone();
        }}
      />
    </>
  );
}

function ReturnVisitDialog({
  workOrder,
  open,
  onClose,
  onDone,
}: {
  workOrder: WorkOrderDto;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('servicedesk');
  const { message } = App.useApp();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<VisitValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const methods = useEnumOptions(VISIT_METHODS, 'visit.method');
  const results = useEnumOptions(SATISFACTION, 'satisfaction');
  const categories = useEnumOptions(COMPLAINT_CATEGORIES, 'category');
  const result = Form.useWatch('result', form);
  const raise = Form.useWatch('raiseComplaint', form);
  const mayComplain = can('complaints:manage', workOrder.siteId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form]);

  const submit = async (v: VisitValues) => {
    setBusy(true);
    setError(null);
    try {
      const visit = await api.post<ReturnVisit>(`/work-orders/${workOrder.id}/return-visits`, visitBody(v));
      await invalidate('/return-visits', `/work-orders/${workOrder.id}/return-visits`, '/complaints');
      message.success(visit.complaintNumber ? t('visit.savedWithComplaint', { number: visit.complaintNumber }) : t('visit.saved'));
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const select = (field: string) => [{ required: true, message: t('validation.select', { field }) }];

  return (
    <Modal
      open={open}
      title={`${t('visit.record')} · ${workOrder.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'return-visit-save' } as ButtonProps}
      cancelText={t('common:actions.cancel')}
      width={screens.sm ? 520 : '100%'}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        name="returnVisit"
        initialValues={{ method: 'phone', complaintCategory: 'quality' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="method" label={t('visit.methodLabel')} rules={select(t('visit.methodLabel'))}>
          <Radio.Group optionType="button" buttonStyle="solid" options={methods} />
        </Form.Item>
        <Form.Item name="result" label={t('visit.result')} rules={select(t('visit.result'))}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large" options={results} />
        </Form.Item>
        <Form.Item name="comment" label={t('visit.comment')} rules={[{ max: 1000, message: t('validation.max', { max: 1000 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="visitedAt" label={t('visit.visitedAt')} extra={t('visit.visitedHint')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="followUpNeeded" valuePropName="checked">
          <Checkbox>{t('visit.followUp')}</Checkbox>
        </Form.Item>
        {result === 'dissatisfied' && mayComplain ? (
          <>
            <Form.Item name="raiseComplaint" valuePropName="checked">
              <Checkbox data-testid="return-visit-complaint">{t('visit.raiseComplaint')}</Checkbox>
            </Form.Item>
            {raise ? (
              <>
                <Form.Item name="complaintCategory" label={t('field.category')} rules={select(t('field.category'))}>
                  <Select options={categories} />
                </Form.Item>
                <Form.Item
                  name="complaintSubject"
                  label={t('field.subject')}
                  extra={t('visit.subjectHint', { number: workOrder.number })}
                  rules={[{ max: 100, message: t('validation.max', { max: 100 }) }]}
                >
                  <Input />
                </Form.Item>
              </>
            ) : null}
          </>
        ) : null}
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
    </Modal>
  );
}
