import { siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { findSite, listSites, type SiteFilter, type SiteRow } from './sites.repository.js';

export interface SiteInput {
  code: string;
  name: string;
  kind: string;
  timezone?: string;
  address?: string | null;
  openingHours?: string | null;
}

export function toSiteDto(r: SiteRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    timezone: r.timezone,
    address: r.address,
    openingHours: r.opening_hours,
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getSite(ctx: Ctx, id: string): Promise<SiteRow> {
  const row = await findSite(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('场所');
  assertReadable(ctx, 'org:read', row.id, '场所');
  return row;
}

export function searchSites(ctx: Ctx, filter: SiteFilter) {
  return listSites(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'org:read'), filter);
}

export async function createSite(ctx: Ctx, input: SiteInput): Promise<SiteRow> {
  // a new site is organisation-wide business: only holders of org:manage on every site
  assertCan(ctx, 'org:manage', null);
  checkSite(input);
  const now = ctx.clock.now().toISOString();
  const row: SiteRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    code: input.code,
    name: input.name,
    kind: input.kind,
    timezone: input.timezone ?? 'Asia/Shanghai',
    address: input.address ?? null,
    opening_hours: input.openingHours ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('sites').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'site', entityId: row.id, siteId: row.id, action: 'create', after: row });
  });
  return row;
}

export async function updateSite(ctx: Ctx, id: string, version: number, input: Partial<SiteInput>): Promise<SiteRow> {
  const before = await getSite(ctx, id);
  assertCan(ctx, 'org:manage', id);
  checkSite(input);
  const patch = {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.timezone !== undefined && { timezone: input.timezone }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.openingHours !== undefined && { opening_hours: input.openingHours }),
  };
  return saveSite(ctx, before, version, patch, 'update');
}

export async function setSiteActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<SiteRow> {
  const before = await getSite(ctx, id);
  assertCan(ctx, 'org:manage', null);
  return saveSite(ctx, before, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate');
}

async function saveSite(ctx: Ctx, before: SiteRow, version: number, patch: Partial<SiteRow>, action: string) {
  const now = ctx.clock.now().toISOString();
  const after = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'sites', before.id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'site', entityId: before.id, siteId: before.id, action, before, after });
  });
  return after;
}

function checkSite(input: Partial<SiteInput>): void {
  new FieldCheck().timezone('timezone', input.timezone).openingHours('openingHours', input.openingHours).throwIfAny();
}
