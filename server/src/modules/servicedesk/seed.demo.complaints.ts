import type { Insertable } from 'kysely';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Database } from '../../platform/db/schema.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDayStart, zonedParts } from '../../platform/numbering/time.js';
import type { ComplaintRow } from './complaints.repository.js';
import { COMPLAINT_DEADLINE_DAYS } from './complaints.service.js';
import { nextComplaintStatus } from './complaints.state.js';
import type { ComplaintAction, ComplaintCategory, ComplaintChannel, Satisfaction } from './schema.js';

/**
 * The complaints of the service-desk demo: a fixed table of complaints as the clerks
 * logged them (statuses reached by replaying their steps through the complaint state
 * machine, each step an event), plus the builder seed.demo.ts also uses for the
 * complaints raised from hotline calls and dissatisfied return visits.
 */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const iso = (ms: number) => new Date(ms).toISOString();

/** Instants of the demo in a zone: `day(n, 'HH:mm')` is n local days before today. */
export function demoCalendar(now: string, timeZone: string) {
  const nowMs = Date.parse(now);
  const p = zonedParts(new Date(nowMs), timeZone);
  return {
    nowMs,
    day: (daysAgo: number, hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number) as [number, number];
      const date = new Date(Date.UTC(p.year, p.month - 1, p.day - daysAgo)).toISOString().slice(0, 10);
      return zonedDayStart(date, timeZone).getTime() + h * HOUR + m * MIN;
    },
  };
}
export type Calendar = ReturnType<typeof demoCalendar>;

/** [action, when, note / resolution / satisfaction] */
export type ComplaintStep = [action: ComplaintAction, at: number, text?: string];

export interface ComplaintSpec {
  site: 'CC' | 'SY';
  received: number;
  channel: ComplaintChannel;
  name: string;
  phone: string | null;
  subject: string;
  content: string;
  category: ComplaintCategory;
  /** the handler named at once, or by the first handling step */
  handler?: string;
  /** link: a late repair, a reworked repair, or a given order */
  workOrder?: 'late' | 'rework' | string;
  steps: ComplaintStep[];
  source?: { type: string; id: string };
}

export interface People {
  /** username → id, name */
  user: Map<string, { id: string; name: string }>;
  /** per site: who logs complaints, who handles them by default */
  clerk: Record<'CC' | 'SY', string>;
  handler: Record<'CC' | 'SY', string>;
}

export type Built = { row: ComplaintRow; events: Insertable<Database['complaint_events']>[] };

/** One complaint and its events; steps later than now are left for the future (the complaint stays where it is). */
export async function buildComplaint(
  tx: Tx,
  x: { orgId: string; siteId: string; nowMs: number; people: People; workOrderId: string | null },
  spec: ComplaintSpec,
): Promise<Built> {
  const { user, clerk } = x.people;
  const who = (username: string) => user.get(username) ?? (user.get('admin') as { id: string; name: string });
  const creator = who(clerk[spec.site]);
  const handlerDefault = who(spec.handler ?? x.people.handler[spec.site]);
  const created = spec.received + 6 * MIN;
  const id = newId();
  const row: ComplaintRow = {
    id,
    org_id: x.orgId,
    site_id: x.siteId,
    number: await nextNumber(tx, { orgId: x.orgId, ruleCode: 'TS', siteId: x.siteId, at: new Date(created) }),
    work_order_id: x.workOrderId,
    channel: spec.channel,
    complainant_name: spec.name,
    complainant_phone: spec.phone,
    subject: spec.subject,
    content: spec.content,
    category: spec.category,
    status: 'open',
    received_at: iso(spec.received),
    deadline_at: iso(spec.received + COMPLAINT_DEADLINE_DAYS * DAY),
    handler_id: spec.handler && !spec.steps.some(([a]) => a === 'assign') ? handlerDefault.id : null,
    handling_notes: null,
    resolution: null,
    resolved_at: null,
    closed_at: null,
    satisfaction: null,
    reopen_count: 0,
    source_type: spec.source?.type ?? null,
    source_id: spec.source?.id ?? null,
    created_by: creator.id,
    created_at: iso(created),
    updated_at: iso(created),
    version: 1,
  };
  const event = (
    at: number,
    actor: { id: string; name: string },
    action: string,
    from: ComplaintRow['status'] | null,
    note: string | null,
    data: unknown,
  ) => ({
    id: newId(),
    org_id: x.orgId,
    complaint_id: id,
    at: iso(at),
    actor_id: actor.id,
    actor_name: actor.name,
    action,
    from_status: from,
    to_status: row.status,
    note,
    data: data === null ? null : JSON.stringify(data),
  });
  const events = [event(created, creator, 'create', null, null, { channel: spec.channel, source: spec.source ?? null })];
  let last = created;
  for (const [action, at, text] of spec.steps) {
    if (at > x.nowMs - 5 * MIN) break;
    if (at <= last) throw new Error(`demo complaint ${row.number}: ${action} out of order`);
    last = at;
    const from = row.status;
    row.status = nextComplaintStatus(from, action);
    const t = iso(at);
    const actor = action === 'assign' || action === 'reopen' ? creator : handlerDefault;
    if (action === 'assign') row.handler_id = handlerDefault.id;
    if (action === 'handle') Object.assign(row, { handling_notes: text ?? null, handler_id: row.handler_id ?? handlerDefault.id });
    if (action === 'resolve')
      Object.assign(row, { resolution: text ?? null, resolved_at: t, handler_id: row.handler_id ?? handlerDefault.id });
    if (action === 'close') Object.assign(row, { closed_at: t, satisfaction: (text as Satisfaction | undefined) ?? null });
    if (action === 'reopen') {
      Object.assign(row, { resolved_at: null, closed_at: null, satisfaction: null, reopen_count: Number(row.reopen_count) + 1 });
    }
    row.updated_at = t;
    row.version = Number(row.version) + 1;
    const data = action === 'assign' ? { handlerId: handlerDefault.id } : action === 'close' ? { satisfaction: text ?? null } : null;
    events.push(event(at, actor, action, from, action === 'close' ? null : (text ?? null), data));
  }
  return { row, events };
}

