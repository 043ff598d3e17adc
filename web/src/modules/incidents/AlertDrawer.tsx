import { Col, DatePicker, Form, type FormInstance, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { FormDrawer, LocationSelect, RemoteSelect, UserSelect, useDictionary } from '../../components';
import { type AlertValues, alertBody, alertValues, apprehendedRequired, DATE_TIME, MAX_APPREHENDED, MAX_OFFICERS } from './logic';
import { useIncidentOptions } from './options';
import { ALERT_SOURCE_DICT, ALERT_TYPE_DICT, ALERTS, INCIDENTS, type Incident, OFFICERS, type SecurityAlert } from './types';

/**
 * 登记接警 (create) and 修改 (PUT /security-alerts/:id): when it came in and from where, what
 * and where it was, how it was handled and how it ended, how many people were caught
 * (at least one for 抓获 and 移交公安), which officers handled it and when it was over.
 * Laid out for a guard on a phone: one field per line, the usual answers as buttons.
 */
export function AlertDrawer({
  open,
  onClose,
  record,
  defaultSiteId,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  record: SecurityAlert | null;
  defaultSiteId?: string | null;
  onSaved?: (a: SecurityAlert) => void;
}) {
  const { t } = useTranslation('incidents');
  const me = useMe();
  const can = useCan();
  const sites = me.sites.filter((s) => can('security:log', s.id));
  const firstSite = defaultSiteId && sites.some((s) => s.id === defaultSiteId) ? defaultSiteId : sites[0]?.id;

  return (
    <FormDrawer<AlertValues, SecurityAlert, SecurityAlert>
      open={open}
      onClose={onClose}
      width={600}
      title={record ? t('alert.edit', { number: record.number }) : t('alerts.create')}
      resource={ALERTS}
      record={record}
      // the time a guard opens the form is when the alert is usually being taken
      initialValues={{ siteId: firstSite, receivedAt: dayjs().startOf('minute'), outcome: 'resolved', apprehendedCount: 0, officerIds: [] }}
      toValues={alertValues}
      toBody={(v) => alertBody(v, record?.siteId ?? v.siteId ?? '')}
      submit={(body, _mode, current) =>
        current ? api.put<SecurityAlert>(`${ALERTS}/${current.id}`, body) : api.post<SecurityAlert>(ALERTS, body)
      }
      invalidate={[OFFICERS, '/audit']}
      onSaved={(a) => onSaved?.(a)}
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
  form: FormInstance<AlertValues>;
  record: SecurityAlert | null;
  sites: { id: string; name: string; code: string }[];
}) {
  const { t } = useTranslation('incidents');
  const options = useIncidentOptions();
  const types = useDictionary(ALERT_TYPE_DICT);
  const sources = useDictionary(ALERT_SOURCE_DICT);
  const siteId = (Form.useWatch('siteId', form) as string | undefined) ?? record?.siteId;
  const outcome = Form.useWatch('outcome', form) as AlertValues['outcome'];
  const caught = apprehendedRequired(outcome);

  const required = (message: string) => ({ required: true, whitespace: true, message });
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) });

  return (
    <>
      {record ? null : (
        <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true, message: t('validation.site') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldsValue({ locationId: null, officerIds: [], incidentId: null })}
            data-testid="alert-site"
          />
        </Form.Item>
      )}
      <Form.Item
        name="receivedAt"
        label={t('field.receivedAt')}
        rules={[
          { required: true, message: t('validation.receivedAt') },
          {
            validator: (_r, v?: Dayjs | null) =>
              v?.isAfter(dayjs().add(5, 'minute')) ? Promise.reject(new Error(t('validation.receivedFuture'))) : Promise.resolve(),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={DATE_TIME}
          inputReadOnly
          style={{ width: '100%' }}
          data-testid="alert-received"
        />
      </Form.Item>
      <Form.Item name="source" label={t('field.source')} rules={[{ required: true, message: t('validation.source') }]}>
        <Radio.Group optionType="button" options={sources.options} data-testid="alert-source" />
      </Form.Item>
      <Form.Item name="type" label={t('field.alertType')} rules={[{ required: true, message: t('validation.alertType') }]}>
        <Radio.Group optionType="button" options={types.options} data-testid="alert-type" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="locationId" label={t('field.location')}>
            <LocationSelect siteId={siteId} placeholder={t('form.locationPlaceholder')} testId="alert-location" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="place" label={t('field.place')} rules={[max(200)]}>
            <Input maxLength={200} placeholder={t('form.placePlaceholder')} data-testid="alert-place" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('field.description')} rules={[required(t('validation.description')), max(2000)]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('form.descriptionPlaceholder')} data-testid="alert-description" />
      </Form.Item>
      <Form.Item name="handling" label={t('field.alertHandling')} rules={[max(5000)]}>
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('form.alertHandlingPlaceholder')} data-testid="alert-handling" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item name="outcome" label={t('field.outcome')} rules={[{ required: true, message: t('validation.outcome') }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={options.outcomes}
              onChange={(e) => {
                // 抓获 starts at one person; 已处置 catches nobody
                const next = e.target.value as AlertValues['outcome'];
                const count = form.getFieldValue('apprehendedCount') as number | null | undefined;
                if (apprehendedRequired(next) && !count) form.setFieldValue('apprehendedCount', 1);
                if (!apprehendedRequired(next)) form.setFieldValue('apprehendedCount', 0);
              }}
              data-testid="alert-outcome"
            />
          </Form.Item>
        </Col>
        {caught ? (
          <Col xs={24} sm={8}>
            <Form.Item
              name="apprehendedCount"
              label={t('field.apprehendedCount')}
              dependencies={['outcome']}
              rules={[
                {
                  validator: (_r, v?: number | null) =>
                    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_APPREHENDED
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.apprehendedCount'))),
                },
              ]}
            >
              <InputNumber
                min={1}
                max={MAX_APPREHENDED}
                precision={0}
                suffix={t('unit.people')}
                inputMode="numeric"
                style={{ width: '100%' }}
                data-testid="alert-apprehended"
              />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Form.Item
        name="officerIds"
        label={t('field.officers')}
        extra={t('form.officersHint')}
        rules={[
          { required: true, type: 'array', min: 1, message: t('validation.officers') },
          { type: 'array', max: MAX_OFFICERS, message: t('validation.officersMax') },
        ]}
      >
        <UserSelect
          mode="multiple"
          params={{ siteId }}
          disabled={!siteId}
          initialOptions={record?.officers.map((o) => ({ value: o.userId, label: o.name }))}
          placeholder={t('form.officersPlaceholder')}
          data-testid="alert-officers"
        />
      </Form.Item>
      <Form.Item
        name="closedAt"
        label={t('field.closedAt')}
        dependencies={['receivedAt']}
        rules={[
          {
            validator: (_r, v?: Dayjs | null) => {
              const from = form.getFieldValue('receivedAt') as Dayjs | null | undefined;
              if (v?.isAfter(dayjs().add(5, 'minute'))) return Promise.reject(new Error(t('validation.closedFuture')));
              return v && from && v.isBefore(from) ? Promise.reject(new Error(t('validation.closedBefore'))) : Promise.resolve();
            },
          },
        ]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} inputReadOnly style={{ width: '100%' }} data-testid="alert-closed" />
      </Form.Item>
      <Form.Item name="incidentId" label={t('field.incident')} extra={t('form.incidentHint')}>
        <RemoteSelect<Incident>
          resource={INCIDENTS}
          params={{ siteId }}
          disabled={!siteId}
          labelOf={(i) => `${i.number} ${i.title}`}
          initialOptions={record?.incidentId ? [{ value: record.incidentId, label: record.incidentNumber ?? '' }] : undefined}
          placeholder={t('form.incidentPlaceholder')}
          data-testid="alert-incident"
        />
      </Form.Item>
    </>
  );
}
