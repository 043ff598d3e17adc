import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { CallRow } from './hotline.repository.js';
import type { HotlineOutcome, Satisfaction, VisitMethod } from './schema.js';
import {
  type Built,
  buildComplaint,
  type Calendar,
  type ComplaintSpec,
  complaintSpecs,
  DAY,
  demoCalendar,
  HOUR,
  iso,
  MIN,
  type People,
} from './seed.demo.complaints.js';
import type { VisitRow } from './visits.repository.js';

/**
 * The service-desk demo at 长春店 and 沈阳店 over the last three months: the 24-hour
 * hotline log (calls that became the demo's hotline work orders, questions answered,
 * calls transferred, complaints taken), complaints in every state (some about late or
 * reworked repairs, some past their three-day deadline) and return visits of finished
 * repairs — mostly satisfied, a few not, and those raised a complaint. Fixed tables and
 * rules over the demo work orders (seeded first), times relative to `now`.
 */
const SITES = ['CC', 'SY'] as const;
type SiteCode = (typeof SITES)[number];

type CallSpec = [
  site: SiteCode,
  at: (c: Calendar) => number,
  name: string | null,
  phone: string | null,
  content: string,
  outcome: HotlineOutcome,
  note: string | null,
];

const CALLS: CallSpec[] = [
  ['CC', (c) => c.day(2, '20:45'), '刘女士', '13604311234', '询问商场今晚几点闭店', 'info', '已告知营业时间 09:00-21:30'],
  ['CC', (c) => c.day(9, '13:15'), '陈先生', '13904312345', '昨天在二层丢了一把伞，询问失物招领', 'info', '已告知到一层服务台登记领取'],
  ['CC', (c) => c.day(23, '10:05'), '杨女士', '13504313456', '咨询停车场收费标准', 'info', '已告知购物满 200 元免费停车 2 小时'],
  ['CC', (c) => c.day(41, '16:30'), null, '13704314567', '询问会员卡积分怎么兑换', 'transfer', '已转接会员服务台'],
  ['CC', (c) => c.day(15, '23:20'), '夜班保安', '13800000007', '正门外有人散发小广告', 'transfer', '已转保安部值班室处理'],
  ['CC', (c) => c.day(55, '11:10'), '黄经理', '13904315678', '咨询专柜招商政策', 'transfer', '已转招商部，留了联系电话'],
  ['CC', (c) => c.day(33, '02:40'), null, '13604316789', '来电无人说话', 'other', '回拨无人接听'],
  ['CC', (c) => c.day(68, '09:20'), '高女士', '13504317890', '询问节假日营业时间是否调整', 'info', '已告知节假日营业时间不变'],
  ['SY', (c) => c.day(4, '19:50'), '曹先生', '13804241234', '询问地下停车场入口在哪', 'info', '已告知入口在太原街侧'],
  ['SY', (c) => c.day(27, '15:25'), '潘女士', '13804242345', '反映商场门口有积水', 'transfer', '已转保洁班处理'],
  ['SY', (c) => c.day(47, '21:10'), '蒋先生', '13804243456', '询问会员日活动时间', 'info', '已告知每月 18 日为会员日'],
];

/** Calls that were complaints; the complaint's steps follow the call. */
const CALL_COMPLAINTS: [
  site: SiteCode,
  at: (c: Calendar) => number,
  name: string,
  phone: string,
  content: string,
  steps: (r: number) => ComplaintSpec['steps'],
  category: ComplaintSpec['category'],
][] = [
  ['CC', (c) => c.day(1, '21:40'), '钱女士', '13604318901', '投诉二层卫生间长期没有热水', () => [], 'timeliness'],
  [
    'CC',
    (c) => c.day(20, '19:00'),
    '许先生',
    '13904319012',
    '投诉停车场收费员态度差',
    (r) => [
      ['handle', r + 16 * HOUR, '已调取监控并约谈收费员'],
      ['resolve', r + 22 * HOUR, '收费员已向顾客电话致歉，停车场加强服务培训'],
      ['close', r + 2 * DAY, 'satisfied'],
    ],
    'service_attitude',
  ],
  [
    'SY',
    (c) => c.day(8, '20:30'),
    '沈女士',
    '13804244567',
    '投诉夜间报修电话打了三次才接通',
    (r) => [
      ['handle', r + 14 * HOUR, '核实为夜班话务员离岗'],
      ['resolve', r + 1 * DAY + 6 * HOUR, '夜班话务实行双人值守，离岗须呼叫转移'],
    ],
    'timeliness',
  ],
];

const VISIT_COMMENTS: Record<Satisfaction, (string | null)[]> = {
  satisfied: ['师傅态度好，修得很及时', '已经正常使用了', null, '满意，谢谢', '维修后现场也清理干净了', null],
  basically: ['修好了，就是等的时间有点长', '维修后现场没有完全清理', '能用了，希望下次快一点'],
  dissatisfied: ['修完第二天又坏了', '维修师傅态度生硬，问什么都不耐烦', '约好的时间没来，等了一下午'],
};