/** The complaints the clerks logged directly (by phone, web, in person or by letter). */
export function complaintSpecs(c: Calendar): ComplaintSpec[] {
  const d = c.day;
  return [
    {
      site: 'CC',
      received: d(5, '19:20'),
      channel: 'phone',
      name: '王女士',
      phone: '13604310021',
      subject: '化妆品区空调温度过低',
      content: '化妆品区空调开得太冷，已经反映多次，一直没人处理',
      category: 'timeliness',
      handler: 'property',
      steps: [['assign', d(4, '09:10')]],
    },
    {
      site: 'CC',
      received: d(1, '20:10'),
      channel: 'web',
      name: '李先生',
      phone: '13904315566',
      subject: '停车场出口道闸经常抬不起来',
      content: '晚上离场时道闸多次抬不起来，后面排起长队',
      category: 'other',
      steps: [],
    },
    {
      site: 'CC',
      received: d(2, '11:00'),
      channel: 'walk_in',
      name: '孙主管',
      phone: '13504312233',
      subject: '卫生间维修后仍然漏水',
      content: '二层卫生间水龙头上周刚修过，现在又开始漏水',
      category: 'quality',
      workOrder: 'rework',
      steps: [['handle', d(1, '09:30'), '已安排维修班再次上门检查，更换整个龙头']],
    },
    {
      site: 'CC',
      received: d(6, '15:40'),
      channel: 'letter',
      name: '匿名顾客',
      phone: null,
      subject: '维修人员在卖场内大声喧哗',
      content: '周末下午维修人员在女装区施工时大声说话，影响购物',
      category: 'service_attitude',
      handler: 'dispatcher',
      steps: [['handle', d(5, '10:00'), '已约谈当班维修人员，等待顾客回复']],
    },
    {
      site: 'CC',
      received: d(9, '10:00'),
      channel: 'phone',
      name: '赵店长',
      phone: '13704318890',
      subject: '报修后等了三个多小时才有人来',
      content: '柜台插座没电影响收银，报修后三个多小时维修人员才到',
      category: 'timeliness',
      workOrder: 'late',
      steps: [
        ['handle', d(9, '14:00'), '核实为当日维修人员在外场抢修，派单未及时调整'],
        ['resolve', d(8, '16:00'), '已向店长致歉，调度增加备岗人员，紧急报修优先派单'],
      ],
    },
    {
      site: 'CC',
      received: d(14, '18:30'),
      channel: 'web',
      name: '周老师',
      phone: '13804319901',
      subject: '货梯停用没有任何告示',
      content: '送货时货梯停用，现场没有任何告示，耽误了近一个小时',
      category: 'other',
      steps: [['resolve', d(10, '11:00'), '已要求设备停用时在各层张贴告示并通知营业部']],
    },
    {
      site: 'CC',
      received: d(25, '10:10'),
      channel: 'phone',
      name: '冯经理',
      phone: '13604317788',
      subject: '维修后地面灰尘未清理',
      content: '吊顶维修后柜台周围留下大量灰尘，开门营业前才发现',
      category: 'service_attitude',
      steps: [
        ['handle', d(25, '15:00'), '已联系保洁清理'],
        ['resolve', d(24, '10:00'), '已清理现场，要求维修人员完工后清场并拍照'],
        ['close', d(22, '10:00'), 'satisfied'],
      ],
    },
    {
      site: 'CC',
      received: d(40, '14:20'),
      channel: 'walk_in',
      name: '唐店长',
      phone: '13904310201',
      subject: '试衣间门锁修了两次还是坏',
      content: '试衣间门锁维修两次后仍无法反锁，顾客不敢使用',
      category: 'quality',
      workOrder: 'rework',
      steps: [
        ['handle', d(40, '16:00'), '安排维修班复查'],
        ['resolve', d(39, '11:00'), '已调整锁舌'],
        ['close', d(37, '10:00'), 'dissatisfied'],
        ['reopen', d(36, '09:30'), '投诉人反映门锁再次损坏'],
        ['handle', d(36, '14:00'), '采购整套门锁'],
        ['resolve', d(35, '16:00'), '已更换整套门锁，试用正常'],
        ['close', d(33, '10:00'), 'basically'],
      ],
    },
    {
      site: 'CC',
      received: d(60, '09:30'),
      channel: 'letter',
      name: '顾客意见箱',
      phone: null,
      subject: '建议卫生间增加烘手机',
      content: '一层卫生间只有纸巾，经常用完，建议增加烘手机',
      category: 'other',
      steps: [
        ['resolve', d(58, '15:00'), '已纳入下季度卫生间改造，先增加纸巾巡查频次'],
        ['close', d(57, '10:00'), 'satisfied'],
      ],
    },
    {
      site: 'SY',
      received: d(1, '15:30'),
      channel: 'phone',
      name: '吴先生',
      phone: '13804241188',
      subject: '二楼扶梯异响',
      content: '二楼上行扶梯有很大的咔咔声，担心安全',
      category: 'other',
      handler: 'tech_sy',
      steps: [],
    },
    {
      site: 'SY',
      received: d(4, '10:00'),
      channel: 'web',
      name: '郑女士',
      phone: '13504245566',
      subject: '报修单一直显示待派单',
      content: '扫码报修后两天了，查询一直显示待派单',
      category: 'timeliness',
      steps: [],
    },
    {
      site: 'SY',
      received: d(3, '16:20'),
      channel: 'walk_in',
      name: '谢店长',
      phone: '13804240202',
      subject: '维修人员未穿工装',
      content: '维修人员进柜台维修时没穿工装，也没有出示工牌',
      category: 'service_attitude',
      steps: [['handle', d(2, '10:00'), '已通报维修班，进场须穿工装佩戴工牌']],
    },
    {
      site: 'SY',
      received: d(12, '13:00'),
      channel: 'phone',
      name: '邓店长',
      phone: '13804240101',
      subject: '水龙头维修后一周又坏',
      content: '卫生间水龙头维修后一周又开始漏水',
      category: 'quality',
      workOrder: 'rework',
      steps: [
        ['handle', d(12, '16:00'), '已安排复查'],
        ['resolve', d(11, '15:00'), '已更换整个龙头，免费返修'],
      ],
    },
    {
      site: 'SY',
      received: d(30, '11:40'),
      channel: 'phone',
      name: '罗经理',
      phone: '13804240104',
      subject: '空调维修时未遮盖商品',
      content: '维修空调时没有遮盖展柜，商品落了灰',
      category: 'service_attitude',
      steps: [
        ['handle', d(30, '15:00'), '已向专柜致歉，协助清洁展柜'],
        ['resolve', d(29, '10:00'), '维修前须遮盖商品写入作业规范'],
        ['close', d(28, '10:00'), 'satisfied'],
      ],
    },
    {
      site: 'SY',
      received: d(50, '10:00'),
      channel: 'letter',
      name: '营业部',
      phone: null,
      subject: '白天施工噪音影响营业',
      content: '三层改造白天电钻施工，噪音很大，顾客投诉',
      category: 'other',
      steps: [
        ['resolve', d(49, '15:00'), '高噪音作业调整到闭店后进行'],
        ['close', d(47, '10:00'), 'dissatisfied'],
      ],
    },
    {
      site: 'SY',
      received: d(75, '16:00'),
      channel: 'web',
      name: '韩店长',
      phone: '13804240205',
      subject: '配电箱跳闸导致收银中断',
      content: '配电箱跳闸后等了很久才恢复供电，收银中断近一个小时',
      category: 'timeliness',
      workOrder: 'late',
      steps: [
        ['handle', d(75, '18:00'), '核实为紧急报修到场超时'],
        ['resolve', d(74, '11:00'), '紧急报修增加夜间值班电工'],
        ['close', d(72, '10:00'), 'basically'],
      ],
    },
  ];
}
