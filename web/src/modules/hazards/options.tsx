import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type StatusStyle, StatusTag } from '../../components';
import {
  type Campaign,
  FINDING_RESOLUTIONS,
  FINDING_SOURCES,
  type FindingResolution,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  type HazardGrade,
  type HazardStatus,
} from './types';

/** 待处理 blue, 当场整改 green, 转工单 cyan, 登记隐患 orange. */
export const RESOLUTION_STYLES: Record<FindingResolution, StatusStyle> = {
  open: { color: 'processing', label: 'hazards:resolution.open' },
  fixed_on_spot: { color: 'success', label: 'hazards:resolution.fixed_on_spot' },
  work_order: { color: 'cyan', label: 'hazards:resolution.work_order' },
  hazard: { color: 'warning', label: 'hazards:resolution.hazard' },
};

/** 待落实 blue, 整改中 orange, 待验收 purple, 待签批 gold, 已销号 green, 已取消 grey. */
export const STATUS_STYLES: Record<HazardStatus, StatusStyle> = {
  registered: { color: 'processing', label: 'hazards:status.registered' },
  rectifying: { color: 'orange', label: 'hazards:status.rectifying' },
  submitted: { color: 'purple', label: 'hazards:status.submitted' },
  pending_signoff: { color: 'gold', label: 'hazards:status.pending_signoff' },
  closed: { color: 'success', label: 'hazards:status.closed' },
  cancelled: { color: 'default', label: 'hazards:status.cancelled' },
};

export function HazardStatusTag({ status }: { status: HazardStatus }) {
  return <StatusTag status={status} map={STATUS_STYLES} />;
}

export function ResolutionTag({ resolution }: { resolution: FindingResolution }) {
  return <StatusTag status={resolution} map={RESOLUTION_STYLES} />;
}

/** 重大 in red so it stands out in a list; 一般 plain. */
export function GradeTag({ grade }: { grade: HazardGrade }) {
  const { t } = useTranslation('hazards');
  return <Tag color={grade === 'major' ? 'red' : 'default'}>{t(`grade.${grade}`)}</Tag>;
}

/** 逾期 in red beside an open hazard past its deadline. */
export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation('hazards');
  return overdue ? <Tag color="error">{t('hazard.overdue')}</Tag> : null;
}

export function useHazardOptions() {
  const { t } = useTranslation('hazards');
  return {
    statuses: HAZARD_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
    grades: HAZARD_GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) })),
    sources: HAZARD_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) })),
    resolutions: FINDING_RESOLUTIONS.map((r) => ({ value: r, label: t(`resolution.${r}`) })),
    findingSources: FINDING_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) })),
  };
}

/** 未开始 blue, 进行中 orange, 已结束 grey. */
export const PHASE_COLORS: Record<Campaign['phase'], string> = { planned: 'blue', active: 'orange', ended: 'default' };

/** Who may plan campaigns: patrols:manage reads 管理巡检计划与专项检查. */
export const CAMPAIGN_PERMISSION = 'patrols:manage' as const;
