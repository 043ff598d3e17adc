import { randomBytes } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { MaterialSupplier, WorkOrderAction, WorkOrderStatus } from '../../../../contracts/workorders.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Database } from '../../platform/db/schema.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDayStart, zonedParts } from '../../platform/numbering/time.js';

/**
 * The paid counter repairs (专柜有偿维修) of the demo, written as rows: each order's
 * steps, deadline timers, labour and material lines, as the work-order service would
 * have left them. Used by seed.demo.ts for notices converted to a repair and for
 * repairs a counter reported itself.
 */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** Instants of the demo in a zone: `day(n, 'HH:mm')` is n local days before today, `month(n, d, 'HH:mm')` day d of n months ago. */
export function demoCalendar(now: string, timeZone: string) {
  const nowMs = Date.parse(now);
  const p = zonedParts(new Date(nowMs), timeZone);
  const dateOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
  const at = (date: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return zonedDayStart(date, timeZone).getTime() + h * HOUR + m * MIN;
  };
  return {
    nowMs,
    day: (daysAgo: number, hhmm: string) => at(dateOf(p.year, p.month, p.day - daysAgo), hhmm),
    month: (monthsAgo: number, dayOfMonth: number, hhmm: string) => at(dateOf(p.year, p.month - monthsAgo, dayOfMonth), hhmm),
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();

export interface MaterialSpec {
  name: string;
  spec: string;
  quantity: number;
  unit: string;
  /** fen */
  price: number;
  by: Extract<MaterialSupplier, 'counter' | 'department'>;
}

export interface RepairSpec {
  category: string;
  description: string;
  result: string;
  materials: MaterialSpec[];
  /** effective minutes on site */
  work: number;
}

export interface RepairInput extends RepairSpec {
  orgId: string;
  siteId: string;
  counterId: string;
  locationId: string | null;
  channel: 'counter' | 'web' | 'phone';
  requester: { id: string | null; name: string; phone: string | null };
  /** the counter's staff member who accepts (and rates) the repair, if it has one in the system */
  staff: string | null;
  ownerId: string;
  teamId: string | null;
  techId: string;
  userName: Map<string, string>;
  /** when the order was raised */
  created: number;
  /** the last step reached: 'accept' leaves it waiting for the appointment, 'approve' / 'rate' finish it */
  until: 'accept' | 'approve' | 'rate';
  appointmentAt?: number | null;
  source: { type: string; id: string } | null;
  /** the active policy the order falls under (一般报修), if any */
  policy: Selectable<Database['sla_policies']> | null;
  nowMs: number;
}

type OrderRow = Insertable<Database['work_orders']>;
interface Rows {
  order: OrderRow;
  events: Insertable<Database['work_order_events']>[];
  timers: Insertable<Database['work_order_timers']>[];
  labour: Insertable<Database['work_order_labour']>[];
  materials: Insertable<Database['work_order_materials']>[];
}

const STEPS: [WorkOrderAction | 'create', WorkOrderStatus, number][] = [
  // action, status after it, minutes after the previous step
  ['create', 'pending', 0],
  ['dispatch', 'dispatched', 18],
  ['accept', 'accepted', 12],
  ['arrive', 'arrived', 45],
  ['start', 'in_progress', 6],
  ['finish', 'resolved', 0],
  ['approve', 'completed', 150],
  ['rate', 'rated', 40],
];

/** The minutes from raising the order to its acceptance by the counter (the anchor of the statement month). */
export function minutesToApproval(work: number): number {
  return STEPS.slice(0, 7).reduce((n, s) => n + s[2], 0) + work;
}

/** One counter repair with all its rows, numbered (WX rule) at its creation time. */
export async function buildRepair(tx: Tx, x: RepairInput): Promise<Rows> {
  const id = newId();
  const times = new Map<string, number>();
  const steps: { action: WorkOrderAction | 'create'; to: WorkOrderStatus; at: number }[] = [];
  let t = x.created;
  for (const [action, to, minutes] of STEPS) {
    t += (action === 'finish' ? x.work : minutes) * MIN;
    steps.push({ action, to, at: t });
    times.set(action, t);
    if (action === x.until) break;
  }
  const when = (a: string) => (times.has(a) ? iso(times.get(a) as number) : null);
  const last = steps[steps.length - 1] as (typeof steps)[number];
  const materialCost = x.materials.filter((m) => m.by === 'department').reduce((s, m) => s + m.quantity * m.price, 0);
  const resolved = times.get('finish');
  const order: OrderRow = {
    id,
    org_id: x.orgId,
    site_id: x.siteId,
    number: await nextNumber(tx, { orgId: x.orgId, ruleCode: 'WX', siteId: x.siteId, at: new Date(x.created) }),
    kind: 'counter_repair',
    channel: x.channel,
    status: last.to,
    pause_reason: null,
    category: x.category,
    urgency: 'normal',
    location_id: x.locationId,
    asset_id: null,
    description: x.description,
    requester_id: x.requester.id,
    requester_name: x.requester.name,
    requester_phone: x.requester.phone,
    requester_department: null,
    counter_id: x.counterId,
    appointment_at: x.appointmentAt ? iso(x.appointmentAt) : null,
    owner_id: x.ownerId,
    team_id: x.teamId,
    assignee_id: x.techId,
    in_pool: 0,
    dispatched_at: when('dispatch'),
    accepted_at: when('accept'),
    arrived_at: when('arrive'),
    started_at: when('start'),
    paused_at: null,
    paused_ms: 0,
    resolved_at: when('finish'),
    completed_at: when('approve'),
    cancelled_at: null,
    cancel_reason: null,
    rework_count: 0,
    cause: resolved ? 'human' : null,
    result: resolved ? x.result : null,
    rating_attitude: x.until === 'rate' ? 5 : null,
    rating_quality: x.until === 'rate' ? 5 : null,
    rating_efficiency: x.until === 'rate' ? 4 : null,
    rating_comment: x.until === 'rate' ? '师傅提前到场，没有耽误营业' : null,
    rated_at: when('rate'),
    material_cost: resolved ? materialCost : 0,
    sla_policy_id: x.policy?.id ?? null,
    source_type: x.source?.type ?? null,
    source_id: x.source?.id ?? null,
    tracking_token: randomBytes(18).toString('base64url'),
    created_by: x.requester.id ?? x.ownerId,
    created_at: iso(x.created),
    updated_at: iso(last.at),
    version: steps.length,
  };
  let from: WorkOrderStatus | null = null;
  const events = steps.map((s) => {
    const actorId = actorOf(x, s.action);
    const e = {
      id: newId(),
      org_id: x.orgId,
      work_order_id: id,
      at: iso(s.at),
      actor_id: actorId,
      actor_name: actorId ? (x.userName.get(actorId) ?? null) : x.requester.name,
      action: s.action,
      from_status: from,
      to_status: s.to,
      reason: null,
      data: s.action === 'create' ? JSON.stringify({ channel: x.channel, source: x.source }) : null,
    };
    from = s.to;
    return e;
  });
  const labour: Rows['labour'] = [];
  const arrive = times.get('arrive');
  const start = times.get('start');
  if (arrive !== undefined && start !== undefined && resolved !== undefined) {
    labour.push(labourLine(x, id, 'travel', arrive - 12 * MIN, 12), labourLine(x, id, 'effective', start, x.work));
  }
  const materials: Rows['materials'] = resolved
    ? x.materials.map((m) => ({
        id: newId(),
        org_id: x.orgId,
        work_order_id: id,
        name: m.name,
        spec: m.spec,
        quantity: m.quantity,
        unit: m.unit,
        unit_price: m.price,
        supplied_by: m.by,
        item_id: null,
        deleted_at: null,
        created_at: iso(resolved),
        updated_at: iso(resolved),
        version: 1,
      }))
    : [];
  return { order, events, timers: timersOf(x, order), labour, materials };
}

/** the requester or the counter's staff accepts and rates, the clerk raises and dispatches, the technician does the rest */
function actorOf(x: RepairInput, action: WorkOrderAction | 'create'): string | null {
  if (action === 'create') return x.requester.id ?? x.ownerId;
  if (action === 'dispatch') return x.ownerId;
  if (action === 'approve' || action === 'rate') return x.requester.id ?? x.staff;
  return x.techId;
}

function labourLine(x: RepairInput, workOrderId: string, kind: 'travel' | 'effective', start: number, minutes: number) {
  const end = iso(start + minutes * MIN);
  return {
    id: newId(),
    org_id: x.orgId,
    work_order_id: workOrderId,
    user_id: x.techId,
    kind,
    started_at: iso(start),
    ended_at: end,
    minutes,
    note: null,
    deleted_at: null,
    created_at: end,
    updated_at: end,
    version: 1,
  };
}

/** Response (met on 接单), arrival (到场) and resolution (完工) deadlines of the policy; the demo repairs all keep them. */
function timersOf(x: RepairInput, order: OrderRow): Rows['timers'] {
  const p = x.policy;
  if (!p) return [];
  const out: Rows['timers'] = [];
  const met = { response: order.accepted_at, arrival: order.arrived_at, resolution: order.resolved_at };
  const minutes = { response: p.response_minutes, arrival: p.arrival_minutes, resolution: p.resolution_minutes };
  for (const kind of ['response', 'arrival', 'resolution'] as const) {
    const m = minutes[kind];
    if (m === null) continue;
    const due = x.created + m * MIN;
    const warnAt = due - Math.min(Number(p.warn_before_minutes) * MIN, (m * MIN) / 3);
    const metAt = met[kind] ? Date.parse(met[kind] as string) : null;
    const reached = metAt ?? x.nowMs;
    out.push({
      work_order_id: order.id,
      kind,
      org_id: x.orgId,
      site_id: x.siteId,
      due_at: iso(due),
      warn_at: iso(warnAt),
      met_at: metAt !== null ? iso(metAt) : null,
      warned_at: reached > warnAt ? iso(warnAt + MIN) : null,
      breached_at: reached > due ? iso(due + MIN) : null,
    });
  }
  return out;
}

/** Writes the repairs' rows, orders first. */
export async function insertRepairs(tx: Tx, list: Rows[]): Promise<void> {
  if (!list.length) return;
  await tx
    .insertInto('work_orders')
    .values(list.map((r) => r.order))
    .execute();
  const events = list.flatMap((r) => r.events);
  const timers = list.flatMap((r) => r.timers);
  const labour = list.flatMap((r) => r.labour);
  const materials = list.flatMap((r) => r.materials);
  if (events.length) await tx.insertInto('work_order_events').values(events).execute();
  if (timers.length) await tx.insertInto('work_order_timers').values(timers).execute();
  if (labour.length) await tx.insertInto('work_order_labour').values(labour).execute();
  if (materials.length) await tx.insertInto('work_order_materials').values(materials).execute();
}
