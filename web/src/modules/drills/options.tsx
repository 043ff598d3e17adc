import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type StatusStyle, StatusTag, useDictionary } from '../../components';
import { DRILL_STATUSES, type DrillStatus } from './types';

/** 计划中 blue, 已完成 green, 未按期演练 red, 已取消 grey. */
export const DRILL_STATUS_STYLES: Record<DrillStatus, StatusStyle> = {
  planned: { color: 'processing', label: 'drills:status.planned' },
  done: { color: 'success', label: 'drills:status.done' },
  missed: { color: 'error', label: 'drills:status.missed' },
  cancelled: { color: 'default', label: 'drills:status.cancelled' },
};

export function DrillStatusTag({ status }: { status: DrillStatus }) {
  return <StatusTag status={status} map={DRILL_STATUS_STYLES} />;
}

export function useStatusOptions() {
  const { t } = useTranslation('drills');
  return DRILL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
}

/** The drill types (消防疏散, 停电, 停水…) of the organisation's dictionary. */
export const useDrillTypes = () => useDictionary('drill_type');

/** 消防疏散 stands out in red: it is the drill done twice a week in every store. */
export function DrillTypeTag({ type, label }: { type: string; label: string }) {
  return <Tag color={type === 'fire_evacuation' ? 'red' : 'geekblue'}>{label}</Tag>;
}

/** 已提交报告 / 待写报告 for a done drill; nothing otherwise. */
export function ReportTag({ status, filed }: { status: DrillStatus; filed: boolean }) {
  const { t } = useTranslation('drills');
  if (status !== 'done') return null;
  return <Tag color={filed ? 'green' : 'orange'}>{t(filed ? 'report.filed' : 'report.missing')}</Tag>;
}
