import type {
  DrillDto,
  DrillInput,
  DrillParticipantGroup,
  DrillRecordInput,
  DrillReport,
  DrillReportInput,
  DrillUpdateInput,
} from '../../../../contracts/drills.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { actionCounts, registerActionOwner } from '../../platform/actions/index.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { addOccurrence, completeOccurrence, deactivateSchedule, saveSchedule, skipOccurrence } from '../../platform/occurrences/engine.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import {
  attachmentIds,
  CLOCK_SKEW_MS,
  checkCommander,
  checkLocation,
  checkParticipants,
  checkType,
  DAY,
  DRILL_ENTITY,
  DRILL_NUMBERING,
  DRILL_OWNER,
  DRILL_STATUS_LABELS,
  drillLink,
  HOUR,
  instant,
  locationPaths,
  ONE_OFF_WINDOW_HOURS,
  participantTotal,
  text,
} from './common.js';
import { type DrillFilter, type DrillListRow, findDrill, listDrills } from './drills.repository.js';
import type { DrillRow } from './schema.js';

/**
 * Drills (应急演练): planned by a plan's occurrence or one-off, carried out and recorded
 * (演练记录: start and end, commander, participants by group, preparation, photos), then
 * reported (演练报告). A plan's drill completes its occurrence when recorded; a planned
 * one-off drill has an event-driven schedule of its own, so it becomes missed the same way.
 * A missed drill may still be recorded late: it then counts as done (its occurrence keeps
 * `missed_at`), and no longer as missed.
 */

const MAX_TITLE = 200;
const MAX_TEXT = 4000;
const MAX_AHEAD_MS = 366 * DAY;
const MAX_DURATION_MS = 24 * HOUR;

function toReport(r: DrillRow): DrillReport | null {
  if (!r.report_filed_at) return null;
  return {
    purpose: r.purpose ?? '',
    course: r.course ?? '',
    problems: r.problems,
    causes: r.causes,
    lessons: r.lessons,
    evaluation: r.evaluation,
    improvements: r.improvements,
  };
}

export async function toDrillDtos(db: Db, orgId: string, rows: DrillListRow[]): Promise<DrillDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [paths, photos, actions] = await Promise.all([
    locationPaths(
      db,
      orgId,
      rows.map((r) => r.location_id),
    ),
    attachmentIds(db, orgId, DRILL_ENTITY, ids),
    actionCounts(db, 'drill', ids),
  ]);
  return rows.map(
    (r): DrillDto => ({
      id: r.id,
      number: r.number,
      siteId: r.site_id,
      siteName: r.site_name,
      planId: r.plan_id,
      planName: r.plan_name,
      type: r.type,
      title: r.title,
      scenario: r.scenario,
      plannedAt: r.planned_at,
      dueBy: r.due_by,
      status: r.status,
      locationId: r.location_id,
      locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
      place: r.place,
      commanderId: r.commander_id,
      commanderName: r.commander_name,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      participants: JSON.parse(r.participants) as DrillParticipantGroup[],
      participantCount: Number(r.participant_count),
      preparation: r.preparation,
      photoIds: photos.get(r.id) ?? [],
      report: toReport(r),
      reportFiledAt: r.report_filed_at,
      reportFiledBy: r.report_filed_by,
      reportFiledByName: r.report_filed_by_name,
      actionsTotal: actions.get(r.id)?.total ?? 0,
      actionsOpen: actions.get(r.id)?.open ?? 0,
      cancelReason: r.cancel_reason,
      recordedBy: r.recorded_by,
      recordedByName: r.recorded_by_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    }),
  );
}

/** A drill of a site where the actor reads safety records; 404 otherwise (also for other sites' ids). */
export async function readableDrill(ctx: Ctx, id: string): Promise<DrillListRow> {
  const row = await findDrill(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('演练');
  assertReadable(ctx, 'safety:read', row.site_id, '演练');
  return row;
}

export async function getDrill(ctx: Ctx, id: string): Promise<DrillDto> {
  const row = await readableDrill(ctx, id);
  const [dto] = await toDrillDtos(ctx.db, ctx.actor.orgId, [row]);
  return dto as DrillDto;
}

export async function searchDrills(ctx: Ctx, filter: DrillFilter): Promise<Page<DrillDto>> {
  const page = await listDrills(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'safety:read'), filter);
  return { items: await toDrillDtos(ctx.db, ctx.actor.orgId, page.items), nextCursor: page.nextCursor };
}

