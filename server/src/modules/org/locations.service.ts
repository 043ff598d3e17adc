import type { Page } from '../../../../contracts/types.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, duplicate, notFound, staleVersion, validation } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { ancestorIds, buildTree, childPath, isWithin, joinPathName, type TreeNode } from '../../platform/tree.js';
import {
  countActiveChildren,
  findLocation,
  findLocationByCode,
  findLocationsByIds,
  type LocationFilter,
  type LocationRow,
  listLocations,
  lockSiteTree,
  rebaseDescendants,
  siteLocations,
  subtreeIdsQuery,
} from './locations.repository.js';
import { findSitesByIds } from './sites.repository.js';
import { getSite } from './sites.service.js';

export interface LocationInput {
  siteId: string;
  parentId?: string | null;
  code: string;
  name: string;
  kind: string;
  sort?: number;
}

export type LocationPatch = Partial<LocationInput>;

export const LOCATION_KIND_LABELS: Record<string, string> = { building: '楼栋', floor: '楼层', room: '房间', area: '区域', other: '其他' };

export function toLocationDto(r: LocationRow) {
  return {
    id: r.id,
    siteId: r.site_id,
    parentId: r.parent_id,
    path: r.path,
    depth: r.depth,
    code: r.code,
    name: r.name,
    kind: r.kind,
    sort: r.sort,
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type LocationDto = ReturnType<typeof toLocationDto>;

/** A location the actor may read (404 otherwise). */
export async function getLocation(ctx: Ctx, id: string): Promise<LocationRow> {
  const row = await findLocation(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('位置');
  assertReadable(ctx, 'org:read', row.site_id, '位置');
  return row;
}

/** A location with its site and the breadcrumb of its ancestors, top down. */
export async function getLocationDetail(ctx: Ctx, id: string) {
  const row = await getLocation(ctx, id);
  const site = await getSite(ctx, row.site_id);
  const byId = new Map((await findLocationsByIds(ctx.db, ctx.actor.orgId, ancestorIds(row.path))).map((a) => [a.id, a]));
  const ancestors = ancestorIds(row.path)
    .map((a) => byId.get(a))
    .filter((a): a is LocationRow => Boolean(a))
    .map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind }));
  return {
    ...toLocationDto(row),
    site: { id: site.id, code: site.code, name: site.name },
    ancestors,
    pathName: joinPathName([site.name, ...ancestors.map((a) => a.name), row.name]),
  };
}

/** The materialised path of a node's parent ("/a/b/c/" → "/a/b/", a top-level "/c/" → "/"). */
function parentPathOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
}

/**
 * What a row shows beyond its own columns: the site, the parent's code and the full
 * path name "长春店 / A座主楼 / 一层 / 配电室" — two queries for the whole batch. The rows
 * of a page mostly share a few parents, so the path above each row is built once per
 * parent rather than once per row.
 */
export async function describeLocations(
  db: Db,
  orgId: string,
  rows: Pick<LocationRow, 'id' | 'site_id' | 'path' | 'name' | 'parent_id'>[],
) {
  const parents = new Map<string, { siteId: string; ancestors: string[] }>();
  const keys = rows.map((r) => {
    const key = `${r.site_id} ${parentPathOf(r.path)}`;
    if (!parents.has(key)) parents.set(key, { siteId: r.site_id, ancestors: ancestorIds(r.path) });
    return key;
  });
  const ancestorSet = new Set<string>();
  for (const p of parents.values()) for (const id of p.ancestors) ancestorSet.add(id);
  const [ancestorRows, siteRows] = await Promise.all([
    findLocationsByIds(db, orgId, [...ancestorSet]),
    findSitesByIds(db, orgId, [...new Set(rows.map((r) => r.site_id))]),
  ]);
  const ancestors = new Map(ancestorRows.map((a) => [a.id, a]));
  const sites = new Map(siteRows.map((s) => [s.id, s]));
  const prefixes = new Map<string, string>();
  for (const [key, p] of parents) {
    prefixes.set(key, joinPathName([sites.get(p.siteId)?.name, ...p.ancestors.map((a) => ancestors.get(a)?.name)]));
  }
  return new Map(
    rows.map((r, i) => {
      const site = sites.get(r.site_id);
      const info = {
        siteCode: site?.code ?? '',
        siteName: site?.name ?? '',
        parentCode: r.parent_id ? (ancestors.get(r.parent_id)?.code ?? null) : null,
        pathName: joinPathName([prefixes.get(keys[i] as string), r.name]),
      };
      return [r.id, info];
    }),
  );
}

