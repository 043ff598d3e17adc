import type {
  Cause,
  Channel,
  LabourKind,
  MaterialSupplier,
  PauseReason,
  WorkOrderAction,
  WorkOrderStatus,
} from '../../../contracts/workorders.js';
import { findOverlap, resolveTimes } from '../../../server/src/modules/workorders/labour.calc.js';
import { lineAmount, MAX_QUANTITY, MAX_UNIT_PRICE } from '../../../server/src/modules/workorders/materials.service.js';
import { PUBLIC_ACTOR_NAME } from '../../../server/src/modules/workorders/public.track.js';
import { choosePolicy } from '../../../server/src/modules/workorders/sla.calc.js';
import { SLA_KIND_LABELS } from '../../../server/src/modules/workorders/sla.jobs.js';
import type { SlaPolicyRow } from '../../../server/src/modules/workorders/sla.repository.js';
import { nextStatus, REWORK_ACTIONS } from '../../../server/src/modules/workorders/state.js';
import {
  ADDENDA,
  ANONYMOUS_TITLES,
  ASSET_CATEGORIES_OF,
  CANCEL_REASONS,
  COMMENTS,
  DEPARTMENTS_OF,
  REJECT_REASONS,
  REOPEN_REASONS,
  SEND_BACK_REASONS,
  SURNAMES,
  seasonOf,
  TEXTS,
  TRANSFER_REASONS,
  urgencyMix,
} from './catalog.js';
import type { Leaf, Person, SiteRuntime } from './org.js';
import { type Rng, WeightedTable } from './random.js';
import { type SlaEvent, TimerSim } from './timers.js';
import type { BulkWriter } from './writer.js';

/**
 * One repair request's whole life, simulated and written as the services would have
 * written it step by step: the row `intake` builds, then every step through the state
 * machine (`nextStatus` refuses an illegal one, so a planning mistake stops the run)
 * with the columns `actionPatch` (actions.ts) sets and the event `applyAction` records,
 * the deadline timers and the scheduler's warnings and breaches (timers.ts), labour
 * entries checked with the labour service's `resolveTimes` / `findOverlap`, material
 * lines priced with `lineAmount`. Steps after `now` are dropped, so the newest orders
 * are still open in every status.
 *
 * Timing: requests come in by the hour profile of the site's kind; clerks dispatch and
 * technicians work during the site's duty hours (emergencies are answered by whoever is
 * on call at night); delays are log-normal around medians by urgency; work takes the
 * category's standard time give or take; pauses wait for parts, contractors or the
 * requester; acceptance by the requester, the public link, the clerk after a return
 * call, or automatically after the organisation's auto_accept_days.
 */
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Actor {
  id: string | null;
  name: string;
}

interface StepInput {
  reason?: string;
  assigneeId?: string | null;
  teamId?: string | null;
  pauseReason?: PauseReason;
  cause?: Cause;
  result?: string;
  ratings?: [number, number, number];
  comment?: string | null;
}

interface Step {
  action: WorkOrderAction | 'create';
  at: number;
  actor: Actor;
  /** the actor may dispatch on the site (sets the owner, 首问负责人) */
  clerk: boolean;
  input: StepInput;
}

interface LabourPlan {
  userId: string;
  kind: LabourKind;
  start: number;
  end: number;
  note: string | null;
}

interface MaterialPlan {
  at: number;
  name: string;
  spec: string;
  quantity: number;
  unit: string;
  price: number;
  supplied: MaterialSupplier;
}

export interface OrderStats {
  workOrders: number;
  events: number;
  labour: number;
  materials: number;
  timers: number;
  ratings: number;
  comments: number;
  /** orders by status at the end */
  byStatus: Record<string, number>;
}

export interface OrderContext {
  rng: Rng;
  writer: BulkWriter;
  orgId: string;
  now: number;
  autoAcceptMs: number;
  /** the scheduler tick at or after an instant */
  tick: (at: number) => number;
  standardMinutes: Record<string, number>;
  stats: OrderStats;
}

