import { Form, type FormInstance, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { FormDrawer } from '../../components';
import { CommanderField, PlaceFields, PlanPartFields, RecordFields, useDrillRules } from './DrillFields';
import { type DrillValues, drillInput, drillUpdate, editsRecord, participantRows } from './logic';
import { DRILLS, type Drill } from './types';

type Mode = 'plan' | 'record';
interface Values extends DrillValues {
  /** a new drill: planned for later, or recorded at once (it has been carried out) */
  mode?: Mode;
}

const tomorrowAtTen = () => dayjs().add(1, 'day').hour(10).minute(0).second(0).millisecond(0);

const toValues = (d: Drill): Values => ({
  siteId: d.siteId,
  type: d.type,
  title: d.title,
  scenario: d.scenario,
  plannedAt: dayjs(d.plannedAt),
  locationId: d.locationId,
  place: d.place,
  commanderId: d.commanderId,
  startedAt: d.startedAt ? dayjs(d.startedAt) : null,
  endedAt: d.endedAt ? dayjs(d.endedAt) : null,
  participants: participantRows(d.participants),
  preparation: d.preparation,
});

/**
 * 新建演练 (a one-off drill of any type, planned for later or recorded at once because it
 * has been carried out) and 编辑 (the plan of a planned drill; the plan and the record of a
 * done one). PUT /drills/:id with the version.
 */
export function DrillDrawer(props: {
  open: boolean;
  onClose: () => void;
  record: Drill | null;
  defaultSiteId?: string;
  onSaved?: (d: Drill) => void;
}) {
  const { t } = useTranslation('drills');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const { record } = props;
  const sites = me.sites.filter((s) => can('drills:manage', s.id));
  const firstSite = sites.find((s) => s.id === (props.defaultSiteId ?? selected))?.id ?? sites[0]?.id;

  return (
    <FormDrawer<Values, Drill, Drill>
      open={props.open}
      onClose={props.onClose}
      width={640}
      title={record ? t('form.edit', { number: record.number }) : t('form.create')}
      resource={DRILLS}
      record={record}
      editMethod="put"
      initialValues={{
        siteId: firstSite,
        mode: 'plan',
        plannedAt: tomorrowAtTen(),
        participants: participantRows([]),
      }}
      toValues={toValues}
      toBody={(v) => {
        if (record) return drillUpdate(v, editsRecord(record.status));
        return drillInput(v, v.mode === 'record');
      }}
      onSaved={(d) => props.onSaved?.(d)}
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
  record: Drill | null;
  sites: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation('drills');
  const rules = useDrillRules();
  const siteId = (Form.useWatch('siteId', form) as string | undefined) ?? record?.siteId;
  const chosen = (Form.useWatch('mode', form) as Mode | undefined) ?? 'plan';
  const mode: Mode = record ? (editsRecord(record.status) ? 'record' : 'plan') : chosen;

  return (
    <>
      {record ? null : (
        <>
          <Form.Item name="mode" label={t('form.mode')} extra={t(mode === 'plan' ? 'form.modePlanHint' : 'form.modeRecordHint')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'plan', label: t('form.modePlan') },
                { value: 'record', label: t('form.modeRecord') },
              ]}
              // a drill recorded at once was planned for when it started, unless told otherwise
              onChange={(e) => form.setFieldValue('plannedAt', e.target.value === 'record' ? null : tomorrowAtTen())}
              data-testid="drill-mode"
            />
          </Form.Item>
          <Form.Item name="siteId" label={t('field.site')} rules={[rules.chosen(t('field.site'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
              onChange={() => form.setFieldsValue({ locationId: null, commanderId: null })}
              data-testid="drill-site"
            />
          </Form.Item>
        </>
      )}
      <PlanPartFields plannedRequired={mode === 'plan' || Boolean(record)} plannedLocked={Boolean(record?.planId)} />
      <PlaceFields siteId={siteId} />
      <CommanderField
        siteId={siteId}
        current={record ? { id: record.commanderId, name: record.commanderName } : null}
        required={mode === 'record'}
      />
      {mode === 'record' ? <RecordFields form={form} /> : null}
    </>
  );
}
