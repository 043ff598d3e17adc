import type { Insertable } from 'kysely';
import type { SlaKind, WorkOrderAction } from '../../../../contracts/workorders.js';
import { newId } from '../../platform/db/ids.js';
import type { WorkOrderRow } from './repository.js';
import type { WorkOrderLabourTable, WorkOrderTimersTable } from './schema.js';
import { choosePolicy, minutesOf, type PolicyTerms } from './sla.calc.js';

/**
 * The pure half of the demo work orders (seed.demo.ts writes them): a seeded generator,
 * the texts and materials per category, each order's intended life as timed steps, and
 * the deadline timers and labour entries those steps imply.
 */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Asia/Shanghai, the demo sites' zone (no daylight saving) */
export const ZONE_OFFSET = 8 * HOUR;

export function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (lo: number, hi: number) => lo + next() * (hi - lo);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const weighted = <T>(pairs: readonly [T, number][]): T => {
    let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return (pairs[pairs.length - 1] as [T, number])[0];
  };
  return { next, between, pick, weighted, chance: (p: number) => next() < p };
}

/** category → [descriptions, results, materials [name, spec, unit, price fen]] */
export const CATEGORIES: Record<string, [string[], string[], [string, string, string, number][]]> = {
  hvac: [
    ['空调不制冷，出风口是热风', '风机盘管漏水滴到货架', '空调噪音很大'],
    ['清洗过滤网并补充冷媒', '疏通冷凝水管，更换接水盘', '紧固风机，更换减震垫'],
    [
      ['R410A 冷媒', '10kg', '瓶', 42000],
      ['过滤网', '600×600', '片', 3500],
    ],
  ],
  elevator: [['扶梯异响，已停用', '货梯门关不严'], ['调整梯级链条张紧', '调整门机皮带，清理地坎'], []],
  plumbing: [
    ['卫生间水龙头漏水', '下水道堵塞返味', '水管接头渗水'],
    ['更换阀芯', '疏通下水管道', '更换接头和生料带'],
    [
      ['水龙头阀芯', 'DN15', '个', 2800],
      ['PPR 直接', 'DN20', '个', 600],
    ],
  ],
  power: [
    ['插座没电', '配电箱跳闸频繁', '照明灯管不亮'],
    ['更换插座', '更换漏电保护开关', '更换 LED 灯管'],
    [
      ['五孔插座', '10A', '个', 1500],
      ['漏电保护开关', 'DZ47LE 32A', '个', 6800],
      ['LED 灯管', 'T8 1.2m 18W', '支', 2200],
    ],
  ],
  low_voltage: [['监控画面黑屏', '广播没有声音'], ['更换摄像机电源', '重新接线，调试功放'], [['摄像机电源', '12V 2A', '个', 3500]]],
  fire: [
    ['消防报警主机显示故障', '应急照明灯不亮', '烟感误报'],
    ['更换故障探测器', '更换应急灯电池', '清洗烟感并复位'],
    [['应急灯电池', '3.6V', '块', 1800]],
  ],
  building: [
    ['吊顶板脱落', '地砖破损翘起', '墙面渗水发霉'],
    ['更换吊顶板', '更换地砖', '处理渗水点并刷防水涂料'],
    [['矿棉吊顶板', '600×600', '块', 1200]],
  ],
  doors_hardware: [
    ['门锁坏了打不开', '闭门器漏油', '玻璃门地弹簧失灵'],
    ['更换锁芯', '更换闭门器', '更换地弹簧'],
    [
      ['锁芯', 'C级', '个', 8500],
      ['闭门器', '中型', '个', 9800],
    ],
  ],
  kitchen: [['蒸饭柜不加热', '排烟风机不转'], ['更换加热管', '更换风机电容'], [['加热管', '3kW', '根', 12000]]],
  office: [['打印机卡纸', '电脑无法开机'], ['清理搓纸轮', '更换电源'], []],
  network: [['收银台网络断了', '无线信号弱'], ['重新压制网线水晶头', '调整无线 AP 位置'], [['水晶头', '超五类', '盒', 3500]]],
  other: [['广告牌灯箱不亮', '休息椅松动'], ['更换灯箱镇流器', '紧固螺丝'], []],
};

