import { Alert, App, Button, Drawer, Flex, Form, type FormInstance, Grid } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../app/api';
import { applyFieldErrors } from './formErrors';
import { useInvalidate } from './hooks';
import { useErrorText } from './useErrorText';

export interface VersionedRecord {
  id: string;
  version: number;
}

export type FormMode = 'create' | 'edit';

export interface FormDrawerProps<V extends object, R, Rec extends VersionedRecord> {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  /** collection path under /api/v1: create = POST resource, edit = PATCH (or `editMethod`) resource/:id with version */
  resource: string;
  /** how an edit is sent: PATCH (default) or PUT, for resources whose edits replace the whole record (plans, points) */
  editMethod?: 'patch' | 'put';
  /** the record being edited; absent/null = create */
  record?: Rec | null;
  /** record → form values (default: the record as is) */
  toValues?: (record: Rec) => Partial<V>;
  /** form values for a new record */
  initialValues?: Partial<V>;
  /** form values → request body (default: the values); `version` is added on edit */
  toBody?: (values: V, mode: FormMode) => object;
  /** replaces the default POST/PATCH */
  submit?: (body: object, mode: FormMode, record: Rec | null) => Promise<R>;
  onSaved?: (result: R, mode: FormMode) => void;
  /** other resources to refresh after saving (the own resource always is) */
  invalidate?: string[];
  width?: number;
  /** Form.Items; a function receives the form for dependent fields */
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}

/**
 * Create/edit form in a side drawer. Server field errors land under their fields,
 * anything else shows above the form; a 409 STALE_VERSION offers to reload the
 * latest record (the person's unsaved edits are then replaced by what is stored).
 */
export function FormDrawer<V extends object, R = unknown, Rec extends VersionedRecord = VersionedRecord>(
  props: FormDrawerProps<V, R, Rec>,
) {
  const { open, onClose, record, resource, toValues, initialValues } = props;
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<V>();
  const [current, setCurrent] = useState<Rec | null>(record ?? null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const mode: FormMode = current ? 'edit' : 'create';

  const fill = (rec: Rec | null) => {
    form.resetFields();
    form.setFieldsValue((rec ? (toValues ? toValues(rec) : rec) : (initialValues ?? {})) as Parameters<typeof form.setFieldsValue>[0]);
  };

  // each opening starts from the given record (or the create defaults)
  // biome-ignore lint/correctness/useExhaustiveDependencies: refill only when opened or the record changes
  useEffect(() => {
    if (!open) return;
    setCurrent(record ?? null);
    setError(null);
    fill(record ?? null);
  }, [open, record]);

  const stale = isApiError(error, 'STALE_VERSION');

  const reload = async () => {
    if (!current) return;
    setReloading(true);
    try {
      const latest = await api.get<Rec>(`${resource}/${current.id}`);
      setCurrent(latest);
      fill(latest);
      setError(null);
      await invalidate(resource);
    } catch (err) {
      setError(err);
    } finally {
      setReloading(false);
    }
  };

  const save = async (values: V) => {
    setSaving(true);
    setError(null);
    try {
      const body = props.toBody ? props.toBody(values, mode) : values;
      const result = props.submit
        ? await props.submit(current ? { ...body, version: current.version } : body, mode, current)
        : current
          ? await api[props.editMethod ?? 'patch']<R>(`${resource}/${current.id}`, { ...body, version: current.version })
          : await api.post<R>(resource, body);
      await invalidate(resource, ...(props.invalidate ?? []));
      message.success(t(mode === 'create' ? 'form.created' : 'form.saved'));
      props.onSaved?.(result, mode);
      onClose();
    } catch (err) {
      const allPlaced = applyFieldErrors(form, err);
      if (!allPlaced) setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={props.title}
      size={screens.sm ? (props.width ?? 520) : '100%'}
      forceRender
      mask={{ closable: !saving }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={saving}>
            {t('actions.cancel')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} disabled={stale} data-testid="form-submit">
            {t('actions.save')}
          </Button>
        </Flex>
      }
    >
      {error ? (
        <Alert
          type={stale ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={stale ? t('form.stale') : errorText(error)}
          description={stale ? t('form.staleHint') : undefined}
          action={
            stale ? (
              <Button size="small" type="primary" loading={reloading} onClick={() => void reload()}>
                {t('form.reload')}
              </Button>
            ) : undefined
          }
          data-testid="form-error"
        />
      ) : null}
      <Form<V> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving} scrollToFirstError>
        {typeof props.children === 'function' ? props.children(form) : props.children}
      </Form>
    </Drawer>
  );
}
