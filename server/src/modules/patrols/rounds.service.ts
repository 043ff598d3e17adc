import type { ChecklistFollowUp } from '../../../../contracts/checklists.js';
import type {
  CheckInInput,
  PatrolRoundDto,
  RoundPointChecklistAnswer,
  RoundPointChecklistInput,
  RoundPointDto,
} from '../../../../contracts/patrols.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import { assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { registerHistoryParts } from '../../platform/audit/reader.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { completeOccurrence } from '../../platform/occurrences/engine.js';
import { attachChecklist, findingFacts, getChecklistResult, registerChecklistSubject, saveChecklistResult } from '../checklists/index.js';
import { findQrByCode } from '../equipment/index.js';
import { findingCountsBySource, recordFinding } from '../hazards/index.js';
import { type DoerView, doerView, mayDo } from './access.js';
import { raiseRound } from './handler.js';
import { pointsOf } from './plans.repository.js';
import { readablePlan } from './plans.service.js';
import {
  checklistStatuses,
  findRound,
  findRoundPoint,
  listRounds,
  type RoundFilter,
  type RoundListRow,
  type RoundPointRow,
  roundPointsOf,
} from './rounds.repository.js';
import { describeTargets, type TargetInfo, targetKey } from './targets.js';

/** checklist_results.subject_type and findings' source_type of a round's point */
export const ROUND_POINT_SUBJECT = 'patrol_round_point';
const MINUTE = 60_000;
const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The hazard category a level's findings start with (the person classifying them may change it). */
const LEVEL_CATEGORY: Record<string, string> = { fire_patrol: 'fire_safety', hygiene: 'hygiene' };

const onTimeOf = (r: Pick<RoundListRow, 'status' | 'finished_at' | 'window_end_at'>): boolean | null => {
  if (r.status === 'done' && r.finished_at) return Date.parse(r.finished_at) <= Date.parse(r.window_end_at);
  return r.status === 'missed' ? false : null;
};

