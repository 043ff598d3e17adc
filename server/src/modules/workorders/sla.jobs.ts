import type { SlaKind } from '../../../../contracts/workorders.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { Job, JobDeps } from '../../platform/jobs/scheduler.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { usersWithPermission } from '../identity/index.js';
import { teamMemberIds } from '../org/index.js';
import { applyAction } from './actions.js';
import { findWorkOrderRow, insertEvent, type WorkOrderRow } from './repository.js';
import {
  allSettings,
  claimAutoAcceptance,
  claimTimer,
  type DueTimer,
  dueTimers,
  ordersToAutoAccept,
  siteHours,
  teamLeaderId,
} from './sla.repository.js';

/**
 * The work-order jobs of the scheduler: deadline warnings and escalations, and
 * auto-acceptance. Exported so tests run them directly with their clock.
 */
const BATCH = 200;
const DAY = 24 * 60 * 60 * 1000;
export const SLA_KIND_LABELS: Record<SlaKind, string> = { response: '响应', arrival: '到场', resolution: '修复' };

function systemCtx(deps: JobDeps, orgId: string): Ctx {
  return { ...deps, actor: systemActor(orgId), requestId: null };
}

export interface SlaTickResult {
  warned: number;
  breached: number;
}

/**
 * One pass over the deadlines: breaches first (recorded as breached_at and an
 * `sla_breach` event, escalated to the supervisors), then warnings for deadlines
 * coming up (`sla_warning`, to whoever works on the order). Each timer is claimed with
 * a conditional update in the transaction that also writes the notification, so a
 * warning or escalation goes out exactly once even when two processes tick together.
 */
export async function runSlaTick(deps: JobDeps): Promise<SlaTickResult> {
  const result: SlaTickResult = { warned: 0, breached: 0 };
  for (const stage of ['breach', 'warn'] as const) {
    const seen = new Set<string>();
    for (;;) {
      const now = deps.clock.now().toISOString();
      const due = (await dueTimers(deps.db, stage, now, BATCH)).filter((t) => !seen.has(`${t.work_order_id}:${t.kind}`));
      if (due.length === 0) break;
      for (const t of due) {
        seen.add(`${t.work_order_id}:${t.kind}`);
        const done = await deps.db.transaction().execute(async (tx) => {
          if (!(await claimTimer(tx, t, stage, now))) return false;
          await (stage === 'breach' ? escalate : warn)(deps, tx, t, now);
          return true;
        });
        if (done) result[stage === 'breach' ? 'breached' : 'warned']++;
      }
    }
  }
  return result;
}

async function describe(tx: Tx, t: DueTimer): Promise<{ wo: WorkOrderRow; dueText: string }> {
  const wo = (await findWorkOrderRow(tx, t.org_id, t.work_order_id)) as WorkOrderRow;
  const site = await siteHours(tx, wo.site_id);
  return { wo, dueText: formatZoned(new Date(t.due_at), site.timeZone) };
}

async function record(tx: Tx, wo: WorkOrderRow, t: DueTimer, action: 'sla_warning' | 'sla_breach', at: string, notified: string[]) {
  await insertEvent(tx, {
    orgId: wo.org_id,
    workOrderId: wo.id,
    at,
    actorId: null,
    actorName: '系统',
    action,
    reason: `${SLA_KIND_LABELS[t.kind]}时限 ${t.due_at}`,
    data: { kind: t.kind, dueAt: t.due_at, notified },
  });
}

/** Who is working on it: the assignee, else the team; the clerk who owns it; dispatchers when nobody is. */
async function workers(tx: Tx, wo: WorkOrderRow): Promise<string[]> {
  const ids = new Set<string>();
  if (wo.assignee_id) ids.add(wo.assignee_id);
  else if (wo.team_id) for (const id of await teamMemberIds(tx, wo.team_id)) ids.add(id);
  if (wo.owner_id) ids.add(wo.owner_id);
  if (ids.size === 0) for (const u of await usersWithPermission(tx, wo.org_id, 'workorders:dispatch', wo.site_id)) ids.add(u.id);
  return [...ids];
}

