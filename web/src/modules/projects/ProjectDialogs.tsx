import { Alert, App, Button, DatePicker, Form, type FormInstance, Input, InputNumber, Modal, Slider } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { applyFieldErrors, useErrorText, useInvalidate } from '../../components';
import { actionFields, fenToYuan, yuanToFen } from './format';
import type { ProjectAction, ProjectDetail } from './types';

interface ActionValues {
  text?: string;
  date?: Dayjs | null;
  cost?: number | null;
}

/** Shared tail of both dialogs: refresh the record, its log and the list; a stale version asks to reload. */
function useSubmit(project: ProjectDetail, onDone: () => void) {
  const { message } = App.useApp();
  const { t } = useTranslation('projects');
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <V,>(form: FormInstance<V>, call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      await invalidate('/projects', `/projects/${project.id}/updates`, '/audit');
      message.success(done);
      onDone();
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) setError(t('dialog.stale'));
      else if (!applyFieldErrors(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** One life-cycle step with what it asks for: a reason, the acceptance opinion, a day, the settled cost. */
export function ActionDialog({ project, action, onClose }: { project: ProjectDetail; action: ProjectAction | null; onClose: () => void }) {
  const { t } = useTranslation('projects');
  const [form] = Form.useForm<ActionValues>();
  const { busy, error, setError, run } = useSubmit(project, onClose);
  const fields = action ? actionFields(action) : null;

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
    const f = actionFields(action);
    form.setFieldsValue({
      date: f.date === 'actualStart' ? dayjs() : f.date === 'actualEnd' ? (project.actualEnd ? dayjs(project.actualEnd) : dayjs()) : null,
      cost: f.cost ? fenToYuan(project.actualCost) : null,
    });
  }, [action, project, form, setError]);

  const submit = (v: ActionValues) => {
    if (!action || !fields) return;
    const body = {
      version: project.version,
      ...(fields.text ? { [fields.text]: v.text?.trim() || null } : {}),
      ...(fields.date ? { [fields.date]: v.date ? v.date.format('YYYY-MM-DD') : null } : {}),
      ...(fields.cost ? { actualCost: yuanToFen(v.cost) } : {}),
    };
    void run(form, () => api.post(`/projects/${project.id}/actions/${action}`, body), t('dialog.done', { action: t(`action.${action}`) }));
  };

  const textLabel =
    fields?.text === 'reason' ? t(`dialog.reason.${action}`) : action === 'accept' ? t('field.acceptanceNote') : t('dialog.note');
  const textError = t('validation.required', { field: textLabel });

  return (
    <Modal
      open={action !== null}
      title={action ? t(`action.${action}`) : ''}
      onCancel={onClose}
      forceRender
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common:actions.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={action === 'cancel' || action === 'reject'} loading={busy} onClick={() => form.submit()}>
          {t('dialog.confirm')}
        </Button>,
      ]}
    >
      {action ? <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t(`dialog.hint.${action}`)} /> : null}
      <Form form={form} layout="vertical" name="project-action" onFinish={submit}>
        {fields?.date ? (
          <Form.Item
            name="date"
            label={t(`field.${fields.date}`)}
            rules={[
              {
                validator: (_r, v: Dayjs | null | undefined) =>
                  v?.isAfter(dayjs(), 'day') ? Promise.reject(new Error(t('validation.dateFuture'))) : Promise.resolve(),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {fields?.cost ? (
          <Form.Item
            name="cost"
            label={t('field.actualCostYuan')}
            rules={[{ type: 'number', min: 0, message: t('validation.notNegative', { field: t('field.actualCost') }) }]}
          >
            <InputNumber min={0} precision={2} step={1000} style={{ width: '100%' }} prefix="¥" />
          </Form.Item>
        ) : null}
        {fields?.text ? (
          <Form.Item
            name="text"
            label={textLabel}
            rules={[
              ...(fields.required ? [{ required: true, whitespace: true, message: textError }] : []),
              { max: 1000, message: t('validation.max', { max: 1000 }) },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Modal>
  );
}

interface ProgressValues {
  progress: number;
  note?: string;
}

/** 登记进度: the figure now (slider and number) and what was done; an unchanged figure needs a note. */
export function ProgressDialog({ project, open, onClose }: { project: ProjectDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('projects');
  const [form] = Form.useForm<ProgressValues>();
  const { busy, error, setError, run } = useSubmit(project, onClose);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue({ progress: project.progress });
  }, [open, project, form, setError]);

  const submit = (v: ProgressValues) =>
    void run(
      form,
      () => api.post(`/projects/${project.id}/updates`, { version: project.version, progress: v.progress, note: v.note?.trim() || null }),
      t('progress.saved'),
    );

  return (
    <Modal
      open={open}
      title={t('progress.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('dialog.confirm')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: busy }}
      forceRender
    >
      <Form form={form} layout="vertical" name="project-progress" onFinish={submit}>
        <Form.Item
          name="progress"
          label={t('field.progressPercent')}
          rules={[
            { required: true, message: t('validation.required', { field: t('field.progress') }) },
            { type: 'number', min: 0, max: 100, message: t('validation.progress') },
          ]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => (
            <Slider
              min={0}
              max={100}
              step={5}
              value={form.getFieldValue('progress') as number}
              onChange={(v) => form.setFieldValue('progress', v)}
              aria-label={t('field.progress')}
            />
          )}
        </Form.Item>
        <Form.Item
          name="note"
          label={t('progress.note')}
          dependencies={['progress']}
          rules={[
            { max: 2000, message: t('validation.max', { max: 2000 }) },
            {
              validator: (_r, v: string | undefined) =>
                form.getFieldValue('progress') === project.progress && !v?.trim()
                  ? Promise.reject(new Error(t('validation.noteWhenUnchanged')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input.TextArea rows={3} placeholder={t('progress.notePlaceholder')} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Modal>
  );
}
