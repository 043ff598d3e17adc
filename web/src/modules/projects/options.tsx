import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import type { StatusStyle } from '../../components';
import { PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus } from './types';

/** 计划中 blue, 施工中 processing, 已暂停 orange, 待验收 purple, 已验收 green, 已取消 grey. */
export const STATUS_STYLES: Record<ProjectStatus, StatusStyle> = {
  planned: { color: 'blue', label: 'projects:status.planned' },
  in_progress: { color: 'processing', label: 'projects:status.in_progress' },
  suspended: { color: 'orange', label: 'projects:status.suspended' },
  accepting: { color: 'purple', label: 'projects:status.accepting' },
  accepted: { color: 'success', label: 'projects:status.accepted' },
  cancelled: { color: 'default', label: 'projects:status.cancelled' },
};

export function useTypeOptions() {
  const { t } = useTranslation('projects');
  return PROJECT_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }));
}

export function useStatusOptions() {
  const { t } = useTranslation('projects');
  return PROJECT_STATUSES.map((v) => ({ value: v, label: t(`status.${v}`) }));
}

export interface LocationNode {
  id: string;
  code: string;
  name: string;
  active?: boolean;
  children: LocationNode[];
}

export interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

/** Location tree → TreeSelect data (名称（编码）), inactive places left out. */
export function toTreeOptions(nodes: LocationNode[]): TreeOption[] {
  return nodes
    .filter((n) => n.active !== false)
    .map((n) => ({ value: n.id, title: `${n.name}（${n.code}）`, children: toTreeOptions(n.children) }));
}

/** The location tree of one site (GET /locations/tree?siteId=). */
export function useLocationTree(siteId: string | null | undefined) {
  const selected = useSelectedSite();
  return useQuery({
    queryKey: ['/locations/tree', siteId, selected],
    queryFn: ({ signal }) => api.get<{ nodes: LocationNode[] }>('/locations/tree', { siteId }, signal),
    enabled: Boolean(siteId),
    staleTime: 30_000,
  });
}

const DAY = 'YYYY-MM-DD';

/**
 * A date range in the list filters, sent as two query params. Used as the control of
 * `<Form.Item name={fromName}>`; the `toName` field is a hidden Form.Item beside it,
 * set first so the filter form's change event carries both ends.
 */
export function DateRangeFilter({
  value,
  onChange,
  toName,
  placeholder,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  toName: string;
  placeholder: [string, string];
}) {
  const form = Form.useFormInstance();
  const to = Form.useWatch(toName, form) as string | undefined;
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = value || to ? [value ? dayjs(value) : null, to ? dayjs(to) : null] : null;
  return (
    <DatePicker.RangePicker
      value={range}
      allowEmpty={[true, true]}
      placeholder={placeholder}
      onChange={(v) => {
        form.setFieldValue(toName, v?.[1]?.format(DAY));
        onChange?.(v?.[0]?.format(DAY));
      }}
    />
  );
}
