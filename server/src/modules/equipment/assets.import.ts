import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { validation } from '../../platform/http/errors.js';
import { type ImportColumn, type ImportSpec, readUpload, runImport, sendTemplate } from '../../platform/http/import.js';
import { Id } from '../../platform/http/schemas.js';
import { orderParentsFirst } from '../../platform/tree.js';
import { attributeHeader } from './assets.export.js';
import { type AssetImportItem, COL, parseImportRow } from './assets.import.parse.js';
import { findAssetsByCodes } from './assets.repository.js';
import { generateAssetCode, insertAsset, newAssetRow } from './assets.service.js';
import { allAttributes, toAttributeDef } from './attributes.repository.js';
import { type AttributeDef, validateAttributes } from './attributes.rules.js';
import { attributeDefsFor } from './attributes.service.js';
import { type CategoryRow, findCategory } from './categories.repository.js';

/**
 * 设备台账 import. Attribute columns are `属性:<label>`; a row's labels are matched to
 * the definitions of its own category. A parent may be an existing asset of the same
 * site or another row of the file (by code), above or below it.
 */
type Fail = (row: number, column: string, message: string) => void;
type Rows = { row: number; item: AssetImportItem }[];

const BASE_COLUMNS: ImportColumn[] = [
  { header: COL.code, example: '', note: '留空则按编号规则 ZC 自动编号' },
  { header: COL.name, required: true, example: '1号冷水机组' },
  { header: COL.category, required: true, example: 'hvac' },
  { header: COL.site, required: true, example: 'CC' },
  { header: COL.location, example: 'CC-A-B1-03' },
  { header: COL.parent, example: '' },
  { header: COL.brand, example: '格力' },
  { header: COL.model, example: 'LSBLG-800' },
  { header: COL.serialNo, example: 'SN2021001' },
  { header: COL.supplier, example: '长春制冷设备有限公司' },
  { header: COL.purchaseDate, example: '2021-05-10' },
  { header: COL.purchaseCost, example: '268000.00' },
  { header: COL.warrantyEnd, example: '2024-05-09' },
  { header: COL.custodian, example: 'tech' },
  { header: COL.department, example: 'GW' },
  { header: COL.status, example: '在用' },
  { header: COL.criticality, example: '高' },
  { header: COL.productionDate, example: '' },
  { header: COL.fireRule, example: '' },
];

/** The spec for an organisation's current attribute definitions (`labels`: attribute columns to offer). */
export function assetImportSpec(labels: string[]): ImportSpec<AssetImportItem> {
  const attributeHeaders = new Map(labels.map((l) => [attributeHeader(l), l]));
  return {
    sheet: '设备台账',
    columns: [...BASE_COLUMNS, ...[...attributeHeaders.keys()].map((header) => ({ header }))],
    parseRow: (values, fail) => parseImportRow(values, attributeHeaders, fail),
    checkBatch: (ctx, rows, fail) => checkBatch(ctx, rows, fail),
    async commit(ctx, tx, items) {
      const now = ctx.clock.now().toISOString();
      const { order } = orderParentsFirst(items.map((i) => ({ key: i.code ?? `\u0000${Math.random()}`, parentKey: i.parentKey ?? null })));
      const created = new Map<string, string>();
      for (const index of order) {
        const item = items[index] as AssetImportItem;
        const parentId = item.parentKey ? (created.get(item.parentKey) ?? null) : (item.parentId ?? null);
        const code = item.code ?? (await generateAssetCode(tx, ctx.actor.orgId, item.siteId as string, now));
        const row = newAssetRow(ctx.actor.orgId, toInput(item, parentId), code, now);
        await insertAsset(ctx, tx, row, 'import');
        created.set(code, row.id);
      }
    },
    preview: (i) => ({
      code: i.code,
      name: i.name,
      categoryCode: i.categoryCode,
      siteCode: i.siteCode,
      locationCode: i.locationCode,
      parentCode: i.parentCode,
      status: i.status,
      purchaseCost: i.purchaseCost,
      attributes: i.attributes ?? {},
    }),
  };
}

