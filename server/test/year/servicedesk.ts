import type { ComplaintAction, ComplaintCategory, HotlineOutcome, Satisfaction } from '../../../contracts/servicedesk.js';
import { applyProjectAction } from '../../src/modules/projects/projects.actions.js';
import { createProject } from '../../src/modules/projects/projects.service.js';
import { actOnComplaint, type ComplaintActionInput, createComplaint } from '../../src/modules/servicedesk/complaints.service.js';
import { createCall } from '../../src/modules/servicedesk/hotline.service.js';
import { createVisit } from '../../src/modules/servicedesk/visits.service.js';
import { addDays } from './dates.js';
import { DAY, HOUR, hhmm, type Store, type World } from './world.js';

/**
 * The service desk and projects of both stores: return visits (回访) after a share of
 * the finished repairs — a dissatisfied one raises a complaint on the spot — complaints
 * taken by phone or at the desk, handled, resolved (a few after the deadline) and closed
 * with the complainant's view, the 24-hour hotline's calls (a repair ordered, a question
 * answered, a call put through), and a few renovation projects started and accepted.
 */

const complaintVersion = async (w: World, id: string) =>
  Number((await w.db.selectFrom('complaints').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

async function complaintStep(
  w: World,
  username: string,
  id: string,
  action: ComplaintAction,
  input: Omit<ComplaintActionInput, 'version'>,
) {
  await actOnComplaint(await w.ctx(username), id, action, { ...input, version: await complaintVersion(w, id) });
  w.count(`servicedesk.complaint.${action}`);
}

/** A complaint from receipt: the property administrator handles and resolves it, the clerk closes it after calling back. */
function followComplaint(w: World, store: Store, id: string): void {
  const r = w.rng;
  const late = r.chance(0.15);
  const handleAt = w.tl.now() + r.int(1, 6) * HOUR;
  const resolveAt = handleAt + (late ? r.int(4, 6) * DAY : r.int(3, 40) * HOUR);
  w.tl.at(handleAt, `complaint-handle ${store.code}`, () =>
    complaintStep(w, store.people.manager, id, 'handle', { note: '已联系投诉人了解情况，安排整改' }),
  );
  w.tl.at(resolveAt, `complaint-resolve ${store.code}`, () =>
    complaintStep(w, store.people.manager, id, 'resolve', {
      resolution: r.pick(['已重新维修并致歉', '已对相关人员进行批评教育', '已调整服务流程']),
    }),
  );
  w.tl.at(resolveAt + r.int(4, 48) * HOUR, `complaint-close ${store.code}`, () =>
    complaintStep(w, store.people.clerk, id, 'close', {
      satisfaction: r.weighted<Satisfaction>([
        ['satisfied', 70],
        ['basically', 25],
        ['dissatisfied', 5],
      ]),
    }),
  );
}

const COMPLAINTS: [string, string, ComplaintCategory][] = [
  ['维修人员态度生硬', '顾客反映维修人员说话不客气。', 'service_attitude'],
  ['空调维修后仍不制冷', '专柜反映空调修过两次仍不凉。', 'quality'],
  ['报修两天无人处理', '库房门锁报修后两天无人上门。', 'timeliness'],
  ['卫生间异味', '二层卫生间异味明显。', 'other'],
];

export function scheduleComplaints(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const at = w.local(store, r.pick(w.days), hhmm(r.int(10 * 60, 20 * 60)));
    w.tl.at(at, `complaint ${store.code}`, async () => {
      const [subject, content, category] = r.pick(COMPLAINTS);
      const dto = await createComplaint(await w.ctx(store.people.clerk), {
        siteId: store.id,
        channel: r.pick(['phone', 'walk_in', 'web'] as const),
        complainantName: r.pick(['王女士', '李先生', '某专柜店长']),
        complainantPhone: '13900005678',
        subject,
        content,
        category,
      });
      w.count(`servicedesk.complaints.${store.code}`);
      followComplaint(w, store, dto.id);
    });
  }
}

/** The clerk calls the requester back after a finished repair; a dissatisfied answer becomes a complaint. */
export function returnVisit(w: World, store: Store, orderId: string): void {
  const r = w.rng;
  w.tl.at(w.tl.now() + r.int(4, 60) * HOUR, `visit ${store.code}`, async () => {
    const result = r.weighted<Satisfaction>([
      ['satisfied', 76],
      ['basically', 19],
      ['dissatisfied', 5],
    ]);
    const dto = await createVisit(await w.ctx(store.people.clerk), orderId, {
      method: r.weighted([
        ['phone', 80],
        ['on_site', 12],
        ['wechat', 8],
      ] as const),
      result,
      comment: result === 'satisfied' ? null : r.pick(['维修速度偏慢', '修后还有小问题', '希望提前电话联系']),
      ...(result === 'dissatisfied' && { complaint: { subject: '回访不满意', category: 'quality' as const } }),
    });
    w.count(`servicedesk.visits.${result}`);
    if (dto.complaintId) followComplaint(w, store, dto.complaintId);
  });
}

/** The hotline's calls that order no repair (those are recorded with their orders). */
export function scheduleCalls(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const night = r.chance(0.3);
    const at = w.local(store, r.pick(w.days), hhmm(night ? r.int(21 * 60 + 40, 23 * 60 + 40) : r.int(9 * 60, 21 * 60)));
    w.tl.at(at, `call ${store.code}`, async () => {
      const outcome = r.weighted<HotlineOutcome>([
        ['info', 60],
        ['transfer', 18],
        ['complaint', 7],
        ['other', 15],
      ]);
      const dto = await createCall(await w.ctx(store.people.clerk), {
        siteId: store.id,
        callerName: r.pick(['顾客', '专柜员工', '物业值班']),
        content:
          outcome === 'complaint'
            ? '来电投诉卫生间长时间无人保洁'
            : r.pick(['询问营业时间', '询问停车场收费', '寻找遗失物品', '咨询会员卡积分']),
        outcome,
        ...(outcome === 'transfer' && { note: r.pick(['已转客服中心', '已转保安部值班室', '已转商户']) }),
        ...(outcome === 'complaint' && { complaint: { subject: '热线投诉', category: 'other' as const } }),
      });
      w.count(`servicedesk.calls.${outcome}`);
      if (dto.complaintId) followComplaint(w, store, dto.complaintId);
    });
  }
}

