import type { HazardAction, HazardGrade } from '../../../contracts/hazards.js';
import { uploadAttachment } from '../../src/modules/attachments/attachments.service.js';
import { reportFinding, resolveFinding } from '../../src/modules/hazards/findings.service.js';
import { actOnHazard, createHazard, type HazardActionBody } from '../../src/modules/hazards/hazards.service.js';
import { addDays } from './dates.js';
import { PHOTO } from './maintenance.js';
import { carry } from './workorders.js';
import { DAY, dateAt, HOUR, hhmm, MINUTE, type Store, type World } from './world.js';

/**
 * Hazards (隐患) and findings (发现问题) of both stores. A hazard is registered by whoever
 * found it, assigned by the property administrator with measures, a deadline, the
 * technician responsible and a verifier (五落实), rectified with an after photo, accepted
 * (a major one signed off by the head) — most in time, some late, some rejected once and
 * redone, a few still open or overdue at the end, one or two cancelled as registered in
 * error. A finding is fixed on the spot, turned into a repair or registered as a hazard.
 */

const HAZARDS: Record<string, [string, string][]> = {
  fire_safety: [
    ['安全出口指示灯不亮', '东侧安全出口指示灯不亮，疏散时无法识别出口。'],
    ['消防通道堆放杂物', '后区消防通道堆放纸箱，影响疏散。'],
    ['灭火器压力不足', '灭火器压力表指针在红区。'],
    ['防火门闭门器损坏', '常闭防火门无法自行关闭。'],
  ],
  electrical_safety: [
    ['临时线路私拉乱接', '专柜私接插线板串联使用。'],
    ['配电箱门未关闭', '楼层配电箱箱门敞开，无警示标识。'],
    ['电线老化破损', '库房照明线路绝缘层破损。'],
  ],
  equipment: [
    ['扶梯梳齿板破损', '扶梯入口梳齿板缺齿，易夹伤。'],
    ['货梯安全钳异响', '货梯运行中有异响。'],
  ],
  structure: [['吊顶局部松动', '一层吊顶板松动，有坠落风险。']],
  public_security: [['监控探头损坏', '收银区监控探头无图像。']],
  hygiene: [['员工通道积水', '员工通道地面积水，易滑倒。']],
  other: [['护栏螺丝松动', '中庭护栏立柱螺丝松动。']],
};

const CATEGORY_WEIGHTS: [string, number][] = [
  ['fire_safety', 38],
  ['electrical_safety', 22],
  ['equipment', 14],
  ['structure', 6],
  ['public_security', 6],
  ['hygiene', 8],
  ['other', 6],
];

type Fate = 'in_time' | 'late' | 'rejected_once' | 'overdue' | 'cancelled';