async function toDtos(ctx: Ctx, rows: RoundListRow[], view: DoerView): Promise<PatrolRoundDto[]> {
  const db = ctx.db;
  const points = await roundPointsOf(
    db,
    rows.map((r) => r.id),
  );
  const [targets, statuses, findings] = await Promise.all([
    describeTargets(db, ctx.actor.orgId, points),
    checklistStatuses(
      db,
      points.map((p) => p.checklist_result_id).filter((v): v is string => v !== null),
    ),
    findingCountsBySource(
      db,
      ROUND_POINT_SUBJECT,
      points.map((p) => p.id),
    ),
  ]);
  const byRound = new Map<string, RoundPointDto[]>();
  for (const p of points) {
    const info = targets.get(targetKey(p.target_type, p.target_id));
    const list = byRound.get(p.round_id) ?? [];
    list.push({
      id: p.id,
      seq: p.seq,
      targetType: p.target_type,
      targetId: p.target_id,
      targetName: info?.name ?? '',
      targetPath: info?.path ?? null,
      status: p.status,
      checkedInAt: p.checked_in_at,
      checkInMethod: p.check_in_method,
      outOfOrder: p.out_of_order === 1,
      skipReason: p.skip_reason,
      checklistResultId: p.checklist_result_id,
      checklistStatus: p.checklist_result_id ? (statuses.get(p.checklist_result_id) ?? null) : null,
      findingsCount: findings.get(p.id) ?? 0,
    });
    byRound.set(p.round_id, list);
  }
  return rows.map((r): PatrolRoundDto => {
    const pts = byRound.get(r.id) ?? [];
    const duration = r.started_at && r.finished_at ? Math.round((Date.parse(r.finished_at) - Date.parse(r.started_at)) / MINUTE) : null;
    return {
      id: r.id,
      number: r.number,
      planId: r.plan_id,
      planName: r.plan_name,
      level: r.level,
      kind: r.kind,
      siteId: r.site_id,
      siteName: r.site_name,
      occurrenceId: r.occurrence_id,
      dueAt: r.due_at,
      windowEndAt: r.window_end_at,
      status: r.status,
      assigneeType: r.assignee_type,
      assigneeId: r.assignee_id,
      assigneeRole: r.assignee_role,
      assigneeName: r.assignee_name,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      durationMinutes: duration,
      doneBy: r.done_by,
      doneByName: r.done_by_name,
      note: r.note,
      points: pts,
      checkedCount: pts.filter((p) => p.status === 'checked').length,
      skippedCount: pts.filter((p) => p.status === 'skipped').length,
      outOfOrderCount: pts.filter((p) => p.outOfOrder).length,
      findingsCount: pts.reduce((a, p) => a + p.findingsCount, 0),
      onTime: onTimeOf(r),
      canDo: (r.status === 'pending' || r.status === 'in_progress') && mayDo(ctx, view, r),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

/** A round of a site where the actor reads patrols; 404 otherwise (also for other sites' ids). */
async function readableRound(ctx: Ctx, id: string): Promise<RoundListRow> {
  const row = await findRound(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('巡检记录');
  assertReadable(ctx, 'patrols:read', row.site_id, '巡检记录');
  return row;
}

export async function getRound(ctx: Ctx, id: string): Promise<PatrolRoundDto> {
  const row = await readableRound(ctx, id);
  const [dto] = await toDtos(ctx, [row], await doerView(ctx.db, ctx));
  return dto as PatrolRoundDto;
}

/** A list's `from` / `to` as ISO instants; a text that is no instant is named in Chinese. */
function instants(filter: { from?: string; to?: string }): { from?: string; to?: string } {
  const check = new FieldCheck();
  const out: { from?: string; to?: string } = {};
  for (const key of ['from', 'to'] as const) {
    const v = filter[key];
    if (v === undefined) continue;
    const ms = Date.parse(v);
    if (Number.isNaN(ms) || ms < 0 || ms >= Date.UTC(10000, 0, 1)) check.add(key, '时间格式不正确（ISO 8601）');
    else out[key] = new Date(ms).toISOString();
  }
  check.throwIfAny();
  return out;
}

/**
 * `assignee`: `me` (the actor's own rounds, in person, by team or by role) or one
 * assignee as compliance keys it — `user:<id>`, `team:<id>`, `role:<code>`.
 */
export async function searchRounds(
  ctx: Ctx,
  filter: Omit<RoundFilter, 'mine' | 'assignedTo'> & { assignee?: string },
): Promise<Page<PatrolRoundDto>> {
  const view = await doerView(ctx.db, ctx);
  const { assignee, from, to, ...rest } = filter;
  const [type, id] = assignee?.split(':', 2) ?? [];
  const page = await listRounds(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'patrols:read'), {
    ...rest,
    ...instants({ from, to }),
    ...(assignee === 'me' && { mine: view }),
    ...((type === 'user' || type === 'team' || type === 'role') && id && { assignedTo: { type, id } }),
  });
  return { items: await toDtos(ctx, page.items, view), nextCursor: page.nextCursor };
}

/** The round for a step by its doer: readable (404), theirs (403), at the version they read (409). */
async function roundToDo(ctx: Ctx, id: string, version: number): Promise<RoundListRow> {
  const round = await readableRound(ctx, id);
  if (!mayDo(ctx, await doerView(ctx.db, ctx), round)) throw forbidden('只有本次巡检的巡检人可以执行巡检');
  if (Number(round.version) !== version) throw staleVersion();
  return round;
}

const STATUS_TEXT = { pending: '尚未开始', in_progress: '正在进行', done: '已完成', missed: '已记为漏检', cancelled: '已取消' } as const;

function requireStatus(round: RoundListRow, status: 'pending' | 'in_progress'): void {
  if (round.status === status) return;
  const hint = status === 'in_progress' && round.status === 'pending' ? '，请先开始巡检' : '';
  throw new AppError('CONFLICT', `巡检${STATUS_TEXT[round.status]}${hint}`, { status: round.status });
}

/** Bumps the round's version (every step on it or its points is a change of the round), in the caller's transaction. */
async function touchRound(tx: Tx, round: RoundListRow, patch: Record<string, unknown>, at: string): Promise<void> {
  await updateVersioned(tx, 'patrol_rounds', round.id, Number(round.version), patch, at);
}

export async function startRound(ctx: Ctx, id: string, version: number): Promise<PatrolRoundDto> {
  const round = await roundToDo(ctx, id, version);
  requireStatus(round, 'pending');
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await touchRound(tx, round, { status: 'in_progress', started_at: at }, at);
    await writeAudit(ctx, tx, {
      entity: 'patrol_round',
      entityId: id,
      siteId: round.site_id,
      action: 'start',
      before: { status: round.status },
      after: { status: 'in_progress', started_at: at },
    });
  });
  return getRound(ctx, id);
}

/** The QR code in a scanned text: the code itself, or a `…/q/<code>` URL. */
export function qrCodeOf(scanned: string): string {
  const t = scanned.trim();
  const m = t.match(/\/q\/([^/?#\s]+)/);
  return (m ? (m[1] as string) : t).toUpperCase();
}

/**
 * Checks in at a point: by its scanned QR code (the point whose location or asset the code
 * labels), or by hand with a reason. A point checked in while an earlier one of a route is
 * still pending is recorded as out of order.
 */
export async function checkIn(ctx: Ctx, id: string, input: CheckInInput & { version: number }): Promise<PatrolRoundDto> {
  const round = await roundToDo(ctx, id, input.version);
  requireStatus(round, 'in_progress');
  const points = await roundPointsOf(ctx.db, [id]);
  const check = new FieldCheck();
  let point: RoundPointRow | undefined;
  const scanned = text(input.qr);
  if (scanned) {
    const qr = await findQrByCode(ctx.db, qrCodeOf(scanned));
    if (!qr || qr.org_id !== ctx.actor.orgId) check.add('qr', '无法识别的二维码');
    else {
      point = points.find((p) => p.target_type === qr.target_type && p.target_id === qr.target_id);
      if (!point) check.add('qr', '该二维码不是本次巡检的点位');
    }
  } else if (!input.pointId) check.add('pointId', '请扫描点位二维码，或选择点位');
  else {
    point = points.find((p) => p.id === input.pointId);
    if (!point) check.add('pointId', '点位不属于本次巡检');
    if (!text(input.reason)) check.add('reason', '未扫码签到须说明原因（如二维码损坏）');
  }
  check.throwIfAny();
  const target = point as RoundPointRow;
  if (target.status !== 'pending') {
    throw new AppError('CONFLICT', target.status === 'checked' ? '该点位已签到' : '该点位已跳过', { status: target.status });
  }
  const outOfOrder = round.kind === 'route' && points.some((p) => p.seq < target.seq && p.status === 'pending');
  const at = ctx.clock.now().toISOString();
  const patch = {
    status: 'checked' as const,
    checked_in_at: at,
    checked_in_by: ctx.actor.userId,
    check_in_method: scanned ? ('qr' as const) : ('manual' as const),
    check_in_reason: scanned ? null : text(input.reason),
    out_of_order: outOfOrder ? (1 as const) : (0 as const),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await touchRound(tx, round, {}, at);
    await updateVersioned(tx, 'patrol_round_points', target.id, Number(target.version), patch, at);
    let resultId: string | null = null;
    if (target.checklist_template_id) {
      resultId = await attachChecklist(
        ctx,
        tx,
        { type: ROUND_POINT_SUBJECT, id: target.id, siteId: round.site_id },
        target.checklist_template_id,
      );
      await tx.updateTable('patrol_round_points').set({ checklist_result_id: resultId }).where('id', '=', target.id).execute();
    }
    await writeAudit(ctx, tx, {
      entity: 'patrol_round_point',
      entityId: target.id,
      siteId: round.site_id,
      action: 'check_in',
      before: { status: target.status },
      after: { ...patch, checklist_result_id: resultId, round_id: round.id },
    });
  });
  return getRound(ctx, id);
}

export async function skipPoint(
  ctx: Ctx,
  id: string,
  pointId: string,
  input: { reason: string; version: number },
): Promise<PatrolRoundDto> {
  const round = await roundToDo(ctx, id, input.version);
  const point = await findRoundPoint(ctx.db, ctx.actor.orgId, pointId);
  if (point?.round_id !== id) throw notFound('巡检点位');
  requireStatus(round, 'in_progress');
  const reason = text(input.reason);
  if (!reason) new FieldCheck().add('reason', '请说明跳过的原因').throwIfAny();
  if (point.status !== 'pending') {
    throw new AppError('CONFLICT', point.status === 'checked' ? '该点位已签到，不能跳过' : '该点位已跳过', { status: point.status });
  }
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await touchRound(tx, round, {}, at);
    await updateVersioned(tx, 'patrol_round_points', point.id, Number(point.version), { status: 'skipped', skip_reason: reason }, at);
    await writeAudit(ctx, tx, {
      entity: 'patrol_round_point',
      entityId: point.id,
      siteId: round.site_id,
      action: 'skip',
      before: { status: point.status },
      after: { status: 'skipped', skip_reason: reason, round_id: round.id },
    });
  });
  return getRound(ctx, id);
}

/** Pending points at the finish are recorded as skipped with this reason: the record shows what was not visited. */
const NOT_VISITED = '结束巡检时未签到';

/**
 * Finishes a round: every checked point's checklist must be submitted; points never
 * reached are recorded as skipped. The occurrence is completed — late when past the window.
 */
export async function finishRound(ctx: Ctx, id: string, input: { note?: string | null; version: number }): Promise<PatrolRoundDto> {
  const round = await roundToDo(ctx, id, input.version);
  requireStatus(round, 'in_progress');
  const points = await roundPointsOf(ctx.db, [id]);
  const statuses = await checklistStatuses(
    ctx.db,
    points.map((p) => p.checklist_result_id).filter((v): v is string => v !== null),
  );
  const targets = await describeTargets(ctx.db, ctx.actor.orgId, points);
  const check = new FieldCheck();
  for (const p of points) {
    if (p.status === 'checked' && p.checklist_result_id && statuses.get(p.checklist_result_id) !== 'submitted') {
      check.add(`points.${p.seq}`, `点位「${targets.get(targetKey(p.target_type, p.target_id))?.name ?? p.seq}」的检查表未提交`);
    }
  }
  check.throwIfAny();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const note = text(input.note);
  const late = now.getTime() > Date.parse(round.window_end_at);
  const unvisited = points.filter((p) => p.status === 'pending');
  await ctx.db.transaction().execute(async (tx) => {
    await touchRound(tx, round, { status: 'done', finished_at: at, done_by: ctx.actor.userId, note }, at);
    if (unvisited.length) {
      await tx
        .updateTable('patrol_round_points')
        .set((eb) => ({ status: 'skipped', skip_reason: NOT_VISITED, updated_at: at, version: eb('version', '+', 1) }))
        .where('round_id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    }
    if (round.occurrence_id) {
      const occ = await tx
        .selectFrom('occurrences')
        .select(['id', 'schedule_id', 'status'])
        .where('id', '=', round.occurrence_id)
        .executeTakeFirst();
      // a round under way when its window ended was recorded missed: finishing it is done late
      if (occ) await completeOccurrence(tx, occ, { at: now, by: ctx.actor.userId, late: true });
    }
    await writeAudit(ctx, tx, {
      entity: 'patrol_round',
      entityId: id,
      siteId: round.site_id,
      action: 'finish',
      before: { status: round.status },
      after: { status: 'done', finished_at: at, done_by: ctx.actor.userId, note, late, skipped: unvisited.map((p) => p.id) },
    });
  });
  return getRound(ctx, id);
}

/**
 * A round started now outside the schedule (领导抽查 on the spot): every point of the plan,
 * assigned to the person who starts it, under way at once. It is not a duty, so it stays
 * out of duty compliance (no occurrence).
 */
export async function startAdHocRound(ctx: Ctx, planId: string): Promise<PatrolRoundDto> {
  const plan = await readablePlan(ctx, planId);
  if (!ctx.actor.userId || !hasPermission(ctx.actor, 'patrols:do', plan.site_id)) {
    throw forbidden('您无权在该场所执行巡检');
  }
  if (plan.active !== 1) throw new AppError('CONFLICT', '巡检计划已停用');
  const points = await pointsOf(ctx.db, [planId]);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const user = await ctx.db.selectFrom('users').select('name').where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
  const userId = ctx.actor.userId;
  const id = await ctx.db.transaction().execute(async (tx) => {
    const round = await raiseRound(ctx, tx, plan, {
      occurrenceId: null,
      dueAt: now,
      windowEndAt: new Date(now.getTime() + Number(plan.window_minutes) * MINUTE),
      points,
      assignee: { userId, name: user.name },
    });
    await tx.updateTable('patrol_rounds').set({ status: 'in_progress', started_at: at, version: 2 }).where('id', '=', round.id).execute();
    await writeAudit(ctx, tx, {
      entity: 'patrol_round',
      entityId: round.id,
      siteId: round.site_id,
      action: 'start',
      before: { status: 'pending' },
      after: { status: 'in_progress', started_at: at },
    });
    return round.id;
  });
  return getRound(ctx, id);
}

/**
 * A round's history (the audit panel of its page) includes its points' check-ins and skips
 * and their checklists' saves and submissions: a supervisor reads who was where and when.
 */
export function registerRoundHistory(): void {
  registerHistoryParts('patrol_round', async (db, orgId, roundId) => {
    if (!(await findRound(db, orgId, roundId))) return [];
    const points = await roundPointsOf(db, [roundId]);
    return [
      { entity: ROUND_POINT_SUBJECT, ids: points.map((p) => p.id) },
      { entity: 'checklist_result', ids: points.map((p) => p.checklist_result_id).filter((v): v is string => v !== null) },
    ];
  });
}

// ── a point's checklist (the checklist core, subject 'patrol_round_point') ─────────────

async function pointOfRound(ctx: Ctx, roundId: string, pointId: string): Promise<RoundPointRow> {
  await readableRound(ctx, roundId);
  const point = await findRoundPoint(ctx.db, ctx.actor.orgId, pointId);
  if (point?.round_id !== roundId) throw notFound('巡检点位');
  return point;
}

export async function getPointChecklist(ctx: Ctx, roundId: string, pointId: string): Promise<RoundPointChecklistAnswer> {
  await pointOfRound(ctx, roundId, pointId);
  return getChecklistResult(ctx, ROUND_POINT_SUBJECT, pointId);
}

export async function savePointChecklist(
  ctx: Ctx,
  roundId: string,
  pointId: string,
  input: RoundPointChecklistInput,
): Promise<RoundPointChecklistAnswer> {
  const point = await pointOfRound(ctx, roundId, pointId);
  if (!point.checklist_template_id) throw notFound('检查表');
  if (point.status !== 'checked') {
    // before the check-in the point has no checklist yet: say why rather than "not found"
    const round = await readableRound(ctx, roundId);
    if (!mayDo(ctx, await doerView(ctx.db, ctx), round)) throw forbidden('只有本次巡检的巡检人可以填写检查表');
    throw new AppError('CONFLICT', point.status === 'skipped' ? '该点位已跳过' : '请先扫码签到该点位', { status: point.status });
  }
  return saveChecklistResult(ctx, ROUND_POINT_SUBJECT, pointId, input);
}

function findingDescription(round: RoundListRow, target: TargetInfo | undefined, facts: string, note: string | null): string {
  return `巡检发现：${facts}，来自巡检 ${round.number}（${target?.name ?? ''}）${note ? `；备注：${note}` : ''}`;
}

/**
 * A round's point as a checklist subject: filled by the round's doer after checking in
 * while the round is under way; each finding becomes a finding of the hazards module.
 */
export function registerRoundPointChecklists(): void {
  registerChecklistSubject(ROUND_POINT_SUBJECT, {
    forbiddenMessage: '只有本次巡检的巡检人可以填写检查表',
    async resolve(ctx, pointId) {
      const point = await findRoundPoint(ctx.db, ctx.actor.orgId, pointId);
      if (!point) throw notFound('巡检点位');
      const round = await readableRound(ctx, point.round_id);
      const blocked =
        round.status !== 'in_progress'
          ? { message: `巡检${STATUS_TEXT[round.status]}，不能填写检查表`, details: { status: round.status } }
          : point.status !== 'checked'
            ? { message: '请先扫码签到该点位', details: { status: point.status } }
            : null;
      return {
        siteId: round.site_id,
        mayFill: mayDo(ctx, await doerView(ctx.db, ctx), round),
        blocked,
        async onFindings(tx, _result, findings, items) {
          const target = (await describeTargets(tx, ctx.actor.orgId, [point])).get(targetKey(point.target_type, point.target_id));
          const byKey = new Map(items.map((i) => [i.key, i]));
          const followUps: ChecklistFollowUp[] = [];
          for (const f of findings) {
            const finding = await recordFinding(ctx, tx, {
              siteId: round.site_id,
              source: 'patrol',
              sourceType: ROUND_POINT_SUBJECT,
              sourceId: point.id,
              sourceLabel: `${round.number} ${target?.name ?? ''}`.trim(),
              roundId: round.id,
              locationId: target?.locationId ?? null,
              assetId: target?.assetId ?? null,
              category: LEVEL_CATEGORY[round.level] ?? null,
              description: findingDescription(round, target, findingFacts(f, byKey.get(f.key)), f.note),
            });
            followUps.push({ key: f.key, type: 'finding', id: finding.id, number: finding.number });
          }
          // the checklist names each finding it raised, as a maintenance checklist names its repair orders
          return followUps;
        },
      };
    },
  });
}