function stored(r: DrillListRow): DrillRow {
  const {
    site_name: _s,
    site_timezone: _z,
    plan_name: _p,
    commander_name: _c,
    report_filed_by_name: _rf,
    recorded_by_name: _rb,
    ...row
  } = r;
  return row;
}

const conflict = (message: string, status: string) => new AppError('CONFLICT', message, { status });

/** A drill the actor may change: readable (else 404) and drills:manage on its site (else 403). */
async function manageableDrill(ctx: Ctx, id: string): Promise<DrillListRow> {
  const row = await readableDrill(ctx, id);
  assertCan(ctx, 'drills:manage', row.site_id);
  return row;
}

type RecordFields = Pick<DrillRow, 'started_at' | 'ended_at' | 'commander_id' | 'participants' | 'participant_count'>;

/** The record of a drill carried out: start before end within a day, not in the future, a commander of the site, participants by group. */
async function checkRecord(
  ctx: Ctx,
  siteId: string,
  input: { startedAt?: string | null; endedAt?: string | null; commanderId?: string | null; participants?: DrillParticipantGroup[] },
  check: FieldCheck,
): Promise<RecordFields> {
  const started = instant(input.startedAt);
  const ended = instant(input.endedAt);
  if (!started) check.add('startedAt', '请填写演练开始时间');
  if (!ended) check.add('endedAt', '请填写演练结束时间');
  if (started && ended) {
    const span = Date.parse(ended) - Date.parse(started);
    if (span <= 0) check.add('endedAt', '结束时间须晚于开始时间');
    else if (span > MAX_DURATION_MS) check.add('endedAt', '一次演练不超过 24 小时，请检查开始和结束时间');
  }
  if (ended && Date.parse(ended) > ctx.clock.now().getTime() + CLOCK_SKEW_MS)
    check.add('endedAt', '不能登记尚未结束的演练（结束时间晚于当前时间）');
  const commander = input.commanderId ?? null;
  if (!commander) check.add('commanderId', '请选择总指挥');
  else await checkCommander(ctx, siteId, commander, check);
  const groups = checkParticipants(input.participants, check);
  return {
    started_at: started,
    ended_at: ended,
    commander_id: commander,
    participants: JSON.stringify(groups),
    participant_count: participantTotal(groups),
  };
}

type PlanFields = Pick<DrillRow, 'type' | 'title' | 'scenario' | 'location_id' | 'place' | 'preparation'>;

/** What describes a drill whether planned or done: type, title, scenario, place, preparation. */
async function checkDetails(
  ctx: Ctx,
  siteId: string,
  input: Omit<DrillInput, 'siteId' | 'plannedAt'>,
  check: FieldCheck,
): Promise<PlanFields> {
  const f: PlanFields = {
    type: input.type,
    title: input.title.trim(),
    scenario: input.scenario.trim(),
    location_id: input.locationId ?? null,
    place: text(input.place),
    preparation: text(input.preparation),
  };
  await checkType(ctx, f.type, check);
  if (!f.title) check.add('title', '请填写演练名称');
  else if (f.title.length > MAX_TITLE) check.add('title', `演练名称不能超过 ${MAX_TITLE} 个字`);
  if (!f.scenario) check.add('scenario', '请填写演练情景（模拟的事件及其发生地点）');
  else if (f.scenario.length > 2000) check.add('scenario', '演练情景不能超过 2000 个字');
  if (f.place && f.place.length > 200) check.add('place', '演练地点不能超过 200 个字');
  if (f.preparation && f.preparation.length > MAX_TEXT) check.add('preparation', `演练准备不能超过 ${MAX_TEXT} 个字`);
  await checkLocation(ctx, siteId, f.location_id, check);
  return f;
}

const hasRecordFields = (i: { startedAt?: string | null; endedAt?: string | null; participants?: DrillParticipantGroup[] }) =>
  !!i.startedAt || !!i.endedAt || (i.participants?.length ?? 0) > 0;

/** A planned drill must still be ahead of its window's end, and not more than a year out. */
function checkPlannedTime(ctx: Ctx, plannedAt: string | null, check: FieldCheck): void {
  if (!plannedAt) return;
  const now = ctx.clock.now().getTime();
  const at = Date.parse(plannedAt);
  if (at + ONE_OFF_WINDOW_HOURS * HOUR <= now)
    check.add('plannedAt', `计划时间已过 ${ONE_OFF_WINDOW_HOURS} 小时，请填写开始、结束时间和参演人员，直接登记演练记录`);
  else if (at > now + MAX_AHEAD_MS) check.add('plannedAt', '计划时间不能超过一年以后');
}

