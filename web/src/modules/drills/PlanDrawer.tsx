import { Divider, Form, type FormInstance, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { FormDrawer } from '../../components';
import { defaultRecurrence, RecurrenceEditor } from '../../components/RecurrenceEditor';
import { normaliseRecurrence } from '../../components/recurrenceText';
import { CommanderField, Pair, PlaceFields, useDrillRules } from './DrillFields';
import { text } from './logic';
import { useDrillTypes } from './options';
import { type DrillPlan, type DrillPlanInput, PLANS, type Recurrence } from './types';

interface Values {
  siteId: string;
  name: string;
  type: string;
  scenario: string;
  locationId?: string | null;
  place?: string | null;
  commanderId?: string | null;
  recurrence: Recurrence;
  windowHours: number;
  leadDays: number;
}

/** 消防疏散 twice a week: Tuesday and Friday at 10:00, the starting point of a new plan. */
const twiceAWeek = (): Recurrence => ({ ...defaultRecurrence(), freq: 'weekly', weekdays: [2, 5], times: ['10:00'] });

/**
 * New drill plan, or edit one (PUT with version; the occurrence engine changes future
 * planned drills only): name, type, scenario, place, commander, when it recurs, how long
 * after the planned time a drill still counts, and how early it is raised.
 */
export function PlanDrawer(props: { open: boolean; onClose: () => void; record: DrillPlan | null; onSaved?: (p: DrillPlan) => void }) {
  const { t } = useTranslation('drills');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const { record } = props;
  const sites = me.sites.filter((s) => can('drills:manage', s.id));
  const firstSite = sites.find((s) => s.id === selected)?.id ?? sites[0]?.id;

  return (
    <FormDrawer<Values, DrillPlan, DrillPlan>
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={record ? t('planForm.edit', { name: record.name }) : t('planForm.create')}
      resource={PLANS}
      record={record}
      editMethod="put"
      initialValues={{ siteId: firstSite, type: 'fire_evacuation', recurrence: twiceAWeek(), windowHours: 24, leadDays: 7 }}
      toValues={(r) => ({
        siteId: r.siteId,
        name: r.name,
        type: r.type,
        scenario: r.scenario,
        locationId: r.locationId,
        place: r.place,
        commanderId: r.commanderId,
        recurrence: r.recurrence,
        windowHours: r.windowHours,
        leadDays: r.leadDays,
      })}
      toBody={(v): DrillPlanInput => ({
        siteId: v.siteId,
        name: v.name.trim(),
        type: v.type,
        scenario: v.scenario.trim(),
        locationId: v.locationId ?? null,
        place: text(v.place),
        commanderId: v.commanderId ?? null,
        recurrence: normaliseRecurrence(v.recurrence),
        windowHours: v.windowHours,
        leadDays: v.leadDays,
      })}
      onSaved={(p) => props.onSaved?.(p)}
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
  form: FormInstance<Values>;
  record: DrillPlan | null;
  sites: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  const types = useDrillTypes();
  const siteId = Form.useWatch('siteId', form) as string | undefined;
  const range = (field: string, min: number, max: number): Rule => ({
    type: 'number',
    min,
    max,
    message: t('validation.range', { field, min, max }),
  });

  return (
    <>
      <Pair>
        <Form.Item name="siteId" label={t('field.site')} rules={[rules.chosen(t('field.site'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            onChange={() => form.setFieldsValue({ locationId: null, commanderId: null })}
            data-testid="plan-site"
          />
        </Form.Item>
        <Form.Item name="type" label={t('field.type')} rules={[rules.chosen(t('field.type'))]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={types.options} loading={types.loading} data-testid="plan-type" />
        </Form.Item>
      </Pair>
      <Form.Item name="name" label={t('field.planName')} rules={[rules.required(t('field.planName')), rules.max(200)]}>
        <Input maxLength={200} placeholder={t('planForm.namePlaceholder')} data-testid="plan-name" />
      </Form.Item>
      <Form.Item name="scenario" label={t('field.scenario')} rules={[rules.required(t('field.scenario')), rules.max(2000)]}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('form.scenarioPlaceholder')}
          data-testid="plan-scenario"
        />
      </Form.Item>
      <PlaceFields siteId={siteId} />
      <CommanderField siteId={siteId} current={record ? { id: record.commanderId, name: record.commanderName } : null} />

      <Divider titlePlacement="start" plain>
        {t('planForm.schedule')}
      </Divider>
      <Form.Item name="recurrence" rules={[rules.chosen(t('field.recurrence'))]}>
        <RecurrenceEditor name="recurrence" />
      </Form.Item>
      <Pair>
        <Form.Item
          name="windowHours"
          label={t('field.windowHours')}
          extra={t('planForm.windowHint')}
          rules={[rules.chosen(t('field.windowHours')), range(t('field.windowHours'), 1, 720)]}
        >
          <InputNumber min={1} max={720} precision={0} style={{ width: '100%' }} suffix={t('unit.hours')} data-testid="plan-window" />
        </Form.Item>
        <Form.Item
          name="leadDays"
          label={t('field.leadDays')}
          extra={t('planForm.leadHint')}
          rules={[rules.chosen(t('field.leadDays')), range(t('field.leadDays'), 0, 60)]}
        >
          <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} suffix={t('unit.days')} data-testid="plan-lead" />
        </Form.Item>
      </Pair>
    </>
  );
}
