import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { MaterialSupplier, WorkOrderAction, WorkOrderStatus } from '../../../../contracts/workorders.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import type { WorkOrderRow } from './repository.js';
import type { WorkOrderEventsTable, WorkOrderLabourTable, WorkOrderMaterialsTable, WorkOrderTimersTable } from './schema.js';
import {
  CATEGORIES,
  DAY,
  generator,
  labourOf,
  lifeOf,
  MIN,
  NAMES,
  type Plan,
  ratingOf,
  SITES,
  type Step,
  timersOf,
  ZONE_OFFSET,
} from './seed.demo.plan.js';
import { nextStatus } from './state.js';

/**
 * Demo work orders: about 150 repair requests over the 90 days before `now` at 长春店,
 * 沈阳店 and a few at 实验学校, across channels, categories and urgencies, so that the
 * lists, the board and the measures have something real to show. A seeded generator
 * makes every run the same. Most orders went the whole way (dispatched to the site's
 * technician, accepted, arrived, repaired, accepted by the requester and rated 3–5); a
 * few were reworked, paused for parts, late, cancelled, and some are still open.
 * Timers follow the seeded deadline policies when there are any, otherwise DOMAIN.md §4
 * (emergency on site in 30 minutes and fixed the same day, urgent 24 h, normal 72 h).
 */