/** A site with what the simulation draws from, prepared once. */
export class SiteSim {
  readonly places: Map<string, WeightedTable<Leaf>>;
  readonly leafName: Map<string, string>;
  readonly channels: WeightedTable<Channel>;
  private readonly categoriesByMonth: WeightedTable<string>[];
  private readonly policyCache = new Map<string, SlaPolicyRow | null>();
  /** the zone's offset from UTC (the sites' zone, Asia/Shanghai, keeps no daylight saving) */
  readonly offset: number;
  readonly allDay: boolean;

  constructor(
    readonly rt: SiteRuntime,
    offset: number,
  ) {
    this.offset = offset;
    this.places = new Map();
    for (const [category] of rt.profile.categories) {
      this.places.set(category, new WeightedTable(rt.leaves.map((l) => [l, l.weight * (l.tags.includes(category) ? 6 : 0.5)] as const)));
    }
    this.leafName = new Map(rt.leaves.map((l) => [l.id, l.name]));
    this.channels = new WeightedTable(rt.profile.channels);
    this.categoriesByMonth = Array.from(
      { length: 12 },
      (_, m) => new WeightedTable(rt.profile.categories.map(([c, w]) => [c, w * seasonOf(c, m)] as const)),
    );
    this.allDay = rt.profile.duty[1] - rt.profile.duty[0] >= 24 * 60;
  }

  category(rng: Rng, at: number): string {
    return (this.categoriesByMonth[new Date(at + this.offset).getUTCMonth()] as WeightedTable<string>).draw(rng);
  }

  policy(category: string, urgency: string): SlaPolicyRow | null {
    const key = `${category}|${urgency}`;
    let p = this.policyCache.get(key);
    if (p === undefined) {
      p = choosePolicy(this.rt.policies, { siteId: this.rt.id, category, urgency });
      this.policyCache.set(key, p);
    }
    return p;
  }

  /** local minute of the day */
  minuteOf(at: number): number {
    return Math.floor(((((at + this.offset) % DAY) + DAY) % DAY) / MIN);
  }

  /** When someone on duty can act on something that came in at `at`: now during duty hours, later outside. */
  onDuty(rng: Rng, at: number, emergency: boolean): number {
    if (this.allDay) return at;
    const [from, to] = this.rt.profile.duty;
    const m = this.minuteOf(at);
    if (m >= from && m < to) return at;
    // the technician on call answers emergencies at night
    if (emergency) return at + rng.lognormal(15, 0.5) * MIN;
    const midnight = at - m * MIN - (at % MIN);
    return (m < from ? midnight : midnight + DAY) + from * MIN + rng.between(0, 40) * MIN;
  }

  /** slower at night on sites that run around the clock (fewer people on shift) */
  nightFactor(at: number): number {
    const m = this.minuteOf(at);
    return this.allDay && (m < 7 * 60 || m >= 22 * 60) ? 1.8 : 1;
  }
}

const DISPATCH = [2, 5, 15];
const ACCEPT = [1.5, 4, 12];
const ARRIVE: [number, number][] = [
  [9, 0.4],
  [35, 0.7],
  [90, 1],
];
const PAUSE_HOURS: Record<PauseReason, number> = { parts: 20, vendor: 48, requester: 6 };
const WAITING_NOTE: Record<PauseReason, string> = { parts: '等待配件', vendor: '等待外协', requester: '等待报修人' };
const SYSTEM: Actor = { id: null, name: '系统' };
const AUTO_APPROVER: Actor = { id: null, name: '系统自动验收' };
const PUBLIC: Actor = { id: null, name: PUBLIC_ACTOR_NAME };

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

