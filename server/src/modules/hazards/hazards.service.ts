import type {
  HazardAction,
  HazardAddresseeType,
  HazardDto,
  HazardGrade,
  HazardInput,
  HazardSettingsDto,
  HazardSource,
} from '../../../../contracts/hazards.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { usersWithPermission } from '../identity/index.js';
import { activeDictionaryPairs } from '../system/index.js';
import { attachmentIds, checkCampaign, checkPlace, locationPaths, readScope, text } from './common.js';
import { chineseDate, hazardTiming, isCalendarDate, localDate } from './dates.js';
import { findHazard, type HazardFilter, type HazardListRow, type HazardRow, listHazards } from './hazards.repository.js';
import { HAZARD_ACTION_LABELS, HAZARD_STATUS_LABELS, hazardActions, nextHazardStatus } from './hazards.state.js';
import { hazardSettings } from './settings.js';

/** 隐患整改 numbers: the YH rule of the system defaults (YH-2026-0001, per site, yearly). */
export const HAZARD_NUMBER_RULE = 'YH';
/** what the web opens from a notification */
export const hazardLink = (id: string) => `/hazards/register/${id}`;

/** the largest amount of funds a form may record: ¥1 billion, in fen */
const MAX_FUNDS_FEN = 100_000_000_000;

const me = (ctx: Ctx) => ctx.actor.userId;

/**
 * Who may see a hazard: whoever reads hazards on its site, and the people it names —
 * the finder, the responsible person and the verifier — who may hold no hazards:read there.
 */
function mayRead(ctx: Ctx, row: HazardRow): boolean {
  const user = me(ctx);
  if (user && (row.responsible_id === user || row.verifier_id === user || row.found_by === user)) return true;
  return inScope(readScope(ctx), row.site_id);
}

/** A hazard the actor may see; 404 otherwise (also for other organisations' and sites' ids). */
export async function readableHazard(ctx: Ctx, id: string): Promise<HazardListRow> {
  const row = await findHazard(ctx.db, ctx.actor.orgId, id);
  if (!row || !mayRead(ctx, row)) throw notFound('隐患');
  return row;
}

/**
 * Who may take an action the state allows:
 * - assign, cancel: hazards:manage on the site;
 * - submit: the responsible person, or hazards:manage;
 * - accept, reject: hazards:verify on the site, not the person who submitted the rectification,
 *   and the named verifier or hazards:manage;
 * - sign_off: hazards:signoff on the site.
 */
export function mayAct(ctx: Ctx, row: HazardRow, action: HazardAction): boolean {
  const user = me(ctx);
  const on = (perm: Parameters<typeof hasPermission>[1]) => hasPermission(ctx.actor, perm, row.site_id);
  switch (action) {
    case 'assign':
    case 'cancel':
      return on('hazards:manage');
    case 'submit':
      return (user !== null && row.responsible_id === user) || on('hazards:manage');
    case 'accept':
    case 'reject':
      return (
        on('hazards:verify') &&
        (row.rectified_by === null || row.rectified_by !== user) &&
        ((user !== null && row.verifier_id === user) || on('hazards:manage'))
      );
    case 'sign_off':
      return on('hazards:signoff');
  }
}

