import type {
  FindingDto,
  FindingInput,
  FindingResolveInput,
  FindingSource,
  HazardSource,
  HazardStatus,
} from '../../../../contracts/hazards.js';
import type { Page } from '../../../../contracts/types.js';
import type { Channel } from '../../../../contracts/workorders.js';
import { hasPermission, inScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { activeDictionaryPairs } from '../system/index.js';
import { intake } from '../workorders/index.js';
import { attachmentIds, checkCampaign, checkPlace, locationPaths, readScope, text } from './common.js';
import {
  FINISHED_WORK_ORDER_STATUSES,
  type FindingFilter,
  type FindingListRow,
  type FindingRow,
  findFinding,
  listFindings,
} from './findings.repository.js';
import { insertHazard } from './hazards.service.js';

/** 发现问题 numbers: FX-20260315-0001, per site, restarting every day. */
export const FINDING_NUMBERING = {
  code: 'FX',
  name: '发现问题',
  prefix: 'FX',
  dateFormat: 'YYYYMMDD',
  seqWidth: 4,
  reset: 'daily',
  perSite: true,
} as const;

/** A finding's hazard category → the repair category its work order gets when none is chosen. */
const REPAIR_CATEGORY_OF: Record<string, string> = {
  fire_safety: 'fire',
  electrical_safety: 'power',
  structure: 'building',
  food_safety: 'kitchen',
};

const me = (ctx: Ctx) => ctx.actor.userId;

function mayRead(ctx: Ctx, row: FindingRow): boolean {
  return (me(ctx) !== null && row.found_by === me(ctx)) || inScope(readScope(ctx), row.site_id);
}

/** The finder, or hazards:manage on the site, decides how a finding is handled. */
export function mayResolve(ctx: Ctx, row: FindingRow): boolean {
  return (me(ctx) !== null && row.found_by === me(ctx)) || hasPermission(ctx.actor, 'hazards:manage', row.site_id);
}

/** A finding the actor may see (hazards:read on its site, or their own report); 404 otherwise. */
export async function readableFinding(ctx: Ctx, id: string): Promise<FindingListRow> {
  const row = await findFinding(ctx.db, ctx.actor.orgId, id);
  if (!row || !mayRead(ctx, row)) throw notFound('发现问题');
  return row;
}

export function isHandled(r: Pick<FindingListRow, 'resolution' | 'work_order_status' | 'hazard_status'>): boolean {
  if (r.resolution === 'fixed_on_spot') return true;
  if (r.resolution === 'work_order') return (FINISHED_WORK_ORDER_STATUSES as readonly string[]).includes(r.work_order_status ?? '');
  return r.resolution === 'hazard' && r.hazard_status === 'closed';
}

async function toFindingDtos(ctx: Ctx, rows: FindingListRow[]): Promise<FindingDto[]> {
  if (!rows.length) return [];
  const orgId = ctx.actor.orgId;
  const [paths, photos] = await Promise.all([
    locationPaths(
      ctx.db,
      orgId,
      rows.map((r) => r.location_id),
    ),
    attachmentIds(
      ctx.db,
      orgId,
      ['finding', 'finding_fix'],
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    siteName: r.site_name,
    locationId: r.location_id,
    locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
    assetId: r.asset_id,
    assetName: r.asset_name,
    source: r.source,
    sourceType: r.source_type,
    sourceId: r.source_id,
    sourceLabel: r.source_label,
    roundId: r.round_id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    category: r.category,
    description: r.description,
    photoIds: photos.get(`finding:${r.id}`) ?? [],
    foundAt: r.found_at,
    foundBy: r.found_by,
    foundByName: r.found_by_name,
    resolution: r.resolution,
    fixNote: r.fix_note,
    fixPhotoIds: photos.get(`finding_fix:${r.id}`) ?? [],
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number,
    workOrderStatus: r.work_order_status,
    hazardId: r.hazard_id,
    hazardNumber: r.hazard_number,
    hazardStatus: r.hazard_status as HazardStatus | null,
    handled: isHandled(r),
    canResolve: r.resolution === 'open' && mayResolve(ctx, r),
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolvedByName: r.resolved_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  }));
}

export async function searchFindings(ctx: Ctx, filter: FindingFilter): Promise<Page<FindingDto>> {
  const page = await listFindings(ctx.db, ctx.actor.orgId, readScope(ctx), me(ctx), filter);
  return { items: await toFindingDtos(ctx, page.items), nextCursor: page.nextCursor };
}

export async function getFinding(ctx: Ctx, id: string): Promise<FindingDto> {
  const [dto] = await toFindingDtos(ctx, [await readableFinding(ctx, id)]);
  return dto as FindingDto;
}

export interface RecordFindingInput {
  siteId: string;
  source: FindingSource;
  sourceType: string;
  sourceId: string;
  sourceLabel: string | null;
  roundId: string | null;
  locationId: string | null;
  assetId: string | null;
  category: string | null;
  description: string;
  campaignId?: string | null;
}

async function checkFinding(
  db: Db | Tx,
  orgId: string,
  input: Pick<RecordFindingInput, 'siteId' | 'locationId' | 'assetId' | 'category' | 'description' | 'campaignId'>,
): Promise<string | null> {
  const check = new FieldCheck();
  if (!input.description.trim()) check.add('description', '请描述发现的问题');
  if (input.category) {
    const active = await activeDictionaryPairs(db as Db, orgId, [{ type: 'hazard_category', code: input.category }]);
    if (!active.has(`hazard_category:${input.category}`)) check.add('category', '请选择有效的问题类别');
  }
  const location = await checkPlace(db, orgId, input.siteId, input.locationId, input.assetId, check);
  if (input.campaignId) await checkCampaign(db, orgId, input.campaignId, input.siteId, check);
  check.throwIfAny();
  return location;
}

/**
 * Records a finding in the caller's transaction — the patrol, checklist and reading
 * modules call this for what their rounds and readings find; numbered and audited like
 * every write. Who may record is the calling module's question; the place, category
 * and campaign are checked here (400 with the field named).
 */
export async function recordFinding(ctx: Ctx, tx: Tx, input: RecordFindingInput): Promise<{ id: string; number: string }> {
  return insertFinding(ctx, tx, input);
}

/** recordFinding, and a direct report's insert: it points at no source record. */
async function insertFinding(
  ctx: Ctx,
  tx: Tx,
  input: Omit<RecordFindingInput, 'sourceType' | 'sourceId'> & { sourceType: string | null; sourceId: string | null },
): Promise<{ id: string; number: string }> {
  const orgId = ctx.actor.orgId;
  const location = await checkFinding(tx, orgId, input);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: FindingRow = {
    id: newId(),
    org_id: orgId,
    site_id: input.siteId,
    number: await nextNumber(tx, { orgId, ruleCode: FINDING_NUMBERING.code, siteId: input.siteId, at: now }),
    location_id: location,
    asset_id: input.assetId,
    source: input.source,
    source_type: input.sourceType,
    source_id: input.sourceId,
    source_label: text(input.sourceLabel),
    round_id: input.roundId,
    campaign_id: input.campaignId ?? null,
    category: input.category,
    description: input.description.trim(),
    found_at: at,
    found_by: me(ctx),
    resolution: 'open',
    fix_note: null,
    work_order_id: null,
    hazard_id: null,
    resolved_at: null,
    resolved_by: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await tx.insertInto('findings').values(row).execute();
  await writeAudit(ctx, tx, { entity: 'finding', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
  return { id: row.id, number: row.number };
}

/** How many findings each of the given source records produced (e.g. the points of a round). */
export async function findingCountsBySource(db: Db | Tx, sourceType: string, sourceIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ids = [...new Set(sourceIds)];
  // chunks keep the parameter list well inside both engines' limits
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('findings')
      .select(['source_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('source_type', '=', sourceType)
      .where('source_id', 'in', ids.slice(i, i + 500))
      .groupBy('source_id')
      .execute();
    for (const r of rows) if (r.source_id) out.set(r.source_id, Number(r.n));
  }
  return out;
}

/** POST /findings: reported directly by someone holding hazards:report on the site. */
export async function reportFinding(ctx: Ctx, input: FindingInput): Promise<FindingDto> {
  if (!hasPermission(ctx.actor, 'hazards:report', input.siteId)) {
    throw new AppError('VALIDATION', '场所不存在或无权登记问题', { fields: [{ field: 'siteId', message: '请选择您可登记问题的场所' }] });
  }
  const id = await ctx.db.transaction().execute(async (tx) => {
    const found = await insertFinding(ctx, tx, {
      siteId: input.siteId,
      source: 'direct',
      sourceType: null,
      sourceId: null,
      sourceLabel: null,
      roundId: null,
      locationId: input.locationId ?? null,
      assetId: input.assetId ?? null,
      category: input.category ?? null,
      description: input.description,
      campaignId: input.campaignId ?? null,
    });
    return found.id;
  });
  return getFinding(ctx, id);
}

const HAZARD_SOURCE_OF: Record<FindingSource, HazardSource> = {
  patrol: 'patrol',
  direct: 'direct',
  reading: 'reading',
  checklist: 'checklist',
};

/**
 * POST /findings/:id/resolve — how an open finding is handled, decided once by the
 * finder or a hazards manager: fixed on the spot (a note and a photo of the fix
 * uploaded first), a repair work order through the work-order intake, or a hazard in
 * the register. The finding and what it created change in one transaction.
 */
export async function resolveFinding(ctx: Ctx, id: string, input: FindingResolveInput): Promise<FindingDto> {
  const row = await readableFinding(ctx, id);
  if (row.resolution !== 'open') {
    throw new AppError('ILLEGAL_TRANSITION', '该问题已处理，不能再次处理', { status: row.resolution, action: input.resolution });
  }
  if (!mayResolve(ctx, row)) throw forbidden();
  const now = ctx.clock.now().toISOString();
  const base = { resolution: input.resolution, resolved_at: now, resolved_by: me(ctx) };
  if (input.resolution === 'fixed_on_spot') {
    const check = new FieldCheck();
    if (!input.note?.trim()) check.add('note', '请说明当场整改的情况');
    const photos = await attachmentIds(ctx.db, ctx.actor.orgId, ['finding_fix'], [row.id]);
    if (!photos.get(`finding_fix:${row.id}`)?.length) check.add('fixPhotos', '请先上传至少一张整改后照片');
    check.throwIfAny();
  }
  await ctx.db.transaction().execute(async (tx) => {
    let patch: Partial<FindingRow> = base;
    if (input.resolution === 'fixed_on_spot') {
      patch = { ...patch, fix_note: input.note.trim() };
    } else if (input.resolution === 'work_order') {
      const category = input.category || REPAIR_CATEGORY_OF[row.category ?? ''] || 'other';
      const note = text(input.note);
      const channel: Channel = row.source === 'direct' ? 'web' : 'patrol';
      const wo = await intake(
        ctx,
        tx,
        {
          siteId: row.site_id,
          locationId: row.location_id,
          assetId: row.asset_id,
          category,
          urgency: input.urgency || 'normal',
          description: `${row.description}${note ? `（${note}）` : ''}（发现问题 ${row.number}）`,
          sourceType: 'finding',
          sourceId: row.id,
        },
        { channel, requesterId: me(ctx), ownerId: null },
      );
      patch = { ...patch, work_order_id: wo.id };
    } else {
      const hazard = await insertHazard(
        ctx,
        tx,
        {
          ...input.hazard,
          siteId: row.site_id,
          locationId: row.location_id,
          assetId: row.asset_id,
          description: input.hazard.description?.trim() || row.description,
          campaignId: input.hazard.campaignId ?? row.campaign_id,
        },
        {
          source: row.campaign_id && row.source === 'direct' ? 'campaign' : HAZARD_SOURCE_OF[row.source],
          findingId: row.id,
          foundAt: row.found_at,
          foundBy: row.found_by,
        },
      );
      patch = { ...patch, hazard_id: hazard.id };
    }
    await updateVersioned(tx, 'findings', id, input.version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'finding',
      entityId: id,
      action: `resolve_${input.resolution}`,
      siteId: row.site_id,
      before: storedFinding(row),
      after: { ...storedFinding(row), ...patch },
    });
  });
  return getFinding(ctx, id);
}

function storedFinding(r: FindingListRow): FindingRow {
  const {
    site_name: _a,
    asset_name: _b,
    campaign_name: _c,
    found_by_name: _d,
    resolved_by_name: _e,
    work_order_number: _f,
    work_order_status: _g,
    hazard_number: _h,
    hazard_status: _i,
    ...row
  } = r;
  return row;
}
