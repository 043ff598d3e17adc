import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { useDictionaryOptions } from './options';
import type { Notice, NoticeAction } from './types';

type Step = Exclude<NoticeAction, 'mark_overdue'>;

interface Values {
  note?: string;
  reason?: string;
  category?: string;
  urgency?: string;
  description?: string;
}

/** Every step asks for something (a note, a reason, the repair's category) or at least a confirmation. */
function StepDialog({ notice, step, onClose }: { notice: Notice; step: Step | null; onClose: () => void }) {
  const { t } = useTranslation('counters');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const categories = useDictionaryOptions('repair_category');
  const urgencies = useDictionaryOptions('urgency');

  const submit = async (v: Values) => {
    if (!step) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/counter-notices/${notice.id}/actions/${step}`, { version: notice.version, ...v });
      message.success(t(`actionDone.${step}`));
      await invalidate('/counter-notices', '/counters', '/work-orders');
      form.resetFields();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('validation.required', { field }) }];
  return (
    <Modal
      open={step !== null}
      title={step ? t(`action.${step}`) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={step ? t(`action.${step}`) : ''}
      okButtonProps={{ loading: busy, danger: step === 'cancel' || step === 'reject' }}
      cancelText={t('common:actions.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ urgency: 'normal' }}>
        {step === 'rectify' ? (
          <Form.Item name="note" label={t('notice.rectifyNote')} extra={t('notice.rectifyHint')} rules={required(t('notice.rectifyNote'))}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        ) : null}
        {step === 'reject' || step === 'cancel' ? (
          <Form.Item name="reason" label={t('notice.reason')} rules={required(t('notice.reason'))}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        ) : null}
        {step === 'verify' ? <p>{t('notice.verifyConfirm', { number: notice.number })}</p> : null}
        {step === 'convert' ? (
          <>
            <p>{t('notice.convertHint')}</p>
            <Form.Item
              name="category"
              label={t('notice.category')}
              rules={[{ required: true, message: t('validation.select', { field: t('notice.category') }) }]}
            >
              <Select options={categories.options} loading={categories.loading} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
            <Form.Item name="urgency" label={t('notice.urgency')}>
              <Select options={urgencies.options} loading={urgencies.loading} />
            </Form.Item>
            <Form.Item name="description" label={t('notice.repairDescription')} extra={t('notice.repairDescriptionHint')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
      </Form>
      {error ? <div style={{ color: 'var(--ant-color-error)' }}>{error}</div> : null}
    </Modal>
  );
}

/** The buttons for the steps the server says this person may take now. */
export function NoticeActions({ notice }: { notice: Notice }) {
  const { t } = useTranslation('counters');
  const [step, setStep] = useState<Step | null>(null);
  const steps = notice.actions.filter((a): a is Step => a !== 'mark_overdue');
  if (!steps.length) return null;
  return (
    <>
      <Space wrap>
        {steps.map((a) => (
          <Button
            key={a}
            type={a === 'rectify' || a === 'verify' ? 'primary' : 'default'}
            danger={a === 'cancel' || a === 'reject'}
            onClick={() => setStep(a)}
            data-testid={`notice-${a}`}
          >
            {t(`action.${a}`)}
          </Button>
        ))}
      </Space>
      <StepDialog notice={notice} step={step} onClose={() => setStep(null)} />
    </>
  );
}
