import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DetailPage, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { ItemActions } from './ItemActions';
import { EvidencePanel, useItemFields } from './ItemDetails';
import { ACTIONS, type ActionItem, PATHS } from './types';

/** Audit diffs name stored columns; the history shows them as the forms do. */
const HISTORY_FIELDS: Record<string, string> = {
  status: 'field.status',
  kind: 'field.kind',
  title: 'field.title',
  description: 'field.description',
  assignee_id: 'field.assignee',
  due_date: 'field.dueDate',
  verifier_id: 'field.verifier',
  evidence_note: 'field.evidenceNote',
  verify_note: 'field.verifyNote',
  reject_reason: 'field.rejectReason',
  reject_count: 'field.rejectCount',
  cancel_reason: 'field.cancelReason',
  overdue_notified_at: 'field.overdueNotifiedAt',
  notified: 'field.notified',
};

/**
 * 整改措施详情: what is to be done for which incident or drill, who does it by when, what
 * was done with its evidence, its verification, the steps the signed-in person may take
 * and its history. Laid out for a phone as well (the assignee submits from there).
 */
export default function ActionDetailPage() {
  const { t } = useTranslation('safety');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<ActionItem>(ACTIONS, id);
  const item = record.data;
  const fields = useItemFields(item);

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case 'status':
          return t(`status.${String(value)}`, { defaultValue: String(value) });
        case 'kind':
          return t(`kind.${String(value)}`, { defaultValue: String(value) });
        case 'assignee_id':
          return value === item?.assigneeId ? item?.assigneeName : undefined;
        case 'verifier_id':
          return value === item?.verifierId ? (item?.verifierName ?? undefined) : undefined;
        default:
          return undefined;
      }
    },
    [t, item],
  );

  return (
    <DetailPage
      title={item ? `${item.number} ${item.title}` : t('item.title')}
      subtitle={item ? `${item.siteName} · ${t(`kind.${item.kind}`)}` : undefined}
      backTo={PATHS.actions}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={item ? <ItemActions item={item} onChanged={() => void record.refetch()} /> : null}
      items={fields}
      history={
        item ? (
          <HistoryPanel entity="action_item" entityId={item.id} version={item.version} fieldLabel={fieldLabel} valueLabel={valueLabel} />
        ) : null
      }
    >
      {item ? <EvidencePanel item={item} /> : null}
    </DetailPage>
  );
}