/** "长春店 / A座主楼 / 一层 / 配电室" for each row (other modules label records with it). */
export async function locationPathNames(
  db: Db,
  orgId: string,
  rows: Pick<LocationRow, 'id' | 'site_id' | 'path' | 'name' | 'parent_id'>[],
) {
  const info = await describeLocations(db, orgId, rows);
  return new Map([...info].map(([id, i]) => [id, i.pathName]));
}

/** Path names ("长春店 / A座主楼 / 一层") of the given locations by id, read together (nulls skipped). */
export async function locationPathsById(db: Db, orgId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('locations')
    .select(['id', 'site_id', 'path', 'name', 'parent_id'])
    .where('org_id', '=', orgId)
    .where('id', 'in', wanted)
    .execute();
  return locationPathNames(db, orgId, rows);
}

export interface LocationSearch extends Omit<LocationFilter, 'under'> {
  under?: string;
}

export type LocationListItem = LocationDto & { siteCode: string; siteName: string; parentCode: string | null; pathName: string };

export async function searchLocations(ctx: Ctx, filter: LocationSearch): Promise<Page<LocationListItem>> {
  const { under, ...rest } = filter;
  const root = under ? await getLocation(ctx, under) : undefined;
  const page = await listLocations(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'org:read'), { ...rest, under: root });
  const info = await describeLocations(ctx.db, ctx.actor.orgId, page.items);
  // one literal per row (not spreads of two objects): lists serialise these in bulk
  const items = page.items.map((r): LocationListItem => {
    const i = info.get(r.id);
    return {
      id: r.id,
      siteId: r.site_id,
      parentId: r.parent_id,
      path: r.path,
      depth: r.depth,
      code: r.code,
      name: r.name,
      kind: r.kind,
      sort: r.sort,
      active: r.active === 1,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      siteCode: i?.siteCode ?? '',
      siteName: i?.siteName ?? '',
      parentCode: i?.parentCode ?? null,
      pathName: i?.pathName ?? r.name,
    };
  });
  return { items, nextCursor: page.nextCursor };
}

/** The whole location tree of one site as nested nodes, siblings by `sort` then code. */
export async function locationTree(ctx: Ctx, siteId: string, active?: boolean) {
  const site = await getSite(ctx, siteId);
  const rows = await siteLocations(ctx.db, site.id, active);
  const nodes: TreeNode<LocationDto>[] = buildTree(rows.map(toLocationDto));
  return { site: { id: site.id, code: site.code, name: site.name }, nodes };
}

/** Ids of a location and of everything below it (for filters in other modules). */
export async function locationSubtreeIds(ctx: Ctx, id: string): Promise<string[]> {
  const root = await getLocation(ctx, id);
  const rows = await subtreeIdsQuery(ctx.db, root).execute();
  return rows.map((r) => r.id);
}

export async function createLocation(ctx: Ctx, input: LocationInput): Promise<LocationRow> {
  const check = new FieldCheck();
  const site = await findSitesByIds(ctx.db, ctx.actor.orgId, [input.siteId]).then((s) => s[0]);
  if (!site || !inScope(siteScope(ctx.actor, 'org:read'), site.id)) throw fieldError('siteId', '场所不存在或无权访问');
  assertCan(ctx, 'org:manage', site.id);
  if (site.active !== 1) check.add('siteId', `场所「${site.name}」已停用`);
  check.throwIfAny();
  const now = ctx.clock.now().toISOString();
  const id = newId();
  return ctx.db.transaction().execute(async (tx) => {
    await lockSiteTree(tx, site.id);
    const parent = input.parentId ? await checkParent(ctx, tx, site.id, input.parentId, true) : null;
    await assertCodeFree(tx, site.id, input.code);
    const row: LocationRow = {
      id,
      org_id: ctx.actor.orgId,
      site_id: site.id,
      parent_id: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
      depth: parent ? parent.depth + 1 : 0,
      code: input.code,
      name: input.name,
      kind: input.kind,
      sort: input.sort ?? 0,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('locations').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'location', entityId: id, siteId: site.id, action: 'create', after: row });
    return row;
  });
}

/**
 * Edits a location; a new `parentId` moves it with its whole subtree (paths and depths
 * rewritten in the same transaction). Moving under itself, under a descendant or into
 * another site is refused.
 */