/** The one-off drill's own schedule and its one occurrence at the planned time (missed after the one-off window). */
async function scheduleOneOff(tx: Tx, row: Pick<DrillRow, 'id' | 'org_id' | 'site_id'>, plannedAt: string, now: Date): Promise<string> {
  await saveSchedule(
    tx,
    {
      orgId: row.org_id,
      siteId: row.site_id,
      ownerType: DRILL_OWNER,
      ownerId: row.id,
      recurrence: null,
      windowMinutes: ONE_OFF_WINDOW_HOURS * 60,
      active: true,
    },
    now,
  );
  const o = await addOccurrence(tx, DRILL_OWNER, row.id, new Date(plannedAt), now);
  if (!o) throw new Error(`one-off drill ${row.id}: no occurrence at ${plannedAt}`);
  return o.id;
}

/**
 * POST /drills: a one-off drill, planned (without a record: it is due within the one-off
 * window after its planned time) or recorded at once (start, end and participants given).
 */
export async function createDrill(ctx: Ctx, input: DrillInput): Promise<DrillDto> {
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  const site = await ctx.db.selectFrom('sites').select('id').where('org_id', '=', orgId).where('id', '=', input.siteId).executeTakeFirst();
  const siteOk = site !== undefined && hasPermission(ctx.actor, 'drills:manage', site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理演练');
  const plannedAt = instant(input.plannedAt);
  if (!plannedAt) check.add('plannedAt', '请填写有效的计划时间');
  const details = await checkDetails(ctx, input.siteId, input, check);
  const recorded = hasRecordFields(input);
  let record: RecordFields | null = null;
  if (recorded) {
    record = siteOk ? await checkRecord(ctx, input.siteId, input, check) : null;
  } else {
    checkPlannedTime(ctx, plannedAt, check);
    if (siteOk) await checkCommander(ctx, input.siteId, input.commanderId ?? null, check);
  }
  check.throwIfAny();

  const now = ctx.clock.now();
  const at = now.toISOString();
  const planned = plannedAt as string;
  const row: DrillRow = {
    ...details,
    id: newId(),
    org_id: orgId,
    site_id: input.siteId,
    number: '',
    plan_id: null,
    occurrence_id: null,
    planned_at: planned,
    due_by: new Date(Date.parse(planned) + ONE_OFF_WINDOW_HOURS * HOUR).toISOString(),
    status: record ? 'done' : 'planned',
    commander_id: record?.commander_id ?? input.commanderId ?? null,
    started_at: record?.started_at ?? null,
    ended_at: record?.ended_at ?? null,
    participants: record?.participants ?? '[]',
    participant_count: record?.participant_count ?? 0,
    purpose: null,
    course: null,
    problems: null,
    causes: null,
    lessons: null,
    evaluation: null,
    improvements: null,
    report_filed_at: null,
    report_filed_by: null,
    cancel_reason: null,
    recorded_by: record ? ctx.actor.userId : null,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    row.number = await nextNumber(tx, { orgId, ruleCode: DRILL_NUMBERING.code, siteId: row.site_id, at: new Date(planned) });
    if (!record) row.occurrence_id = await scheduleOneOff(tx, row, planned, now);
    await tx.insertInto('drills').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'drill', entityId: row.id, siteId: row.site_id, action: 'create', after: row });
  });
  return getDrill(ctx, row.id);
}

/**
 * PUT /drills/:id: the details of a planned drill (a one-off's new planned time moves its
 * occurrence; a plan's drill keeps the plan's time), or the details and record of a done one.
 */