function toInput(i: AssetImportItem, parentId: string | null) {
  return {
    name: i.name,
    categoryId: i.categoryId as string,
    siteId: i.siteId as string,
    locationId: i.locationId ?? null,
    parentId,
    brand: i.brand,
    model: i.model,
    serialNo: i.serialNo,
    supplier: i.supplier,
    purchaseDate: i.purchaseDate,
    purchaseCost: i.purchaseCost,
    warrantyEnd: i.warrantyEnd,
    custodianId: i.custodianId ?? null,
    departmentId: i.departmentId ?? null,
    status: i.status,
    criticality: i.criticality,
    attributes: i.attributes ?? {},
    fireRuleId: i.fireRuleId ?? null,
    productionDate: i.productionDate,
  };
}

async function checkBatch(ctx: Ctx, rows: Rows, fail: Fail): Promise<void> {
  const failed = new Set<number>();
  const report: Fail = (row, column, message) => {
    failed.add(row);
    fail(row, column, message);
  };
  await resolveReferences(ctx, rows, report);
  await checkCodes(ctx, rows, report);
  await checkAttributes(ctx, rows, report);
  // a child whose parent row will not be imported cannot be imported either
  for (let changed = true; changed; ) {
    changed = false;
    const failedCodes = new Set(rows.filter((r) => failed.has(r.row) && r.item.code).map((r) => r.item.code as string));
    for (const r of rows) {
      if (!failed.has(r.row) && r.item.parentKey && failedCodes.has(r.item.parentKey)) {
        report(r.row, COL.parent, `上级设备 ${r.item.parentKey} 所在行有错误，无法导入`);
        changed = true;
      }
    }
  }
}

