import type { ChecklistAnswer } from '../../../contracts/checklists.js';
import type { PatrolPlanInput } from '../../../contracts/patrols.js';
import { uploadAttachment } from '../../src/modules/attachments/attachments.service.js';
import { createPlan } from '../../src/modules/patrols/plans.service.js';
import {
  checkIn,
  finishRound,
  getPointChecklist,
  savePointChecklist,
  skipPoint,
  startRound,
} from '../../src/modules/patrols/rounds.service.js';
import { resolveFindingLater } from './hazards.js';
import { PHOTO } from './maintenance.js';
import { MINUTE, type Store, type World } from './world.js';

/**
 * Patrols of both stores: the fire patrol every Monday (the guards, with the fire-patrol
 * checklist at the first point), the manager's walk every other Saturday and the
 * technician's plant-room check every other Wednesday, all at 10:00. Rounds are raised by the engine an hour ahead; most are walked
 * on time point by point with the QR labels, some finish late, some are missed, now and
 * then a point is skipped; a failed checklist item becomes a finding.
 */

interface PatrolSpec {
  name: string;
  level: string;
  points: string[];
  checklistOnFirst: boolean;
  /** every N weeks on this weekday, at 10:00 */
  weeks: number;
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  assignee: 'guard' | 'manager' | 'technician';
}

const SPECS: PatrolSpec[] = [
  {
    name: '防火巡查（每周一）',
    level: 'fire_patrol',
    points: ['A-1F-03', 'A-1F-01', 'A-2F-01'],
    checklistOnFirst: true,
    weeks: 1,
    weekday: 1,
    assignee: 'guard',
  },
  {
    name: '经理周六巡视（隔周）',
    level: 'manager_pre_opening',
    points: ['A-1F-01', 'A-2F-01', 'A-2F-02'],
    checklistOnFirst: false,
    weeks: 2,
    weekday: 6,
    assignee: 'manager',
  },
  {
    name: '设备机房巡检（隔周三）',
    level: 'equipment_weekly',
    points: ['A-B1-01', 'A-B1-02', 'A-B1-03'],
    checklistOnFirst: false,
    weeks: 2,
    weekday: 3,
    assignee: 'technician',
  },
];

export async function createPatrolPlans(w: World, store: Store): Promise<void> {
  const template = await w.db
    .selectFrom('checklist_templates')
    .select('id')
    .where('org_id', '=', w.orgId)
    .where('code', '=', 'FIRE-PATROL')
    .executeTakeFirstOrThrow();
  const ctx = await w.ctx(store.people.manager);
  for (const p of SPECS) {
    const input: PatrolPlanInput = {
      siteId: store.id,
      name: p.name,
      level: p.level,
      kind: 'route',
      points: p.points.map((code, i) => ({
        targetType: 'location' as const,
        targetId: store.locations.get(`${store.code}-${code}`) as string,
        checklistTemplateId: p.checklistOnFirst && i === 0 ? template.id : null,
      })),
      recurrence: {
        freq: 'weekly',
        interval: p.weeks,
        weekdays: [p.weekday],
        times: ['10:00'],
        startDate: `${w.year}-01-01`,
        endDate: `${w.year}-12-31`,
        anchor: 'calendar',
      },
      windowMinutes: 60,
      ...(p.assignee === 'guard'
        ? { assigneeType: 'role' as const, assigneeRole: 'security' }
        : { assigneeType: 'user' as const, assigneeId: w.users.get(store.people[p.assignee])?.id ?? null }),
      supervisorId: w.users.get('head')?.id ?? null,
    };
    await createPlan(ctx, input);
    w.count('patrols.plans');
  }
}

type Outcome = 'on_time' | 'late' | 'missed' | 'skip_point';

