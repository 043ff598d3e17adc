import { Alert, App, Form, Grid, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, UserSelect, useErrorText, useInvalidate } from '../../components';
import { type ActionValues, actionBody } from './forms';
import { useEnumOptions } from './options';
import { type Complaint, type ComplaintAction, SATISFACTION } from './types';

/** One step of a complaint (指派/处理/解决/关闭/重新处理) with the fields that step asks for. */
export function ComplaintActionDialog({
  complaint,
  action,
  onClose,
}: {
  complaint: Complaint;
  action: ComplaintAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('servicedesk');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const satisfaction = useEnumOptions(SATISFACTION, 'satisfaction');

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
  }, [action, form]);

  const submit = async (v: ActionValues) => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/complaints/${complaint.id}/actions/${action}`, actionBody(action, v, complaint.version));
      await invalidate('/complaints', '/hotline-calls');
      message.success(t('complaint.done', { action: t(`complaint.action.${action}`) }));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
      // someone else moved it on: show the page as it is now
      if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await invalidate('/complaints');
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('validation.required', { field }) },
    { max: 1000, message: t('validation.max', { max: 1000 }) },
  ];
  const optional = [{ max: 1000, message: t('validation.max', { max: 1000 }) }];

  return (
    <Modal
      open={action !== null}
      title={action ? `${t(`complaint.action.${action}`)} · ${complaint.number}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action ? t(`complaint.action.${action}`) : ''}
      okButtonProps={{ loading: busy }}
      cancelText={t('common:actions.cancel')}
      width={screens.sm ? 520 : '100%'}
      forceRender
    >
      <Form form={form} layout="vertical" name="complaintAction" onFinish={(v) => void submit(v)}>
        {action === 'assign' ? (
          <Form.Item
            name="handlerId"
            label={t('field.handler')}
            rules={[{ required: true, message: t('validation.select', { field: t('field.handler') }) }]}
          >
            <UserSelect
              params={{ siteId: complaint.siteId }}
              initialOptions={complaint.handlerId ? [{ value: complaint.handlerId, label: complaint.handlerName ?? '' }] : undefined}
            />
          </Form.Item>
        ) : null}
        {action === 'resolve' ? (
          <Form.Item name="resolution" label={t('field.resolution')} rules={required(t('field.resolution'))}>
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : null}
        {action === 'close' ? (
          <Form.Item name="satisfaction" label={t('field.satisfaction')} extra={t('complaint.satisfactionHint')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={satisfaction} />
          </Form.Item>
        ) : null}
        {action && action !== 'resolve' ? (
          <Form.Item
            name="note"
            label={t(action === 'reopen' ? 'complaint.reopenReason' : action === 'handle' ? 'complaint.handlingNote' : 'field.note')}
            rules={
              action === 'handle' || action === 'reopen'
                ? required(t(action === 'reopen' ? 'complaint.reopenReason' : 'complaint.handlingNote'))
                : optional
            }
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={
            isApiError(error, 'STALE_VERSION') || isApiError(error, 'ILLEGAL_TRANSITION') ? t('complaint.staleHint') : errorText(error)
          }
        />
      ) : null}
    </Modal>
  );
}