export async function updateDrill(ctx: Ctx, id: string, input: DrillUpdateInput): Promise<DrillDto> {
  const before = await manageableDrill(ctx, id);
  if (before.status === 'cancelled') throw conflict('已取消的演练不能修改', before.status);
  if (before.status === 'missed') throw conflict('未按期进行的演练请先登记演练记录（补做）', before.status);
  const check = new FieldCheck();
  const details = await checkDetails(ctx, before.site_id, input, check);
  const plannedAt = instant(input.plannedAt);
  if (!plannedAt) check.add('plannedAt', '请填写有效的计划时间');
  const moved = plannedAt !== null && plannedAt !== before.planned_at;
  if (moved && before.plan_id) check.add('plannedAt', '按演练计划生成的演练，计划时间由计划决定；如需改期，请取消后另行安排');
  let patch: Partial<DrillRow> = { ...details };
  if (before.status === 'planned') {
    if (hasRecordFields(input)) check.add('startedAt', '计划中的演练请通过“登记演练”填写开始、结束时间和参演人员');
    await checkCommander(ctx, before.site_id, input.commanderId ?? null, check);
    if (moved && !before.plan_id) checkPlannedTime(ctx, plannedAt, check);
    patch.commander_id = input.commanderId ?? null;
  } else {
    patch = { ...patch, ...(await checkRecord(ctx, before.site_id, input, check)) };
  }
  check.throwIfAny();
  if (moved && !before.plan_id && plannedAt) {
    patch.planned_at = plannedAt;
    patch.due_by = new Date(Date.parse(plannedAt) + ONE_OFF_WINDOW_HOURS * HOUR).toISOString();
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const old = stored(before);
  await ctx.db.transaction().execute(async (tx) => {
    if (moved && before.status === 'planned' && before.occurrence_id && plannedAt) {
      // the old occurrence steps aside (skipped, never missed); the drill follows a new one
      if (!(await skipOccurrence(tx, before.occurrence_id, '演练改期', now)))
        throw conflict('演练已过期限，状态已变化，请刷新后重试', 'missed');
      const next = await addOccurrence(tx, DRILL_OWNER, before.id, new Date(plannedAt), now);
      // the schedule already had an occurrence at that instant (the drill moved back to an earlier time)
      if (!next) throw conflict('这次演练此前安排过该时间，请换一个时间', before.status);
      patch.occurrence_id = next.id;
    }
    await updateVersioned(tx, 'drills', id, input.version, patch, at);
    await writeAudit(ctx, tx, {
      entity: 'drill',
      entityId: id,
      siteId: before.site_id,
      action: 'update',
      before: old,
      after: { ...old, ...patch },
    });
  });
  return getDrill(ctx, id);
}

/**
 * POST /drills/:id/record: a planned drill carried out, or a missed one made up late
 * (its occurrence completed late: it keeps `missed_at`). Answers 409 when the drill is no
 * longer planned or missed, or its occurrence was completed meanwhile.
 */
export async function recordDrill(ctx: Ctx, id: string, input: DrillRecordInput): Promise<DrillDto> {
  const before = await manageableDrill(ctx, id);
  if (before.status !== 'planned' && before.status !== 'missed') {
    throw conflict(`演练${DRILL_STATUS_LABELS[before.status]}，不能再登记；修改记录请编辑演练`, before.status);
  }
  const check = new FieldCheck();
  const record = await checkRecord(ctx, before.site_id, input, check);
  const patch: Partial<DrillRow> = { ...record, status: 'done', recorded_by: ctx.actor.userId };
  if (input.preparation !== undefined) {
    patch.preparation = text(input.preparation);
    if (patch.preparation && patch.preparation.length > MAX_TEXT) check.add('preparation', `演练准备不能超过 ${MAX_TEXT} 个字`);
  }
  if (input.scenario !== undefined) {
    patch.scenario = input.scenario.trim();
    if (!patch.scenario) check.add('scenario', '请填写演练情景（模拟的事件及其发生地点）');
    else if (patch.scenario.length > 2000) check.add('scenario', '演练情景不能超过 2000 个字');
  }
  if (input.locationId !== undefined) {
    patch.location_id = input.locationId;
    await checkLocation(ctx, before.site_id, input.locationId, check);
  }
  if (input.place !== undefined) {
    patch.place = text(input.place);
    if (patch.place && patch.place.length > 200) check.add('place', '演练地点不能超过 200 个字');
  }
  check.throwIfAny();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const old = stored(before);
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'drills', id, input.version, patch, at);
    if (before.occurrence_id) {
      const o = await tx
        .selectFrom('occurrences')
        .select(['id', 'schedule_id'])
        .where('id', '=', before.occurrence_id)
        .executeTakeFirstOrThrow();
      const late = before.status === 'missed';
      if (!(await completeOccurrence(tx, o, { at: now, by: ctx.actor.userId, late }))) {
        throw conflict('演练状态已变化，请刷新后重试', before.status);
      }
    }
    if (!before.plan_id) await deactivateSchedule(tx, DRILL_OWNER, id, now);
    await writeAudit(ctx, tx, {
      entity: 'drill',
      entityId: id,
      siteId: before.site_id,
      action: before.status === 'missed' ? 'record_late' : 'record',
      before: old,
      after: { ...old, ...patch },
    });
  });
  return getDrill(ctx, id);
}

