import { useTranslation } from 'react-i18next';
import type { StatusStyle } from '../../components';
import { useList } from '../../components';
import type { DictionaryItem, NoticeStatus } from './types';
import { NOTICE_STATUSES } from './types';

export const NOTICE_STYLES: Record<NoticeStatus, StatusStyle> = {
  issued: { color: 'processing', label: 'counters:status.issued' },
  rectified: { color: 'warning', label: 'counters:status.rectified' },
  verified: { color: 'success', label: 'counters:status.verified' },
  overdue: { color: 'error', label: 'counters:status.overdue' },
  converted: { color: 'purple', label: 'counters:status.converted' },
  cancelled: { color: 'default', label: 'counters:status.cancelled' },
};

export function useNoticeStatusOptions() {
  const { t } = useTranslation('counters');
  return NOTICE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
}

/** Active items of one dictionary as Select options, labelled in the current language. */
export function useDictionaryOptions(type: string) {
  const { i18n } = useTranslation();
  const list = useList<DictionaryItem>('/dictionaries', { type, active: '1', limit: 200 });
  const zh = i18n.language.startsWith('zh');
  return {
    options: (list.data?.items ?? []).map((d) => ({ value: d.code, label: zh ? d.labelZh : d.labelEn || d.labelZh })),
    loading: list.isPending,
  };
}