export async function updateLocation(ctx: Ctx, id: string, version: number, input: LocationPatch): Promise<LocationRow> {
  const seen = await getLocation(ctx, id);
  assertCan(ctx, 'org:manage', seen.site_id);
  if (input.siteId !== undefined && input.siteId !== seen.site_id) {
    throw fieldError('siteId', '位置不能跨场所移动；请在目标场所新建位置');
  }
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockSiteTree(tx, seen.site_id);
    // re-read under the lock: the path may have changed since `seen` (a move above it)
    const before = await findLocation(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('位置');
    if (before.version !== version) throw staleVersion();
    const patch: Partial<LocationRow> = {
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.sort !== undefined && { sort: input.sort }),
    };
    const moving = input.parentId !== undefined && input.parentId !== before.parent_id;
    if (moving) {
      const parent = input.parentId ? await checkParent(ctx, tx, before.site_id, input.parentId, before.active === 1, before) : null;
      patch.parent_id = parent?.id ?? null;
      patch.path = childPath(parent?.path ?? null, id);
      patch.depth = parent ? parent.depth + 1 : 0;
    }
    if (input.code !== undefined && input.code !== before.code) await assertCodeFree(tx, before.site_id, input.code);
    await updateVersioned(tx, 'locations', id, version, patch, now);
    if (moving && patch.path && patch.depth !== undefined) {
      await rebaseDescendants(tx, before.site_id, before.path, patch.path, patch.depth - before.depth, now);
    }
    const after: LocationRow = { ...before, ...patch, version: version + 1, updated_at: now };
    await writeAudit(ctx, tx, {
      entity: 'location',
      entityId: id,
      siteId: before.site_id,
      action: moving ? 'move' : 'update',
      before,
      after,
    });
    return after;
  });
}

/**
 * Deactivating keeps the invariant "every ancestor of an active location is active":
 * refused while active children remain; activating is refused under an inactive parent.
 */
export async function setLocationActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<LocationRow> {
  const seen = await getLocation(ctx, id);
  assertCan(ctx, 'org:manage', seen.site_id);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    await lockSiteTree(tx, seen.site_id);
    const before = await findLocation(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('位置');
    if (!active) {
      const children = await countActiveChildren(tx, id);
      if (children > 0) {
        throw new AppError('CONFLICT', `「${before.name}」下还有 ${children} 个启用的下级位置，请先停用或移走下级位置`, {
          activeChildren: children,
        });
      }
    } else if (before.parent_id) {
      const parent = await findLocation(tx, ctx.actor.orgId, before.parent_id);
      if (parent && parent.active !== 1) {
        throw new AppError('CONFLICT', `上级位置「${parent.name}」已停用，请先启用上级位置`, { parentId: parent.id });
      }
    }
    await updateVersioned(tx, 'locations', id, version, { active: active ? 1 : 0 }, now);
    const after: LocationRow = { ...before, active: active ? 1 : 0, version: version + 1, updated_at: now };
    await writeAudit(ctx, tx, {
      entity: 'location',
      entityId: id,
      siteId: before.site_id,
      action: active ? 'activate' : 'deactivate',
      before,
      after,
    });
    return after;
  });
}

/** The new parent, read inside the transaction; every problem is a `parentId` field error. */
async function checkParent(ctx: Ctx, tx: Tx, siteId: string, parentId: string, mustBeActive: boolean, moving?: LocationRow) {
  const parent = await findLocation(tx, ctx.actor.orgId, parentId);
  if (!parent) throw fieldError('parentId', '上级位置不存在');
  if (parent.site_id !== siteId) throw fieldError('parentId', `上级位置「${parent.name}」属于其他场所，位置不能跨场所移动`);
  if (moving && isWithin(parent.path, moving.path)) {
    throw fieldError(
      'parentId',
      parent.id === moving.id ? '不能把位置设为自己的上级' : `「${parent.name}」是本位置的下级，不能移动到自己的下级位置下`,
    );
  }
  if (mustBeActive && parent.active !== 1) throw fieldError('parentId', `上级位置「${parent.name}」已停用`);
  return parent;
}

async function assertCodeFree(tx: Tx, siteId: string, code: string): Promise<void> {
  if (await findLocationByCode(tx, siteId, code)) throw duplicate('code', `位置编码 ${code} 在该场所已存在`);
}

function fieldError(field: string, message: string): AppError {
  return validation([{ field, message }]);
}