export async function seedServiceDeskDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const [sites, users, orders, breached] = await Promise.all([
    tx
      .selectFrom('sites')
      .select(['id', 'code', 'timezone'])
      .where('org_id', '=', orgId)
      .where('code', 'in', [...SITES])
      .execute(),
    tx.selectFrom('users').select(['id', 'username', 'name']).where('org_id', '=', orgId).execute(),
    tx
      .selectFrom('work_orders')
      .select([
        'id',
        'site_id',
        'number',
        'description',
        'kind',
        'channel',
        'status',
        'created_at',
        'completed_at',
        'requester_name',
        'requester_phone',
        'owner_id',
        'rework_count',
        'rating_attitude',
        'rating_quality',
        'rating_efficiency',
      ])
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .orderBy('number')
      .execute(),
    tx.selectFrom('work_order_timers').select('work_order_id').where('org_id', '=', orgId).where('breached_at', 'is not', null).execute(),
  ]);
  const siteOf = new Map(sites.map((s) => [s.code as SiteCode, s.id]));
  const codeOf = new Map(sites.map((s) => [s.id, s.code as SiteCode]));
  const first = sites[0];
  if (!first || sites.length < SITES.length) return;
  const c = demoCalendar(now, first.timezone);
  const user = new Map(users.map((u) => [u.username, { id: u.id, name: u.name }]));
  const idOf = (username: string) => (user.get(username) ?? (user.get('admin') as { id: string })).id;
  const people: People = { user, clerk: { CC: 'dispatcher', SY: 'head' }, handler: { CC: 'property', SY: 'head' } };
  const late = new Set(breached.map((b) => b.work_order_id));
  const ours = orders.filter((o) => codeOf.has(o.site_id));
  const done = (o: (typeof ours)[number]) => (o.status === 'completed' || o.status === 'rated') && o.completed_at !== null;

  const complaints: { spec: ComplaintSpec; workOrderId: string | null; link?: (complaintId: string) => void }[] = [];
  const used = new Set<string>();
  /** the latest order of the kind asked for that existed well before the complaint */
  const linkOf = (spec: ComplaintSpec): string | null => {
    if (!spec.workOrder) return null;
    if (spec.workOrder !== 'late' && spec.workOrder !== 'rework') return spec.workOrder;
    const site = siteOf.get(spec.site);
    const fits = ours.filter(
      (o) =>
        o.site_id === site &&
        !used.has(o.id) &&
        Date.parse(o.created_at) < spec.received - 2 * HOUR &&
        (spec.workOrder === 'late' ? late.has(o.id) && done(o) : Number(o.rework_count) > 0),
    );
    const pick = fits.at(-1)?.id ?? null;
    if (pick) used.add(pick);
    return pick;
  };

  // hotline: the calls the demo's hotline work orders came from, then the rest of the log
  const calls: CallRow[] = [];
  const call = (site: SiteCode, at: number, x: Partial<CallRow> & Pick<CallRow, 'content' | 'outcome'>): CallRow => {
    const row: CallRow = {
      id: newId(),
      org_id: orgId,
      site_id: siteOf.get(site) as string,
      received_at: iso(at),
      caller_name: null,
      caller_phone: null,
      note: null,
      work_order_id: null,
      complaint_id: null,
      taken_by: idOf(people.clerk[site]),
      created_at: iso(at + 4 * MIN),
      updated_at: iso(at + 4 * MIN),
      version: 1,
      ...x,
    };
    calls.push(row);
    return row;
  };
  for (const o of ours.filter((w) => w.channel === 'hotline').slice(-14)) {
    const at = Date.parse(o.created_at);
    call(codeOf.get(o.site_id) as SiteCode, at - 3 * MIN, {
      caller_name: o.requester_name,
      caller_phone: o.requester_phone,
      content: `报修：${o.description}`,
      outcome: 'work_order',
      work_order_id: o.id,
      taken_by: o.owner_id ?? idOf(people.clerk[codeOf.get(o.site_id) as SiteCode]),
      created_at: o.created_at,
      updated_at: o.created_at,
    });
  }
  for (const [site, at, name, phone, content, outcome, note] of CALLS) {
    call(site, at(c), { caller_name: name, caller_phone: phone, content, outcome, note });
  }
  for (const [site, at, name, phone, content, steps, category] of CALL_COMPLAINTS) {
    const received = at(c);
    const row = call(site, received, { caller_name: name, caller_phone: phone, content, outcome: 'complaint' });
    complaints.push({
      spec: {
        site,
        received,
        channel: 'hotline',
        name,
        phone,
        subject: content.slice(0, 50),
        content,
        category,
        steps: steps(received),
        source: { type: 'hotline_call', id: row.id },
      },
      workOrderId: null,
      link: (id) => {
        row.complaint_id = id;
      },
    });
  }

  // return visits of finished repairs, a day or two after acceptance, every third one
  const finished = ours.filter((o) => o.kind === 'repair' && done(o) && Date.parse(o.completed_at as string) < c.nowMs - 2 * HOUR);
  const step = Math.max(1, Math.floor(finished.length / 40));
  const chosen = finished.filter((_, i) => i % step === 0).slice(-40);
  const ratingOf = (o: (typeof ours)[number]) =>
    o.rating_attitude === null ? 12 : Number(o.rating_attitude) + Number(o.rating_quality) + Number(o.rating_efficiency);
  // the reworked and the worst rated were the unhappy ones
  const ranked = [...chosen].sort((a, b) => Number(b.rework_count) - Number(a.rework_count) || ratingOf(a) - ratingOf(b));
  const unhappy = new Set(ranked.slice(0, 3).map((o) => o.id));
  const lukewarm = new Set(ranked.slice(3, 8).map((o) => o.id));
  const visits: VisitRow[] = [];
  for (const [i, o] of chosen.entries()) {
    const site = codeOf.get(o.site_id) as SiteCode;
    const completed = Date.parse(o.completed_at as string);
    let visited = completed + DAY + 2 * HOUR + (i % 5) * 37 * MIN;
    if (visited > c.nowMs - 30 * MIN) visited = completed + Math.floor((c.nowMs - completed) / 2);
    // on the minute, as a person would note it (rounded up: never before the acceptance)
    visited = Math.ceil(visited / MIN) * MIN;
    const result: Satisfaction = unhappy.has(o.id) ? 'dissatisfied' : lukewarm.has(o.id) ? 'basically' : 'satisfied';
    const comments = VISIT_COMMENTS[result];
    const method: VisitMethod = i % 6 === 0 ? 'on_site' : i % 6 === 3 ? 'wechat' : 'phone';
    const visitor = idOf(people.clerk[site]);
    const visit: VisitRow = {
      id: newId(),
      org_id: orgId,
      site_id: o.site_id,
      work_order_id: o.id,
      visited_at: iso(visited),
      visited_by: visitor,
      method,
      result,
      comment: comments[i % comments.length] ?? null,
      follow_up_needed: result === 'dissatisfied' || (result === 'basically' && i % 2 === 0) ? 1 : 0,
      complaint_id: null,
      created_by: visitor,
      created_at: iso(visited + 5 * MIN),
      updated_at: iso(visited + 5 * MIN),
      version: 1,
    };
    visits.push(visit);
    if (result !== 'dissatisfied') continue;
    const comment = visit.comment ?? '回访不满意';
    complaints.push({
      spec: {
        site,
        received: visited,
        channel: method === 'phone' ? 'phone' : method === 'on_site' ? 'walk_in' : 'web',
        name: o.requester_name ?? '报修人',
        phone: o.requester_phone,
        subject: `回访不满意：工单 ${o.number}`,
        content: comment,
        category: comment.includes('态度') ? 'service_attitude' : comment.includes('等') ? 'timeliness' : 'quality',
        workOrder: o.id,
        steps: [
          ['handle', visited + 20 * HOUR, '已联系报修人了解情况，安排复查'],
          ['resolve', visited + 2 * DAY, '已复查处理并向报修人致歉'],
          ['close', visited + 3 * DAY, 'basically'],
        ],
        source: { type: 'return_visit', id: visit.id },
      },
      workOrderId: o.id,
      link: (id) => {
        visit.complaint_id = id;
      },
    });
  }

  // the clerks' own complaints name other orders than the unhappy visits did
  for (const id of unhappy) used.add(id);
  for (const spec of complaintSpecs(c)) complaints.push({ spec, workOrderId: linkOf(spec) });

  // numbered in the order they were received, as the rule would have handed them out
  complaints.sort((a, b) => a.spec.received - b.spec.received);
  const built: Built[] = [];
  for (const x of complaints) {
    const b = await buildComplaint(
      tx,
      { orgId, siteId: siteOf.get(x.spec.site) as string, nowMs: c.nowMs, people, workOrderId: x.workOrderId },
      x.spec,
    );
    x.link?.(b.row.id);
    built.push(b);
  }
  if (built.length) {
    await tx
      .insertInto('complaints')
      .values(built.map((b) => b.row))
      .execute();
    await tx
      .insertInto('complaint_events')
      .values(built.flatMap((b) => b.events))
      .execute();
  }
  if (visits.length) await tx.insertInto('return_visits').values(visits).execute();
  if (calls.length) await tx.insertInto('hotline_calls').values(calls).execute();
}
