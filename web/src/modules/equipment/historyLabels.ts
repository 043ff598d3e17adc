import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { formatMoney } from './format';
import { useCategoryTree, useFireRules, useLocalName, useLocationTree } from './options';
import { ancestry } from './tree';
import type { AssetDetail } from './types';

/** Audit diffs name the stored columns (site_id, custodian_id…); the history shows them as the form does. */
const HISTORY_FIELDS: Record<string, string> = {
  code: 'asset.code',
  name: 'asset.name',
  site_id: 'asset.site',
  location_id: 'asset.location',
  category_id: 'asset.category',
  parent_id: 'asset.parent',
  brand: 'asset.brand',
  model: 'asset.model',
  serial_no: 'asset.serialNo',
  supplier: 'asset.supplier',
  purchase_date: 'asset.purchaseDate',
  purchase_cost: 'asset.purchaseCost',
  warranty_end: 'asset.warrantyEnd',
  custodian_id: 'asset.custodian',
  department_id: 'asset.department',
  status: 'asset.status',
  criticality: 'asset.criticality',
  attributes: 'detail.attributes',
  lost: 'asset.lost',
  fire_rule_id: 'asset.fireRule',
  production_date: 'asset.productionDate',
  notes: 'asset.notes',
};

function parseAttributes(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Field names and values of an asset's audit history in words: status and criticality
 * codes, money in yuan, attributes by their labels, and ids of categories, locations,
 * fire rules and sites by name. People, departments and parent assets are named when
 * they are the asset's current ones; any other id is shown as stored.
 */
export function useAssetHistoryLabels(asset: AssetDetail | undefined) {
  const { t } = useTranslation('equipment');
  const me = useMe();
  const localName = useLocalName();
  const categories = useCategoryTree();
  const locations = useLocationTree(asset?.siteId);
  const fireRules = useFireRules();

  const fieldLabel = useCallback(
    (field: string) => {
      if (field.startsWith('attributes.')) {
        const def = asset?.attributeDefinitions.find((d) => d.key === field.slice('attributes.'.length));
        return def ? localName({ name: def.label, nameEn: def.labelEn }) : undefined;
      }
      const key = HISTORY_FIELDS[field];
      return key ? t(key) : undefined;
    },
    [asset, localName, t],
  );

  const attributeText = useCallback(
    (key: string, value: unknown) => {
      const def = asset?.attributeDefinitions.find((d) => d.key === key);
      const label = def ? localName({ name: def.label, nameEn: def.labelEn }) : key;
      const shown = def?.type === 'number' && def.unit ? `${String(value)} ${def.unit}` : String(value);
      return `${label}${t('system:audit.colon')}${shown}`;
    },
    [asset, localName, t],
  );

  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      const id = typeof value === 'string' ? value : null;
      switch (field) {
        case 'status':
          return t(`status.${String(value)}`, { defaultValue: String(value) });
        case 'criticality':
          return t(`criticality.${String(value)}`, { defaultValue: String(value) });
        case 'purchase_cost':
          return typeof value === 'number' ? formatMoney(value) : undefined;
        case 'attributes': {
          const values = parseAttributes(value);
          if (!values) return undefined;
          const parts = Object.entries(values)
            .filter(([, v]) => v !== null && v !== '')
            .map(([k, v]) => attributeText(k, v));
          // no values yet reads as empty, so the entry shows only what was filled in
          return parts.length ? parts.join(t('system:audit.listSep')) : null;
        }
        case 'category_id':
          return ancestry(categories.data ?? [], id).at(-1)?.name;
        case 'location_id': {
          const path = ancestry(locations.data?.nodes ?? [], id);
          return path.length ? path.map((n) => n.name).join(' / ') : undefined;
        }
        case 'fire_rule_id': {
          const rule = fireRules.data?.find((r) => r.id === id);
          return rule ? localName(rule) : undefined;
        }
        case 'site_id':
          return me.sites.find((s) => s.id === id)?.name;
        case 'custodian_id':
          return id && id === asset?.custodianId ? (asset.custodianName ?? undefined) : undefined;
        case 'department_id':
          return id && id === asset?.departmentId ? (asset.departmentName ?? undefined) : undefined;
        case 'parent_id':
          return id && id === asset?.parentId ? (asset.parentName ?? undefined) : undefined;
        default:
          return undefined;
      }
    },
    [asset, attributeText, categories.data, fireRules.data, locations.data, localName, me.sites, t],
  );

  return { fieldLabel, valueLabel };
}