/** The supervisors: the leader of the order's team and whoever manages work orders on its site. */
export async function supervisors(tx: Tx, wo: WorkOrderRow): Promise<string[]> {
  const ids = new Set<string>();
  const leader = await teamLeaderId(tx, wo.team_id);
  if (leader) ids.add(leader);
  for (const u of await usersWithPermission(tx, wo.org_id, 'workorders:manage', wo.site_id)) ids.add(u.id);
  return [...ids];
}

async function warn(deps: JobDeps, tx: Tx, t: DueTimer, now: string): Promise<void> {
  const { wo, dueText } = await describe(tx, t);
  const userIds = await workers(tx, wo);
  await record(tx, wo, t, 'sla_warning', now, userIds);
  if (!userIds.length) return;
  await deps.notifier.send(tx, {
    orgId: wo.org_id,
    userIds,
    kind: 'work_order_sla',
    title: `工单 ${wo.number} ${SLA_KIND_LABELS[t.kind]}时限将到`,
    body: `请在 ${dueText} 前完成${SLA_KIND_LABELS[t.kind]}：${wo.description.slice(0, 80)}`,
    link: `/work-orders/${wo.id}`,
  });
}

async function escalate(deps: JobDeps, tx: Tx, t: DueTimer, now: string): Promise<void> {
  const { wo, dueText } = await describe(tx, t);
  const userIds = await supervisors(tx, wo);
  await record(tx, wo, t, 'sla_breach', now, userIds);
  if (!userIds.length) return;
  await deps.notifier.send(tx, {
    orgId: wo.org_id,
    userIds,
    kind: 'work_order_sla',
    title: `工单 ${wo.number} 已超过${SLA_KIND_LABELS[t.kind]}时限`,
    body: `${SLA_KIND_LABELS[t.kind]}时限 ${dueText} 已过，请督办：${wo.description.slice(0, 80)}`,
    link: `/work-orders/${wo.id}`,
  });
}

/**
 * 超期自动验收: orders finished more than the organisation's auto_accept_days ago and
 * still not accepted become 已完成 through the ordinary `auto_approve` step. When two
 * processes pick the same order, the claim (sla.repository.ts `claimAutoAcceptance`)
 * lets one through; the other finds it no longer 待验收 and skips it. The version check
 * of the step still refuses a person's change that raced in (stale version, skipped).
 */
export async function runAutoAcceptance(deps: JobDeps): Promise<number> {
  let accepted = 0;
  for (const s of await allSettings(deps.db)) {
    const ctx = systemCtx(deps, s.org_id);
    const cutoff = new Date(deps.clock.now().getTime() - s.auto_accept_days * DAY).toISOString();
    const skipped = new Set<string>();
    for (;;) {
      const rows = (await ordersToAutoAccept(deps.db, s.org_id, cutoff, BATCH)).filter((r) => !skipped.has(r.id));
      if (rows.length === 0) break;
      for (const { id } of rows) {
        skipped.add(id);
        try {
          const done = await deps.db.transaction().execute(async (tx) => {
            if (!(await claimAutoAcceptance(tx, s.org_id, id, cutoff))) return false;
            const row = await findWorkOrderRow(tx, s.org_id, id);
            if (row?.status !== 'resolved') return false;
            await applyAction(ctx, tx, row, null, 'auto_approve', { version: Number(row.version) }, '系统自动验收');
            return true;
          });
          if (done) accepted++;
        } catch (err) {
          if (!(err instanceof AppError && (err.code === 'STALE_VERSION' || err.code === 'ILLEGAL_TRANSITION'))) throw err;
        }
      }
    }
  }
  return accepted;
}

export const slaJob: Job = { name: 'workorders.sla', run: runSlaTick };
export const autoAcceptJob: Job = { name: 'workorders.auto-accept', run: runAutoAcceptance };