export const NAMES = ['王女士', '李先生', '赵店长', '孙主管', '周老师', '吴先生', '郑女士', '冯经理'];
export const SITES: [code: string, orders: number, tech: string, owner: string, webReporter: string, patrol: string][] = [
  ['CC', 76, 'tech', 'dispatcher', 'requester', 'property'],
  ['SY', 60, 'tech_sy', 'head', 'cleaner', 'head'],
  // the school shares 长春店's maintenance crew (same city)
  ['XX', 14, 'tech', 'head', 'chef', 'head'],
];

/** Deadlines when the organisation has no policies yet: DOMAIN.md §4. */
const FALLBACK: Record<string, { response: number | null; arrival: number | null; resolution: number | null; sameDay: boolean }> = {
  emergency: { response: 10, arrival: 30, resolution: 24 * 60, sameDay: true },
  urgent: { response: 30, arrival: 120, resolution: 24 * 60, sameDay: false },
  normal: { response: 120, arrival: null, resolution: 72 * 60, sameDay: false },
};

export interface Step {
  action: WorkOrderAction | 'create';
  at: number;
  reason?: string;
}

export interface Plan {
  siteCode: string;
  created: number;
  category: string;
  urgency: string;
  channel: WorkOrderRow['channel'];
  steps: Step[];
  workMinutes: number;
}

export type Rng = ReturnType<typeof generator>;

/** The whole intended life of one order; steps after `now` are dropped later. */
export function lifeOf(r: Rng, p: Omit<Plan, 'steps' | 'workMinutes'>, force: 'pause' | 'late' | 'cancel' | null): Plan {
  const steps: Step[] = [{ action: 'create', at: p.created }];
  let t = p.created;
  const add = (action: Step['action'], minutes: number, reason?: string) => {
    t += Math.round(minutes * MIN);
    steps.push({ action, at: t, ...(reason && { reason }) });
  };
  const urgent = p.urgency === 'emergency' ? 0 : p.urgency === 'urgent' ? 1 : 2;
  if (force === 'cancel') {
    add('cancel', r.between(10, 120), r.pick(['报修人已自行处理', '重复报修', '非维修事项，已转物业']));
    return { ...p, steps, workMinutes: 0 };
  }
  add('dispatch', [r.between(2, 6), r.between(4, 18), r.between(5, 45)][urgent] as number);
  add('accept', [r.between(1, 3.5), r.between(2, 10), r.between(2, 40)][urgent] as number);
  const lateArrival = force === 'late' || (urgent === 0 && r.chance(0.15));
  add('arrive', lateArrival ? r.between(25, 50) : ([r.between(5, 20), r.between(15, 90), r.between(20, 18 * 60)][urgent] as number));
  add('start', r.between(0, 10));
  const workMinutes = Math.round(r.between(25, urgent === 0 ? 150 : 300));
  if (force === 'pause' || r.chance(0.1)) {
    add(
      'pause',
      workMinutes / 2,
      r.weighted<string>([
        ['parts', 6],
        ['vendor', 2],
        ['requester', 1],
      ]),
    );
    add('resume', r.between(2 * 60, 30 * 60));
    add('finish', workMinutes / 2);
  } else add('finish', workMinutes);
  // a slow job now and then: finished after the deadline
  const finish = steps[steps.length - 1] as Step;
  if (force === 'late' && urgent > 0) finish.at = Math.max(finish.at, p.created + (urgent === 1 ? 30 : 80) * HOUR);
  t = finish.at;
  if (r.chance(0.05)) {
    add('reject', r.between(2 * 60, 20 * 60), r.pick(['还是漏水', '用了一天又坏了', '声音还在']));
    add('finish', r.between(40, 180));
  }
  if (r.chance(0.85)) add('approve', r.between(30, 36 * 60));
  else add('auto_approve', 3 * 24 * 60);
  if (r.chance(0.88)) add('rate', r.between(5, 20 * 60));
  return { ...p, steps, workMinutes };
}

