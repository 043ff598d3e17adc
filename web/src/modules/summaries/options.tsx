import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, WORK_SUMMARY_STATUSES, type WorkSummaryStatus } from '../../../../contracts/reports';
import { type StatusStyle, StatusTag } from '../../components';

/** 编辑中 grey, 待审批 blue, 已退回 orange, 已审批 green — as the other approval flows. */
export const STATUS_STYLES: Record<WorkSummaryStatus, StatusStyle> = {
  draft: { color: 'default', label: 'summaries:status.draft' },
  submitted: { color: 'processing', label: 'summaries:status.submitted' },
  returned: { color: 'warning', label: 'summaries:status.returned' },
  approved: { color: 'success', label: 'summaries:status.approved' },
};

export function SummaryStatusTag({ status }: { status: WorkSummaryStatus }) {
  return <StatusTag status={status} map={STATUS_STYLES} />;
}

export function useSummaryOptions() {
  const { t } = useTranslation('summaries');
  return {
    statuses: WORK_SUMMARY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
    kinds: PERIOD_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
  };
}
