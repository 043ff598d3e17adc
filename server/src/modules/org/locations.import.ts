import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { newId } from '../../platform/db/ids.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { AppError } from '../../platform/http/errors.js';
import { type ImportSpec, readUpload, runImport, sendTemplate } from '../../platform/http/import.js';
import { childPath, orderParentsFirst } from '../../platform/tree.js';
import { findLocationsByCodes, findLocationsByIds, type LocationRow, lockSiteTree, maxSortByParent } from './locations.repository.js';
import { LOCATION_KIND_LABELS } from './locations.service.js';
import { findSitesByCodes, findSitesByIds } from './sites.repository.js';

/**
 * Location import. A row's parent may be an existing location of the same site or
 * another row of the file, above or below it; rows are written parents-first.
 */
interface LocationImportItem {
  siteCode: string;
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  // filled by checkBatch
  siteId?: string;
  /** an existing location of the site */
  parentId?: string | null;
  /** another row of the file (its site + code key) */
  parentKey?: string | null;
}

const COL = { site: '场所编码', code: '位置编码', name: '名称', kind: '类型', parent: '上级位置编码' } as const;
const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
const KIND_BY_TEXT = new Map<string, string>(
  Object.entries(LOCATION_KIND_LABELS).flatMap(([kind, label]) => [
    [label, kind],
    [kind, kind],
  ]),
);
const keyOf = (siteId: string, code: string) => `${siteId}\u0000${code}`;

