import { Col, DatePicker, Divider, Form, type FormInstance, Input, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocationSelect, UserSelect } from '../../components';
import type { DrillValues } from './logic';
import { useDrillTypes } from './options';
import { ParticipantsEditor } from './ParticipantsEditor';

export const DATE_TIME = 'YYYY-MM-DD HH:mm';

/** Two fields side by side on wider screens, stacked on a phone. */
export function Pair({ children }: { children: [ReactNode, ReactNode] }) {
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12}>
        {children[0]}
      </Col>
      <Col xs={24} sm={12}>
        {children[1]}
      </Col>
    </Row>
  );
}

export function useDrillRules() {
  const { t } = useTranslation('drills');
  return {
    required: (field: string): Rule => ({ required: true, whitespace: true, message: t('validation.required', { field }) }),
    chosen: (field: string): Rule => ({ required: true, message: t('validation.select', { field }) }),
    max: (n: number): Rule => ({ max: n, message: t('validation.max', { max: n }) }),
  };
}

/** The place of a drill: a location of the site's tree and/or a place in words (东门广场). */
export function PlaceFields({ siteId }: { siteId: string | undefined }) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  return (
    <Pair>
      <Form.Item name="locationId" label={t('field.location')}>
        <LocationSelect siteId={siteId} placeholder={t('form.locationPlaceholder')} testId="drill-location" />
      </Form.Item>
      <Form.Item name="place" label={t('field.place')} rules={[rules.max(200)]}>
        <Input maxLength={200} placeholder={t('form.placePlaceholder')} data-testid="drill-place" />
      </Form.Item>
    </Pair>
  );
}

/** The commander (总指挥): a user of the drill's site. */
export function CommanderField({
  siteId,
  current,
  required,
}: {
  siteId: string | undefined;
  current?: { id: string | null; name: string | null } | null;
  required?: boolean;
}) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  return (
    <Form.Item name="commanderId" label={t('field.commander')} rules={required ? [rules.chosen(t('field.commander'))] : []}>
      <UserSelect
        allowClear={!required}
        params={{ siteId }}
        disabled={!siteId}
        initialOptions={current?.id && current.name ? [{ value: current.id, label: current.name }] : undefined}
        placeholder={t('form.commanderPlaceholder')}
        data-testid="drill-commander"
      />
    </Form.Item>
  );
}

/** 开始时间 / 结束时间, the end after the start. */
export function TimesFields({ form }: { form: FormInstance<DrillValues> }) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  return (
    <Pair>
      <Form.Item name="startedAt" label={t('field.startedAt')} rules={[rules.chosen(t('field.startedAt'))]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={DATE_TIME}
          inputReadOnly
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          data-testid="drill-started"
        />
      </Form.Item>
      <Form.Item
        name="endedAt"
        label={t('field.endedAt')}
        dependencies={['startedAt']}
        rules={[
          rules.chosen(t('field.endedAt')),
          {
            validator: (_, end: Dayjs | null) => {
              const start = form.getFieldValue('startedAt') as Dayjs | null;
              return !end || !start || end.isAfter(start) ? Promise.resolve() : Promise.reject(new Error(t('validation.endAfterStart')));
            },
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={DATE_TIME}
          inputReadOnly
          style={{ width: '100%' }}
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          data-testid="drill-ended"
        />
      </Form.Item>
    </Pair>
  );
}

/** The record part of a drill form: times, participants by group, preparation. */
export function RecordFields({ form }: { form: FormInstance<DrillValues> }) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('form.recordPart')}
      </Divider>
      <TimesFields form={form} />
      <Form.Item label={t('field.participants')} required>
        <ParticipantsEditor />
      </Form.Item>
      <Form.Item name="preparation" label={t('field.preparation')} rules={[rules.max(2000)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder={t('form.preparationPlaceholder')} />
      </Form.Item>
    </>
  );
}

/** The plan part: type, title, scenario, planned time. */
export function PlanPartFields({ plannedRequired, plannedLocked }: { plannedRequired: boolean; plannedLocked?: boolean }) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  const types = useDrillTypes();
  return (
    <>
      <Pair>
        <Form.Item name="type" label={t('field.type')} rules={[rules.chosen(t('field.type'))]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={types.options} loading={types.loading} data-testid="drill-type" />
        </Form.Item>
        <Form.Item
          name="plannedAt"
          label={t('field.plannedAt')}
          rules={plannedRequired ? [rules.chosen(t('field.plannedAt'))] : []}
          extra={plannedLocked ? t('form.plannedLocked') : plannedRequired ? undefined : t('form.plannedAtHint')}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={DATE_TIME}
            inputReadOnly
            disabled={plannedLocked}
            style={{ width: '100%' }}
            data-testid="drill-planned"
          />
        </Form.Item>
      </Pair>
      <Form.Item name="title" label={t('field.title')} rules={[rules.required(t('field.title')), rules.max(200)]}>
        <Input maxLength={200} placeholder={t('form.titlePlaceholder')} data-testid="drill-title" />
      </Form.Item>
      <Form.Item name="scenario" label={t('field.scenario')} rules={[rules.required(t('field.scenario')), rules.max(2000)]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('form.scenarioPlaceholder')}
          data-testid="drill-scenario"
        />
      </Form.Item>
    </>
  );
}