async function addresseeNames(db: Db, orgId: string, rows: HazardRow[]): Promise<Map<string, string>> {
  const ids = (type: HazardAddresseeType) => [
    ...new Set(rows.filter((r) => r.addressee_type === type && r.addressee_id).map((r) => r.addressee_id as string)),
  ];
  const out = new Map<string, string>();
  const departments = ids('department');
  if (departments.length) {
    const found = await db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', departments)
      .execute();
    for (const d of found) out.set(`department:${d.id}`, d.name);
  }
  const counters = ids('counter');
  if (counters.length) {
    const found = await db
      .selectFrom('counters')
      .select(['id', 'code', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', counters)
      .execute();
    for (const c of found) out.set(`counter:${c.id}`, `${c.name}（${c.code}）`);
  }
  return out;
}

export async function toHazardDtos(ctx: Ctx, rows: HazardListRow[], settings?: HazardSettingsDto): Promise<HazardDto[]> {
  if (!rows.length) return [];
  const orgId = ctx.actor.orgId;
  const s = settings ?? (await hazardSettings(ctx.db, orgId));
  const now = ctx.clock.now();
  const [paths, photos, names] = await Promise.all([
    locationPaths(
      ctx.db,
      orgId,
      rows.map((r) => r.location_id),
    ),
    attachmentIds(
      ctx.db,
      orgId,
      ['hazard', 'hazard_after', 'finding'],
      rows.flatMap((r) => (r.finding_id ? [r.id, r.finding_id] : [r.id])),
    ),
    addresseeNames(ctx.db, orgId, rows),
  ]);
  return rows.map((r) => {
    const timing = hazardTiming(r, localDate(now, r.site_timezone), s.acceptanceDays);
    // the finding's photos are the hazard's "before" photos too
    const before = [...(r.finding_id ? (photos.get(`finding:${r.finding_id}`) ?? []) : []), ...(photos.get(`hazard:${r.id}`) ?? [])];
    return {
      id: r.id,
      number: r.number,
      siteId: r.site_id,
      siteName: r.site_name,
      locationId: r.location_id,
      locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
      assetId: r.asset_id,
      assetName: r.asset_name,
      source: r.source,
      findingId: r.finding_id,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      category: r.category,
      grade: r.grade,
      subGrade: r.sub_grade,
      title: r.title,
      description: r.description,
      photoIds: before,
      foundAt: r.found_at,
      foundBy: r.found_by,
      foundByName: r.found_by_name,
      addresseeType: r.addressee_type,
      addresseeId: r.addressee_id,
      addresseeName: r.addressee_id ? (names.get(`${r.addressee_type}:${r.addressee_id}`) ?? null) : null,
      responsibleId: r.responsible_id,
      responsibleName: r.responsible_name,
      measures: r.measures,
      fundsFen: r.funds_fen === null ? null : Number(r.funds_fen),
      deadline: r.deadline,
      contingencyPlan: r.contingency_plan,
      temporaryMeasures: r.temporary_measures,
      acceptanceStandard: r.acceptance_standard,
      verifierId: r.verifier_id,
      verifierName: r.verifier_name,
      assignedAt: r.assigned_at,
      rectificationNote: r.rectification_note,
      afterPhotoIds: photos.get(`hazard_after:${r.id}`) ?? [],
      rectifiedAt: r.rectified_at,
      rectifiedBy: r.rectified_by,
      rectifiedByName: r.rectified_by_name,
      acceptanceNote: r.acceptance_note,
      acceptedAt: r.accepted_at,
      acceptedBy: r.accepted_by,
      acceptedByName: r.accepted_by_name,
      rejectedCount: Number(r.rejected_count),
      rejectNote: r.reject_note,
      rejectedAt: r.rejected_at,
      signedOffAt: r.signed_off_at,
      signedOffBy: r.signed_off_by,
      signedOffByName: r.signed_off_by_name,
      signOffNote: r.sign_off_note,
      closedAt: r.closed_at,
      cancelReason: r.cancel_reason,
      cancelledAt: r.cancelled_at,
      status: r.status,
      overdue: timing.overdue,
      acceptanceDueDate: timing.acceptanceDueDate,
      acceptanceOverdue: timing.acceptanceOverdue,
      onTime: timing.onTime,
      actions: hazardActions(r.status).filter((a) => mayAct(ctx, r, a)),
      canEdit: (r.status === 'registered' || r.status === 'rectifying') && hasPermission(ctx.actor, 'hazards:manage', r.site_id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

export async function searchHazards(ctx: Ctx, filter: HazardFilter): Promise<Page<HazardDto>> {
  const page = await listHazards(ctx.db, ctx.actor.orgId, readScope(ctx), me(ctx), filter, ctx.clock.now());
  return { items: await toHazardDtos(ctx, page.items), nextCursor: page.nextCursor };
}

export async function getHazard(ctx: Ctx, id: string): Promise<HazardDto> {
  const [dto] = await toHazardDtos(ctx, [await readableHazard(ctx, id)]);
  return dto as HazardDto;
}

/** The descriptive fields of a hazard, as stored, checked together so every problem is listed. */
interface Described {
  site_id: string;
  location_id: string | null;
  asset_id: string | null;
  category: string;
  grade: HazardGrade;
  sub_grade: string | null;
  title: string;
  description: string;
  campaign_id: string | null;
  addressee_type: HazardAddresseeType | null;
  addressee_id: string | null;
  temporary_measures: string | null;
}

async function checkDescribed(db: Db | Tx, orgId: string, d: Described, check: FieldCheck): Promise<string | null> {
  const pairs = [{ type: 'hazard_category', code: d.category }];
  if (d.sub_grade) pairs.push({ type: 'hazard_subgrade', code: d.sub_grade });
  const active = await activeDictionaryPairs(db as Db, orgId, pairs);
  if (!active.has(`hazard_category:${d.category}`)) check.add('category', '请选择有效的隐患类别');
  if (d.sub_grade && (!active.has(`hazard_subgrade:${d.sub_grade}`) || !d.sub_grade.startsWith(`${d.grade}_`))) {
    check.add('subGrade', `隐患分级无效，或不属于${d.grade === 'major' ? '重大' : '一般'}隐患`);
  }
  if (!d.title.trim()) check.add('title', '请填写隐患名称');
  if (!d.description.trim()) check.add('description', '请描述隐患情况');
  const location = await checkPlace(db, orgId, d.site_id, d.location_id, d.asset_id, check);
  if (d.campaign_id) await checkCampaign(db, orgId, d.campaign_id, d.site_id, check);
  await checkAddressee(db, orgId, d.site_id, d.addressee_type, d.addressee_id, check);
  return location;
}

async function checkAddressee(
  db: Db | Tx,
  orgId: string,
  siteId: string,
  type: HazardAddresseeType | null,
  id: string | null,
  check: FieldCheck,
): Promise<void> {
  if (!type && !id) return;
  if (!type || !id) {
    check.add('addresseeId', '请同时选择整改通知单的接收单位类型和单位');
    return;
  }
  if (type === 'department') {
    const dep = await db
      .selectFrom('departments')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!dep) check.add('addresseeId', '部门不存在或已停用');
  } else {
    const counter = await db
      .selectFrom('counters')
      .select(['site_id', 'active'])
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!counter || counter.site_id !== siteId || counter.active !== 1) check.add('addresseeId', '专柜不存在、已停用或不属于该场所');
  }
}

export interface HazardOrigin {
  source: HazardSource;
  findingId: string | null;
  foundAt: string;
  foundBy: string | null;
}

/**
 * Registers a hazard in the caller's transaction (a direct report, or a finding turned
 * into a hazard): checked, numbered, audited, and announced to the site's managers.
 */
export async function insertHazard(ctx: Ctx, tx: Tx, input: HazardInput, origin: HazardOrigin): Promise<HazardRow> {
  const orgId = ctx.actor.orgId;
  const described: Described = {
    site_id: input.siteId,
    location_id: input.locationId ?? null,
    asset_id: input.assetId ?? null,
    category: input.category,
    grade: input.grade,
    sub_grade: input.subGrade ?? null,
    title: input.title.trim(),
    description: input.description.trim(),
    campaign_id: input.campaignId ?? null,
    addressee_type: input.addresseeType ?? null,
    addressee_id: input.addresseeId ?? null,
    temporary_measures: text(input.temporaryMeasures),
  };
  const check = new FieldCheck();
  const location = await checkDescribed(tx, orgId, described, check);
  check.throwIfAny();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: HazardRow = {
    ...described,
    location_id: location,
    id: newId(),
    org_id: orgId,
    number: await nextNumber(tx, { orgId, ruleCode: HAZARD_NUMBER_RULE, siteId: input.siteId, at: now }),
    source: origin.source,
    finding_id: origin.findingId,
    found_at: origin.foundAt,
    found_by: origin.foundBy,
    responsible_id: null,
    measures: null,
    funds_fen: null,
    deadline: null,
    contingency_plan: null,
    acceptance_standard: null,
    verifier_id: null,
    assigned_at: null,
    assigned_by: null,
    rectification_note: null,
    rectified_at: null,
    rectified_on: null,
    rectified_by: null,
    acceptance_note: null,
    accepted_at: null,
    accepted_by: null,
    rejected_count: 0,
    reject_note: null,
    rejected_at: null,
    signed_off_at: null,
    signed_off_by: null,
    sign_off_note: null,
    closed_at: null,
    cancel_reason: null,
    cancelled_at: null,
    status: 'registered',
    remind_notified_at: null,
    overdue_notified_at: null,
    acceptance_notified_at: null,
    created_by: me(ctx),
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await tx.insertInto('hazards').values(row).execute();
  await writeAudit(ctx, tx, { entity: 'hazard', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
  const managers = (await usersWithPermission(tx, orgId, 'hazards:manage', row.site_id)).map((u) => u.id);
  await notify(ctx, tx, row, managers, {
    title: `新登记${row.grade === 'major' ? '重大' : ''}隐患 ${row.number}`,
    body: `${row.title}：${row.description.slice(0, 80)}。请落实整改责任人、措施、资金、时限和预案。`,
  });
  return row;
}

/** POST /hazards: hazards:report on the site. */
export async function createHazard(ctx: Ctx, input: HazardInput): Promise<HazardDto> {
  if (!hasPermission(ctx.actor, 'hazards:report', input.siteId)) {
    throw new AppError('VALIDATION', '场所不存在或无权登记隐患', { fields: [{ field: 'siteId', message: '请选择您可登记隐患的场所' }] });
  }
  const id = await ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    const source: HazardSource = input.campaignId ? 'campaign' : 'direct';
    return (await insertHazard(ctx, tx, input, { source, findingId: null, foundAt: at, foundBy: me(ctx) })).id;
  });
  return getHazard(ctx, id);
}

export type HazardPatch = Partial<Omit<HazardInput, 'siteId' | 'campaignId'>> & { version: number };

const has = (o: object, k: string) => Object.hasOwn(o, k) && (o as Record<string, unknown>)[k] !== undefined;

/** PUT /hazards/:id: what was found and the temporary measures, while registered or rectifying (hazards:manage). */
export async function updateHazard(ctx: Ctx, id: string, patch: HazardPatch): Promise<HazardDto> {
  const before = await readableHazard(ctx, id);
  if (!hasPermission(ctx.actor, 'hazards:manage', before.site_id)) throw forbidden();
  if (before.status !== 'registered' && before.status !== 'rectifying') {
    throw new AppError('ILLEGAL_TRANSITION', `隐患${HAZARD_STATUS_LABELS[before.status]}，不能修改`, {
      status: before.status,
      action: 'update',
    });
  }
  const pick = <K extends keyof HazardPatch, T>(key: K, current: T, map: (v: NonNullable<HazardPatch[K]>) => T = (v) => v as T): T =>
    has(patch, key) ? (patch[key] === null ? (null as T) : map(patch[key] as NonNullable<HazardPatch[K]>)) : current;
  const described: Described = {
    site_id: before.site_id,
    location_id: pick('locationId', before.location_id),
    asset_id: pick('assetId', before.asset_id),
    category: pick('category', before.category),
    grade: pick('grade', before.grade),
    sub_grade: pick('subGrade', before.sub_grade),
    title: pick('title', before.title, (v) => v.trim()),
    description: pick('description', before.description, (v) => v.trim()),
    campaign_id: before.campaign_id,
    addressee_type: pick('addresseeType', before.addressee_type),
    addressee_id: pick('addresseeId', before.addressee_id),
    temporary_measures: pick('temporaryMeasures', before.temporary_measures, (v) => text(v)),
  };
  const check = new FieldCheck();
  const location = await checkDescribed(ctx.db, ctx.actor.orgId, described, check);
  check.throwIfAny();
  const { site_id: _site, campaign_id: _campaign, ...changes } = { ...described, location_id: location };
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'hazards', id, patch.version, changes, at);
    await writeAudit(ctx, tx, {
      entity: 'hazard',
      entityId: id,
      action: 'update',
      siteId: before.site_id,
      before: stored(before),
      after: { ...stored(before), ...changes },
    });
  });
  return getHazard(ctx, id);
}

/** The stored columns of a list row (without the joined names), for audit diffs. */
export function stored(r: HazardListRow): HazardRow {
  const {
    site_name: _a,
    site_timezone: _b,
    asset_name: _c,
    campaign_name: _d,
    found_by_name: _e,
    responsible_name: _f,
    verifier_name: _g,
    rectified_by_name: _h,
    accepted_by_name: _i,
    signed_off_by_name: _j,
    ...row
  } = r;
  return row;
}

export interface HazardActionBody {
  version: number;
  note?: string | null;
  responsibleId?: string;
  measures?: string;
  fundsFen?: number | null;
  deadline?: string;
  contingencyPlan?: string | null;
  temporaryMeasures?: string | null;
  acceptanceStandard?: string | null;
  verifierId?: string;
  addresseeType?: HazardAddresseeType | null;
  addresseeId?: string | null;
}

/** An active user who belongs to the site (a membership there or on every site). */
async function siteMember(db: Db | Tx, orgId: string, userId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select('u.id')
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('m.site_id', 'is', null), eb('m.site_id', '=', siteId)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** 五落实: checks the assignment and answers the columns it sets. */
async function assignment(ctx: Ctx, row: HazardListRow, body: HazardActionBody): Promise<Partial<HazardRow>> {
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  const responsible = body.responsibleId ?? '';
  const verifier = body.verifierId ?? '';
  if (!responsible || !(await siteMember(ctx.db, orgId, responsible, row.site_id))) {
    check.add('responsibleId', '请选择该场所在职的整改责任人');
  }
  if (!verifier) check.add('verifierId', '请选择验收人');
  else if (verifier === responsible) check.add('verifierId', '验收人不能是整改责任人');
  else if (!(await usersWithPermission(ctx.db, orgId, 'hazards:verify', row.site_id)).some((u) => u.id === verifier)) {
    check.add('verifierId', '验收人须为该场所有隐患验收权限的在职人员');
  }
  const measures = text(body.measures);
  if (!measures) check.add('measures', '请填写整改措施');
  const funds = body.fundsFen ?? null;
  if (funds !== null && (!Number.isInteger(funds) || funds < 0 || funds > MAX_FUNDS_FEN)) {
    check.add('fundsFen', '整改资金须为 0 至 10 亿元之间的金额（分）');
  }
  const today = localDate(ctx.clock.now(), row.site_timezone);
  if (!body.deadline || !isCalendarDate(body.deadline)) check.add('deadline', '整改期限格式应为 YYYY-MM-DD');
  else if (body.deadline < today) check.add('deadline', `整改期限不能早于今天（${chineseDate(today)}）`);
  const plan = text(body.contingencyPlan);
  if (row.grade === 'major' && !plan) check.add('contingencyPlan', '重大隐患须制定应急预案');
  const addresseeType = body.addresseeType === undefined ? row.addressee_type : body.addresseeType;
  const addresseeId = body.addresseeId === undefined ? row.addressee_id : body.addresseeId;
  await checkAddressee(ctx.db, orgId, row.site_id, addresseeType, addresseeId, check);
  check.throwIfAny();
  return {
    responsible_id: responsible,
    measures,
    funds_fen: funds,
    deadline: body.deadline as string,
    contingency_plan: plan,
    temporary_measures: body.temporaryMeasures === undefined ? row.temporary_measures : text(body.temporaryMeasures),
    acceptance_standard: text(body.acceptanceStandard),
    verifier_id: verifier,
    addressee_type: addresseeType,
    addressee_id: addresseeId,
    assigned_at: ctx.clock.now().toISOString(),
    assigned_by: me(ctx),
  };
}

/**
 * The after photos a submission counts: every live one, or after a failed acceptance
 * only those added since — the verifier has seen the earlier ones and refused them.
 */
async function afterPhotoCount(db: Db, row: HazardRow): Promise<number> {
  let q = db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', row.org_id)
    .where('owner_type', '=', 'hazard_after')
    .where('owner_id', '=', row.id)
    .where('deleted_at', 'is', null);
  if (row.rejected_at) q = q.where('created_at', '>', row.rejected_at);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/**
 * One step of a hazard's life: who may see it (404), the state machine (409), who may
 * act (403), the step's fields (400), then the version (409) — all in one transaction
 * with the audit row and the notifications.
 */
export async function actOnHazard(ctx: Ctx, id: string, action: HazardAction, body: HazardActionBody): Promise<HazardDto> {
  const row = await readableHazard(ctx, id);
  const to = nextHazardStatus(row.status, action, row.grade);
  if (!mayAct(ctx, row, action)) {
    if ((action === 'accept' || action === 'reject') && row.rectified_by !== null && row.rectified_by === me(ctx)) {
      throw forbidden('整改人不能验收自己的整改');
    }
    throw forbidden();
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const note = text(body.note);
  let patch: Partial<HazardRow> = { status: to };
  const check = new FieldCheck();
  switch (action) {
    case 'assign':
      patch = { ...patch, ...(await assignment(ctx, row, body)) };
      break;
    case 'submit':
      if (!note) check.add('note', '请说明整改情况');
      if ((await afterPhotoCount(ctx.db, row)) === 0) {
        check.add('afterPhotos', row.rejected_at ? '验收未通过后重新提交，须上传新的整改后照片' : '请先上传至少一张整改后照片');
      }
      check.throwIfAny();
      patch = {
        ...patch,
        rectification_note: note,
        rectified_at: at,
        rectified_on: localDate(now, row.site_timezone),
        rectified_by: me(ctx),
      };
      break;
    case 'accept':
      patch = { ...patch, acceptance_note: note, accepted_at: at, accepted_by: me(ctx), ...(to === 'closed' && { closed_at: at }) };
      break;
    case 'reject':
      if (!note) check.add('note', '请填写验收不通过的原因');
      check.throwIfAny();
      patch = {
        ...patch,
        reject_note: note,
        rejected_at: at,
        rejected_count: Number(row.rejected_count) + 1,
        rectified_at: null,
        rectified_on: null,
        rectified_by: null,
      };
      break;
    case 'sign_off':
      patch = { ...patch, signed_off_at: at, signed_off_by: me(ctx), sign_off_note: note, closed_at: at };
      break;
    case 'cancel':
      if (!note) check.add('note', '请填写取消原因');
      check.throwIfAny();
      patch = { ...patch, cancel_reason: note, cancelled_at: at };
      break;
  }
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'hazards', id, body.version, patch, at);
    const after = { ...stored(row), ...patch };
    await writeAudit(ctx, tx, { entity: 'hazard', entityId: id, action, siteId: row.site_id, before: stored(row), after });
    await notifyStep(ctx, tx, after, action);
  });
  return getHazard(ctx, id);
}

async function notify(ctx: Ctx, tx: Tx, row: HazardRow, userIds: (string | null)[], msg: { title: string; body: string }): Promise<void> {
  const to = [...new Set(userIds.filter((u): u is string => u !== null && u !== me(ctx)))];
  if (!to.length) return;
  await ctx.notifier.send(tx, { orgId: row.org_id, userIds: to, kind: 'hazard', ...msg, link: hazardLink(row.id) });
}

async function notifyStep(ctx: Ctx, tx: Tx, row: HazardRow, action: HazardAction): Promise<void> {
  const label = `隐患 ${row.number}`;
  const what = `${row.title}：${row.description.slice(0, 60)}`;
  switch (action) {
    case 'assign': {
      const deadline = row.deadline ? chineseDate(row.deadline) : '';
      await notify(ctx, tx, row, [row.responsible_id], {
        title: `${label} 请落实整改`,
        body: `${what}。整改措施：${(row.measures ?? '').slice(0, 80)}。请于 ${deadline} 前完成整改并上传整改后照片。`,
      });
      return;
    }
    case 'submit':
      await notify(ctx, tx, row, [row.verifier_id], {
        title: `${label} 待验收`,
        body: `整改已提交：${(row.rectification_note ?? '').slice(0, 80)}。请到现场验收。`,
      });
      return;
    case 'accept':
      if (row.status === 'pending_signoff') {
        const heads = (await usersWithPermission(tx, row.org_id, 'hazards:signoff', row.site_id)).map((u) => u.id);
        await notify(ctx, tx, row, heads, { title: `重大${label} 待销号签批`, body: `${what}。整改已验收通过，请签批销号。` });
      } else {
        await notify(ctx, tx, row, [row.responsible_id, row.found_by], { title: `${label} 已销号`, body: `${what}。整改验收通过。` });
      }
      return;
    case 'reject':
      await notify(ctx, tx, row, [row.responsible_id], {
        title: `${label} 验收不通过`,
        body: `原因：${(row.reject_note ?? '').slice(0, 100)}。请重新整改并上传新的整改后照片。`,
      });
      return;
    case 'sign_off':
      await notify(ctx, tx, row, [row.responsible_id, row.verifier_id, row.found_by], {
        title: `重大${label} 已销号`,
        body: `${what}。已签批销号。`,
      });
      return;
    case 'cancel':
      await notify(ctx, tx, row, [row.responsible_id, row.found_by], {
        title: `${label} ${HAZARD_ACTION_LABELS.cancel}`,
        body: `原因：${(row.cancel_reason ?? '').slice(0, 100)}`,
      });
      return;
  }
}