function anonymous(rng: Rng): { name: string | null; phone: string } {
  return {
    name: rng.chance(0.75) ? `${rng.pick([...SURNAMES])}${rng.pick(ANONYMOUS_TITLES)}` : null,
    phone: `1${rng.pick(['3', '5', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
  };
}

function ratingsOf(rng: Rng, poorService: boolean): [number, number, number] {
  const base = rng.weighted<number>(
    poorService
      ? [
          [5, 30],
          [4, 35],
          [3, 22],
          [2, 9],
          [1, 4],
        ]
      : [
          [5, 70],
          [4, 24],
          [3, 4],
          [2, 1.5],
          [1, 0.5],
        ],
  );
  const near = () =>
    Math.min(
      5,
      Math.max(
        1,
        base +
          rng.weighted<number>([
            [0, 8],
            [-1, 1.5],
            [1, 0.5],
          ]),
      ),
    );
  return [near(), near(), near()];
}

/** Plans, replays and writes one order created at `created` with the number `number`. */
export function generateOrder(ctx: OrderContext, site: SiteSim, created: number, number: string): void {
  const r = ctx.rng;
  const rt = site.rt;
  const category = site.category(r, created);
  const urgency = r.weighted(urgencyMix(category));
  const u = urgency === 'emergency' ? 0 : urgency === 'urgent' ? 1 : 2;
  const emergency = u === 0;
  const channel = site.channels.draw(r);
  const texts = TEXTS[category] as (typeof TEXTS)[string];

  // where: an asset of the matching kind half the time, else a room that attracts the category
  let assetId: string | null = null;
  let locationId: string | null = null;
  const assetCodes = ASSET_CATEGORIES_OF[category]?.filter((c) => rt.assets.get(c)?.length) ?? [];
  if (assetCodes.length && r.chance(0.5)) {
    const asset = r.pick(rt.assets.get(r.pick(assetCodes)) as { id: string; locationId: string | null }[]);
    assetId = asset.id;
    locationId = asset.locationId;
  } else if (rt.leaves.length) locationId = (site.places.get(category) as WeightedTable<Leaf>).draw(r).id;
  const placeName = locationId ? site.leafName.get(locationId) : undefined;
  let description = r.pick(texts.descriptions);
  if (placeName && r.chance(0.3)) description = `${placeName}${description}`;
  if (r.chance(0.1)) description += r.pick(ADDENDA);

  // who: by channel, as intake records it
  const clerk = r.pick(rt.clerks);
  const clerkActor: Actor = { id: clerk.id, name: clerk.name };
  let requester: Person | null = null;
  let requesterName: string | null = null;
  let requesterPhone: string | null = null;
  let requesterDepartment: string | null = null;
  let createActor: Actor;
  let createClerk = false;
  let owner: string | null = null;
  let createdBy: string | null = null;
  if (channel === 'web' || channel === 'patrol') {
    requester = r.pick(channel === 'web' ? rt.requesters : rt.patrollers);
    createActor = { id: requester.id, name: requester.name };
    createdBy = requester.id;
  } else if (channel === 'qr') {
    const a = anonymous(r);
    requesterName = a.name;
    requesterPhone = a.phone;
    createActor = { id: null, name: a.name ? `扫码报修（${a.name}）` : '扫码报修' };
  } else {
    const a = anonymous(r);
    requesterName = a.name ?? `${r.pick([...SURNAMES])}${r.pick(ANONYMOUS_TITLES)}`;
    requesterPhone = a.phone;
    if (r.chance(0.4)) requesterDepartment = r.pick(DEPARTMENTS_OF[rt.kind]);
    createActor = clerkActor;
    createClerk = true;
    owner = clerk.id;
    createdBy = clerk.id;
  }
  const requesterActor: Actor | null = requester ? { id: requester.id, name: requester.name } : null;
  const approver: Actor = requesterActor ?? (channel === 'qr' ? PUBLIC : clerkActor);
  const approverIsClerk = approver === clerkActor;

  // ---- the planned life ----
  const steps: Step[] = [{ action: 'create', at: created, actor: createActor, clerk: createClerk, input: {} }];
  const labour: LabourPlan[] = [];
  const materials: MaterialPlan[] = [];
  let t = created;
  const add = (action: WorkOrderAction, at: number, actor: Actor, clerkStep: boolean, input: StepInput = {}) => {
    t = Math.max(Math.round(at), t + 1000 + r.int(0, 20_000));
    steps.push({ action, at: t, actor, clerk: clerkStep, input });
    return t;
  };
  const wait = (median: number, sigma: number) => r.lognormal(median, sigma) * MIN * site.nightFactor(t);
  /** the next step of someone already on it: an emergency's on-call technician carries on at night, other work waits for duty hours */
  const onDutyNext = (at: number) => (emergency ? at : site.onDuty(r, at, false));
  const work = (userId: string, kind: LabourKind, start: number, end: number, note: string | null = null) => {
    if (end - start >= MIN) labour.push({ userId, kind, start, end, note });
  };
  let tech = r.pick(rt.techs);
  const techActor = () => ({ id: tech.id, name: tech.name });
  const otherTech = () => (rt.techs.length > 1 ? r.pick(rt.techs.filter((x) => x.id !== tech.id)) : tech);
  const appointment =
    channel === 'web' && u === 2 && r.chance(0.05) ? site.onDuty(r, created + DAY, false) + r.between(60, 360) * MIN : null;

  const life = (): void => {
    if (r.chance(0.025)) {
      const byRequester = requesterActor !== null && r.chance(0.6);
      add('cancel', site.onDuty(r, t, emergency) + wait(30, 1), byRequester ? (requesterActor as Actor) : clerkActor, !byRequester, {
        reason: r.pick(CANCEL_REASONS),
      });
      return;
    }
    const mode = r.weighted<'person' | 'team' | 'pool'>([
      ['person', 68],
      ['team', 25],
      ['pool', 7],
    ]);
    const dispatchAt = site.onDuty(r, t, emergency) + wait(DISPATCH[u] as number, 0.7);
    if (mode === 'pool') {
      add('pool', dispatchAt, clerkActor, true);
      add('claim', onDutyNext(t) + wait(10, 0.8), techActor(), false);
    } else {
      add('dispatch', dispatchAt, clerkActor, true, mode === 'person' ? { assigneeId: tech.id, teamId: rt.teamId } : { teamId: rt.teamId });
      if (r.chance(0.015)) {
        add('send_back', t + wait(20, 0.8), techActor(), false, { reason: r.pick(SEND_BACK_REASONS) });
        tech = otherTech();
        add('dispatch', onDutyNext(t) + wait(10, 0.8), clerkActor, true, { assigneeId: tech.id, teamId: rt.teamId });
      }
      add('accept', onDutyNext(t) + wait(ACCEPT[u] as number, 0.7), techActor(), false);
    }
    if (r.chance(0.006)) {
      add('cancel', t + wait(60, 1), clerkActor, true, { reason: r.pick(CANCEL_REASONS) });
      return;
    }
    if (rt.techs.length > 1 && r.chance(0.025)) {
      tech = otherTech();
      add('transfer', t + wait(25, 0.8), clerkActor, true, { reason: r.pick(TRANSFER_REASONS), assigneeId: tech.id, teamId: rt.teamId });
      add('accept', onDutyNext(t) + wait(ACCEPT[u] as number, 0.7), techActor(), false);
    }
    repair(t, false);
    // acceptance, rating, now and then a repair that did not hold
    if (r.chance(0.025)) {
      const rejected = add('reject', t + wait(240, 1), approver, approverIsClerk, { reason: r.pick(REJECT_REASONS) });
      const back = site.onDuty(r, rejected + wait(180, 0.8), false);
      const minutes = Math.min(240, Math.max(10, r.lognormal(45, 0.6)));
      const finish = add('finish', back + minutes * MIN, techActor(), false, { cause: 'other', result: `返修：${r.pick(texts.results)}` });
      work(tech.id, 'effective', back, finish, '返修');
    }
    acceptance();
    if (r.chance(0.007)) {
      add('reopen', t + r.between(1, 10) * DAY, requesterActor ?? clerkActor, requesterActor === null, { reason: r.pick(REOPEN_REASONS) });
      repair(t, true);
      acceptance();
    }
  };

  /** arrive → start → work (perhaps paused) → finish, with the labour and materials it leaves */
  const repair = (accepted: number, again: boolean): void => {
    let arrive: number;
    if (appointment !== null && !again) arrive = Math.max(appointment + r.between(-10, 15) * MIN, accepted + 5 * MIN);
    else {
      const [median, sigma] = ARRIVE[u] as [number, number];
      arrive = onDutyNext(accepted + wait(median, sigma));
      if (emergency && r.chance(0.04)) arrive += r.between(20, 45) * MIN;
    }
    arrive = add('arrive', arrive, techActor(), false);
    const travel = Math.min(arrive - accepted, Math.min(60, Math.max(3, r.lognormal(12, 0.5))) * MIN);
    work(tech.id, 'travel', arrive - travel, arrive);
    const standby = (rt.kind === 'store' || rt.kind === 'hotel' || rt.kind === 'hospital') && r.chance(0.05);
    const start = add('start', arrive + (standby ? r.between(10, 30) : r.between(1, 10)) * MIN, techActor(), false);
    if (standby) work(tech.id, 'standby', arrive, start, rt.kind === 'store' ? '等候商户清场' : '等候现场腾空');
    const minutes = Math.min(600, Math.max(10, (ctx.standardMinutes[category] ?? 45) * r.lognormal(1, 0.45)));
    const effective = (s: number, e: number) => {
      // now and then a trip to the store room in the middle of the job
      if (e - s > 40 * MIN && r.chance(0.25)) {
        const fetch = r.between(10, 25) * MIN;
        const cut = s + (e - s - fetch) * r.between(0.2, 0.6);
        work(tech.id, 'effective', s, cut);
        work(tech.id, 'material', cut, cut + fetch, '回库房取料');
        work(tech.id, 'effective', cut + fetch, e);
      } else work(tech.id, 'effective', s, e);
    };
    let finishAt: number;
    if (r.chance(0.08)) {
      const reason = r.weighted<PauseReason>([
        ['parts', 6],
        ['vendor', 2],
        ['requester', 1],
      ]);
      const pause = add('pause', start + minutes * r.between(0.3, 0.6) * MIN, techActor(), false, { pauseReason: reason });
      effective(start, pause);
      const resumeAt = site.onDuty(r, pause + r.lognormal(PAUSE_HOURS[reason], 0.8) * 60 * MIN, false);
      if (r.chance(0.6)) work(tech.id, 'waiting', pause, pause + Math.min(resumeAt - pause, r.between(15, 60) * MIN), WAITING_NOTE[reason]);
      const resume = add('resume', resumeAt, techActor(), false);
      finishAt = resume + minutes * r.between(0.3, 0.6) * MIN;
      effective(resume, finishAt);
    } else {
      finishAt = start + minutes * MIN;
      effective(start, finishAt);
    }
    const finish = add('finish', finishAt, techActor(), false, {
      cause: r.weighted<Cause>([
        ['ageing', 6],
        ['human', 2],
        ['natural', 1],
        ['other', 1],
      ]),
      result: r.pick(texts.results),
    });
    if (!again && texts.materials.length && r.chance(0.25)) {
      const lines = 1 + Math.floor(r.next() * Math.min(3, texts.materials.length));
      for (const [name, spec, unit, price] of texts.materials.slice(0, lines)) {
        const quantity = unit === '米' ? Math.round(r.between(1, 20) * 10) / 10 : r.int(1, 4);
        const supplied = r.weighted<MaterialSupplier>([
          ['department', 8],
          ['requester', 1],
          ['vendor', 1],
        ]);
        materials.push({ at: finish - r.between(2, 20) * MIN, name, spec, quantity, unit, price, supplied });
      }
    }
  };

  /** approve (by whoever accepts for this channel) or auto-approve; then perhaps a rating */
  const acceptance = (): void => {
    const resolved = t;
    const autoAt = ctx.tick(resolved + ctx.autoAcceptMs);
    const p = requesterActor ? 0.85 : channel === 'qr' ? 0.5 : 0.9;
    let byHand = r.chance(p);
    const at = approverIsClerk ? site.onDuty(r, resolved + wait(300, 1), false) : resolved + wait(180, 1.2);
    if (byHand && at >= autoAt) byHand = false;
    if (byHand) add('approve', at, approver, approverIsClerk);
    else add('auto_approve', autoAt, AUTO_APPROVER, false);
    const rateP = !byHand ? 0.03 : requesterActor ? 0.75 : channel === 'qr' ? 0.6 : 0.55;
    if (r.chance(rateP)) {
      const poor = steps.some((s) => s.action === 'reject') || t - created > 3 * DAY;
      const ratings = ratingsOf(r, poor);
      const mean = (ratings[0] + ratings[1] + ratings[2]) / 3;
      const comment = r.chance(0.35) ? r.pick((COMMENTS.find(([min]) => mean >= min) as (typeof COMMENTS)[number])[1]) : null;
      add('rate', approverIsClerk ? t + r.between(1, 10) * MIN : t + wait(60, 1.5), approver, approverIsClerk, { ratings, comment });
    }
  };

  life();

  // ---- replay up to now, as the services would have written it ----
  const now = ctx.now;
  const orderId = r.uuidAt(created);
  const policy = site.policy(category, urgency);
  const timers = policy ? new TimerSim(policy, rt.hours, created, ctx.tick) : null;
  let status: WorkOrderStatus = 'pending';
  let team: string | null = null;
  let assignee: string | null = null;
  let inPool = 0;
  let dispatched: number | null = null;
  let accepted: number | null = null;
  let arrived: number | null = null;
  let started: number | null = null;
  let pausedAt: number | null = null;
  let pausedMs = 0;
  let pauseReason: PauseReason | null = null;
  let resolved: number | null = null;
  let completed: number | null = null;
  let cancelled: number | null = null;
  let cancelReason: string | null = null;
  let rework = 0;
  let cause: Cause | null = null;
  let result: string | null = null;
  let ratings: [number, number, number] | null = null;
  let comment: string | null = null;
  let rated: number | null = null;
  let version = 1;
  let updated = created;
  const out = ctx.writer;
  const orgId = ctx.orgId;
  const event = (
    at: number,
    actor: Actor,
    action: string,
    from: WorkOrderStatus | null,
    to: WorkOrderStatus | null,
    reason: string | null,
    data: unknown,
  ) => {
    out.add('work_order_events', {
      id: r.uuidAt(at),
      org_id: orgId,
      work_order_id: orderId,
      at: iso(at),
      actor_id: actor.id,
      actor_name: actor.name,
      action,
      from_status: from,
      to_status: to,
      reason,
      data: data === null ? null : JSON.stringify(data),
    });
    ctx.stats.events++;
  };
  const sla: SlaEvent[] = [];
  /** the scheduler's warnings and breaches up to `until`, told to whom sla.jobs.ts would tell */
  const schedulerUntil = (until: number) => {
    if (!timers) return;
    sla.length = 0;
    timers.runUntil(until, now, sla);
    for (const e of sla) {
      let notified: string[];
      if (e.action === 'sla_warning') {
        const ids = new Set<string>();
        if (assignee) ids.add(assignee);
        else if (team) for (const x of rt.techs) ids.add(x.id);
        if (owner) ids.add(owner);
        notified = ids.size ? [...ids] : rt.dispatchers;
      } else notified = [...new Set([...(team && rt.leaderId ? [rt.leaderId] : []), ...rt.managers])];
      const dueAt = iso(e.due);
      event(e.at, SYSTEM, e.action, null, null, `${SLA_KIND_LABELS[e.kind]}时限 ${dueAt}`, { kind: e.kind, dueAt, notified });
    }
  };

  event(created, createActor, 'create', null, 'pending', null, { channel });
  for (const step of steps) {
    if (step.action === 'create') continue;
    if (step.at > now) break;
    schedulerUntil(step.at);
    const action = step.action;
    const at = step.at;
    const before = status;
    const to = nextStatus(status, action);
    const input = step.input;
    let data: unknown = null;
    const earlier = rated !== null && ratings !== null ? { ratings, comment, rated } : null;
    switch (action) {
      case 'dispatch':
      case 'transfer':
        team = input.teamId ?? null;
        assignee = input.assigneeId ?? null;
        inPool = 0;
        dispatched ??= at;
        owner ??= step.clerk ? step.actor.id : null;
        data = { assigneeId: input.assigneeId ?? null, teamId: input.teamId ?? null };
        break;
      case 'pool':
        inPool = 1;
        team = null;
        assignee = null;
        owner ??= step.actor.id;
        break;
      case 'claim':
        inPool = 0;
        assignee = step.actor.id;
        dispatched ??= at;
        accepted ??= at;
        break;
      case 'accept':
        assignee ??= step.actor.id;
        accepted ??= at;
        break;
      case 'send_back':
        assignee = null;
        team = null;
        inPool = 0;
        break;
      case 'arrive':
        arrived ??= at;
        break;
      case 'start':
        started ??= at;
        break;
      case 'pause':
        pauseReason = input.pauseReason ?? null;
        pausedAt = at;
        break;
      case 'resume':
        pausedMs += Math.max(0, at - (pausedAt ?? at));
        pauseReason = null;
        pausedAt = null;
        break;
      case 'finish':
        resolved = at;
        cause = input.cause ?? cause;
        result = input.result ?? result;
        break;
      case 'approve':
      case 'auto_approve':
        completed = at;
        break;
      case 'reject':
        resolved = null;
        rework++;
        break;
      case 'reopen':
        resolved = null;
        completed = null;
        rework++;
        ratings = null;
        comment = null;
        rated = null;
        break;
      case 'rate':
        ratings = input.ratings ?? null;
        comment = input.comment ?? null;
        rated = at;
        data = { attitude: ratings?.[0], quality: ratings?.[1], efficiency: ratings?.[2] };
        break;
      case 'cancel':
        cancelled = at;
        cancelReason = input.reason ?? null;
        break;
    }
    if (action === 'reopen' && earlier) {
      const [attitude, quality, efficiency] = earlier.ratings;
      data = { rework: true, earlierRating: { attitude, quality, efficiency, comment: earlier.comment, ratedAt: iso(earlier.rated) } };
    } else if (REWORK_ACTIONS.has(action)) data = { rework: true };
    status = to;
    version++;
    updated = at;
    event(at, step.actor, action, before, to, input.reason ?? (action === 'pause' ? (input.pauseReason ?? null) : null), data);
    timers?.step(action, at, { accepted, arrived, resolved, cancelled });
  }
  schedulerUntil(now + 1);

  // labour logged when each span ended, by the technician doing it
  const logged: { id: string; startedAt: string; endedAt: string; userId: string }[] = [];
  if (status !== 'cancelled') {
    for (const l of labour) {
      if (l.end > now) continue;
      // whole seconds, rounded inwards so an entry stays inside the step times it was cut from
      const start = Math.ceil(l.start / 1000) * 1000;
      const end = Math.floor(l.end / 1000) * 1000;
      const { times, errors } = resolveTimes({ startedAt: iso(start), endedAt: iso(end) }, new Date(end));
      if (!times) {
        if (errors.some((e) => e.message.includes('1–'))) continue; // a span shorter than a minute is not logged
        throw new Error(`generated labour refused: ${JSON.stringify(errors)}`);
      }
      const id = r.uuidAt(end);
      const mine = logged.filter((x) => x.userId === l.userId);
      if (findOverlap({ id, startedAt: times.startedAt, endedAt: times.endedAt }, mine))
        throw new Error(`generated labour overlaps on ${number}`);
      logged.push({ id, startedAt: times.startedAt as string, endedAt: times.endedAt as string, userId: l.userId });
      out.add('work_order_labour', {
        id,
        org_id: orgId,
        work_order_id: orderId,
        user_id: l.userId,
        kind: l.kind,
        started_at: times.startedAt,
        ended_at: times.endedAt,
        minutes: times.minutes,
        note: l.note,
        deleted_at: null,
        created_at: times.endedAt,
        updated_at: times.endedAt,
        version: 1,
      });
      ctx.stats.labour++;
    }
  }

  // material lines entered while the repair went on (before it was reported finished)
  let materialCost = 0;
  if (status !== 'cancelled') {
    for (const m of materials) {
      if (m.at > now) continue;
      if (!(m.quantity > 0 && m.quantity <= MAX_QUANTITY) || !Number.isInteger(m.price) || m.price < 0 || m.price > MAX_UNIT_PRICE) {
        throw new Error(`generated material refused: ${m.name}`);
      }
      const at = iso(m.at);
      out.add('work_order_materials', {
        id: r.uuidAt(m.at),
        org_id: orgId,
        work_order_id: orderId,
        name: m.name,
        spec: m.spec,
        quantity: m.quantity,
        unit: m.unit,
        unit_price: m.price,
        supplied_by: m.supplied,
        item_id: null,
        deleted_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      ctx.stats.materials++;
      if (m.supplied === 'department') {
        // each line that changes the department's cost bumps the order's version (materials.service.ts)
        materialCost += lineAmount(m.quantity, m.price);
        version++;
        updated = Math.max(updated, m.at);
      }
    }
  }

  if (timers) {
    for (const tm of timers.timers) {
      out.add('work_order_timers', {
        work_order_id: orderId,
        kind: tm.kind,
        org_id: orgId,
        site_id: rt.id,
        due_at: iso(tm.due),
        warn_at: isoOrNull(tm.warn),
        met_at: isoOrNull(tm.met),
        warned_at: isoOrNull(tm.warned),
        breached_at: isoOrNull(tm.breached),
      });
      ctx.stats.timers++;
    }
  }

  out.add('work_orders', {
    id: orderId,
    org_id: orgId,
    site_id: rt.id,
    number,
    kind: 'repair',
    channel,
    status,
    pause_reason: pauseReason,
    category,
    urgency,
    location_id: locationId,
    asset_id: assetId,
    description,
    requester_id: requester?.id ?? null,
    requester_name: requesterName,
    requester_phone: requesterPhone,
    requester_department: requesterDepartment,
    counter_id: null,
    appointment_at: isoOrNull(appointment),
    owner_id: owner,
    team_id: team,
    assignee_id: assignee,
    in_pool: inPool,
    dispatched_at: isoOrNull(dispatched),
    accepted_at: isoOrNull(accepted),
    arrived_at: isoOrNull(arrived),
    started_at: isoOrNull(started),
    paused_at: isoOrNull(pausedAt),
    paused_ms: pausedMs,
    resolved_at: isoOrNull(resolved),
    completed_at: isoOrNull(completed),
    cancelled_at: isoOrNull(cancelled),
    cancel_reason: cancelReason,
    rework_count: rework,
    cause,
    result,
    rating_attitude: ratings?.[0] ?? null,
    rating_quality: ratings?.[1] ?? null,
    rating_efficiency: ratings?.[2] ?? null,
    rating_comment: comment,
    rated_at: isoOrNull(rated),
    material_cost: materialCost,
    sla_policy_id: policy?.id ?? null,
    source_type: null,
    source_id: null,
    tracking_token: r.token(),
    created_by: createdBy,
    created_at: iso(created),
    updated_at: iso(updated),
    version,
  });
  ctx.stats.workOrders++;
  ctx.stats.byStatus[status] = (ctx.stats.byStatus[status] ?? 0) + 1;
  if (rated !== null) ctx.stats.ratings++;
  if (comment !== null) ctx.stats.comments++;
}