async function resolveReferences(ctx: Ctx, rows: Rows, fail: Fail): Promise<void> {
  const { orgId } = ctx.actor;
  const db = ctx.db;
  const distinct = (pick: (i: AssetImportItem) => string | null) => [
    ...new Set(rows.map((r) => pick(r.item)).filter((v): v is string => !!v)),
  ];
  const [sites, categories, locations, users, departments, rules] = await Promise.all([
    distinct((i) => i.siteCode).length
      ? db
          .selectFrom('sites')
          .select(['id', 'code', 'name', 'active'])
          .where('org_id', '=', orgId)
          .where(
            'code',
            'in',
            distinct((i) => i.siteCode),
          )
          .execute()
      : [],
    db.selectFrom('asset_categories').select(['id', 'code', 'name', 'active']).where('org_id', '=', orgId).execute(),
    distinct((i) => i.locationCode).length
      ? db
          .selectFrom('locations')
          .select(['id', 'site_id', 'code', 'name', 'active'])
          .where('org_id', '=', orgId)
          .where(
            'code',
            'in',
            distinct((i) => i.locationCode),
          )
          .execute()
      : [],
    distinct((i) => i.custodianUsername).length
      ? db
          .selectFrom('users')
          .select(['id', 'username', 'name', 'active'])
          .where('org_id', '=', orgId)
          .where(
            'username',
            'in',
            distinct((i) => i.custodianUsername),
          )
          .execute()
      : [],
    db.selectFrom('departments').select(['id', 'code', 'name', 'active']).where('org_id', '=', orgId).execute(),
    db.selectFrom('fire_equipment_rules').select(['id', 'code', 'name', 'active']).where('org_id', '=', orgId).execute(),
  ]);
  const readable = siteScope(ctx.actor, 'assets:read');
  const siteBy = new Map(sites.map((s) => [s.code, s]));
  const categoryBy = new Map(categories.map((c) => [c.code, c]));
  const locationBy = new Map(locations.map((l) => [`${l.site_id}|${l.code}`, l]));
  const userBy = new Map(users.map((u) => [u.username, u]));
  const deptBy = new Map(departments.map((d) => [d.code, d]));
  const ruleBy = new Map(rules.flatMap((r) => [[r.code, r] as const, [r.name, r] as const]));
  for (const { row, item } of rows) {
    const site = siteBy.get(item.siteCode);
    if (!site || !inScope(readable, site.id)) fail(row, COL.site, `场所 ${item.siteCode} 不存在或无权访问`);
    else if (!hasPermission(ctx.actor, 'assets:manage', site.id)) fail(row, COL.site, `没有管理场所「${site.name}」设备的权限`);
    else if (site.active !== 1) fail(row, COL.site, `场所「${site.name}」已停用`);
    else item.siteId = site.id;
    const category = categoryBy.get(item.categoryCode);
    if (!category) fail(row, COL.category, `分类编码 ${item.categoryCode} 不存在`);
    else if (category.active !== 1) fail(row, COL.category, `分类「${category.name}」已停用`);
    else item.categoryId = category.id;
    if (item.locationCode && item.siteId) {
      const loc = locationBy.get(`${item.siteId}|${item.locationCode}`);
      const elsewhere = locations.some((l) => l.code === item.locationCode && inScope(readable, l.site_id));
      if (!loc)
        fail(row, COL.location, elsewhere ? `位置 ${item.locationCode} 属于其他场所` : `位置编码 ${item.locationCode} 在该场所不存在`);
      else if (loc.active !== 1) fail(row, COL.location, `位置「${loc.name}」已停用`);
      else item.locationId = loc.id;
    }
    if (item.custodianUsername) {
      const user = userBy.get(item.custodianUsername);
      if (!user) fail(row, COL.custodian, `用户 ${item.custodianUsername} 不存在`);
      else if (user.active !== 1) fail(row, COL.custodian, `用户「${user.name}」已停用`);
      else item.custodianId = user.id;
    }
    if (item.departmentCode) {
      const dept = deptBy.get(item.departmentCode);
      if (!dept) fail(row, COL.department, `部门编码 ${item.departmentCode} 不存在`);
      else if (dept.active !== 1) fail(row, COL.department, `部门「${dept.name}」已停用`);
      else item.departmentId = dept.id;
    }
    if (item.fireRuleText) {
      const rule = ruleBy.get(item.fireRuleText);
      if (!rule) fail(row, COL.fireRule, `消防器材类型「${item.fireRuleText}」不存在，可选：${rules.map((r) => r.name).join('、')}`);
      else if (rule.active !== 1) fail(row, COL.fireRule, `消防器材类型「${rule.name}」已停用`);
      else item.fireRuleId = rule.id;
      if (!item.productionDate) fail(row, COL.productionDate, '消防器材必须填写生产日期');
    }
  }
}

/** Duplicate codes in the file (the first row keeps it) and in the database; parents by code. */
async function checkCodes(ctx: Ctx, rows: Rows, fail: Fail): Promise<void> {
  const firstRow = new Map<string, number>();
  for (const { row, item } of rows) {
    if (!item.code) continue;
    const first = firstRow.get(item.code);
    if (first !== undefined) fail(row, COL.code, `设备编码 ${item.code} 与第 ${first} 行重复`);
    else firstRow.set(item.code, row);
  }
  const codes = [...new Set(rows.flatMap((r) => [r.item.code, r.item.parentCode]).filter((c): c is string => !!c))];
  const existing = new Map((await findAssetsByCodes(ctx.db, ctx.actor.orgId, codes)).map((a) => [a.code, a]));
  const readable = siteScope(ctx.actor, 'assets:read');
  const fileItem = new Map(rows.filter((r) => r.item.code).map((r) => [r.item.code as string, r.item]));
  for (const { row, item } of rows) {
    if (item.code && existing.has(item.code)) fail(row, COL.code, `设备编码 ${item.code} 已存在`);
    if (!item.parentCode) continue;
    const inFile = firstRow.has(item.parentCode) ? fileItem.get(item.parentCode) : undefined;
    const inDb = existing.get(item.parentCode);
    if (inFile) {
      if (inFile.siteCode !== item.siteCode) fail(row, COL.parent, `上级设备 ${item.parentCode} 属于其他场所`);
      else item.parentKey = item.parentCode;
    } else if (inDb && inScope(readable, inDb.site_id)) {
      if (item.siteId && inDb.site_id !== item.siteId) fail(row, COL.parent, `上级设备 ${item.parentCode}（${inDb.name}）属于其他场所`);
      else item.parentId = inDb.id;
    } else fail(row, COL.parent, `上级设备编码 ${item.parentCode} 在本文件和系统中都不存在`);
  }
  const linked = rows.filter((r) => r.item.code);
  const { blocked, cycles } = orderParentsFirst(linked.map((r) => ({ key: r.item.code as string, parentKey: r.item.parentKey ?? null })));
  for (const i of blocked) {
    const r = linked[i];
    const cycle = cycles.find((c) => c.includes(r?.item.code ?? ''));
    if (r) fail(r.row, COL.parent, cycle ? `上级设备形成循环：${[...cycle, cycle[0]].join(' → ')}` : '上级设备处在循环引用中');
  }
}

