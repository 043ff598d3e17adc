import { CheckSquareOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChecklistResultDto, ChecklistResultInput } from '../../../../contracts/checklists';
import type { WorkOrderDto } from '../../../../contracts/workorders';
import { api } from '../../app/api';
import { useErrorText, useInvalidate, useRecord } from '../../components';
import { ChecklistForm } from '../../components/ChecklistForm';

/** where the card sits, so 完工 can lead the technician to it */
export const CHECKLIST_ANCHOR = 'wo-checklist';

/** GET /work-orders/:id/checklist — under the work order's resource, so every refresh of the order refreshes it too. */
export function useWorkOrderChecklist(workOrder: Pick<WorkOrderDto, 'id' | 'kind'> | undefined) {
  // only maintenance orders are raised with a checklist; other kinds never ask
  const id = workOrder?.kind === 'maintenance' ? `${workOrder.id}/checklist` : null;
  return useRecord<{ result: ChecklistResultDto | null }>('/work-orders', id);
}

/** A checklist still to be submitted blocks 完工 (the server refuses it with field `checklist`). */
export function checklistPending(result: ChecklistResultDto | null | undefined): boolean {
  return Boolean(result && result.status !== 'submitted');
}

/** work_orders.source_type of orders raised by a maintenance plan's occurrence, and by a checklist finding */
const FROM_PLAN = 'maintenance_occurrence';
const FROM_FINDING = 'checklist_finding';

export function hasSource(wo: Pick<WorkOrderDto, 'sourceType' | 'sourceId'>): boolean {
  return Boolean(wo.sourceId) && (wo.sourceType === FROM_PLAN || wo.sourceType === FROM_FINDING);
}

/**
 * Where a work order came from: a maintenance plan's task (opens the task list filtered
 * to the occurrence this order was raised for), or a finding of another order's checklist (that order's number
 * is in the description the server wrote).
 */
export function WorkOrderSource({ workOrder }: { workOrder: Pick<WorkOrderDto, 'id' | 'sourceType' | 'sourceId'> }) {
  const { t } = useTranslation('workorders');
  if (workOrder.sourceType === FROM_PLAN && workOrder.sourceId) {
    return (
      <Link to={`/maintenance/occurrences?workOrderId=${encodeURIComponent(workOrder.id)}`} data-testid="wo-source">
        {t('source.maintenance')}
      </Link>
    );
  }
  if (workOrder.sourceType === FROM_FINDING) return <Tag color="orange">{t('source.checklistFinding')}</Tag>;
  return null;
}

export function scrollToChecklist(): void {
  document.getElementById(CHECKLIST_ANCHOR)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/**
 * In the heading, above the action buttons: on a phone the checklist card is a long
 * scroll down, and it is the first thing a maintenance order needs.
 */
export function ChecklistJump({ result }: { result: ChecklistResultDto | null }) {
  const { t } = useTranslation('workorders');
  if (!result) return null;
  const filled = result.answers.length;
  return (
    <Button
      size="small"
      color="orange"
      variant="filled"
      icon={<CheckSquareOutlined />}
      onClick={scrollToChecklist}
      data-testid="wo-checklist-jump"
    >
      {t('checklist.jump', { filled, total: result.items.length })}
    </Button>
  );
}

/**
 * 保养检查表 on a maintenance work order: the technician fills it on the phone (draft,
 * then submit); afterwards everyone sees the answers, the findings and the repair
 * orders they became. Photos are the checklist's own attachments (owner checklist_result).
 */
export function WorkOrderChecklist({ workOrder, highlight = false }: { workOrder: WorkOrderDto; highlight?: boolean }) {
  const { t } = useTranslation('workorders');
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const query = useWorkOrderChecklist(workOrder);
  const result = query.data?.result ?? null;

  if (workOrder.kind !== 'maintenance') return null;
  if (query.isPending) {
    return (
      <Card size="small" id={CHECKLIST_ANCHOR}>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  }
  if (query.error) {
    return (
      <Card size="small" id={CHECKLIST_ANCHOR} title={t('checklist.title')}>
        <Typography.Text type="danger">{errorText(query.error)}</Typography.Text>
      </Card>
    );
  }
  if (!result) return null;

  const save = async (input: ChecklistResultInput) => {
    const saved = await api.put<{ result: ChecklistResultDto | null } | ChecklistResultDto>(
      `/work-orders/${workOrder.id}/checklist`,
      input,
    );
    // the answer is `{ result }` like the GET; a bare result is read the same
    return 'result' in saved ? (saved.result ?? result) : saved;
  };
  const pending = checklistPending(result);

  return (
    <Card
      size="small"
      id={CHECKLIST_ANCHOR}
      data-testid="wo-checklist"
      // clear of the shell's sticky header when scrolled to
      style={{ scrollMarginTop: 72, ...(highlight && pending ? { boxShadow: '0 0 0 2px #faad14' } : {}) }}
      title={
        <Flex gap={8} align="center" wrap>
          <CheckSquareOutlined />
          {t('checklist.title')}
          <Tag color={pending ? 'processing' : result.findings.length ? 'warning' : 'success'} style={{ marginInlineEnd: 0 }}>
            {pending
              ? t('checklist.pending')
              : result.findings.length
                ? t('checklist.findings', { count: result.findings.length })
                : t('checklist.allPassed')}
          </Tag>
        </Flex>
      }
    >
      {pending && result.canFill && highlight ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('checklist.submitFirst')} />
      ) : null}
      <ChecklistForm
        result={result}
        photoOwner={{ ownerType: 'checklist_result', ownerId: result.id }}
        save={save}
        onSaved={() => void invalidate('/work-orders', '/attachments', '/audit')}
        onReload={() => void query.refetch()}
      />
    </Card>
  );
}
