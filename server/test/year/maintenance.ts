import type { ChecklistAnswer, ChecklistItem } from '../../../contracts/checklists.js';
import type { MaintenancePlanInput } from '../../../contracts/maintenance.js';
import type { Recurrence } from '../../../contracts/occurrences.js';
import { uploadAttachment } from '../../src/modules/attachments/attachments.service.js';
import { getChecklistResult, saveChecklistResult } from '../../src/modules/checklists/index.js';
import { skipPlanOccurrence } from '../../src/modules/maintenance/occurrences.js';
import { createPlan } from '../../src/modules/maintenance/plans.service.js';
import { act } from '../../src/modules/workorders/actions.js';
import { carry, orderVersion, work } from './workorders.js';
import { DAY, HOUR, MINUTE, type Store, type World } from './world.js';

/**
 * Preventive maintenance of both stores: plans on their equipment (pumps monthly, chillers
 * quarterly with the HVAC checklist, lifts every other week, fire systems monthly), whose
 * occurrences the engine turns into maintenance orders at their lead time. Most are done
 * on the day, some within the grace, some after it (recorded missed first, done late),
 * a few skipped or left undone; checklist answers out of range become findings and
 * follow-up repairs.
 */

/** A 1×1 PNG: the photo a failed checklist item or a rectification needs. */
export const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface PlanSpec {
  name: string;
  system: MaintenancePlanInput['system'];
  asset: string;
  workCategory: string;
  minutes: number;
  leadDays: number;
  template: string | null;
  rule: Omit<Recurrence, 'startDate' | 'endDate' | 'anchor'>;
}

const PLANS: PlanSpec[] = [
  {
    name: '生活给水泵月度保养',
    system: 'water',
    asset: '生活给水泵',
    workCategory: 'plumbing',
    minutes: 90,
    leadDays: 1,
    template: null,
    rule: { freq: 'monthly', interval: 1, monthDay: 10, times: ['09:30'] },
  },
  {
    name: '1号冷水机组季度保养',
    system: 'hvac',
    asset: '1号冷水机组',
    workCategory: 'hvac',
    minutes: 240,
    leadDays: 3,
    template: 'HVAC-Q',
    rule: { freq: 'quarterly', interval: 1, monthDay: 15, month: 1, times: ['09:30'] },
  },
  {
    name: '1号客梯双周保养',
    system: 'elevator',
    asset: '1号客梯',
    workCategory: 'elevator',
    minutes: 60,
    leadDays: 1,
    template: 'ELEVATOR-HM',
    rule: { freq: 'weekly', interval: 2, weekdays: [2], times: ['10:00'] },
  },
  {
    name: '消防设施月度检查（年度计划）',
    system: 'fire',
    asset: '消防水泵',
    workCategory: 'fire',
    minutes: 120,
    leadDays: 2,
    template: 'FIRE-MONTHLY',
    rule: { freq: 'monthly', interval: 1, monthDay: 5, times: ['10:00'] },
  },
  {
    name: '低压配电柜季度检查',
    system: 'electrical',
    asset: '1号低压配电柜',
    workCategory: 'power',
    minutes: 120,
    leadDays: 2,
    template: null,
    rule: { freq: 'quarterly', interval: 1, monthDay: 20, month: 2, times: ['09:30'] },
  },
];

export async function createMaintenancePlans(w: World, store: Store): Promise<void> {
  const templates = new Map(
    (await w.db.selectFrom('checklist_templates').select(['id', 'code']).where('org_id', '=', w.orgId).execute()).map((t) => [
      t.code,
      t.id,
    ]),
  );
  const ctx = await w.ctx(store.people.manager);
  for (const p of PLANS) {
    const asset = store.assets.find((a) => a.name === p.asset);
    if (!asset) throw new Error(`${store.name} has no ${p.asset}`);
    await createPlan(ctx, {
      siteId: store.id,
      name: p.name,
      system: p.system,
      target: 'asset',
      assetId: asset.id,
      checklistTemplateId: p.template ? (templates.get(p.template) ?? null) : null,
      teamId: store.teamId,
      assigneeId: w.users.get(store.people.technician)?.id ?? null,
      workCategory: p.workCategory,
      estimatedMinutes: p.minutes,
      leadDays: p.leadDays,
      trigger: 'time',
      recurrence: { ...p.rule, startDate: `${w.year}-01-01`, endDate: `${w.year}-12-31`, anchor: 'calendar' },
    });
    w.count('maintenance.plans');
  }
}

type Outcome = 'on_day' | 'in_grace' | 'late' | 'missed' | 'skipped';

