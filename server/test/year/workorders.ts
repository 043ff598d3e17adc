import type { Cause, Channel, WorkOrderAction } from '../../../contracts/workorders.js';
import { type ActionInput, act } from '../../src/modules/workorders/actions.js';
import { addLabour } from '../../src/modules/workorders/labour.service.js';
import { createWorkOrder } from '../../src/modules/workorders/service.js';
import { nextDay } from './dates.js';
import { callForOrder, returnVisit } from './servicedesk.js';
import { dateAt, HOUR, hhmm, MINUTE, type Store, type World } from './world.js';

/**
 * Repair requests through their whole life, as the stores' people take them: reported
 * on the web form or recorded by the clerk (phone, hotline, walk-in), dispatched to the
 * store's technician, accepted, reached, worked (labour logged, sometimes paused for
 * parts), finished, accepted by the requester or the clerk after a return call (or by
 * the auto-acceptance job), often rated; a few reworked, a few cancelled. Maintenance
 * orders and orders raised from findings and checklists join the same steps.
 */

/** repair categories by month (1–12): air conditioning in summer, frozen pipes and heating in winter */
function categoryWeights(month: number): [string, number][] {
  const summer = month >= 6 && month <= 8;
  const winter = month === 12 || month <= 2;
  return [
    ['hvac', summer ? 26 : winter ? 14 : 8],
    ['plumbing', winter ? 20 : 12],
    ['power', 14],
    ['low_voltage', 7],
    ['elevator', 8],
    ['building', 10],
    ['doors_hardware', 12],
    ['fire', 4],
    ['network', 5],
    ['other', 4],
  ];
}

const DESCRIPTIONS: Record<string, string[]> = {
  hvac: ['出风口不出冷风', '空调噪音大', '风机盘管滴水', '温度降不下来', '暖气片不热'],
  plumbing: ['卫生间水龙头漏水', '下水道堵塞', '小便池冲水阀损坏', '水管接头渗水', '地漏返味'],
  power: ['插座没电', '照明回路跳闸', '筒灯不亮', '配电箱异响', '收银台电源不稳'],
  low_voltage: ['监控画面黑屏', '背景音乐无声', '门禁刷卡无反应', '广播喇叭杂音'],
  elevator: ['扶梯异响', '客梯门关不严', '货梯平层不准', '电梯按钮失灵'],
  building: ['吊顶板脱落', '地砖破损', '墙面渗水发霉', '柜台面板开裂'],
  doors_hardware: ['卷帘门卡住', '玻璃门闭门器漏油', '更衣室门锁损坏', '库房门合页松动'],
  fire: ['烟感报警器误报', '消火栓箱门损坏', '应急照明灯不亮', '疏散指示灯不亮'],
  network: ['收银台网络中断', '无线网络信号弱', '办公室网口不通'],
  other: ['广告灯箱不亮', '休息椅损坏', '储物柜钥匙丢失'],
};

const CAUSES: Cause[] = ['ageing', 'ageing', 'ageing', 'human', 'natural', 'other'];
const EQUIPMENT_CATEGORIES = new Set(['hvac', 'plumbing', 'power', 'elevator']);

/** How one order goes, decided when it is reported. */
interface Profile {
  /** the clerk cancels it before anyone goes */
  cancel: boolean;
  /** paused for parts for days */
  pause: boolean;
  /** the first repair is rejected at acceptance */
  rework: boolean;
  /** left for the auto-acceptance job */
  autoAccept: boolean;
  rate: boolean;
  /** a slow technician: response, arrival and repair take longer */
  slow: boolean;
}

function profile(w: World): Profile {
  const r = w.rng;
  return {
    cancel: r.chance(0.02),
    pause: r.chance(0.06),
    rework: r.chance(0.035),
    autoAccept: r.chance(0.12),
    rate: r.chance(0.7),
    slow: r.chance(0.08),
  };
}

