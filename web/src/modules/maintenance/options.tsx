import { Select, type SelectProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type StatusStyle, useList } from '../../components';
import { type Occurrence, type OccurrenceStatus, PLAN_SYSTEMS, PLAN_TRIGGERS } from './types';

/** 待执行 blue, 已完成 green, 已错过 red, 已跳过 orange, 已取消 grey. */
export const OCCURRENCE_STYLES: Record<OccurrenceStatus, StatusStyle> = {
  open: { color: 'processing', label: 'maintenance:occurrenceStatus.open' },
  done: { color: 'success', label: 'maintenance:occurrenceStatus.done' },
  missed: { color: 'error', label: 'maintenance:occurrenceStatus.missed' },
  skipped: { color: 'warning', label: 'maintenance:occurrenceStatus.skipped' },
  cancelled: { color: 'default', label: 'maintenance:occurrenceStatus.cancelled' },
};

export const OCCURRENCE_STATUSES = Object.keys(OCCURRENCE_STYLES) as OccurrenceStatus[];

/** Fire-system plans stand out in red: they are reported on their own (消防设施维保). */
export const SYSTEM_COLORS: Record<string, string> = {
  fire: 'red',
  hvac: 'cyan',
  electrical: 'gold',
  water: 'blue',
  elevator: 'purple',
  general: 'default',
  other: 'default',
};

export function useSystemOptions() {
  const { t } = useTranslation('maintenance');
  return PLAN_SYSTEMS.map((s) => ({ value: s, label: t(`system.${s}`) }));
}

export function useTriggerOptions() {
  const { t } = useTranslation('maintenance');
  return PLAN_TRIGGERS.map((s) => ({ value: s, label: t(`trigger.${s}`) }));
}

export function SystemTag({ system }: { system: string }) {
  const { t } = useTranslation('maintenance');
  return <Tag color={SYSTEM_COLORS[system] ?? 'default'}>{t(`system.${system}`, { defaultValue: system })}</Tag>;
}

/** 按时 / 逾期完成 beside a done occurrence; nothing while it is open. */
export function OnTimeTag({ occurrence }: { occurrence: Pick<Occurrence, 'onTime' | 'status'> }) {
  const { t } = useTranslation('maintenance');
  if (occurrence.onTime === null || occurrence.status !== 'done') return null;
  return <Tag color={occurrence.onTime ? 'green' : 'orange'}>{t(occurrence.onTime ? 'occurrence.onTime' : 'occurrence.late')}</Tag>;
}

interface TeamRow {
  id: string;
  code: string;
  name: string;
  siteId: string | null;
}

/** The teams a plan of `siteId` may go to: that site's and the organisation-wide ones. */
export function TeamSelect({
  siteId,
  current,
  ...props
}: { siteId: string | undefined; current?: { id: string; name: string } | null } & Omit<SelectProps<string>, 'options'>) {
  const teams = useList<TeamRow>('/teams', { active: '1', limit: 200 });
  const rows = teams.data?.items ?? [];
  const options = rows
    .filter((tm) => tm.siteId === null || tm.siteId === siteId)
    .map((tm) => ({ value: tm.id, label: `${tm.name}（${tm.code}）` }));
  if (current && !rows.some((r) => r.id === current.id)) options.unshift({ value: current.id, label: current.name });
  return <Select<string> allowClear showSearch={{ optionFilterProp: 'label' }} loading={teams.isPending} {...props} options={options} />;
}

interface TemplateRow {
  id: string;
  code: string;
  name: string;
}

/** Active checklist templates (检查表) for a plan; the current one stays listed while it is chosen. */
export function TemplateSelect(props: Omit<SelectProps<string>, 'options'> & { current?: { id: string; name: string } | null }) {
  const { current, ...rest } = props;
  const templates = useList<TemplateRow>('/checklist-templates', { active: '1', limit: 200 });
  const rows = templates.data?.items ?? [];
  const options = rows.map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }));
  if (current && !rows.some((r) => r.id === current.id)) options.unshift({ value: current.id, label: current.name });
  return <Select<string> allowClear showSearch={{ optionFilterProp: 'label' }} loading={templates.isPending} {...rest} options={options} />;
}
