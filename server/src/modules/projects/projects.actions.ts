import type { ProjectUpdateDto } from '../../../../contracts/projects.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { updateVersioned } from '../../platform/db/records.js';
import { forbidden } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { isCalendarDate, localDate } from './projects.dates.js';
import { listUpdates, type ProjectRow } from './projects.repository.js';
import { getProject, logUpdate, mayReport, readableProject, stored } from './projects.service.js';
import { assertEditable, NOTE_REQUIRED, nextProjectStatus, type ProjectAction } from './projects.state.js';

export interface ActionInput {
  version: number;
  /** why (suspend, reject, cancel) */
  reason?: string | null;
  /** the acceptance opinion (accept), or a remark on any step */
  note?: string | null;
  /** start: the day work began (default today); accept / submit: the day work ended */
  actualStart?: string | null;
  actualEnd?: string | null;
  /** accept: the settled cost in fen */
  actualCost?: number | null;
}

const NOTE_FIELD: Partial<Record<ProjectAction, 'note' | 'reason'>> = {
  accept: 'note',
  suspend: 'reason',
  reject: 'reason',
  cancel: 'reason',
};
const NOTE_MESSAGE: Partial<Record<ProjectAction, string>> = {
  accept: '请填写验收意见',
  suspend: '请填写暂停原因',
  reject: '请填写验收不通过的原因',
  cancel: '请填写取消原因',
};

/**
 * One life-cycle step: checks the transition (409 ILLEGAL_TRANSITION), the step's own
 * fields, then writes the new state, a log entry and the audit in one transaction.
 */
export async function applyProjectAction(ctx: Ctx, id: string, action: ProjectAction, input: ActionInput) {
  const before = await readableProject(ctx, id);
  assertCan(ctx, 'projects:manage', before.site_id);
  const to = nextProjectStatus(before.status, action);
  const now = ctx.clock.now();
  const today = localDate(now, before.site_timezone);
  const note = (input.reason ?? input.note)?.trim() || null;

  const check = new FieldCheck();
  if (NOTE_REQUIRED.has(action) && !note) check.add(NOTE_FIELD[action] ?? 'note', NOTE_MESSAGE[action] ?? '请填写说明');
  for (const field of ['actualStart', 'actualEnd'] as const) {
    const value = input[field];
    if (value && !isCalendarDate(value)) check.add(field, '日期格式应为 YYYY-MM-DD');
    else if (value && value > today) check.add(field, field === 'actualStart' ? '实际开工日期不能晚于今天' : '实际完工日期不能晚于今天');
  }
  if (input.actualCost !== undefined && input.actualCost !== null && (!Number.isInteger(input.actualCost) || input.actualCost < 0)) {
    check.add('actualCost', '实际费用不能为负数');
  }
  const patch = stepPatch(ctx, before, action, to, { ...input, note }, now.toISOString(), today);
  if (patch.actual_start && patch.actual_end && patch.actual_end < patch.actual_start) {
    check.add('actualEnd', '实际完工日期不能早于实际开工日期');
  }
  check.throwIfAny();

  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'projects', id, input.version, patch, now.toISOString());
    const after = { ...stored(before), ...patch };
    await logUpdate(ctx, tx, before, { kind: action, from: before.status, to, progress: after.progress, note });
    await writeAudit(ctx, tx, { entity: 'project', entityId: id, siteId: before.site_id, action, before: stored(before), after });
  });
  return getProject(ctx, id);
}

type Patch = Partial<ProjectRow> & { status: ProjectRow['status']; actual_start: string | null; actual_end: string | null };

/** What each step records besides the status. */
function stepPatch(
  ctx: Ctx,
  p: ProjectRow,
  action: ProjectAction,
  to: ProjectRow['status'],
  input: ActionInput,
  at: string,
  today: string,
): Patch {
  const base = { status: to, actual_start: p.actual_start, actual_end: p.actual_end };
  switch (action) {
    case 'start':
      return { ...base, actual_start: input.actualStart ?? p.actual_start ?? today };
    case 'submit':
      // handing over for acceptance means the work is done
      return { ...base, progress: 100, actual_end: input.actualEnd ?? p.actual_end };
    case 'accept':
      return {
        ...base,
        progress: 100,
        actual_end: input.actualEnd ?? p.actual_end ?? today,
        acceptance_note: input.note ?? null,
        accepted_by: ctx.actor.userId,
        accepted_at: at,
        accepted_on: today,
        ...(input.actualCost !== undefined && input.actualCost !== null ? { actual_cost: input.actualCost } : {}),
      };
    case 'reject':
      // the work goes on: the completion day recorded at hand-over no longer holds
      return { ...base, actual_end: null };
    case 'cancel':
      return { ...base, cancel_reason: input.note ?? null, cancelled_at: at };
    default:
      return base;
  }
}

export interface ProgressInput {
  version: number;
  progress: number;
  note?: string | null;
}

/** A progress report: the project's progress becomes the reported figure and the log keeps the entry. */
export async function reportProgress(ctx: Ctx, id: string, input: ProgressInput) {
  const before = await readableProject(ctx, id);
  if (!mayReport(ctx, before)) throw forbidden();
  assertEditable(before.status, 'progress');
  const note = input.note?.trim() || null;
  const check = new FieldCheck();
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100)
    check.add('progress', '进度应为 0 到 100 之间的整数');
  if (input.progress === before.progress && !note) check.add('note', '进度未变化时，请填写进展说明');
  check.throwIfAny();
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'projects', id, input.version, { progress: input.progress }, at);
    await logUpdate(ctx, tx, before, { kind: 'progress', from: null, to: null, progress: input.progress, note });
    await writeAudit(ctx, tx, {
      entity: 'project',
      entityId: id,
      siteId: before.site_id,
      action: 'progress',
      before: { progress: before.progress },
      after: { progress: input.progress, note },
    });
  });
  return getProject(ctx, id);
}

export async function projectUpdates(ctx: Ctx, id: string): Promise<ProjectUpdateDto[]> {
  await readableProject(ctx, id);
  const rows = await listUpdates(ctx.db, id);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    authorId: r.author_id,
    authorName: r.author_name,
    kind: r.kind,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    progress: r.progress,
    note: r.note,
  }));
}

export type { ProjectUpdateDto };
