import { useQuery } from '@tanstack/react-query';
import { Alert, Col, DatePicker, Form, type FormInstance, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, LocationSelect, RemoteSelect, UserSelect, useDictionary } from '../../components';
import {
  DATE_TIME,
  deadlineFor,
  deadlineState,
  deadlineText,
  type IncidentValues,
  incidentBody,
  incidentValues,
  MAX_LOSS_YUAN,
  text,
} from './logic';
import { INCIDENT_SETTINGS, INCIDENT_TYPE_DICT, INCIDENTS, type Incident, type IncidentSettings } from './types';

/** The organisation's incident settings (which types have a deadline); shared with the settings dialog's cache. */
export function useIncidentSettings(enabled = true) {
  return useQuery({
    queryKey: [INCIDENT_SETTINGS, 'record'],
    queryFn: ({ signal }) => api.get<IncidentSettings>(INCIDENT_SETTINGS, undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * 填报意外事件处理报告单 (create) and 修改 (PUT /incidents/:id while a draft or returned), in
 * the order of the paper form: what and when, where, who is responsible, summary, course,
 * cause, handling and result, losses. Saved as a draft or submitted for review at once.
 * Types with a deadline (消防报警故障: 不过夜) show it and whether the fix met it.
 * Corrective and preventive measures are action items, added on the detail page.
 */
export function IncidentDrawer({
  open,
  onClose,
  record,
  defaultSiteId,
  submitIntent = false,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  record: Incident | null;
  defaultSiteId?: string | null;
  /** opened from 提交审核 on an incomplete report: 提交审核 is chosen, so the form asks for what is missing */
  submitIntent?: boolean;
  onSaved?: (i: Incident) => void;
}) {
  const { t } = useTranslation('incidents');
  const me = useMe();
  const can = useCan();
  const sites = me.sites.filter((s) => can('incidents:report', s.id));
  const firstSite = defaultSiteId && sites.some((s) => s.id === defaultSiteId) ? defaultSiteId : sites[0]?.id;

  return (
    <FormDrawer<IncidentValues, Incident, Incident>
      open={open}
      onClose={onClose}
      width={640}
      title={record ? t('incident.edit', { number: record.number }) : t('incidents.create')}
      resource={INCIDENTS}
      record={record}
      initialValues={{ siteId: firstSite, responsibleMode: 'user', submit: false }}
      toValues={(r) => ({ ...incidentValues(r), submit: submitIntent && r.status !== 'submitted' })}
      toBody={(v) => incidentBody(v, record?.siteId ?? v.siteId ?? '')}
      editMethod="put"
      invalidate={['/audit']}
      onSaved={(i) => onSaved?.(i)}
    >
      {(form) => <Fields form={form} record={record} sites={sites} />}
    </FormDrawer>
  );
}

function Fields({
  form,
  record,
  sites,
}: {
  form: FormInstance<IncidentValues>;
  record: Incident | null;
  sites: { id: string; name: string; code: string; timezone?: string }[];
}) {
  const { t } = useTranslation('incidents');
  const me = useMe();
  const can = useCan();
  const types = useDictionary(INCIDENT_TYPE_DICT);
  const settings = useIncidentSettings();
  const siteId = (Form.useWatch('siteId', form) as string | undefined) ?? record?.siteId;
  const type = Form.useWatch('type', form) as string | undefined;
  const occurredAt = Form.useWatch('occurredAt', form) as Dayjs | null | undefined;
  const resolvedAt = Form.useWatch('resolvedAt', form) as Dayjs | null | undefined;
  const responsibleMode = (Form.useWatch('responsibleMode', form) as IncidentValues['responsibleMode']) ?? 'user';
  const submit = Form.useWatch('submit', form) as boolean | undefined;
  const zone = me.sites.find((s) => s.id === siteId)?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'Asia/Shanghai';
  const deadlineAt = deadlineFor(type, occurredAt ? occurredAt.toISOString() : null, settings.data, zone);
  const state = deadlineState({ deadlineAt, resolvedAt: resolvedAt ? resolvedAt.toISOString() : null });

  const required = (message: string) => ({ required: true, whitespace: true, message });
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });
  const notFuture = (message: string) => ({
    validator: (_r: unknown, v?: Dayjs | null) =>
      v?.isAfter(dayjs().add(5, 'minute')) ? Promise.reject(new Error(message)) : Promise.resolve(),
  });

  return (
    <>
      {record ? null : (
        <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true, message: t('validation.site') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldsValue({ locationId: null, responsibleId: null, workOrderId: null })}
            data-testid="incident-site"
          />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="type" label={t('field.type')} rules={[{ required: true, message: t('validation.type') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={types.options}
              loading={types.loading}
              placeholder={t('form.typePlaceholder')}
              data-testid="incident-type"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="occurredAt"
            label={t('field.occurredAt')}
            rules={[{ required: true, message: t('validation.occurredAt') }, notFuture(t('validation.occurredFuture'))]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={DATE_TIME}
              inputReadOnly
              style={{ width: '100%' }}
              data-testid="incident-occurred"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label={t('field.title')} rules={[required(t('validation.title')), max(200)]}>
        <Input maxLength={200} placeholder={t('form.titlePlaceholder')} data-testid="incident-title" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="locationId"
            label={t('field.location')}
            dependencies={['place', 'submit']}
            rules={[
              {
                validator: (_r, v?: string | null) =>
                  !form.getFieldValue('submit') || v || text(form.getFieldValue('place'))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('validation.where'))),
              },
            ]}
          >
            <LocationSelect siteId={siteId} placeholder={t('form.locationPlaceholder')} testId="incident-location" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="place" label={t('field.place')} rules={[max(200)]}>
            <Input maxLength={200} placeholder={t('form.placePlaceholder')} data-testid="incident-place" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('field.responsible')} required={false} style={{ marginBottom: 0 }}>
        <Form.Item name="responsibleMode" style={{ marginBottom: 8 }}>
          <Radio.Group
            optionType="button"
            size="small"
            options={[
              { value: 'user', label: t('form.responsibleUser') },
              { value: 'name', label: t('form.responsibleName') },
            ]}
            data-testid="incident-responsible-mode"
          />
        </Form.Item>
        {responsibleMode === 'user' ? (
          <Form.Item name="responsibleId">
            <UserSelect
              params={{ siteId }}
              disabled={!siteId}
              initialOptions={record?.responsibleId ? [{ value: record.responsibleId, label: record.responsibleName ?? '' }] : undefined}
              placeholder={t('form.responsiblePlaceholder')}
              data-testid="incident-responsible"
            />
          </Form.Item>
        ) : (
          <Form.Item name="responsibleName" rules={[required(t('validation.responsibleName')), max(100)]}>
            <Input maxLength={100} placeholder={t('form.responsibleNamePlaceholder')} data-testid="incident-responsible-name" />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="summary" label={t('field.summary')} rules={[required(t('validation.summary')), max(2000)]}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('form.summaryPlaceholder')} data-testid="incident-summary" />
      </Form.Item>
      <Form.Item
        name="course"
        label={t('field.course')}
        dependencies={['submit']}
        rules={[...(submit ? [required(t('validation.course'))] : []), max(5000)]}
      >
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('form.coursePlaceholder')} data-testid="incident-course" />
      </Form.Item>
      <Form.Item
        name="causeAnalysis"
        label={t('field.causeAnalysis')}
        dependencies={['submit']}
        rules={[...(submit ? [required(t('validation.causeAnalysis'))] : []), max(5000)]}
      >
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('form.causePlaceholder')} data-testid="incident-cause" />
      </Form.Item>
      <Form.Item
        name="handling"
        label={t('field.handling')}
        dependencies={['submit']}
        rules={[...(submit ? [required(t('validation.handling'))] : []), max(5000)]}
      >
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('form.handlingPlaceholder')} data-testid="incident-handling" />
      </Form.Item>
      <Form.Item
        name="resolvedAt"
        label={t('field.resolvedAt')}
        extra={t('form.resolvedHint')}
        dependencies={['occurredAt']}
        rules={[
          notFuture(t('validation.resolvedFuture')),
          {
            validator: (_r, v?: Dayjs | null) => {
              const from = form.getFieldValue('occurredAt') as Dayjs | null | undefined;
              return v && from && v.isBefore(from) ? Promise.reject(new Error(t('validation.resolvedBefore'))) : Promise.resolve();
            },
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={DATE_TIME}
          inputReadOnly
          style={{ width: '100%' }}
          data-testid="incident-resolved"
        />
      </Form.Item>
      {deadlineAt ? (
        <Alert
          type={state === 'in_time' ? 'success' : state === 'pending' ? 'info' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`form.deadline.${state}`, { deadline: deadlineText(deadlineAt, zone) })}
          description={t(settings.data?.deadlineMode === 'hours' ? 'form.deadlineHoursHint' : 'form.deadlineOvernightHint', {
            hours: settings.data?.deadlineHours,
          })}
          data-testid="incident-deadline-preview"
        />
      ) : null}
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item name="losses" label={t('field.losses')} rules={[max(2000)]}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('form.lossesPlaceholder')} data-testid="incident-losses" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name="lossYuan"
            label={t('field.lossAmount')}
            rules={[
              {
                validator: (_r, v?: number | null) =>
                  v === null || v === undefined || (v >= 0 && v <= MAX_LOSS_YUAN)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('validation.lossAmount'))),
              },
            ]}
          >
            <InputNumber<number>
              min={0}
              max={MAX_LOSS_YUAN}
              precision={2}
              prefix="¥"
              suffix={t('unit.yuan')}
              style={{ width: '100%' }}
              data-testid="incident-loss-amount"
            />
          </Form.Item>
        </Col>
      </Row>
      {can('workorders:read', siteId ?? null) ? (
        <Form.Item name="workOrderId" label={t('field.workOrder')} extra={t('form.workOrderHint')}>
          <RemoteSelect<{ id: string; number: string; description: string }>
            resource="/work-orders"
            params={{ siteId }}
            disabled={!siteId}
            labelOf={(w) => `${w.number} ${w.description.slice(0, 30)}`}
            initialOptions={record?.workOrderId ? [{ value: record.workOrderId, label: record.workOrderNumber ?? '' }] : undefined}
            placeholder={t('form.workOrderPlaceholder')}
            data-testid="incident-work-order"
          />
        </Form.Item>
      ) : null}
      {/* a reviewer changing a submitted report keeps it submitted */}
      <Form.Item
        hidden={record?.status === 'submitted'}
        name="submit"
        label={t('form.saveAs')}
        extra={t(submit ? 'form.submitHint' : 'form.draftHint')}
        style={{ marginTop: 8 }}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: false, label: t('form.asDraft') },
            { value: true, label: t('form.asSubmit') },
          ]}
          data-testid="incident-save-as"
        />
      </Form.Item>
    </>
  );
}