export function ratingOf(r: Rng): number {
  return r.weighted([
    [5, 55],
    [4, 35],
    [3, 10],
  ]);
}
/** Response (met on 接单), arrival (到场) and resolution (完工) deadlines, with warnings and breaches as the scheduler would have recorded them. */
export function timersOf(row: WorkOrderRow, policies: PolicyTerms[], now: number): Insertable<WorkOrderTimersTable>[] {
  const policy = choosePolicy(policies, { siteId: row.site_id, category: row.category, urgency: row.urgency });
  const fallback = FALLBACK[row.urgency] ?? (FALLBACK.normal as (typeof FALLBACK)[string]);
  if (policy) row.sla_policy_id = policy.id;
  const created = Date.parse(row.created_at);
  const met: Record<SlaKind, string | null> = { response: row.accepted_at, arrival: row.arrived_at, resolution: row.resolved_at };
  const out: Insertable<WorkOrderTimersTable>[] = [];
  for (const kind of ['response', 'arrival', 'resolution'] as const) {
    const minutes = policy ? minutesOf(policy, kind) : fallback[kind];
    if (minutes === null) continue;
    let due = created + minutes * MIN;
    if (kind === 'resolution') {
      if ((policy ? policy.not_overnight === 1 : fallback.sameDay) && due > endOfDay(created)) due = endOfDay(created);
      due += Number(row.paused_ms);
    }
    const metAt = met[kind] ? Date.parse(met[kind] as string) : null;
    const warnAt = due - Math.min(30 * MIN, (minutes * MIN) / 3);
    const late = metAt !== null ? metAt > due : now > due;
    out.push({
      work_order_id: row.id,
      kind,
      org_id: row.org_id,
      site_id: row.site_id,
      due_at: iso(due),
      warn_at: iso(warnAt),
      met_at: metAt !== null ? iso(metAt) : null,
      warned_at: (metAt ?? now) > warnAt ? iso(warnAt + MIN) : null,
      breached_at: late ? iso(due + MIN) : null,
    });
  }
  return out;
}

/** the end of the local day (23:59:59.999 in the site's zone) of an instant */
export function endOfDay(ms: number): number {
  return Math.floor((ms + ZONE_OFFSET) / DAY) * DAY - ZONE_OFFSET + DAY - 1;
}

/** The technician's hours: travel to the site, effective work (split around a pause), now and then fetching material or waiting. */
export function labourOf(r: Rng, row: WorkOrderRow, steps: Step[], workMinutes: number): Insertable<WorkOrderLabourTable>[] {
  const out: Insertable<WorkOrderLabourTable>[] = [];
  const entry = (kind: WorkOrderLabourTable['kind'], start: number, minutes: number, note: string | null = null) => {
    const end = start + minutes * MIN;
    out.push({
      id: newId(),
      org_id: row.org_id,
      work_order_id: row.id,
      user_id: row.assignee_id as string,
      kind,
      started_at: iso(start),
      ended_at: iso(end),
      minutes,
      note,
      deleted_at: null,
      created_at: iso(end),
      updated_at: iso(end),
      version: 1,
    });
  };
  const arrive = steps.find((s) => s.action === 'arrive')?.at;
  if (arrive === undefined) return out;
  const travel = Math.round(r.between(5, 25));
  entry('travel', arrive - travel * MIN, travel);
  const start = steps.find((s) => s.action === 'start')?.at;
  if (start === undefined) return out;
  const pause = steps.find((s) => s.action === 'pause');
  const resume = steps.find((s) => s.action === 'resume');
  const finishes = steps.filter((s) => s.action === 'finish');
  if (pause) {
    entry('effective', start, Math.max(5, Math.round((pause.at - start) / MIN)));
    if (r.chance(0.6)) entry('waiting', pause.at, Math.round(r.between(15, 60)), '等待配件');
  }
  if (resume && finishes[0]) entry('effective', resume.at, Math.max(5, Math.round((finishes[0].at - resume.at) / MIN)));
  else if (!pause && finishes[0]) entry('effective', start, Math.max(5, Math.min(workMinutes, Math.round((finishes[0].at - start) / MIN))));
  if (r.chance(0.3)) entry('material', start + 5 * MIN, Math.round(r.between(10, 40)), '回库房取料');
  if (r.chance(0.08)) entry('standby', start, Math.round(r.between(10, 30)), '等候商户清场');
  const rework = finishes[1];
  if (rework) entry('effective', rework.at - 60 * MIN, 60, '返修');
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();
