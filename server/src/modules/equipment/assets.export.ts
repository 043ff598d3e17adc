import type { Ctx } from '../../platform/context.js';
import type { XlsxColumn } from '../../platform/print/excel.js';
import { pathIds } from '../../platform/tree.js';
import { type AssetDto, CRITICALITY_LABELS, fenToYuan, STATUS_LABELS } from './assets.dto.js';
import { allAttributes } from './attributes.repository.js';
import { allCategories } from './categories.repository.js';

/** Header of an attribute column in templates, imports and exports. */
export const attributeHeader = (label: string) => `属性:${label}`;

/**
 * Every column of the 设备台账 export. The importable columns carry the same headers
 * as the import template, so an export can be edited and imported elsewhere.
 */
export const ASSET_EXPORT_COLUMNS: XlsxColumn<AssetDto>[] = [
  { header: '设备编码', value: (r) => r.code },
  { header: '设备名称', width: 24, value: (r) => r.name },
  { header: '分类编码', value: (r) => r.categoryCode },
  { header: '分类', value: (r) => r.categoryName },
  { header: '场所编码', value: (r) => r.siteCode },
  { header: '场所', value: (r) => r.siteName },
  { header: '位置编码', value: (r) => r.locationCode },
  { header: '位置', width: 40, value: (r) => r.locationPath },
  { header: '上级设备编码', value: (r) => r.parentCode },
  { header: '上级设备', value: (r) => r.parentName },
  { header: '品牌', value: (r) => r.brand },
  { header: '型号', value: (r) => r.model },
  { header: '序列号', value: (r) => r.serialNo },
  { header: '供应商', value: (r) => r.supplier },
  { header: '购置日期', value: (r) => r.purchaseDate },
  { header: '购置金额(元)', value: (r) => (r.purchaseCost === null ? null : Number(fenToYuan(r.purchaseCost))) },
  { header: '保修截止', value: (r) => r.warrantyEnd },
  { header: '责任人(用户名)', value: (r) => r.custodianUsername },
  { header: '责任人', value: (r) => r.custodianName },
  { header: '责任部门编码', value: (r) => r.departmentCode },
  { header: '责任部门', value: (r) => r.departmentName },
  { header: '状态', value: (r) => STATUS_LABELS[r.status] },
  { header: '重要程度', value: (r) => CRITICALITY_LABELS[r.criticality] },
  { header: '生产日期', value: (r) => r.productionDate },
  { header: '消防器材类型', value: (r) => r.fireRuleName },
  { header: '丢失', value: (r) => (r.lost ? '是' : '否') },
  { header: '二维码', value: (r) => r.qrCode },
  { header: '备注', width: 30, value: (r) => r.notes },
  { header: '建档时间', width: 22, value: (r) => r.createdAt },
];

/**
 * One column per attribute label: of the chosen category's subtree and ancestors when
 * the list is filtered by category, else of every category. Definitions sharing a
 * label (two categories both defining 功率) share the column.
 */
export async function attributeExportColumns(ctx: Ctx, categoryId?: string): Promise<XlsxColumn<AssetDto>[]> {
  const [defs, categories] = await Promise.all([allAttributes(ctx.db, ctx.actor.orgId), allCategories(ctx.db, ctx.actor.orgId)]);
  let relevant = defs;
  const root = categoryId ? categories.find((c) => c.id === categoryId) : undefined;
  if (root) {
    const inScope = new Set([...pathIds(root.path), ...categories.filter((c) => c.path.startsWith(root.path)).map((c) => c.id)]);
    relevant = defs.filter((d) => inScope.has(d.category_id));
  }
  const keysByLabel = new Map<string, { keys: string[]; unit: string | null }>();
  for (const d of relevant) {
    const entry = keysByLabel.get(d.label) ?? { keys: [], unit: d.unit };
    entry.keys.push(d.key);
    keysByLabel.set(d.label, entry);
  }
  return [...keysByLabel].map(([label, { keys }]) => ({
    header: attributeHeader(label),
    value: (r: AssetDto) => {
      const key = keys.find((k) => r.attributes[k] !== undefined);
      return key === undefined ? null : r.attributes[key];
    },
  }));
}