export async function seedWorkOrderDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const nowMs = Date.parse(now);
  const r = generator(20_260_315);
  const [sites, users, locations, assets, teams, policies] = await Promise.all([
    tx.selectFrom('sites').select(['id', 'code']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('users').select(['id', 'username', 'name', 'phone']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('locations').select(['id', 'site_id']).where('org_id', '=', orgId).where('kind', 'in', ['room', 'area']).execute(),
    tx.selectFrom('assets').select(['id', 'site_id', 'location_id']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('teams').select(['id', 'code']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('sla_policies').selectAll().where('org_id', '=', orgId).where('active', '=', 1).execute(),
  ]);
  const siteId = new Map(sites.map((s) => [s.code, s.id]));
  const user = new Map(users.map((u) => [u.username, u]));
  const teamOf = new Map(teams.map((t) => [t.code, t.id]));
  const userName = new Map(users.map((u) => [u.id, u.name]));

  const plans: Plan[] = [];
  for (const [code, count] of SITES) {
    if (!siteId.has(code)) continue;
    for (let i = 0; i < count; i++) {
      const daysAgo = Math.floor(r.next() * 90);
      const dayStart = Math.floor((nowMs - daysAgo * DAY + ZONE_OFFSET) / DAY) * DAY - ZONE_OFFSET;
      let created = dayStart + Math.round(r.between(8 * 60, 21 * 60)) * MIN;
      if (created > nowMs - 10 * MIN) created = nowMs - Math.round(r.between(10, 6 * 60)) * MIN;
      const category =
        code === 'XX'
          ? r.pick(['kitchen', 'power', 'plumbing', 'doors_hardware', 'building', 'network'])
          : r.weighted<string>([
              ['hvac', 14],
              ['plumbing', 14],
              ['power', 16],
              ['doors_hardware', 10],
              ['building', 8],
              ['fire', 7],
              ['low_voltage', 7],
              ['network', 7],
              ['elevator', 5],
              ['office', 4],
              ['other', 4],
            ]);
      const emergencyLikely = ['power', 'elevator', 'fire', 'plumbing'].includes(category);
      const urgency = r.weighted<string>([
        ['emergency', emergencyLikely ? 14 : 4],
        ['urgent', 26],
        ['normal', 66],
      ]);
      const channel = r.weighted<WorkOrderRow['channel']>([
        ['qr', 26],
        ['web', 20],
        ['phone', 20],
        ['hotline', 14],
        ['walk_in', 10],
        ['patrol', 10],
      ]);
      plans.push({ siteCode: code, created, category, urgency, channel, steps: [], workMinutes: 0 });
    }
  }
  plans.sort((a, b) => a.created - b.created);
  // the newest orders are still being worked on; two older ones wait for a contractor
  const recent = plans.map((p, i) => ({ p, i })).filter(({ p }) => p.created > nowMs - 6 * DAY);
  const stopAt = new Map<number, WorkOrderAction | 'create'>();
  const stops: (WorkOrderAction | 'create')[] = ['create', 'dispatch', 'accept', 'start', 'pause', 'create', 'arrive', 'finish'];
  for (const [k, { i }] of recent.slice(-stops.length).entries()) stopAt.set(i, stops[k] as WorkOrderAction);
  const waiting = plans.findIndex((p) => p.created > nowMs - 12 * DAY && p.created < nowMs - 8 * DAY);
  if (waiting >= 0) stopAt.set(waiting, 'pause');

  const rows: WorkOrderRow[] = [];
  const events: Insertable<WorkOrderEventsTable>[] = [];
  const timers: Insertable<WorkOrderTimersTable>[] = [];
  const labour: Insertable<WorkOrderLabourTable>[] = [];
  const materials: Insertable<WorkOrderMaterialsTable>[] = [];
  for (const [i, base] of plans.entries()) {
    const stop = stopAt.get(i);
    const force = stop === 'pause' ? 'pause' : r.chance(0.03) ? 'cancel' : r.chance(0.05) ? 'late' : null;
    const plan = lifeOf(r, base, force);
    let steps = plan.steps.filter((s) => s.at <= nowMs);
    if (stop) steps = steps.slice(0, steps.findIndex((s) => s.action === stop) + 1 || steps.length);
    const [code, , techName, ownerName, webReporter, patroller] = SITES.find((s) => s[0] === plan.siteCode) as (typeof SITES)[number];
    const site = siteId.get(code) as string;
    const tech = user.get(techName);
    const clerkChannel = ['phone', 'hotline', 'walk_in'].includes(plan.channel);
    const reporter = plan.channel === 'web' ? user.get(webReporter) : plan.channel === 'patrol' ? user.get(patroller) : undefined;
    const siteAssets = assets.filter((a) => a.site_id === site);
    const asset = siteAssets.length && r.chance(0.45) ? r.pick(siteAssets) : null;
    const siteLocations = locations.filter((l) => l.site_id === site);
    const [descriptions, results, catalog] = CATEGORIES[plan.category] as (typeof CATEGORIES)[string];
    const ownerId = clerkChannel || steps.some((s) => s.action === 'dispatch') ? (user.get(ownerName)?.id ?? null) : null;
    const row = orderRow({
      orgId,
      site,
      plan,
      steps,
      now: nowMs,
      number: await nextNumber(tx, { orgId, ruleCode: 'WX', siteId: site, at: new Date(plan.created) }),
      locationId: asset?.location_id ?? (siteLocations.length ? r.pick(siteLocations).id : null),
      assetId: asset?.id ?? null,
      description: r.pick(descriptions),
      result: r.pick(results),
      requester: reporter ? { id: reporter.id, name: reporter.name, phone: reporter.phone } : null,
      anonymous: { name: r.pick(NAMES), phone: `13${String(Math.floor(r.next() * 1e9)).padStart(9, '0')}` },
      ownerId,
      techId: tech?.id ?? null,
      teamId: code === 'XX' ? null : (teamOf.get(`${code}-WX`) ?? null),
      ratings: [ratingOf(r), ratingOf(r), ratingOf(r)],
      cause: r.weighted<NonNullable<WorkOrderRow['cause']>>([
        ['ageing', 6],
        ['human', 2],
        ['natural', 1],
        ['other', 1],
      ]),
    });
    rows.push(row);
    for (const s of steps) {
      const actorId = actorOf(row, s.action);
      events.push({
        id: newId(),
        org_id: orgId,
        work_order_id: row.id,
        at: iso(s.at),
        actor_id: actorId,
        actor_name: actorId ? (userName.get(actorId) ?? null) : s.action === 'auto_approve' ? '系统' : row.requester_name,
        action: s.action,
        from_status: null,
        to_status: null,
        reason: s.reason ?? null,
        data: s.action === 'create' ? JSON.stringify({ channel: row.channel }) : null,
      });
    }
    fillEventStatuses(events.slice(events.length - steps.length));
    if (row.status !== 'cancelled') timers.push(...timersOf(row, policies, nowMs));
    if (row.assignee_id) labour.push(...labourOf(r, row, steps, plan.workMinutes));
    if (row.resolved_at && catalog.length && r.chance(0.22)) {
      const lines = catalog.slice(0, 1 + Math.floor(r.next() * Math.min(2, catalog.length)));
      for (const [name, spec, unit, price] of lines) {
        const supplied: MaterialSupplier = r.weighted<MaterialSupplier>([
          ['department', 8],
          ['requester', 1],
          ['vendor', 1],
        ]);
        const quantity = 1 + Math.floor(r.next() * 3);
        materials.push({
          ...lineBase(orgId, row),
          name,
          spec,
          quantity,
          unit,
          unit_price: price,
          supplied_by: supplied,
          item_id: null,
          deleted_at: null,
        });
        if (supplied === 'department') row.material_cost = Number(row.material_cost) + quantity * price;
      }
    }
  }
  for (let k = 0; k < rows.length; k += 50)
    await tx
      .insertInto('work_orders')
      .values(rows.slice(k, k + 50))
      .execute();
  for (const [table, list] of [
    ['work_order_events', events],
    ['work_order_timers', timers],
    ['work_order_labour', labour],
    ['work_order_materials', materials],
  ] as const) {
    for (let k = 0; k < list.length; k += 200)
      await tx
        .insertInto(table)
        .values(list.slice(k, k + 200) as never)
        .execute();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function lineBase(orgId: string, row: WorkOrderRow) {
  const at = row.resolved_at as string;
  return { id: newId(), org_id: orgId, work_order_id: row.id, created_at: at, updated_at: at, version: 1 };
}

/** who took a step: the requester accepts and rates, the clerk dispatches, the technician does the rest */
function actorOf(row: WorkOrderRow, action: Step['action']): string | null {
  if (action === 'auto_approve') return null;
  if (action === 'create' || action === 'cancel') return row.requester_id ?? row.owner_id;
  if (action === 'dispatch') return row.owner_id;
  if (action === 'approve' || action === 'reject' || action === 'rate') return row.requester_id;
  return row.assignee_id;
}

function fillEventStatuses(list: Insertable<WorkOrderEventsTable>[]): void {
  let status: WorkOrderStatus | null = null;
  for (const e of list) {
    const to: WorkOrderStatus = e.action === 'create' ? 'pending' : nextStatus(status as WorkOrderStatus, e.action as WorkOrderAction);
    e.from_status = status;
    e.to_status = to;
    status = to;
  }
}

interface RowInput {
  orgId: string;
  site: string;
  plan: Plan;
  steps: Step[];
  now: number;
  number: string;
  locationId: string | null;
  assetId: string | null;
  description: string;
  result: string;
  requester: { id: string; name: string; phone: string | null } | null;
  anonymous: { name: string; phone: string };
  ownerId: string | null;
  techId: string | null;
  teamId: string | null;
  ratings: [number, number, number];
  cause: NonNullable<WorkOrderRow['cause']>;
}

/** The order as the steps up to now left it: status through the state machine, each step's time. */
function orderRow(x: RowInput): WorkOrderRow {
  const { plan, steps } = x;
  const at = (a: Step['action']) => steps.find((s) => s.action === a)?.at;
  const last = (a: Step['action']) => steps.filter((s) => s.action === a).at(-1)?.at;
  let status: WorkOrderStatus = 'pending';
  let pausedMs = 0;
  let pausedAt: number | null = null;
  let resolvedAt: number | null = null;
  for (const s of steps.slice(1)) {
    status = nextStatus(status, s.action as WorkOrderAction);
    if (s.action === 'pause') pausedAt = s.at;
    if (s.action === 'resume' && pausedAt !== null) {
      pausedMs += s.at - pausedAt;
      pausedAt = null;
    }
    if (s.action === 'finish') resolvedAt = s.at;
    if (s.action === 'reject') resolvedAt = null;
  }
  const rated = status === 'rated';
  const dispatched = at('dispatch');
  const ts = (v: number | undefined | null) => (v ? iso(v) : null);
  const lastAt = steps.at(-1)?.at ?? plan.created;
  return {
    id: newId(),
    org_id: x.orgId,
    site_id: x.site,
    number: x.number,
    kind: 'repair',
    channel: plan.channel,
    status,
    pause_reason: status === 'paused' ? ((steps.at(-1)?.reason as WorkOrderRow['pause_reason']) ?? 'parts') : null,
    category: plan.category,
    urgency: plan.urgency,
    location_id: x.locationId,
    asset_id: x.assetId,
    description: x.description,
    requester_id: x.requester?.id ?? null,
    requester_name: x.requester?.name ?? x.anonymous.name,
    requester_phone: x.requester?.phone ?? x.anonymous.phone,
    requester_department: null,
    counter_id: null,
    appointment_at: null,
    owner_id: x.ownerId,
    team_id: dispatched ? x.teamId : null,
    assignee_id: dispatched ? x.techId : null,
    in_pool: 0,
    dispatched_at: ts(dispatched),
    accepted_at: ts(at('accept')),
    arrived_at: ts(at('arrive')),
    started_at: ts(at('start')),
    paused_at: ts(pausedAt),
    paused_ms: pausedMs,
    resolved_at: ts(resolvedAt),
    completed_at: ts(last('approve') ?? last('auto_approve')),
    cancelled_at: ts(at('cancel')),
    cancel_reason: steps.find((s) => s.action === 'cancel')?.reason ?? null,
    rework_count: steps.filter((s) => s.action === 'reject').length,
    cause: resolvedAt ? x.cause : null,
    result: resolvedAt ? x.result : null,
    rating_attitude: rated ? x.ratings[0] : null,
    rating_quality: rated ? x.ratings[1] : null,
    rating_efficiency: rated ? x.ratings[2] : null,
    rating_comment: rated ? (x.ratings[0] + x.ratings[1] + x.ratings[2] >= 14 ? '师傅很专业，修得快' : null) : null,
    rated_at: ts(at('rate')),
    material_cost: 0,
    sla_policy_id: null,
    source_type: null,
    source_id: null,
    tracking_token: randomBytes(18).toString('base64url'),
    created_by: x.requester?.id ?? x.ownerId,
    created_at: iso(plan.created),
    updated_at: iso(lastAt),
    version: steps.length,
  };
}
