import { Alert, Col, Divider, Form, type FormInstance, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { FormDrawer, UserSelect } from '../../components';
import { defaultRecurrence, RecurrenceEditor } from '../../components/RecurrenceEditor';
import { normaliseRecurrence } from '../../components/recurrenceText';
import { TeamSelect } from '../maintenance/options';
import { RoleSelect, useKindOptions, usePatrolLevels } from './options';
import { RouteEditor, type RoutePointValue } from './RouteEditor';
import {
  PATROL_ASSIGNEE_TYPES,
  type PatrolAssigneeType,
  type PatrolKind,
  type PatrolPlan,
  type PatrolPlanInput,
  PLANS,
  type Recurrence,
} from './types';

type ScheduleMode = 'times' | 'hours';

/** a week: a weekly equipment check may be done any day of its week */
const MAX_WINDOW = 10080;

interface Values {
  siteId: string;
  name: string;
  description?: string;
  level: string;
  kind: PatrolKind;
  randomCount?: number | null;
  points: RoutePointValue[];
  scheduleMode: ScheduleMode;
  everyHoursWhileOpen?: number | null;
  recurrence: Recurrence;
  windowMinutes: number;
  assigneeType: PatrolAssigneeType;
  /** the user of `user`, the team of `team` */
  assigneeId?: string | null;
  assigneeRole?: string | null;
  supervisorId?: string | null;
}

const text = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** Two fields side by side on wider screens, stacked on a phone. */
function Pair({ children }: { children: [ReactNode, ReactNode] }) {
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

/** Form values → PUT/POST body. */
export function planBody(v: Values): PatrolPlanInput {
  const random = v.kind === 'random';
  return {
    siteId: v.siteId,
    name: v.name.trim(),
    description: text(v.description),
    level: v.level,
    kind: v.kind,
    points: (v.points ?? []).map((p) => ({
      targetType: p.targetType,
      targetId: p.targetId ?? '',
      checklistTemplateId: p.checklistTemplateId ?? null,
    })),
    randomCount: random ? (v.randomCount ?? null) : null,
    recurrence: normaliseRecurrence(v.recurrence),
    everyHoursWhileOpen: v.scheduleMode === 'hours' ? (v.everyHoursWhileOpen ?? null) : null,
    windowMinutes: v.windowMinutes,
    assigneeType: v.assigneeType,
    assigneeId: v.assigneeType === 'role' ? null : (v.assigneeId ?? null),
    assigneeRole: v.assigneeType === 'role' ? (v.assigneeRole ?? null) : null,
    supervisorId: v.supervisorId ?? null,
  };
}

/** New patrol plan, or edit one (PUT with version; the engine changes future rounds only). */
export function PlanDrawer(props: { open: boolean; onClose: () => void; record: PatrolPlan | null; onSaved?: (p: PatrolPlan) => void }) {
  const { t } = useTranslation('patrols');
  const me = useMe();
  const can = useCan();
  const selected = useSelectedSite();
  const { record } = props;
  const sites = me.sites.filter((s) => can('patrols:manage', s.id));
  const firstSite = sites.find((s) => s.id === selected)?.id ?? sites[0]?.id;

  return (
    <FormDrawer<Values, PatrolPlan, PatrolPlan>
      open={props.open}
      onClose={props.onClose}
      width={720}
      title={record ? t('form.edit', { name: record.name }) : t('form.create')}
      resource={PLANS}
      record={record}
      initialValues={{
        siteId: firstSite,
        kind: 'route',
        points: [],
        scheduleMode: 'times',
        everyHoursWhileOpen: 2,
        recurrence: defaultRecurrence(),
        windowMinutes: 60,
        assigneeType: 'user',
      }}
      toValues={(r) => ({
        siteId: r.siteId,
        name: r.name,
        description: r.description ?? undefined,
        level: r.level,
        kind: r.kind,
        randomCount: r.randomCount,
        points: r.points
          .slice()
          .sort((a, b) => a.seq - b.seq)
          .map((p) => ({ targetType: p.targetType, targetId: p.targetId, checklistTemplateId: p.checklistTemplateId })),
        scheduleMode: r.everyHoursWhileOpen ? 'hours' : 'times',
        everyHoursWhileOpen: r.everyHoursWhileOpen ?? 2,
        recurrence: r.recurrence,
        windowMinutes: r.windowMinutes,
        assigneeType: r.assigneeType,
        assigneeId: r.assigneeId,
        assigneeRole: r.assigneeRole,
        supervisorId: r.supervisorId,
      })}
      toBody={planBody}
      editMethod="put"
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
  record: PatrolPlan | null;
  sites: { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation('patrols');
  const levels = usePatrolLevels();
  const kindOptions = useKindOptions();
  const siteId = Form.useWatch('siteId', form);
  const kind = Form.useWatch('kind', form) ?? 'route';
  const mode = Form.useWatch('scheduleMode', form) ?? 'times';
  const assigneeType = Form.useWatch('assigneeType', form) ?? 'user';
  const points = Form.useWatch('points', form) as RoutePointValue[] | undefined;
  const required = (field: string): Rule => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const chosen = (field: string): Rule => ({ required: true, message: t('validation.select', { field }) });
  const max = (n: number): Rule => ({ max: n, message: t('validation.max', { max: n }) });
  const range = (field: string, min: number, most: number): Rule => ({
    type: 'number',
    min,
    max: most,
    message: t('validation.range', { field, min, max: most }),
  });
  const pointCount = points?.length ?? 0;

  return (
    <>
      <Pair>
        <Form.Item name="siteId" label={t('field.site')} rules={[chosen(t('field.site'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            // the route, the team and the people belong to the site
            onChange={() => form.setFieldsValue({ points: [], assigneeId: null, supervisorId: null } as Partial<Values>)}
            data-testid="plan-site"
          />
        </Form.Item>
        <Form.Item name="level" label={t('field.level')} rules={[chosen(t('field.level'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={levels.options}
            loading={levels.loading}
            placeholder={t('form.levelPlaceholder')}
            data-testid="plan-level"
          />
        </Form.Item>
      </Pair>
      <Form.Item name="name" label={t('field.name')} rules={[required(t('field.name')), max(200)]}>
        <Input placeholder={t('form.namePlaceholder')} data-testid="plan-name" />
      </Form.Item>
      <Pair>
        <Form.Item name="kind" label={t('field.kind')} rules={[chosen(t('field.kind'))]}>
          <Radio.Group optionType="button" options={kindOptions} data-testid="plan-kind" />
        </Form.Item>
        {kind === 'random' ? (
          <Form.Item
            name="randomCount"
            label={t('field.randomCount')}
            extra={t('form.randomCountHint')}
            dependencies={['points']}
            rules={[chosen(t('field.randomCount')), range(t('field.randomCount'), 1, Math.max(1, pointCount))]}
          >
            <InputNumber min={1} max={Math.max(1, pointCount)} precision={0} style={{ width: '100%' }} data-testid="plan-random-count" />
          </Form.Item>
        ) : (
          <span />
        )}
      </Pair>

      <Divider titlePlacement="start" plain>
        {t('form.route')}
      </Divider>
      {siteId ? null : <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('form.siteFirst')} />}
      <RouteEditor form={form} siteId={siteId} known={record?.points ?? []} />

      <Divider titlePlacement="start" plain>
        {t('form.schedule')}
      </Divider>
      <Form.Item name="scheduleMode" label={t('field.scheduleMode')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'times', label: t('form.byTimes') },
            { value: 'hours', label: t('form.whileOpen') },
          ]}
          data-testid="plan-schedule-mode"
        />
      </Form.Item>
      {mode === 'hours' ? (
        <>
          <Form.Item
            name="everyHoursWhileOpen"
            label={t('field.everyHoursWhileOpen')}
            rules={[chosen(t('field.everyHoursWhileOpen')), range(t('field.everyHoursWhileOpen'), 1, 12)]}
          >
            <InputNumber
              min={1}
              max={12}
              precision={0}
              prefix={t('form.every')}
              suffix={t('unit.hours')}
              style={{ width: 200 }}
              data-testid="plan-every-hours"
            />
          </Form.Item>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('form.whileOpenHint')} />
        </>
      ) : null}
      <Form.Item name="recurrence" rules={[chosen(t('field.recurrence'))]}>
        <RecurrenceEditor name="recurrence" allowFloating={false} />
      </Form.Item>
      <Form.Item
        name="windowMinutes"
        label={t('field.windowMinutes')}
        extra={kind === 'random' ? t('form.windowRandomHint') : t('form.windowHint')}
        rules={[chosen(t('field.windowMinutes')), range(t('field.windowMinutes'), 5, MAX_WINDOW)]}
      >
        <InputNumber min={5} max={MAX_WINDOW} precision={0} suffix={t('unit.minutes')} style={{ width: 200 }} data-testid="plan-window" />
      </Form.Item>

      <Divider titlePlacement="start" plain>
        {t('form.assignment')}
      </Divider>
      <Form.Item name="assigneeType" label={t('field.assigneeType')} rules={[chosen(t('field.assigneeType'))]}>
        <Radio.Group
          optionType="button"
          options={PATROL_ASSIGNEE_TYPES.map((a) => ({ value: a, label: t(`assigneeType.${a}`) }))}
          onChange={() => form.setFieldValue('assigneeId', null)}
          data-testid="plan-assignee-type"
        />
      </Form.Item>
      <Pair>
        {assigneeType === 'user' ? (
          <Form.Item key="user" name="assigneeId" label={t('field.assignee')} rules={[chosen(t('field.assignee'))]}>
            <UserSelect
              params={{ siteId }}
              initialOptions={
                record?.assigneeType === 'user' && record.assigneeId
                  ? [{ value: record.assigneeId, label: record.assigneeName }]
                  : undefined
              }
              data-testid="plan-assignee-user"
            />
          </Form.Item>
        ) : assigneeType === 'team' ? (
          <Form.Item key="team" name="assigneeId" label={t('field.team')} rules={[chosen(t('field.team'))]}>
            <TeamSelect
              siteId={siteId}
              current={record?.assigneeType === 'team' && record.assigneeId ? { id: record.assigneeId, name: record.assigneeName } : null}
              data-testid="plan-assignee-team"
            />
          </Form.Item>
        ) : (
          <Form.Item name="assigneeRole" label={t('field.role')} rules={[chosen(t('field.role'))]} extra={t('form.roleHint')}>
            <RoleSelect currentName={record?.assigneeType === 'role' ? record.assigneeName : null} data-testid="plan-assignee-role" />
          </Form.Item>
        )}
        <Form.Item name="supervisorId" label={t('field.supervisor')} extra={t('form.supervisorHint')}>
          <UserSelect
            allowClear
            params={{ siteId }}
            initialOptions={
              record?.supervisorId && record.supervisorName ? [{ value: record.supervisorId, label: record.supervisorName }] : undefined
            }
            data-testid="plan-supervisor"
          />
        </Form.Item>
      </Pair>
      <Form.Item name="description" label={t('field.description')} rules={[max(2000)]}>
        <Input.TextArea rows={3} placeholder={t('form.descriptionPlaceholder')} />
      </Form.Item>
    </>
  );
}
