import type { Db, Tx } from '../../platform/context.js';
import { locationPathNames } from '../org/index.js';
import type { AssetListRow } from './assets.repository.js';
import type { AssetCriticality, AssetStatus } from './schema.js';

export const STATUS_LABELS: Record<AssetStatus, string> = {
  in_use: '在用',
  standby: '备用',
  under_repair: '维修中',
  disabled: '停用',
  scrapped: '报废',
};
export const CRITICALITY_LABELS: Record<AssetCriticality, string> = { high: '高', medium: '中', low: '低' };

export function parseAttributes(text: string): Record<string, string | number> {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string | number>) : {};
  } catch {
    return {};
  }
}

/** fen → yuan text with two decimals ("1234.50"); null stays null. */
export function fenToYuan(fen: number | null): string | null {
  if (fen === null || fen === undefined) return null;
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The asset as the API shows it; `locationPath` is "长春店 / A座主楼 / 一层 / 配电室". */
export function assetDto(r: AssetListRow, locationPath: string | null) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    locationId: r.location_id,
    locationCode: r.location_code,
    locationPath,
    categoryId: r.category_id,
    categoryCode: r.category_code,
    categoryName: r.category_name,
    parentId: r.parent_id,
    parentCode: r.parent_code,
    parentName: r.parent_name,
    brand: r.brand,
    model: r.model,
    serialNo: r.serial_no,
    supplier: r.supplier,
    purchaseDate: r.purchase_date,
    purchaseCost: r.purchase_cost === null ? null : Number(r.purchase_cost),
    warrantyEnd: r.warranty_end,
    custodianId: r.custodian_id,
    custodianName: r.custodian_name,
    custodianUsername: r.custodian_username,
    departmentId: r.department_id,
    departmentCode: r.department_code,
    departmentName: r.department_name,
    status: r.status,
    criticality: r.criticality,
    attributes: parseAttributes(r.attributes),
    lost: r.lost === 1,
    fireRuleId: r.fire_rule_id,
    fireRuleCode: r.fire_rule_code,
    fireRuleName: r.fire_rule_name,
    productionDate: r.production_date,
    notes: r.notes,
    qrCode: r.qr_code,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type AssetDto = ReturnType<typeof assetDto>;

/** DTOs of a page of rows: the location path names come from two batched queries for the whole page. */
export async function assetDtos(db: Db | Tx, orgId: string, rows: AssetListRow[]): Promise<AssetDto[]> {
  const located = rows
    .filter((r) => r.location_id && r.location_path)
    .map((r) => ({
      id: r.location_id as string,
      site_id: r.site_id,
      path: r.location_path as string,
      name: r.location_name as string,
      parent_id: r.location_parent_id,
    }));
  const unique = [...new Map(located.map((l) => [l.id, l])).values()];
  const paths = unique.length ? await locationPathNames(db as Db, orgId, unique) : new Map<string, string>();
  return rows.map((r) => assetDto(r, r.location_id ? (paths.get(r.location_id) ?? r.location_name) : null));
}
