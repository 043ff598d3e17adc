import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { type StatusStyle, StatusTag } from '../../components';
import { type DeadlineState, deadlineState, deadlineText } from './logic';
import { ALERT_OUTCOMES, type AlertOutcome, INCIDENT_STATUSES, type Incident, type IncidentStatus } from './types';

/** 草稿 grey, 待审核 blue, 已退回 orange, 已审核 green. */
export const STATUS_STYLES: Record<IncidentStatus, StatusStyle> = {
  draft: { color: 'default', label: 'incidents:status.draft' },
  submitted: { color: 'processing', label: 'incidents:status.submitted' },
  returned: { color: 'warning', label: 'incidents:status.returned' },
  reviewed: { color: 'success', label: 'incidents:status.reviewed' },
};

/** 已处置 plain, 抓获 red, 移交公安 purple: the outcomes that count as 抓获 stand out. */
export const OUTCOME_STYLES: Record<AlertOutcome, StatusStyle> = {
  resolved: { color: 'default', label: 'incidents:outcome.resolved' },
  apprehended: { color: 'red', label: 'incidents:outcome.apprehended' },
  handed_to_police: { color: 'purple', label: 'incidents:outcome.handed_to_police' },
};

const DEADLINE_COLORS: Record<Exclude<DeadlineState, 'none'>, string> = {
  in_time: 'success',
  late: 'error',
  overdue: 'error',
  pending: 'warning',
};

export function IncidentStatusTag({ status }: { status: IncidentStatus }) {
  return <StatusTag status={status} map={STATUS_STYLES} />;
}

export function OutcomeTag({ outcome }: { outcome: AlertOutcome }) {
  return <StatusTag status={outcome} map={OUTCOME_STYLES} />;
}

/**
 * 按时修复 / 超时修复 / 超时未修复 / 待修复 for a report whose type has a deadline; nothing
 * otherwise. Lists show the state (the deadline on hover), the detail page both.
 */
export function DeadlineTag({
  incident,
  zone,
  full = false,
}: {
  incident: Pick<Incident, 'deadlineAt' | 'resolvedAt'>;
  zone: string | undefined;
  full?: boolean;
}) {
  const { t } = useTranslation('incidents');
  const state = deadlineState(incident);
  if (state === 'none') return null;
  const long = t(`deadline.${state}WithTime`, { deadline: deadlineText(incident.deadlineAt, zone) });
  const tag = (
    <Tag color={DEADLINE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="incident-deadline">
      {full ? long : t(`deadline.${state}`)}
    </Tag>
  );
  return full ? tag : <Tooltip title={long}>{tag}</Tooltip>;
}

export function useIncidentOptions() {
  const { t } = useTranslation('incidents');
  return {
    statuses: INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
    outcomes: ALERT_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) })),
  };
}
