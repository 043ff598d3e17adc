import { Alert, App, type ButtonProps, Form, Grid, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { ALERTS, type AlertOfficer, type CommendationInput, OFFICERS, type SecurityAlert } from './types';

/** 表扬: one of the alert's officers and what they are commended for. */
export function CommendationDialog({
  alert,
  officers,
  open,
  onClose,
}: {
  alert: SecurityAlert;
  /** the alert's officers the person may commend (not themselves) */
  officers: AlertOfficer[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('incidents');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<CommendationInput>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const only = officers.length === 1 ? officers[0]?.userId : undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ officerId: only });
    setError(null);
  }, [open, form, only]);

  const save = async (v: CommendationInput) => {
    setSaving(true);
    setError(null);
    try {
      await api.post(`${ALERTS}/${alert.id}/commendations`, { officerId: v.officerId, note: v.note.trim() });
      message.success(t('commendation.saved'));
      await invalidate(ALERTS, OFFICERS, '/audit');
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('commendation.title', { number: alert.number })}
      okText={t('commendation.save')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'commendation-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={screens.sm ? 480 : '100%'}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('commendation.hint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
        <Form.Item
          name="officerId"
          label={t('commendation.officer')}
          rules={[{ required: true, message: t('validation.commendedOfficer') }]}
        >
          <Select options={officers.map((o) => ({ value: o.userId, label: o.name }))} data-testid="commendation-officer" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('commendation.note')}
          rules={[
            { required: true, whitespace: true, message: t('validation.commendationNote') },
            { max: 500, message: t('validation.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t('commendation.notePlaceholder')} data-testid="commendation-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