async function checkAttributes(ctx: Ctx, rows: Rows, fail: Fail): Promise<void> {
  const defsByCategory = new Map<string, AttributeDef[]>();
  for (const { row, item } of rows) {
    if (!item.categoryId) continue;
    let defs = defsByCategory.get(item.categoryId);
    if (!defs) {
      defs = await attributeDefsFor(ctx.db, (await findCategory(ctx.db, ctx.actor.orgId, item.categoryId)) as CategoryRow);
      defsByCategory.set(item.categoryId, defs);
    }
    const keyByLabel = new Map(defs.filter((d) => d.active).map((d) => [d.label, d.key]));
    const labelByKey = new Map(defs.map((d) => [d.key, d.label]));
    const input: Record<string, string> = {};
    for (const [label, value] of Object.entries(item.rawAttributes)) {
      const key = keyByLabel.get(label);
      if (key) input[key] = value;
      else fail(row, attributeHeader(label), `分类 ${item.categoryCode} 没有属性「${label}」`);
    }
    const result = validateAttributes(defs, input);
    for (const e of result.errors) {
      const key = e.field.replace(/^attributes\./, '');
      fail(row, attributeHeader(labelByKey.get(key) ?? key), e.message);
    }
    item.attributes = result.values;
  }
}

/** Labels of the attribute columns: the chosen category's (with inherited ones), or every active one when importing. */
async function attributeLabels(ctx: Ctx, categoryId?: string): Promise<string[]> {
  if (categoryId) {
    const category = await findCategory(ctx.db, ctx.actor.orgId, categoryId);
    if (!category) throw validation([{ field: 'categoryId', message: '设备分类不存在' }]);
    return [...new Set((await attributeDefsFor(ctx.db, category)).filter((d) => d.active).map((d) => d.label))];
  }
  const defs = (await allAttributes(ctx.db, ctx.actor.orgId)).map(toAttributeDef).filter((d) => d.active);
  return [...new Set(defs.map((d) => d.label))];
}

export const assetImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['equipment'];
  app.get(
    '/assets/import-template',
    {
      config: { access: 'assets:manage' },
      schema: { tags, summary: '设备台账导入模板（categoryId 决定属性列）', querystring: Type.Object({ categoryId: Type.Optional(Id) }) },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const labels = req.query.categoryId ? await attributeLabels(ctx, req.query.categoryId) : [];
      return sendTemplate(reply, assetImportSpec(labels), '设备台账导入模板');
    },
  );

  app.post(
    '/assets/import',
    {
      config: { access: 'assets:manage' },
      schema: {
        tags,
        summary: '导入设备台账（dryRun=1 预览；mode=all 全部或全部不导入，mode=valid 只导入无错误的行）',
        querystring: Type.Object({
          dryRun: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
          mode: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('valid')])),
        }),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const upload = await readUpload(req);
      const spec = assetImportSpec(await attributeLabels(ctx));
      return runImport(ctx, spec, upload.data, req.query.dryRun !== '0', req.query.mode ?? 'all');
    },
  );
};