export const orderVersion = async (w: World, id: string) =>
  Number((await w.db.selectFrom('work_orders').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

async function step(w: World, username: string, id: string, action: WorkOrderAction, input: Omit<ActionInput, 'version'> = {}) {
  await act(await w.ctx(username), id, action, { ...input, version: await orderVersion(w, id) });
  w.count(`workorders.action.${action}`);
}

async function labour(w: World, username: string, id: string, kind: 'effective' | 'travel' | 'waiting', from: number, to: number) {
  const minutes = Math.round((to - from) / MINUTE);
  if (minutes < 1) return;
  // an entry spans at most a day: a long stretch is logged as several
  for (let s = from; s < to; s += 1440 * MINUTE) {
    const e = Math.min(to, s + 1440 * MINUTE);
    if (e - s < MINUTE) break;
    await addLabour(await w.ctx(username), id, { kind, startedAt: new Date(s).toISOString(), endedAt: new Date(e).toISOString() });
    w.count(`workorders.labour.${kind}`);
  }
}

/** The next moment the store's people are at work (09:00–21:00), at or after `ms`. */
function onDuty(w: World, store: Store, ms: number): number {
  const date = dateAt(store, ms);
  const open = w.local(store, date, '09:00');
  const close = w.local(store, date, '21:00');
  if (ms < open) return open + w.rng.int(0, 40) * MINUTE;
  if (ms > close) return w.local(store, nextDay(date), '09:00') + w.rng.int(0, 40) * MINUTE;
  return ms;
}

/** Reported repairs of a store over the year, as the requests come in. */
export function scheduleRepairs(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  const dayWeights = w.days.map((d): [string, number] => {
    const month = Number(d.slice(5, 7));
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    // busier in summer and winter; weekends bring more shoppers and more wear
    const season = month >= 6 && month <= 8 ? 1.35 : month === 12 || month <= 2 ? 1.2 : 1;
    return [d, season * (weekday === 0 || weekday === 6 ? 1.25 : 1)];
  });
  for (let i = 0; i < perYear; i++) {
    const date = r.weighted(dayWeights);
    const night = r.chance(0.07);
    const minute = night ? r.pick([r.int(21 * 60 + 40, 23 * 60 + 50), r.int(0, 7 * 60 + 30)]) : r.int(9 * 60 + 20, 20 * 60 + 50);
    const at = w.local(store, date, hhmm(minute));
    const month = Number(date.slice(5, 7));
    const category = r.weighted(categoryWeights(month));
    const urgency = r.weighted<string>([
      ['emergency', night ? 40 : 7],
      ['urgent', 20],
      ['normal', night ? 40 : 73],
    ]);
    const channel: Channel = night
      ? 'hotline'
      : r.weighted<Channel>([
          ['web', 40],
          ['phone', 30],
          ['walk_in', 20],
          ['hotline', 10],
        ]);
    w.tl.at(at, `report ${store.code}`, () => report(w, store, { category, urgency, channel }));
  }
}

async function report(w: World, store: Store, o: { category: string; urgency: string; channel: Channel }): Promise<void> {
  const r = w.rng;
  const byClerk = o.channel !== 'web';
  const username = byClerk ? store.people.clerk : store.people.requester;
  const withAsset = EQUIPMENT_CATEGORIES.has(o.category) && r.chance(0.5);
  const assets = store.assets.filter((a) => a.category === o.category);
  const asset = withAsset && assets.length ? r.pick(assets) : null;
  const place = asset?.locationId ?? r.pick(store.places).id;
  const text = r.pick(DESCRIPTIONS[o.category] ?? DESCRIPTIONS.other ?? ['报修']);
  const dto = await createWorkOrder(await w.ctx(username), {
    siteId: store.id,
    locationId: place,
    assetId: asset?.id ?? null,
    category: o.category,
    urgency: o.urgency,
    description: asset ? `${asset.name}：${text}` : text,
    channel: o.channel,
    ...(byClerk && { requesterName: r.pick(['王女士', '李先生', '张经理', '刘店长', '陈女士', '赵先生']), requesterPhone: '13900001234' }),
  });
  w.count(`workorders.reported.${store.code}`);
  if (o.channel === 'hotline') await callForOrder(w, store, username, dto.id);
  const p = profile(w);
  carry(w, store, dto.id, w.tl.now(), { urgency: o.urgency, requester: byClerk ? null : username, p });
}

/**
 * A pending order from `since` on: the clerk dispatches it (or cancels it), then the
 * technician works it. Used for reported repairs and for the orders findings and
 * checklists raise.
 */
export function carry(
  w: World,
  store: Store,
  id: string,
  since: number,
  o: { urgency: string; requester: string | null; p?: Profile },
): void {
  const r = w.rng;
  const p = o.p ?? profile(w);
  const emergency = o.urgency === 'emergency';
  // at night the hotline's emergencies reach the clerk on call at once; the rest wait for the morning
  const base = emergency ? since : onDuty(w, store, since);
  const dispatchAt = base + r.delay(emergency ? 3 : o.urgency === 'urgent' ? 6 : 12, 0.7, 1, p.slow ? 240 : 90) * MINUTE;
  if (p.cancel) {
    w.tl.at(dispatchAt, `cancel ${store.code}`, async () => {
      await step(w, store.people.clerk, id, 'cancel', { reason: r.pick(['报修人已自行处理', '重复报修', '专柜自行联系厂家维修']) });
    });
    return;
  }
  w.tl.at(dispatchAt, `dispatch ${store.code}`, async () => {
    await step(w, store.people.clerk, id, 'dispatch', { assigneeId: w.users.get(store.people.technician)?.id, teamId: store.teamId });
    work(w, store, id, w.tl.now(), { urgency: o.urgency, requester: o.requester, p });
  });
}

/** A dispatched order from `since`: the technician's steps, then acceptance and rating. */
export function work(
  w: World,
  store: Store,
  id: string,
  since: number,
  o: { urgency: string; requester: string | null; p?: Profile; maintenance?: boolean; beforeFinish?: () => Promise<void> },
): void {
  const r = w.rng;
  // a maintenance order is not reworked or cancelled here (its outcomes are the plan's business)
  const p = o.p ?? { ...profile(w), ...(o.maintenance && { rework: false, cancel: false }) };
  const tech = store.people.technician;
  const emergency = o.urgency === 'emergency';
  const slow = p.slow ? 4 : 1;
  const acceptAt = since + r.delay(emergency ? 3 : 8, 0.6, 1, 60 * slow) * MINUTE * slow;
  const arriveAt = acceptAt + r.delay(emergency ? 12 : 25, 0.5, 3, 120 * slow) * MINUTE * slow;
  const startAt = arriveAt + r.int(1, 6) * MINUTE;
  const repairMinutes = r.delay(o.maintenance ? 70 : emergency ? 50 : 75, 0.6, 15, 600) * slow;
  w.tl.at(acceptAt, `accept ${store.code}`, () => step(w, tech, id, 'accept'));
  w.tl.at(arriveAt, `arrive ${store.code}`, async () => {
    await step(w, tech, id, 'arrive');
    await labour(w, tech, id, 'travel', acceptAt, arriveAt);
  });
  w.tl.at(startAt, `start ${store.code}`, () => step(w, tech, id, 'start'));
  let resumeAt = startAt;
  if (p.pause) {
    const pauseAt = startAt + r.int(20, 60) * MINUTE;
    resumeAt = w.local(store, nextDay(nextDay(dateAt(store, pauseAt))), '10:00') + r.int(0, 4) * 24 * HOUR;
    w.tl.at(pauseAt, `pause ${store.code}`, async () => {
      await labour(w, tech, id, 'effective', startAt, pauseAt);
      await step(w, tech, id, 'pause', { pauseReason: r.pick(['parts', 'parts', 'vendor']) });
    });
    w.tl.at(resumeAt, `resume ${store.code}`, () => step(w, tech, id, 'resume'));
  }
  const finishAt = resumeAt + repairMinutes * MINUTE;
  w.tl.at(finishAt, `finish ${store.code}`, async () => {
    await labour(w, tech, id, 'effective', resumeAt, finishAt);
    await o.beforeFinish?.();
    await finishOrder(w, tech, id, o.maintenance === true);
    accept(w, store, id, finishAt, { ...o, p });
  });
}

async function finishOrder(w: World, tech: string, id: string, maintenance: boolean): Promise<void> {
  await step(w, tech, id, 'finish', {
    result: maintenance
      ? '已按保养计划完成保养'
      : w.rng.pick(['更换损坏部件，试用正常', '紧固调整后恢复正常', '清理疏通，恢复使用', '维修完毕，已请报修人确认']),
    cause: maintenance ? null : w.rng.pick(CAUSES),
  });
}

function accept(
  w: World,
  store: Store,
  id: string,
  since: number,
  o: { requester: string | null; p: Profile; maintenance?: boolean },
): void {
  const r = w.rng;
  const p = o.p;
  const by = o.requester ?? store.people.clerk;
  // maintenance orders have no requester: the clerk accepts them, or the job does after the grace days
  if (p.autoAccept) return;
  const at = onDuty(w, store, since + r.delay(5, 0.8, 0.5, 40) * HOUR);
  if (p.rework) {
    p.rework = false;
    w.tl.at(at, `reject ${store.code}`, async () => {
      await step(w, by, id, 'reject', { reason: r.pick(['仍有渗水', '使用一天后又出现同样问题', '未彻底修好']) });
      const tech = store.people.technician;
      const redoAt = onDuty(w, store, w.tl.now() + r.delay(3, 0.6, 0.5, 24) * HOUR);
      const doneAt = redoAt + r.delay(60, 0.5, 15, 300) * MINUTE;
      w.tl.at(doneAt, `refinish ${store.code}`, async () => {
        await labour(w, tech, id, 'effective', redoAt, doneAt);
        await finishOrder(w, tech, id, o.maintenance === true);
        accept(w, store, id, doneAt, o);
      });
    });
    return;
  }
  w.tl.at(at, `approve ${store.code}`, async () => {
    await step(w, by, id, 'approve');
    if (o.maintenance) return;
    // the clerk calls back after about a third of the repairs (回访)
    if (r.chance(0.3)) returnVisit(w, store, id);
    if (!p.rate) return;
    const stars = () =>
      r.weighted<number>([
        [5, 62],
        [4, 28],
        [3, 7],
        [2, 2],
        [1, 1],
      ]);
    w.tl.at(w.tl.now() + r.int(2, 180) * MINUTE, `rate ${store.code}`, () =>
      step(w, by, id, 'rate', {
        ratingAttitude: stars(),
        ratingQuality: stars(),
        ratingEfficiency: stars(),
        comment: r.chance(0.2) ? r.pick(['师傅很专业', '来得很快', '希望下次提前电话联系']) : null,
      }),
    );
  });
}