const REPORT_FIELDS = ['purpose', 'course', 'problems', 'causes', 'lessons', 'evaluation', 'improvements'] as const;
const REPORT_LABELS: Record<(typeof REPORT_FIELDS)[number], string> = {
  purpose: '演练目的',
  course: '演练经过',
  problems: '存在问题',
  causes: '原因分析',
  lessons: '经验教训',
  evaluation: '演练评估',
  improvements: '改进措施',
};

/** PUT /drills/:id/report: files the report of a done drill, or amends it (the first filing's time and author stay). */
export async function fileReport(ctx: Ctx, id: string, input: DrillReportInput): Promise<DrillDto> {
  const before = await manageableDrill(ctx, id);
  if (before.status !== 'done') throw conflict('演练完成并登记演练记录后才能填写演练报告', before.status);
  const check = new FieldCheck();
  const patch: Partial<DrillRow> = {};
  for (const f of REPORT_FIELDS) {
    const v = text(input[f]);
    if (!v && (f === 'purpose' || f === 'course')) check.add(f, `请填写${REPORT_LABELS[f]}`);
    else if (v && v.length > MAX_TEXT) check.add(f, `${REPORT_LABELS[f]}不能超过 ${MAX_TEXT} 个字`);
    patch[f] = v;
  }
  check.throwIfAny();
  const at = ctx.clock.now().toISOString();
  if (!before.report_filed_at) {
    patch.report_filed_at = at;
    patch.report_filed_by = ctx.actor.userId;
  }
  const old = stored(before);
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'drills', id, input.version, patch, at);
    await writeAudit(ctx, tx, {
      entity: 'drill',
      entityId: id,
      siteId: before.site_id,
      action: before.report_filed_at ? 'amend_report' : 'file_report',
      before: old,
      after: { ...old, ...patch },
    });
  });
  return getDrill(ctx, id);
}

/** POST /drills/:id/cancel: a planned drill called off, with a reason; its occurrence is skipped (neither done nor missed). */
export async function cancelDrill(ctx: Ctx, id: string, input: { reason: string; version: number }): Promise<DrillDto> {
  const before = await manageableDrill(ctx, id);
  if (before.status !== 'planned') throw conflict('只有计划中的演练可以取消', before.status);
  const reason = text(input.reason);
  const check = new FieldCheck();
  if (!reason) check.add('reason', '请填写取消原因');
  else if (reason.length > 500) check.add('reason', '取消原因不能超过 500 个字');
  check.throwIfAny();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const patch = { status: 'cancelled' as const, cancel_reason: reason };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'drills', id, input.version, patch, at);
    if (before.occurrence_id && !(await skipOccurrence(tx, before.occurrence_id, `演练取消：${reason}`, now))) {
      throw conflict('演练已过期限，状态已变化，请刷新后重试', 'missed');
    }
    if (!before.plan_id) await deactivateSchedule(tx, DRILL_OWNER, id, now);
    await writeAudit(ctx, tx, {
      entity: 'drill',
      entityId: id,
      siteId: before.site_id,
      action: 'cancel',
      before: { status: before.status, cancel_reason: before.cancel_reason },
      after: patch,
    });
  });
  return getDrill(ctx, id);
}

/**
 * Photos of a drill (演练照片): seen by whoever reads the drill, added by its managers;
 * and the drill as the owner of action items (改进措施), managed by its managers.
 */
export function registerDrillOwners(): void {
  registerAttachmentOwner(DRILL_ENTITY, {
    label: '演练照片',
    readPermission: 'safety:read',
    writePermission: 'drills:manage',
    async resolve(ctx, ownerId) {
      const row = await readableDrill(ctx, ownerId);
      return { siteId: row.site_id };
    },
  });
  registerActionOwner({
    ownerType: 'drill',
    async load(ctx, db, ownerId) {
      const row = await findDrill(db, ctx.actor.orgId, ownerId);
      if (!row) return undefined;
      const scope = siteScope(ctx.actor, 'safety:read');
      if (scope !== 'all' && !scope.includes(row.site_id)) return undefined;
      return {
        siteId: row.site_id,
        number: row.number,
        title: row.title,
        link: drillLink(row.id),
        mayManage: hasPermission(ctx.actor, 'drills:manage', row.site_id),
      };
    },
  });
}
