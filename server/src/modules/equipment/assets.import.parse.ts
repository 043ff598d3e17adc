import { CRITICALITY_LABELS, STATUS_LABELS } from './assets.dto.js';
import { parseDate } from './attributes.rules.js';
import type { AssetCriticality, AssetStatus } from './schema.js';

/** Row-level parsing of the 设备台账 import: formats only, no database. */
export const COL = {
  code: '设备编码',
  name: '设备名称',
  category: '分类编码',
  site: '场所编码',
  location: '位置编码',
  parent: '上级设备编码',
  brand: '品牌',
  model: '型号',
  serialNo: '序列号',
  supplier: '供应商',
  purchaseDate: '购置日期',
  purchaseCost: '购置金额(元)',
  warrantyEnd: '保修截止',
  custodian: '责任人(用户名)',
  department: '责任部门编码',
  status: '状态',
  criticality: '重要程度',
  productionDate: '生产日期',
  fireRule: '消防器材类型',
} as const;

export interface AssetImportItem {
  code: string | null;
  name: string;
  categoryCode: string;
  siteCode: string;
  locationCode: string | null;
  parentCode: string | null;
  brand: string | null;
  model: string | null;
  serialNo: string | null;
  supplier: string | null;
  purchaseDate: string | null;
  purchaseCost: number | null;
  warrantyEnd: string | null;
  custodianUsername: string | null;
  departmentCode: string | null;
  status: AssetStatus;
  criticality: AssetCriticality;
  productionDate: string | null;
  fireRuleText: string | null;
  /** attribute cells by label */
  rawAttributes: Record<string, string>;
  // resolved by checkBatch
  siteId?: string;
  categoryId?: string;
  locationId?: string | null;
  custodianId?: string | null;
  departmentId?: string | null;
  fireRuleId?: string | null;
  parentId?: string | null;
  /** the code of another row of the file */
  parentKey?: string | null;
  attributes?: Record<string, string | number>;
}

const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
const STATUS_BY_TEXT = labelMap(STATUS_LABELS);
const CRITICALITY_BY_TEXT = labelMap(CRITICALITY_LABELS);

function labelMap<K extends string>(labels: Record<K, string>): Map<string, K> {
  return new Map(
    (Object.entries(labels) as [K, string][]).flatMap(([code, label]) => [
      [label, code],
      [code, code],
    ]),
  );
}

/** "1,234.5" / "¥1234.50" yuan → 123450 fen; null when not a non-negative amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const clean = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function parseImportRow(
  v: Record<string, string>,
  attributeHeaders: Map<string, string>,
  fail: (column: string, message: string) => void,
): AssetImportItem | null {
  let ok = true;
  const bad = (column: string, message: string) => {
    ok = false;
    fail(column, message);
  };
  const cell = (column: string) => (v[column] ?? '').trim() || null;
  const date = (column: string) => {
    const raw = cell(column);
    if (!raw) return null;
    const parsed = parseDate(raw);
    if (!parsed) bad(column, `「${raw}」不是有效日期，格式 YYYY-MM-DD`);
    return parsed;
  };
  const length = (column: string, max: number) => {
    const value = cell(column);
    if (value && value.length > max) bad(column, `不能超过 ${max} 个字符`);
    return value;
  };
  const code = cell(COL.code);
  if (code && !CODE_PATTERN.test(code)) bad(COL.code, '只能包含字母、数字、- _ .，最长 40 个字符');
  const name = length(COL.name, 100);
  const costText = cell(COL.purchaseCost);
  const purchaseCost = costText ? parseYuan(costText) : null;
  if (costText && purchaseCost === null) bad(COL.purchaseCost, `「${costText}」不是有效金额（元，最多两位小数）`);
  const statusText = cell(COL.status);
  const status = statusText ? STATUS_BY_TEXT.get(statusText) : 'in_use';
  if (!status) bad(COL.status, `无效的状态「${statusText}」，可选：${Object.values(STATUS_LABELS).join('、')}`);
  const critText = cell(COL.criticality);
  const criticality = critText ? CRITICALITY_BY_TEXT.get(critText) : 'medium';
  if (!criticality) bad(COL.criticality, `无效的重要程度「${critText}」，可选：高、中、低`);
  const parentCode = cell(COL.parent);
  if (parentCode && code && parentCode === code) bad(COL.parent, '不能是设备自己');
  const item: AssetImportItem = {
    code,
    name: name ?? '',
    categoryCode: cell(COL.category) ?? '',
    siteCode: cell(COL.site) ?? '',
    locationCode: cell(COL.location),
    parentCode,
    brand: length(COL.brand, 60),
    model: length(COL.model, 60),
    serialNo: length(COL.serialNo, 60),
    supplier: length(COL.supplier, 100),
    purchaseDate: date(COL.purchaseDate),
    purchaseCost,
    warrantyEnd: date(COL.warrantyEnd),
    custodianUsername: cell(COL.custodian),
    departmentCode: cell(COL.department),
    status: status ?? 'in_use',
    criticality: criticality ?? 'medium',
    productionDate: date(COL.productionDate),
    fireRuleText: cell(COL.fireRule),
    rawAttributes: {},
  };
  for (const [header, label] of attributeHeaders) {
    const value = cell(header);
    if (value) item.rawAttributes[label] = value;
  }
  if (item.purchaseDate && item.warrantyEnd && item.warrantyEnd < item.purchaseDate) bad(COL.warrantyEnd, '保修截止日期不能早于购置日期');
  // empty required cells are reported by the engine
  if (!ok || !item.name || !item.categoryCode || !item.siteCode) return null;
  return item;
}
