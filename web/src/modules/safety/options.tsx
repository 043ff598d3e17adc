import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type StatusStyle, StatusTag } from '../../components';
import { ACTION_KINDS, ACTION_OWNER_TYPES, ACTION_STATUSES, type ActionKind, type ActionStatus } from './types';

/** 待落实 blue, 待验证 purple, 已验证 green, 已取消 grey. */
export const STATUS_STYLES: Record<ActionStatus, StatusStyle> = {
  open: { color: 'processing', label: 'safety:status.open' },
  submitted: { color: 'purple', label: 'safety:status.submitted' },
  verified: { color: 'success', label: 'safety:status.verified' },
  cancelled: { color: 'default', label: 'safety:status.cancelled' },
};

/** 纠正 volcano, 预防 geekblue, 改进 cyan: the three kinds told apart at a glance. */
const KIND_COLORS: Record<ActionKind, string> = { corrective: 'volcano', preventive: 'geekblue', improvement: 'cyan' };

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  return <StatusTag status={status} map={STATUS_STYLES} />;
}

export function KindTag({ kind }: { kind: ActionKind }) {
  const { t } = useTranslation('safety');
  return <Tag color={KIND_COLORS[kind]}>{t(`kind.${kind}`)}</Tag>;
}

/** 逾期 in red beside an open item past its due date. */
export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation('safety');
  return overdue ? <Tag color="error">{t('item.overdue')}</Tag> : null;
}

export function useActionOptions() {
  const { t } = useTranslation('safety');
  return {
    statuses: ACTION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
    kinds: ACTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
    ownerTypes: ACTION_OWNER_TYPES.map((o) => ({ value: o, label: t(`ownerType.${o}`) })),
  };
}