/** A hotline call that ordered a repair, recorded with the order it raised. */
export async function callForOrder(w: World, store: Store, clerk: string, orderId: string): Promise<void> {
  await createCall(await w.ctx(clerk), {
    siteId: store.id,
    callerName: '来电人',
    content: '来电报修',
    outcome: 'work_order',
    workOrderId: orderId,
  });
  w.count('servicedesk.calls.work_order');
}

const PROJECTS: [string, 'renovation' | 'installation' | 'construction', number][] = [
  ['一层卫生间改造', 'renovation', 380_000_00],
  ['屋面防水维修', 'construction', 260_000_00],
  ['中庭照明节能改造', 'installation', 150_000_00],
  ['员工通道地面翻新', 'renovation', 90_000_00],
];

/** A few projects a year at each store: planned, started, handed over and accepted (one runs past its planned end). */
export function scheduleProjects(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const [name, type, budget] = PROJECTS[(i + (store.code === 'SY' ? 1 : 0)) % PROJECTS.length] as (typeof PROJECTS)[number];
    const month = 2 + Math.floor((i * 9) / Math.max(1, perYear));
    const start = `${w.year}-${String(month).padStart(2, '0')}-${String(r.int(5, 20)).padStart(2, '0')}`;
    const weeks = r.int(3, 10);
    const plannedEnd = addDays(start, weeks * 7);
    const overrun = i === perYear - 1 ? r.int(5, 20) : -r.int(0, 5);
    w.tl.at(w.local(store, addDays(start, -20), '10:00'), `project ${store.code}`, async () => {
      const dto = await createProject(await w.ctx('head'), {
        siteId: store.id,
        name: `${store.name}${name}`,
        type,
        budget,
        contractor: r.pick(['长春建安公司', '辽宁装饰工程有限公司', '某机电安装公司']),
        managerId: w.users.get(store.people.manager)?.id ?? null,
        plannedStart: start,
        plannedEnd,
      });
      w.count('projects.created');
      const version = async () =>
        Number((await w.db.selectFrom('projects').select('version').where('id', '=', dto.id).executeTakeFirstOrThrow()).version);
      const act = async (action: 'start' | 'submit' | 'accept', extra: Record<string, unknown> = {}) => {
        await applyProjectAction(await w.ctx('head'), dto.id, action, { version: await version(), ...extra });
        w.count(`projects.${action}`);
      };
      w.tl.at(w.local(store, start, '09:00'), `project-start ${store.code}`, () => act('start'));
      const endDay = addDays(plannedEnd, overrun);
      w.tl.at(w.local(store, endDay, '16:00'), `project-submit ${store.code}`, () => act('submit', { actualEnd: endDay }));
      w.tl.at(w.local(store, addDays(endDay, r.int(1, 3)), '10:00'), `project-accept ${store.code}`, () =>
        act('accept', {
          note: '验收合格',
          actualCost: r.chance(0.85) ? Math.round(budget * (0.85 + r.next() * 0.2)) : null,
        }),
      );
    });
  }
}
