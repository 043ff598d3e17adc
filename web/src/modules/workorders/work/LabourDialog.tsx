import { Alert, App, DatePicker, Form, Grid, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LABOUR_KINDS, type LabourDto, type LabourKind } from '../../../../../contracts/workorders';
import { api, isApiError } from '../../../app/api';
import { applyFieldErrors, UserSelect, useErrorText } from '../../../components';
import { minutesBetween } from './format';

interface Values {
  userId?: string;
  kind: LabourKind;
  mode: 'range' | 'minutes';
  startedAt?: Dayjs | null;
  endedAt?: Dayjs | null;
  minutes?: number | null;
  note?: string;
}

export interface LabourDialogProps {
  workOrderId: string;
  /** null = a new entry; undefined = closed */
  entry: LabourDto | null | undefined;
  /** dispatchers choose the technician; technicians log their own */
  chooseUser: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const MAX_MINUTES = 1440;

/** 登记工时: start and end (minutes follow) or minutes alone, and the kind of time. */
export function LabourDialog({ workOrderId, entry, chooseUser, onClose, onSaved }: LabourDialogProps) {
  const { t } = useTranslation('wowork');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mode = Form.useWatch('mode', form);
  const start = Form.useWatch('startedAt', form);
  const end = Form.useWatch('endedAt', form);
  const open = entry !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    if (entry) {
      form.setFieldsValue({
        userId: entry.userId,
        kind: entry.kind,
        mode: entry.startedAt ? 'range' : 'minutes',
        startedAt: entry.startedAt ? dayjs(entry.startedAt) : null,
        endedAt: entry.endedAt ? dayjs(entry.endedAt) : null,
        minutes: entry.startedAt ? null : entry.minutes,
        note: entry.note ?? '',
      });
    } else {
      form.setFieldsValue({ kind: 'effective', mode: 'range', endedAt: dayjs().second(0) });
    }
  }, [open, entry, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const range = v.mode === 'range';
    const body = {
      ...(chooseUser && v.userId ? { userId: v.userId } : {}),
      kind: v.kind,
      startedAt: range && v.startedAt ? v.startedAt.toISOString() : null,
      endedAt: range && v.endedAt ? v.endedAt.toISOString() : null,
      minutes: range ? null : (v.minutes ?? null),
      note: v.note?.trim() || null,
    };
    try {
      if (entry) await api.patch(`/work-orders/${workOrderId}/labour/${entry.id}`, { ...body, version: entry.version });
      else await api.post(`/work-orders/${workOrderId}/labour`, body);
      message.success(t('labour.saved'));
      onSaved();
      onClose();
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) {
        // someone changed the entry meanwhile: show the stored one rather than overwrite it
        message.warning(t('common:form.stale'));
        onSaved();
        onClose();
      } else if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const computed = mode === 'range' ? minutesBetween(start?.toDate(), end?.toDate()) : null;
  const requiredTime = (field: string) => ({ required: true, message: t('validation.select', { field }) });

  return (
    <Modal
      open={open}
      title={entry ? t('labour.edit') : t('labour.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common:actions.cancel')}
      width={screens.sm ? 480 : '100%'}
      forceRender
    >
      <Form form={form} layout="vertical" name="labourEntry" onFinish={(v) => void submit(v)}>
        {chooseUser ? (
          <Form.Item name="userId" label={t('labour.user')}>
            <UserSelect placeholder={t('labour.self')} initialOptions={entry ? [{ value: entry.userId, label: entry.userName }] : []} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="kind"
          label={t('labour.kind')}
          rules={[{ required: true, message: t('validation.select', { field: t('labour.kind') }) }]}
        >
          <Select options={LABOUR_KINDS.map((k) => ({ value: k, label: t(`labour.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="mode" label={t('labour.mode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'range', label: t('labour.modeRange') },
              { value: 'minutes', label: t('labour.modeMinutes') },
            ]}
          />
        </Form.Item>
        {mode === 'minutes' ? (
          <Form.Item
            name="minutes"
            label={t('labour.minutes')}
            rules={[
              { required: true, message: t('validation.required', { field: t('labour.minutes') }) },
              { type: 'integer', min: 1, max: MAX_MINUTES, message: t('validation.minutesRange') },
            ]}
          >
            <InputNumber min={1} max={MAX_MINUTES} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="startedAt" label={t('labour.startedAt')} rules={[requiredTime(t('labour.startedAt'))]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="endedAt"
              label={t('labour.endedAt')}
              dependencies={['startedAt']}
              extra={computed !== null ? t('labour.computed', { count: computed }) : undefined}
              rules={[
                requiredTime(t('labour.endedAt')),
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null) => {
                    const from = getFieldValue('startedAt') as Dayjs | null;
                    if (!value || !from) return Promise.resolve();
                    if (!value.isAfter(from)) return Promise.reject(new Error(t('validation.endAfterStart')));
                    if (value.isAfter(dayjs())) return Promise.reject(new Error(t('validation.notFuture')));
                    if (value.diff(from, 'minute') > MAX_MINUTES) return Promise.reject(new Error(t('validation.entryTooLong')));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('labour.note')} rules={[{ max: 500, message: t('validation.max', { max: 500 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
    </Modal>
  );
}