/** After a job run: the maintenance orders it raised, each worked as its outcome says. */
export async function pickUpMaintenanceOrders(w: World): Promise<void> {
  const now = w.deps.clock.now().toISOString();
  const raised = await w.db
    .selectFrom('work_orders as wo')
    .innerJoin('occurrences as o', 'o.id', 'wo.source_id')
    .select(['wo.id', 'wo.site_id', 'o.id as occurrence_id', 'o.due_at', 'o.window_end_at'])
    .where('wo.org_id', '=', w.orgId)
    .where('wo.source_type', '=', 'maintenance_occurrence')
    .where('wo.created_at', '=', now)
    .orderBy('wo.id')
    .execute();
  for (const o of raised) {
    const store = Object.values(w.stores).find((s) => s.id === o.site_id);
    if (!store) continue;
    const r = w.rng;
    const outcome = r.weighted<Outcome>([
      ['on_day', 72],
      ['in_grace', 15],
      ['late', 6],
      ['missed', 4],
      ['skipped', 3],
    ]);
    w.count(`maintenance.outcome.${outcome}`);
    const due = Date.parse(o.due_at);
    const windowEnd = Date.parse(o.window_end_at);
    const clerk = store.people.clerk;
    if (outcome === 'skipped') {
      w.tl.at(due - 20 * HOUR, `skip ${store.code}`, async () => {
        const occ = await w.db.selectFrom('occurrences').select('version').where('id', '=', o.occurrence_id).executeTakeFirstOrThrow();
        await skipPlanOccurrence(await w.ctx(store.people.manager), o.occurrence_id, {
          reason: r.pick(['设备停机改造，本期保养暂停', '商场闭店盘点，本期不做', '厂家年检已覆盖本期内容']),
          version: Number(occ.version),
        });
        await act(await w.ctx(clerk), o.id, 'cancel', { reason: '保养任务已跳过', version: await orderVersion(w, o.id) });
      });
      continue;
    }
    if (outcome === 'missed') {
      w.tl.at(windowEnd + r.int(1, 3) * DAY, `cancel ${store.code}`, async () => {
        await act(await w.ctx(clerk), o.id, 'cancel', { reason: '逾期未做，计入漏做', version: await orderVersion(w, o.id) });
      });
      continue;
    }
    const since =
      outcome === 'on_day'
        ? due - r.int(0, 40) * MINUTE
        : outcome === 'in_grace'
          ? Math.min(windowEnd - 10 * HOUR, due + r.int(1, Math.max(1, Math.floor((windowEnd - due) / DAY) - 1)) * DAY)
          : windowEnd + r.int(1, 4) * DAY + r.int(1, 3) * HOUR;
    work(w, store, o.id, since, {
      urgency: 'normal',
      requester: null,
      maintenance: true,
      beforeFinish: () => fillChecklist(w, store, o.id),
    });
  }
}

/** Fills and submits the order's checklist if it has one: mostly within range, now and then a finding. */
async function fillChecklist(w: World, store: Store, orderId: string): Promise<void> {
  const tech = await w.ctx(store.people.technician);
  const { result } = await getChecklistResult(tech, 'work_order', orderId);
  if (!result || result.status === 'submitted') return;
  const r = w.rng;
  const answers: ChecklistAnswer[] = [];
  for (const item of result.items) {
    const a = await answer(w, item, result.id, store);
    if (a) answers.push(a);
  }
  await saveChecklistResult(tech, 'work_order', orderId, { answers, submit: true, version: result.version });
  w.count('maintenance.checklists');
  // the findings became repairs (channel maintenance): the clerk dispatches them like any other
  const followUps = await w.db
    .selectFrom('work_orders')
    .select(['id', 'urgency'])
    .where('source_type', '=', 'checklist_finding')
    .where('source_id', '=', result.id)
    .execute();
  for (const f of followUps) {
    w.count('maintenance.follow_ups');
    carry(w, store, f.id, w.tl.now() + r.int(5, 60) * MINUTE, { urgency: f.urgency, requester: null });
  }
}

async function answer(w: World, item: ChecklistItem, resultId: string, store: Store): Promise<ChecklistAnswer | null> {
  const r = w.rng;
  switch (item.kind) {
    case 'pass_fail': {
      if (!r.chance(0.02)) return { key: item.key, value: 'pass' };
      const photo = await uploadAttachment(await w.ctx(store.people.technician), w.deps.files, {
        ownerType: 'checklist_result',
        ownerId: resultId,
        filename: 'defect.png',
        data: PHOTO,
      });
      return { key: item.key, value: 'fail', photoIds: [photo.id], note: '发现异常，已拍照' };
    }
    case 'number': {
      const lo = item.min ?? (item.target !== null && item.target !== undefined ? item.target - (item.tolerance ?? 0) : null);
      const hi = item.max ?? (item.target !== null && item.target !== undefined ? item.target + (item.tolerance ?? 0) : null);
      if (lo === null || hi === null) return { key: item.key, value: r.int(80, 160) };
      const out = r.chance(0.05);
      const span = hi - lo;
      const v = out ? hi + span * (0.1 + r.next() * 0.3) : lo + span * (0.15 + r.next() * 0.7);
      return { key: item.key, value: Math.round(v * 100) / 100 };
    }
    case 'choice':
      return { key: item.key, value: (item.options ?? []).find((o) => !(item.failOptions ?? []).includes(o)) ?? null };
    case 'signature':
      return { key: item.key, value: w.users.get(store.people.technician)?.name ?? '维修员' };
    case 'text':
      return item.required ? { key: item.key, value: '正常' } : null;
    default:
      return null;
  }
}
