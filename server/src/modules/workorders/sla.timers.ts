import { SLA_KINDS, type SlaKind, type SlaTimerDto, type WorkOrderAction } from '../../../../contracts/workorders.js';
import type { Ctx, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import type { WorkOrderRow } from './repository.js';
import { choosePolicy, computeDue, minutesOf, remainingMs, resolutionClock, type SiteHours, timerKinds, warnAt } from './sla.calc.js';
import {
  candidatePolicies,
  clockEvents,
  deleteTimer,
  policiesByIds,
  type SlaPolicyRow,
  setOrderPolicy,
  siteHours,
  type TimerRow,
  timersOfOrder,
  upsertTimer,
} from './sla.repository.js';

/**
 * The deadline timers of a work order — one row per kind (response / arrival /
 * resolution) — kept in step with the order inside the transaction of every change:
 *
 * - a new order (or an edit of its category / urgency: `action` null) gets the most
 *   specific active policy (sla.calc.ts `choosePolicy`), stored in sla_policy_id, and a
 *   timer per deadline the policy sets;
 * - a step meets its deadline: accept / claim → response (accepted_at), arrive →
 *   arrival (arrived_at), finish → resolution (resolved_at);
 * - reject / reopen start a new resolution cycle from now: met_at, warned_at and
 *   breached_at are cleared for the new deadline, the earlier breach stays a fact in
 *   the event log (`sla_breach` events written by the scheduler);
 * - pause / resume recompute the resolution deadline without the paused time when the
 *   policy excludes pauses (the scheduler leaves a paused timer alone meanwhile);
 * - cancel closes every open timer with met_at = the cancellation time and leaves
 *   breached_at as it was: a cancelled order is not "met" in the measures, which count
 *   orders by their status and breaches by breached_at.
 */
export async function syncTimers(
  ctx: Ctx,
  tx: Tx,
  row: WorkOrderRow,
  action: WorkOrderAction | null,
  opts: { created?: boolean } = {},
): Promise<void> {
  // a maintenance order's deadline is its occurrence's grace window (missed detection), not a repair deadline
  if (row.kind === 'maintenance') return;
  // a brand-new order has no timers yet: no need to read them
  const existing = opts.created ? [] : await timersOfOrder(tx, row.id);
  if (action === 'cancel') {
    const at = row.cancelled_at ?? ctx.clock.now().toISOString();
    for (const t of existing) if (!t.met_at) await upsertTimer(tx, { ...t, met_at: at }, true);
    return;
  }
  // the policy is chosen when the order is created or its category / urgency edited, never mid-way
  const fresh = action === null;
  const reopened = action === 'reopen' || action === 'reject';
  const recompute = fresh || reopened || action === 'pause' || action === 'resume';
  if (!recompute) {
    // an ordinary step only meets deadlines: no policy, hours or events to read
    for (const t of existing) {
      const met = metAt(row, t.kind);
      if (!t.met_at && met) await upsertTimer(tx, { ...t, met_at: met }, true);
    }
    return;
  }
  const site = await siteHours(tx, row.site_id);
  let policy: SlaPolicyRow | null;
  if (fresh) {
    policy = choosePolicy(await candidatePolicies(tx, row.org_id, row.site_id), {
      siteId: row.site_id,
      category: row.category,
      urgency: row.urgency,
    });
    if ((policy?.id ?? null) !== row.sla_policy_id) await setOrderPolicy(tx, row.id, policy?.id ?? null);
  } else {
    policy = row.sla_policy_id ? ((await policiesByIds(tx, [row.sla_policy_id])).get(row.sla_policy_id) ?? null) : null;
  }
  if (!policy) {
    // no deadline applies (any more): drop what never ran late, keep breaches as facts
    for (const t of existing) if (!t.met_at && !t.breached_at) await deleteTimer(tx, row.id, t.kind);
    return;
  }
  const now = ctx.clock.now().getTime();
  // pauses and rework restarts are read from the event log; an order that never had either has none
  const history = Number(row.rework_count) > 0 || Number(row.paused_ms) > 0 || row.paused_at !== null;
  const events = history ? await clockEvents(tx, row.id) : [];
  const clock = resolutionClock(
    Date.parse(row.created_at),
    events.map((e) => ({ at: Date.parse(e.at), action: e.action })),
    now,
  );
  const wanted = new Set(timerKinds(policy));
  for (const kind of SLA_KINDS) {
    const current = existing.find((t) => t.kind === kind);
    if (!wanted.has(kind)) {
      if (current && !current.met_at && !current.breached_at) await deleteTimer(tx, row.id, kind);
      continue;
    }
    const met = metAt(row, kind);
    const restart = kind === 'resolution' && reopened;
    const base = kind === 'resolution' ? clock.base : Date.parse(row.created_at);
    let next: TimerRow;
    if (!current || restart || (recompute && !current.met_at)) {
      const due = computeDue({
        base,
        minutes: minutesOf(policy, kind),
        notOvernight: kind === 'resolution' && policy.not_overnight === 1,
        businessHours: policy.business_hours === 1,
        excludePaused: policy.exclude_paused === 1,
        pauses: kind === 'resolution' ? clock.pauses : [],
        site,
      }) as number;
      const warn = warnAt(due, base, policy.warn_before_minutes);
      next = {
        work_order_id: row.id,
        kind,
        org_id: row.org_id,
        site_id: row.site_id,
        due_at: new Date(due).toISOString(),
        warn_at: warn === null ? null : new Date(warn).toISOString(),
        met_at: restart ? null : (current?.met_at ?? met),
        warned_at: restart ? null : (current?.warned_at ?? null),
        breached_at: restart ? null : (current?.breached_at ?? null),
      };
    } else if (!current.met_at && met) {
      next = { ...current, met_at: met };
    } else {
      continue;
    }
    await upsertTimer(tx, next, current !== undefined);
  }
}

/** When the order reached the step a deadline is about (null while it has not). */
function metAt(row: WorkOrderRow, kind: SlaKind): string | null {
  if (kind === 'response') return row.accepted_at;
  if (kind === 'arrival') return row.arrived_at;
  return row.resolved_at;
}

/** What the time-left figure needs beyond the timer rows: the policy's terms and the site's hours. */
export interface TimerContext {
  policies: Map<string, Pick<SlaPolicyRow, 'business_hours' | 'exclude_paused'>>;
  sites: Map<string, SiteHours>;
}

/** The time-left terms of listed orders, from the columns the list query joins in (no extra query). */
export function timerContextOf(
  rows: (Pick<WorkOrderRow, 'site_id' | 'sla_policy_id'> & {
    site_timezone: string;
    site_opening_hours: string | null;
    policy_business_hours: number | null;
    policy_exclude_paused: number | null;
  })[],
): TimerContext {
  const policies: TimerContext['policies'] = new Map();
  const sites: TimerContext['sites'] = new Map();
  for (const r of rows) {
    sites.set(r.site_id, { timeZone: r.site_timezone, openingHours: r.site_opening_hours });
    if (r.sla_policy_id && r.policy_business_hours !== null && r.policy_exclude_paused !== null) {
      policies.set(r.sla_policy_id, {
        business_hours: r.policy_business_hours as SlaPolicyRow['business_hours'],
        exclude_paused: r.policy_exclude_paused as SlaPolicyRow['exclude_paused'],
      });
    }
  }
  return { policies, sites };
}

/**
 * Timers as the API shows them, with the time left honouring the policy: working time
 * when it counts business hours, frozen while an excluded pause runs.
 */
export function timerDtos(row: WorkOrderRow, timers: Row<'work_order_timers'>[], now: Date, context: TimerContext): SlaTimerDto[] {
  const policy = row.sla_policy_id ? context.policies.get(row.sla_policy_id) : undefined;
  const site = context.sites.get(row.site_id) ?? { timeZone: 'UTC', openingHours: null };
  return [...timers]
    .sort((a, b) => SLA_KINDS.indexOf(a.kind) - SLA_KINDS.indexOf(b.kind))
    .map((t) => ({
      kind: t.kind,
      dueAt: t.due_at,
      metAt: t.met_at,
      warnedAt: t.warned_at,
      breachedAt: t.breached_at,
      remainingMs: t.met_at
        ? null
        : remainingMs(Date.parse(t.due_at), now.getTime(), {
            site,
            businessHours: policy?.business_hours === 1,
            pausedSince: t.kind === 'resolution' && row.paused_at ? Date.parse(row.paused_at) : null,
            excludePaused: policy ? policy.exclude_paused === 1 : true,
          }),
    }));
}