async function hazardVersion(w: World, id: string): Promise<number> {
  return Number((await w.db.selectFrom('hazards').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
}

async function step(w: World, username: string, id: string, action: HazardAction, body: Omit<HazardActionBody, 'version'> = {}) {
  await actOnHazard(await w.ctx(username), id, action, { ...body, version: await hazardVersion(w, id) });
  w.count(`hazards.action.${action}`);
}

export function scheduleHazards(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const date = r.pick(w.days);
    const at = w.local(store, date, hhmm(r.int(9 * 60 + 30, 20 * 60)));
    const by = r.pick([store.people.guard, store.people.manager, store.people.technician, 'head']);
    // a major hazard (重大隐患) three or four times a year per store
    const grade: HazardGrade = i % 13 === 6 ? 'major' : 'general';
    w.tl.at(at, `hazard ${store.code}`, async () => {
      const category = r.weighted(CATEGORY_WEIGHTS);
      const [title, description] = r.pick(HAZARDS[category] ?? HAZARDS.other ?? [['隐患', '隐患']]);
      const dto = await createHazard(await w.ctx(by), {
        siteId: store.id,
        locationId: r.pick(store.places).id,
        category,
        grade,
        title,
        description,
      });
      w.count(`hazards.created.${store.code}`);
      follow(w, store, dto.id, grade);
    });
  }
}

/** A registered hazard from now on, to its fate. */
export function follow(w: World, store: Store, id: string, grade: HazardGrade): void {
  const r = w.rng;
  const fate = r.weighted<Fate>([
    ['in_time', 78],
    ['late', 10],
    ['rejected_once', 5],
    ['overdue', 4],
    ['cancelled', 3],
  ]);
  w.count(`hazards.fate.${fate}`);
  const manager = store.people.manager;
  const tech = store.people.technician;
  const assignAt = w.tl.now() + r.delay(4, 0.8, 0.3, 40) * HOUR;
  if (fate === 'cancelled') {
    w.tl.at(assignAt, `hazard-cancel ${store.code}`, () => step(w, manager, id, 'cancel', { note: '经核实不属于隐患，登记有误' }));
    return;
  }
  const days = grade === 'major' ? r.int(10, 30) : r.int(3, 14);
  w.tl.at(assignAt, `hazard-assign ${store.code}`, async () => {
    const today = dateAt(store, w.tl.now());
    const deadline = addDays(today, days);
    await step(w, manager, id, 'assign', {
      responsibleId: w.users.get(tech)?.id,
      measures: '按规范整改，整改后拍照上传',
      deadline,
      verifierId: w.users.get(manager)?.id,
      fundsFen: r.chance(0.3) ? r.int(2, 200) * 10_000 : null,
      contingencyPlan: grade === 'major' ? '整改期间设置警戒区，专人值守，必要时局部停用' : null,
      acceptanceStandard: '恢复正常功能，无安全隐患',
    });
    if (fate === 'overdue') return;
    const deadlineEnd = w.local(store, deadline, '21:00');
    const submitAt =
      fate === 'late'
        ? deadlineEnd + r.int(1, 6) * DAY - r.int(1, 8) * HOUR
        : Math.min(deadlineEnd - HOUR, w.tl.now() + r.int(1, Math.max(1, days - 1)) * DAY - r.int(0, 6) * HOUR);
    w.tl.at(submitAt, `hazard-submit ${store.code}`, () => rectify(w, store, id, grade, fate === 'rejected_once'));
  });
}

async function rectify(w: World, store: Store, id: string, grade: HazardGrade, reject: boolean): Promise<void> {
  const r = w.rng;
  const tech = store.people.technician;
  const manager = store.people.manager;
  await uploadAttachment(await w.ctx(tech), w.deps.files, { ownerType: 'hazard_after', ownerId: id, filename: 'after.png', data: PHOTO });
  await step(w, tech, id, 'submit', { note: r.pick(['已更换损坏部件', '已清理并设置标识', '已恢复正常', '已加固并复查']) });
  const decideAt = w.tl.now() + r.delay(10, 0.8, 1, 60) * HOUR;
  w.tl.at(decideAt, `hazard-accept ${store.code}`, async () => {
    if (reject) {
      await step(w, manager, id, 'reject', { note: '整改不彻底，请重新整改' });
      w.tl.at(w.tl.now() + r.int(1, 3) * DAY, `hazard-submit ${store.code}`, () => rectify(w, store, id, grade, false));
      return;
    }
    await step(w, manager, id, 'accept', { note: '验收合格' });
    if (grade === 'major') {
      w.tl.at(w.tl.now() + r.int(2, 30) * HOUR, `hazard-signoff ${store.code}`, () =>
        step(w, 'head', id, 'sign_off', { note: '同意销号' }),
      );
    }
  });
}

const FINDINGS: [string | null, string][] = [
  ['fire_safety', '灭火器被货架遮挡'],
  ['fire_safety', '疏散指示灯不亮'],
  ['hygiene', '卫生间地面湿滑无提示牌'],
  ['equipment', '自动门感应不灵'],
  ['electrical_safety', '插座面板松脱'],
  [null, '休息区座椅扶手松动'],
];

/** Problems reported directly (发现问题) at a store over the year, each resolved one way or another. */
export function scheduleFindings(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const at = w.local(store, r.pick(w.days), hhmm(r.int(9 * 60 + 30, 20 * 60 + 30)));
    const by = r.pick([store.people.guard, store.people.technician, store.people.manager]);
    w.tl.at(at, `finding ${store.code}`, async () => {
      const [category, description] = r.pick(FINDINGS);
      const dto = await reportFinding(await w.ctx(by), { siteId: store.id, locationId: r.pick(store.places).id, category, description });
      w.count(`findings.reported.${store.code}`);
      resolveFindingLater(w, store, dto.id, w.tl.now());
    });
  }
}

/** The property administrator decides what becomes of a finding: fixed on the spot, a repair, a hazard — or not yet. */
export function resolveFindingLater(w: World, store: Store, id: string, since: number): void {
  const r = w.rng;
  const how = r.weighted<'fixed_on_spot' | 'work_order' | 'hazard' | 'open'>([
    ['fixed_on_spot', 55],
    ['work_order', 28],
    ['hazard', 13],
    ['open', 4],
  ]);
  w.count(`findings.resolution.${how}`);
  if (how === 'open') return;
  const manager = store.people.manager;
  w.tl.at(since + r.int(10, 600) * MINUTE, `finding-resolve ${store.code}`, async () => {
    const ctx = await w.ctx(manager);
    const version = Number((await w.db.selectFrom('findings').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    if (how === 'fixed_on_spot') {
      await uploadAttachment(ctx, w.deps.files, { ownerType: 'finding_fix', ownerId: id, filename: 'fix.png', data: PHOTO });
      await resolveFinding(ctx, id, { resolution: 'fixed_on_spot', note: '已当场整改', version });
    } else if (how === 'work_order') {
      const dto = await resolveFinding(ctx, id, { resolution: 'work_order', urgency: 'normal', version });
      if (dto.workOrderId) carry(w, store, dto.workOrderId, w.tl.now(), { urgency: 'normal', requester: manager });
    } else {
      const grade: HazardGrade = 'general';
      const dto = await resolveFinding(ctx, id, {
        resolution: 'hazard',
        hazard: { category: 'fire_safety', grade, title: '巡检发现的隐患' },
        version,
      });
      if (dto.hazardId) follow(w, store, dto.hazardId, grade);
    }
  });
}
