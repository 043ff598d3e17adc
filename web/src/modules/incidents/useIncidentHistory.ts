import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionItemDto } from '../../../../contracts/actions';
import { useDictionary, useList } from '../../components';
import type { AuditEntry } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { formatMoney } from '../projects/format';
import { ACTIONS, INCIDENT_TYPE_DICT, type Incident } from './types';

/**
 * Audit diffs name stored columns; the history shows them as the form does. A report's
 * history also holds its action items' entries (registered as its parts by the safety
 * module), so their columns are named here too, in the safety module's words. The labels
 * cannot tell the entry's record type apart, so the words two types share are neutral.
 */
const FIELDS: Record<string, string> = {
  status: 'incidents:field.status',
  title: 'incidents:history.title',
  type: 'incidents:field.type',
  occurred_at: 'incidents:field.occurredAt',
  location_id: 'incidents:field.location',
  place: 'incidents:field.place',
  responsible_id: 'incidents:field.responsible',
  responsible_name: 'incidents:field.responsible',
  summary: 'incidents:field.summary',
  course: 'incidents:field.course',
  handling: 'incidents:field.handling',
  losses: 'incidents:field.losses',
  loss_fen: 'incidents:field.lossAmount',
  cause_analysis: 'incidents:field.causeAnalysis',
  resolved_at: 'incidents:field.resolvedAt',
  deadline_at: 'incidents:field.deadline',
  work_order_id: 'incidents:field.workOrder',
  submitted_at: 'incidents:history.submittedAt',
  reviewed_at: 'incidents:history.reviewedAt',
  review_note: 'incidents:field.reviewNote',
  reviewer_id: 'incidents:field.reviewer',
  returned_count: 'incidents:history.returnedCount',
  author_id: 'incidents:field.author',
  site_id: 'incidents:field.site',
  // the action items' own columns
  kind: 'safety:field.kind',
  description: 'safety:field.description',
  assignee_id: 'safety:field.assignee',
  due_date: 'safety:field.dueDate',
  verifier_id: 'safety:field.verifier',
  evidence_note: 'safety:field.evidenceNote',
  verify_note: 'safety:field.verifyNote',
  reject_reason: 'safety:field.rejectReason',
  reject_count: 'safety:field.rejectCount',
  cancel_reason: 'safety:field.cancelReason',
  overdue_notified_at: 'safety:field.overdueNotifiedAt',
  notified: 'safety:field.notified',
};

const INCIDENT_ONLY_STATUSES = new Set(['draft', 'returned', 'reviewed']);
const ACTION_ONLY_STATUSES = new Set(['open', 'verified', 'cancelled']);
const INSTANTS = new Set(['occurred_at', 'resolved_at', 'deadline_at', 'submitted_at', 'reviewed_at', 'overdue_notified_at']);

/** fieldLabel, valueLabel and partLabel of a report's HistoryPanel. */
export function useIncidentHistory(i: Incident | undefined, zone: string | undefined) {
  const { t } = useTranslation('incidents');
  const types = useDictionary(INCIDENT_TYPE_DICT);
  // the same query as the action items panel (its cache, no request of its own)
  const items = useList<ActionItemDto>(ACTIONS, { ownerType: 'incident', ownerId: i?.id ?? '', limit: 200 }, { enabled: Boolean(i) });
  const actionItems = items.data?.items ?? [];

  const fieldLabel = useCallback((field: string) => (FIELDS[field] ? t(FIELDS[field]) : undefined), [t]);

  const valueLabel = useCallback(
    (field: string, value: unknown): string | undefined => {
      if (value === null || value === undefined || !i) return undefined;
      const text = String(value);
      if (INSTANTS.has(field) && typeof value === 'string') return formatInZone(value, zone);
      switch (field) {
        case 'status':
          if (INCIDENT_ONLY_STATUSES.has(text)) return t(`status.${text}`);
          if (ACTION_ONLY_STATUSES.has(text)) return t(`safety:status.${text}`, { defaultValue: text });
          return text === 'submitted' ? t('history.submitted') : undefined;
        case 'type':
          return types.label(text);
        case 'kind':
          return t(`safety:kind.${text}`, { defaultValue: text });
        case 'loss_fen':
          return typeof value === 'number' ? formatMoney(value) : undefined;
        case 'responsible_id':
          return value === i.responsibleId ? (i.responsibleName ?? undefined) : undefined;
        case 'author_id':
          return value === i.authorId ? i.authorName : undefined;
        case 'site_id':
          return value === i.siteId ? i.siteName : undefined;
        case 'reviewer_id':
          return value === i.reviewerId ? (i.reviewerName ?? undefined) : undefined;
        case 'work_order_id':
          return value === i.workOrderId ? (i.workOrderNumber ?? undefined) : undefined;
        case 'location_id':
          return value === i.locationId ? (i.locationPath ?? undefined) : undefined;
        case 'assignee_id':
          return actionItems.find((a) => a.assigneeId === value)?.assigneeName;
        case 'verifier_id':
          return actionItems.find((a) => a.verifierId === value)?.verifierName ?? undefined;
        default:
          return undefined;
      }
    },
    [t, types, i, zone, actionItems],
  );

  /** an action item's entries name the item */
  const partLabel = useCallback(
    (entry: AuditEntry) => {
      const item = actionItems.find((a) => a.id === entry.entityId);
      return item ? `${item.number} ${item.title}` : undefined;
    },
    [actionItems],
  );

  return { fieldLabel, valueLabel, partLabel };
}