/** After a job run: the rounds it raised, each walked (or not) as its outcome says. */
export async function pickUpRounds(w: World): Promise<void> {
  const now = w.deps.clock.now().toISOString();
  const rounds = await w.db
    .selectFrom('patrol_rounds')
    .select(['id', 'site_id', 'due_at', 'window_end_at', 'assignee_type', 'assignee_id', 'level'])
    .where('org_id', '=', w.orgId)
    .where('created_at', '=', now)
    .where('occurrence_id', 'is not', null)
    .orderBy('id')
    .execute();
  for (const round of rounds) {
    const store = Object.values(w.stores).find((s) => s.id === round.site_id);
    if (!store) continue;
    const r = w.rng;
    const outcome = r.weighted<Outcome>([
      ['on_time', 86],
      ['late', 5],
      ['missed', 5],
      ['skip_point', 4],
    ]);
    w.count(`patrols.outcome.${outcome}`);
    if (outcome === 'missed') continue;
    const doer =
      round.assignee_type === 'role'
        ? store.people.guard
        : ([...w.users].find(([, u]) => u.id === round.assignee_id)?.[0] ?? store.people.manager);
    const due = Date.parse(round.due_at);
    const windowEnd = Date.parse(round.window_end_at);
    const startAt = outcome === 'late' ? due + r.int(35, 50) * MINUTE : due + r.int(-10, 15) * MINUTE;
    w.tl.at(startAt, `round ${store.code}`, async () => {
      const ctx = await w.ctx(doer);
      let dto = await startRound(ctx, round.id, await roundVersion(w, round.id));
      const skipAt = outcome === 'skip_point' ? r.int(1, dto.points.length - 1) : -1;
      let t = startAt;
      // the walk: each point a few minutes after the last, all in this one step (the clock moves along)
      for (const [i, point] of dto.points.entries()) {
        t += r.int(3, 8) * MINUTE;
        w.clock.set(new Date(t).toISOString());
        if (i === skipAt) {
          dto = await skipPoint(ctx, round.id, point.id, {
            reason: r.pick(['区域封闭施工', '商户未开门', '通道临时管制']),
            version: dto.version,
          });
          continue;
        }
        const qr = store.qr.get(point.targetId);
        dto = await checkIn(
          ctx,
          round.id,
          qr ? { qr, version: dto.version } : { pointId: point.id, reason: '二维码污损', version: dto.version },
        );
        if (dto.points.find((p) => p.id === point.id)?.checklistResultId) {
          const findings = await fillPointChecklist(w, doer, round.id, point.id);
          dto = { ...dto, version: await roundVersion(w, round.id) };
          for (const id of findings) resolveFindingLater(w, store, id, t);
        }
      }
      const finishAt =
        outcome === 'late' ? Math.max(t + MINUTE, windowEnd + r.int(5, 30) * MINUTE) : Math.min(t + MINUTE, windowEnd - MINUTE);
      w.clock.set(new Date(Math.max(finishAt, t)).toISOString());
      await finishRound(ctx, round.id, { version: dto.version });
      w.count('patrols.rounds.walked');
    });
  }
}

const roundVersion = async (w: World, id: string) =>
  Number((await w.db.selectFrom('patrol_rounds').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

/** The fire-patrol checklist of a point: all well most days, now and then an item fails with its photo. Answers the findings made. */
async function fillPointChecklist(w: World, doer: string, roundId: string, pointId: string): Promise<string[]> {
  const ctx = await w.ctx(doer);
  const { result } = await getPointChecklist(ctx, roundId, pointId);
  if (!result) return [];
  const r = w.rng;
  const answers: ChecklistAnswer[] = [];
  for (const item of result.items) {
    if (item.kind !== 'pass_fail') continue;
    if (r.chance(0.025)) {
      const photo = await uploadAttachment(ctx, w.deps.files, {
        ownerType: 'checklist_result',
        ownerId: result.id,
        filename: 'patrol.png',
        data: PHOTO,
      });
      answers.push({
        key: item.key,
        value: 'fail',
        photoIds: [photo.id],
        note: r.pick(['通道堆放货物', '指示灯不亮', '灭火器被遮挡', '防火门未关闭']),
      });
    } else answers.push({ key: item.key, value: 'pass' });
  }
  await savePointChecklist(ctx, roundId, pointId, { answers, submit: true, version: result.version });
  const found = await w.db
    .selectFrom('findings')
    .select('id')
    .where('source_type', '=', 'patrol_round_point')
    .where('source_id', '=', pointId)
    .execute();
  w.count('patrols.findings', found.length);
  return found.map((f) => f.id);
}
