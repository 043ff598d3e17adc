import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { StatusStyle } from '../../components';
import { useList } from '../../components';
import type { ComplaintStatus, DictionaryItem, HotlineOutcome, Satisfaction } from './types';

export const COMPLAINT_STATUS_STYLES: Record<ComplaintStatus, StatusStyle> = {
  open: { color: 'warning', label: 'servicedesk:complaint.status.open' },
  handling: { color: 'processing', label: 'servicedesk:complaint.status.handling' },
  resolved: { color: 'success', label: 'servicedesk:complaint.status.resolved' },
  closed: { color: 'default', label: 'servicedesk:complaint.status.closed' },
};

export const SATISFACTION_STYLES: Record<Satisfaction, StatusStyle> = {
  satisfied: { color: 'success', label: 'servicedesk:satisfaction.satisfied' },
  basically: { color: 'blue', label: 'servicedesk:satisfaction.basically' },
  dissatisfied: { color: 'error', label: 'servicedesk:satisfaction.dissatisfied' },
};

export const OUTCOME_STYLES: Record<HotlineOutcome, StatusStyle> = {
  work_order: { color: 'processing', label: 'servicedesk:hotline.outcome.work_order' },
  complaint: { color: 'error', label: 'servicedesk:hotline.outcome.complaint' },
  info: { color: 'success', label: 'servicedesk:hotline.outcome.info' },
  transfer: { color: 'purple', label: 'servicedesk:hotline.outcome.transfer' },
  other: { color: 'default', label: 'servicedesk:hotline.outcome.other' },
};

/** `YYYY-MM-DD HH:mm` (DOMAIN §4), or a dash. */
export const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** Options of an enumeration whose labels live under `servicedesk:<prefix>.<value>`. */
export function useEnumOptions<T extends string>(values: readonly T[], prefix: string) {
  const { t } = useTranslation('servicedesk');
  return values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
}

/** Active items of a dictionary (repair categories, urgency) as select options in the current language. */
export function useDictionaryOptions(type: string) {
  const { i18n } = useTranslation();
  const list = useList<DictionaryItem>('/dictionaries', { type, active: '1', limit: 200 });
  const en = i18n.language.startsWith('en');
  return {
    loading: list.isPending,
    options: (list.data?.items ?? []).map((d) => ({ value: d.code, label: en ? d.labelEn : d.labelZh })),
  };
}
