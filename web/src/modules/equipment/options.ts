import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import type { StatusStyle } from '../../components';
import type { NamedNode } from './tree';
import {
  ASSET_STATUSES,
  type AssetStatus,
  ATTRIBUTE_TYPES,
  type AttributeDef,
  type CategoryNode,
  CRITICALITIES,
  type FireRule,
  type TransferStatus,
} from './types';

/** 在用 green, 备用 blue, 维修中 orange, 停用 grey, 报废 red. */
export const STATUS_STYLES: Record<AssetStatus, StatusStyle> = {
  in_use: { color: 'green', label: 'equipment:status.in_use' },
  standby: { color: 'blue', label: 'equipment:status.standby' },
  under_repair: { color: 'orange', label: 'equipment:status.under_repair' },
  disabled: { color: 'default', label: 'equipment:status.disabled' },
  scrapped: { color: 'red', label: 'equipment:status.scrapped' },
};

export const TRANSFER_STYLES: Record<TransferStatus, StatusStyle> = {
  pending: { color: 'processing', label: 'equipment:custody.status.pending' },
  confirmed: { color: 'success', label: 'equipment:custody.status.confirmed' },
  rejected: { color: 'error', label: 'equipment:custody.status.rejected' },
  cancelled: { color: 'default', label: 'equipment:custody.status.cancelled' },
};

export const STOCKTAKE_STYLES: Record<string, StatusStyle> = {
  open: { color: 'processing', label: 'equipment:stocktake.status.open' },
  closed: { color: 'success', label: 'equipment:stocktake.status.closed' },
  cancelled: { color: 'default', label: 'equipment:stocktake.status.cancelled' },
};

export function useStatusOptions() {
  const { t } = useTranslation('equipment');
  return ASSET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
}

export function useCriticalityOptions() {
  const { t } = useTranslation('equipment');
  return CRITICALITIES.map((c) => ({ value: c, label: t(`criticality.${c}`) }));
}

export function useAttributeTypeOptions() {
  const { t } = useTranslation('equipment');
  return ATTRIBUTE_TYPES.map((c) => ({ value: c, label: t(`attrType.${c}`) }));
}

/** The organisation's category tree (org-wide, so no site in the key). */
export function useCategoryTree() {
  return useQuery({
    queryKey: ['/asset-categories', 'tree'],
    queryFn: ({ signal }) => api.get<CategoryNode[]>('/asset-categories/tree', undefined, signal),
    staleTime: 60_000,
  });
}

/** Attribute definitions that apply to a category: its own and its ancestors'. */
export function useCategoryAttributes(categoryId: string | null | undefined, activeOnly = false) {
  return useQuery({
    queryKey: ['/asset-attributes', 'of', categoryId, activeOnly],
    queryFn: ({ signal }) =>
      api.get<AttributeDef[]>(
        `/asset-categories/${categoryId}/attributes`,
        { inherited: '1', active: activeOnly ? '1' : undefined },
        signal,
      ),
    enabled: Boolean(categoryId),
  });
}

interface LocationTreeAnswer {
  site: { id: string; code: string; name: string };
  nodes: NamedNode[];
}

/** The location tree of one site (GET /locations/tree?siteId=). */
export function useLocationTree(siteId: string | null | undefined) {
  const selected = useSelectedSite();
  return useQuery({
    queryKey: ['/locations/tree', siteId, selected],
    queryFn: ({ signal }) => api.get<LocationTreeAnswer>('/locations/tree', { siteId }, signal),
    enabled: Boolean(siteId),
    staleTime: 30_000,
  });
}

export function useFireRules() {
  return useQuery({
    queryKey: ['/fire-rules', 'all'],
    queryFn: ({ signal }) => api.get<FireRule[] | { items: FireRule[] }>('/fire-rules', { limit: 200 }, signal),
    select: (data) => (Array.isArray(data) ? data : data.items),
    staleTime: 60_000,
  });
}

/** A name in the interface language: `nameEn` in English when present. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (r: { name: string; nameEn?: string | null }) => (en && r.nameEn ? r.nameEn : r.name);
}

/** 正常 / 待月检 / 待维保 / 应报废 / 遗失 (server fire.dates.ts FIRE_STATES). */
export const FIRE_STATE_STYLES: Record<string, StatusStyle> = {
  ok: { color: 'success', label: 'equipment:fire.states.ok' },
  check_due: { color: 'warning', label: 'equipment:fire.states.check_due' },
  service_due: { color: 'orange', label: 'equipment:fire.states.service_due' },
  scrap_due: { color: 'error', label: 'equipment:fire.states.scrap_due' },
  missing: { color: 'magenta', label: 'equipment:fire.states.missing' },
};