export const locationImportSpec: ImportSpec<LocationImportItem> = {
  sheet: '位置',
  columns: [
    { header: COL.site, required: true, example: 'CC', note: '场所编码，如 CC' },
    { header: COL.code, required: true, example: 'CC-A-3F', note: '在场所内唯一；字母、数字、- _ .' },
    { header: COL.name, required: true, example: '三层' },
    { header: COL.kind, example: '楼层', note: '楼栋/楼层/房间/区域/其他，或 building/floor/room/area/other；空为其他' },
    { header: COL.parent, example: 'CC-A', note: '空为顶层；可引用本文件中的其他行或已有位置' },
  ],

  parseRow(v, fail) {
    const code = v[COL.code] ?? '';
    const name = v[COL.name] ?? '';
    const kindText = v[COL.kind] ?? '';
    const parentCode = v[COL.parent] || null;
    const kind = kindText ? (KIND_BY_TEXT.get(kindText) ?? KIND_BY_TEXT.get(kindText.toLowerCase())) : 'other';
    const problems: [string, string][] = [];
    if (code && !CODE_PATTERN.test(code)) problems.push([COL.code, '只能包含字母、数字、- _ .，最长 40 个字符']);
    if (name.length > 100) problems.push([COL.name, '不能超过 100 个字符']);
    if (!kind) problems.push([COL.kind, `无效的类型「${kindText}」，可选：楼栋、楼层、房间、区域、其他`]);
    if (parentCode && parentCode === code) problems.push([COL.parent, '不能是位置自己']);
    for (const [column, message] of problems) fail(column, message);
    // empty required cells are reported by the engine
    if (problems.length || !code || !name || !v[COL.site]) return null;
    return { siteCode: v[COL.site] ?? '', code, name, kind: kind ?? 'other', parentCode };
  },

  async checkBatch(ctx, rows, fail) {
    const { orgId } = ctx.actor;
    const readable = siteScope(ctx.actor, 'org:read');
    const sites = new Map((await findSitesByCodes(ctx.db, orgId, [...new Set(rows.map((r) => r.item.siteCode))])).map((s) => [s.code, s]));
    const placed: typeof rows = [];
    for (const r of rows) {
      const site = sites.get(r.item.siteCode);
      if (!site || !inScope(readable, site.id)) fail(r.row, COL.site, `场所 ${r.item.siteCode} 不存在或无权访问`);
      else if (!hasPermission(ctx.actor, 'org:manage', site.id)) fail(r.row, COL.site, `没有管理场所「${site.name}」位置的权限`);
      else if (site.active !== 1) fail(r.row, COL.site, `场所「${site.name}」已停用`);
      else {
        r.item.siteId = site.id;
        placed.push(r);
      }
    }
    const siteName = new Map([...sites.values()].map((s) => [s.id, s.name]));

    // codes already taken in the file (first occurrence wins) and in the database
    const firstRow = new Map<string, number>();
    for (const r of placed) {
      const key = keyOf(r.item.siteId as string, r.item.code);
      const first = firstRow.get(key);
      if (first !== undefined) fail(r.row, COL.code, `位置编码 ${r.item.code} 与第 ${first} 行重复`);
      else firstRow.set(key, r.row);
    }
    const codes = [...new Set(placed.flatMap((r) => [r.item.code, r.item.parentCode ?? '']).filter(Boolean))];
    const existing = await findLocationsByCodes(ctx.db, orgId, codes);
    const existingByKey = new Map(existing.map((l) => [keyOf(l.site_id, l.code), l]));
    const otherSites = [...new Set(existing.map((l) => l.site_id))].filter((id) => !siteName.has(id));
    for (const s of await findSitesByIds(ctx.db, orgId, otherSites)) siteName.set(s.id, s.name);
    for (const r of placed) {
      if (existingByKey.has(keyOf(r.item.siteId as string, r.item.code))) {
        fail(r.row, COL.code, `位置编码 ${r.item.code} 在场所「${siteName.get(r.item.siteId as string)}」已存在`);
      }
    }

    for (const r of placed) resolveParent(r, { firstRow, existingByKey, existing, placed, readable, siteName }, fail);

    const withParents = placed.filter((r) => r.item.parentKey !== undefined);
    const { blocked, cycles } = orderParentsFirst(
      withParents.map((r) => ({ key: keyOf(r.item.siteId as string, r.item.code), parentKey: r.item.parentKey ?? null })),
    );
    const onCycle = new Map<string, string[]>();
    for (const cycle of cycles) for (const key of cycle) onCycle.set(key, cycle);
    for (const i of blocked) {
      const r = withParents[i];
      if (!r) continue;
      const cycle = onCycle.get(keyOf(r.item.siteId as string, r.item.code));
      const codesOf = (keys: string[]) => keys.map((k) => k.split('\u0000')[1]);
      fail(
        r.row,
        COL.parent,
        cycle
          ? `上级位置形成循环：${[...codesOf(cycle), codesOf(cycle)[0]].join(' → ')}`
          : `上级位置 ${r.item.parentCode} 处在循环引用中，无法确定层级`,
      );
    }
  },

  async commit(ctx, tx, items) {
    const siteIds = [...new Set(items.map((i) => i.siteId as string))].sort();
    for (const siteId of siteIds) await lockSiteTree(tx, siteId);
    // existing parents are re-read under the lock: their paths are what the new rows extend
    const parentIds = [...new Set(items.map((i) => i.parentId).filter((id): id is string => Boolean(id)))];
    const parents = new Map((await findLocationsByIds(tx, ctx.actor.orgId, parentIds)).map((p) => [p.id, p]));
    for (const id of parentIds) {
      if (parents.get(id)?.active !== 1) throw new AppError('CONFLICT', '导入期间上级位置被停用或修改，请重新预览后再导入');
    }
    const nextSort = new Map<string, number>();
    for (const siteId of siteIds) {
      for (const [parent, max] of await maxSortByParent(tx, siteId)) nextSort.set(`${siteId}/${parent ?? ''}`, max + 1);
    }
    const { order } = orderParentsFirst(items.map((i) => ({ key: keyOf(i.siteId as string, i.code), parentKey: i.parentKey ?? null })));
    const created = new Map<string, LocationRow>();
    const now = ctx.clock.now().toISOString();
    for (const index of order) {
      const item = items[index] as LocationImportItem;
      const parent = item.parentKey ? created.get(item.parentKey) : item.parentId ? parents.get(item.parentId) : undefined;
      const siteId = item.siteId as string;
      const sortKey = `${siteId}/${parent?.id ?? ''}`;
      const sort = nextSort.get(sortKey) ?? 0;
      nextSort.set(sortKey, sort + 1);
      const id = newId();
      const row: LocationRow = {
        id,
        org_id: ctx.actor.orgId,
        site_id: siteId,
        parent_id: parent?.id ?? null,
        path: childPath(parent?.path ?? null, id),
        depth: parent ? parent.depth + 1 : 0,
        code: item.code,
        name: item.name,
        kind: item.kind,
        sort,
        active: 1,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await tx.insertInto('locations').values(row).execute();
      await writeAudit(ctx, tx, { entity: 'location', entityId: id, siteId, action: 'import', after: row });
      created.set(keyOf(siteId, item.code), row);
    }
  },

  preview: (i) => ({ siteCode: i.siteCode, code: i.code, name: i.name, kind: i.kind, parentCode: i.parentCode }),
};

interface ParentLookup {
  firstRow: Map<string, number>;
  existingByKey: Map<string, LocationRow>;
  existing: LocationRow[];
  placed: { row: number; item: LocationImportItem }[];
  readable: ReturnType<typeof siteScope>;
  siteName: Map<string, string>;
}

/** Points the row at its parent (a row of the file first, then the database) or reports why it cannot. */
function resolveParent(
  r: { row: number; item: LocationImportItem },
  look: ParentLookup,
  fail: (row: number, column: string, message: string) => void,
): void {
  const { item } = r;
  const siteId = item.siteId as string;
  if (!item.parentCode) {
    item.parentKey = null;
    item.parentId = null;
    return;
  }
  const key = keyOf(siteId, item.parentCode);
  if (look.firstRow.has(key)) {
    item.parentKey = key;
    item.parentId = null;
    return;
  }
  const inDb = look.existingByKey.get(key);
  if (inDb) {
    if (inDb.active !== 1) {
      fail(r.row, COL.parent, `上级位置 ${item.parentCode}（${inDb.name}）已停用`);
      return;
    }
    item.parentKey = null;
    item.parentId = inDb.id;
    return;
  }
  // the code exists only in another site the actor can see: say so rather than "unknown"
  const elsewhere =
    look.placed.find((o) => o.item.code === item.parentCode && o.item.siteId !== siteId)?.item.siteId ??
    look.existing.find((l) => l.code === item.parentCode && inScope(look.readable, l.site_id))?.site_id;
  const message = elsewhere
    ? `上级位置 ${item.parentCode} 属于其他场所（${look.siteName.get(elsewhere) ?? '其他场所'}），位置不能跨场所`
    : `上级位置 ${item.parentCode} 在本文件和该场所中都不存在`;
  fail(r.row, COL.parent, message);
}

export const locationImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['org'];
  app.get(
    '/locations/import-template',
    { config: { access: 'org:manage' }, schema: { tags, summary: '位置导入模板' } },
    async (_req, reply) => sendTemplate(reply, locationImportSpec, '位置导入模板'),
  );

  app.post(
    '/locations/import',
    {
      config: { access: 'org:manage' },
      schema: {
        tags,
        summary: '导入位置（multipart 文件；dryRun=1 只预览，dryRun=0 全部导入或全部不导入）',
        querystring: Type.Object({ dryRun: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])) }),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const upload = await readUpload(req);
      return runImport(ctx, locationImportSpec, upload.data, req.query.dryRun !== '0');
    },
  );
};
