import type { ActionOwnerType } from '../../../contracts/actions.js';
import { createDrill, fileReport, recordDrill } from '../../src/modules/drills/drills.service.js';
import { createPlan as createDrillPlan } from '../../src/modules/drills/plans.service.js';
import { commendOfficer, createAlert } from '../../src/modules/incidents/alerts.service.js';
import { createIncident, reviewIncident, submitIncident } from '../../src/modules/incidents/incidents.service.js';
import { actOnActionItem, addActionItem } from '../../src/modules/safety/actions.service.js';
import { addDays } from './dates.js';
import { DAY, dateAt, HOUR, hhmm, MINUTE, type Store, type World } from './world.js';

/**
 * Safety records of both stores: incident reports (停电、跑水、消防报警故障…) handed in by
 * the guards and reviewed by the head, the security log (接警) with its apprehensions and
 * commendations, emergency drills (quarterly fire evacuations and half-yearly power-cut
 * drills from plans, one flood drill planned by hand; a few missed), and the corrective
 * and preventive action items the head sets after incidents and drills — most done in
 * time and verified, some late, some still open.
 */

interface IncidentSpec {
  type: string;
  title: string;
  place: string;
  summary: string;
  course: string;
  handling: string;
  cause: string;
}

const INCIDENTS: [IncidentSpec, number][] = [
  [
    {
      type: 'fire_alarm_fault',
      title: '消防报警主机误报',
      place: '消防控制室',
      summary: '报警主机显示二层烟感报警，现场确认无火情。',
      course: '值班员接警后两分钟到场确认，通知维修。',
      handling: '更换故障烟感探头，报警主机复位。',
      cause: '探头积尘老化导致误报。',
    },
    30,
  ],
  [
    {
      type: 'power_outage',
      title: '一层照明回路停电',
      place: '一层东区',
      summary: '一层东区照明回路跳闸。',
      course: '营业员报告照明熄灭，值班电工到场排查。',
      handling: '隔离故障灯具后合闸，恢复照明。',
      cause: '灯具镇流器短路。',
    },
    20,
  ],
  [
    {
      type: 'water_leak',
      title: '卫生间跑水',
      place: '二层卫生间',
      summary: '二层卫生间水管接头脱落跑水。',
      course: '保洁发现后报告，关闭阀门，组织清理。',
      handling: '更换接头，清理积水，设置警示牌。',
      cause: '接头老化脱落。',
    },
    20,
  ],
  [
    {
      type: 'injury',
      title: '顾客滑倒受伤',
      place: '一层入口',
      summary: '雨天入口处顾客滑倒，膝盖擦伤。',
      course: '保安到场，送医务室处理。',
      handling: '简单包扎，顾客自行离开，加铺防滑垫。',
      cause: '雨天入口地面湿滑，防滑垫未及时铺设。',
    },
    10,
  ],
  [
    {
      type: 'customer_dispute',
      title: '顾客与专柜纠纷',
      place: '二层女装区',
      summary: '顾客退货与专柜发生争执。',
      course: '保安与客服到场调解。',
      handling: '客服协调退货，双方和解。',
      cause: '退货政策解释不清。',
    },
    10,
  ],
  [
    {
      type: 'equipment_failure',
      title: '扶梯急停',
      place: '中庭扶梯',
      summary: '中庭上行扶梯急停。',
      course: '电梯维保人员到场检查。',
      handling: '更换梳齿板安全开关后恢复运行。',
      cause: '安全开关故障。',
    },
    10,
  ],
];

export function scheduleIncidents(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const spec = r.weighted(INCIDENTS);
    const date = r.pick(w.days);
    // a fire-alarm fault late in the evening is fixed the next morning now and then: late against 不过夜
    const evening = spec.type === 'fire_alarm_fault' && r.chance(0.2);
    const occurredAt = w.local(store, date, hhmm(evening ? r.int(20 * 60, 21 * 60 + 30) : r.int(9 * 60 + 30, 19 * 60)));
    const resolvedAt = evening ? w.local(store, addDays(date, 1), hhmm(r.int(9 * 60, 11 * 60))) : occurredAt + r.int(15, 180) * MINUTE;
    const reportAt = resolvedAt + r.int(30, 240) * MINUTE;
    w.tl.at(reportAt, `incident ${store.code}`, async () => {
      const author = store.people.guard;
      const dto = await createIncident(await w.ctx(author), {
        siteId: store.id,
        title: spec.title,
        type: spec.type,
        occurredAt: new Date(occurredAt).toISOString(),
        place: spec.place,
        summary: spec.summary,
        course: spec.course,
        handling: spec.handling,
        causeAnalysis: spec.cause,
        losses: '无直接经济损失',
        resolvedAt: new Date(resolvedAt).toISOString(),
        submit: true,
      });
      w.count(`incidents.reported.${store.code}`);
      const ret = r.chance(0.08);
      w.tl.at(w.tl.now() + r.int(1, 5) * DAY, `incident-review ${store.code}`, async () => {
        const version = async () =>
          Number((await w.db.selectFrom('incidents').select('version').where('id', '=', dto.id).executeTakeFirstOrThrow()).version);
        if (ret) {
          await reviewIncident(await w.ctx('head'), dto.id, { decision: 'return', note: '请补充原因分析', version: await version() });
          w.tl.at(w.tl.now() + r.int(4, 30) * HOUR, `incident-resubmit ${store.code}`, async () => {
            await submitIncident(await w.ctx(author), dto.id, { version: await version() });
            w.tl.at(w.tl.now() + r.int(1, 3) * DAY, `incident-review ${store.code}`, async () => {
              await reviewIncident(await w.ctx('head'), dto.id, { decision: 'approve', version: await version() });
            });
          });
          return;
        }
        await reviewIncident(await w.ctx('head'), dto.id, { decision: 'approve', version: await version() });
        if (r.chance(0.5)) actionItems(w, store, 'incident', dto.id, r.int(1, 2));
      });
    });
  }
}

const ALERT_TYPES: [string, number][] = [
  ['theft', 35],
  ['dispute', 25],
  ['suspicious_person', 20],
  ['card_scalping', 10],
  ['other', 10],
];

const ALERT_TEXT: Record<string, [string, string]> = {
  theft: ['监控发现有人将商品藏入衣兜。', '保安在出口处拦下，当面取回商品。'],
  dispute: ['两名顾客因排队发生争执。', '保安到场劝解，双方离开。'],
  suspicious_person: ['有人在库房通道徘徊。', '保安上前询问，核实为新入职员工。'],
  card_scalping: ['有人在收银台附近倒卖购物卡。', '保安劝离并登记。'],
  other: ['顾客遗失钱包求助。', '调取监控协助找回。'],
};

export function scheduleAlerts(w: World, store: Store, perYear: number): void {
  const r = w.rng;
  for (let i = 0; i < perYear; i++) {
    const receivedAt = w.local(store, r.pick(w.days), hhmm(r.int(9 * 60 + 30, 21 * 60)));
    const closedAt = receivedAt + r.int(10, 60) * MINUTE;
    w.tl.at(closedAt, `alert ${store.code}`, async () => {
      const type = r.weighted(ALERT_TYPES);
      const outcome =
        type === 'theft'
          ? r.weighted<'resolved' | 'apprehended' | 'handed_to_police'>([
              ['resolved', 30],
              ['apprehended', 40],
              ['handed_to_police', 30],
            ])
          : 'resolved';
      const [description, handling] = ALERT_TEXT[type] ?? ['', ''];
      const guard = w.users.get(store.people.guard)?.id as string;
      const dto = await createAlert(await w.ctx(store.people.guard), {
        siteId: store.id,
        receivedAt: new Date(receivedAt).toISOString(),
        source: r.pick(['cctv', 'patrol', 'customer', 'staff']),
        type,
        place: r.pick(store.places).name,
        description,
        handling,
        outcome,
        apprehendedCount:
          outcome === 'resolved'
            ? 0
            : r.weighted<number>([
                [1, 80],
                [2, 20],
              ]),
        officerIds: [guard],
        closedAt: new Date(closedAt).toISOString(),
      });
      w.count(`security.alerts.${store.code}`);
      if (outcome !== 'resolved' && r.chance(0.35)) {
        w.tl.at(w.tl.now() + r.int(1, 4) * DAY, `commend ${store.code}`, async () => {
          await commendOfficer(await w.ctx('head'), dto.id, { officerId: guard, note: '处置果断，挽回损失' });
          w.count('security.commendations');
        });
      }
    });
  }
}

export async function createDrillPlans(w: World, store: Store): Promise<void> {
  const ctx = await w.ctx('head');
  const commander = w.users.get(store.people.manager)?.id ?? null;
  await createDrillPlan(ctx, {
    siteId: store.id,
    name: '季度消防疏散演练',
    type: 'fire_evacuation',
    scenario: '二层女装区模拟起火，组织顾客和员工疏散。',
    place: '全楼',
    commanderId: commander,
    recurrence: {
      freq: 'quarterly',
      interval: 1,
      monthDay: 18,
      month: 2,
      times: ['08:30'],
      startDate: `${w.year}-01-01`,
      endDate: `${w.year}-12-31`,
      anchor: 'calendar',
    },
    windowHours: 72,
    leadDays: 7,
  });
  await createDrillPlan(ctx, {
    siteId: store.id,
    name: '停电应急演练',
    type: 'power_outage',
    scenario: '市电中断，启用应急照明和备用电源。',
    place: '地下一层配电室',
    commanderId: commander,
    recurrence: {
      freq: 'quarterly',
      interval: 2,
      monthDay: 10,
      month: 3,
      times: ['08:00'],
      startDate: `${w.year}-01-01`,
      endDate: `${w.year}-12-31`,
      anchor: 'calendar',
    },
    windowHours: 72,
    leadDays: 7,
  });
  w.count('drills.plans', 2);
  // one flood drill before the rainy season, planned by hand
  const planned = w.local(store, `${w.year}-06-20`, '08:30');
  w.tl.at(planned - 20 * DAY, `drill-plan ${store.code}`, async () => {
    const dto = await createDrill(await w.ctx('head'), {
      siteId: store.id,
      type: 'severe_weather',
      title: '防汛应急演练',
      scenario: '暴雨导致地下一层进水，启动排涝预案。',
      plannedAt: new Date(planned).toISOString(),
      place: '地下一层',
      commanderId: commander,
    });
    w.count('drills.one_off');
    carryDrill(w, store, dto.id, planned, false);
  });
}

/** After a job run: the drills the plans raised (a week ahead), each carried out — or not. */
export async function pickUpDrills(w: World): Promise<void> {
  const now = w.deps.clock.now().toISOString();
  const raised = await w.db
    .selectFrom('drills')
    .select(['id', 'site_id', 'planned_at'])
    .where('org_id', '=', w.orgId)
    .where('created_at', '=', now)
    .where('plan_id', 'is not', null)
    .orderBy('id')
    .execute();
  for (const d of raised) {
    const store = Object.values(w.stores).find((s) => s.id === d.site_id);
    if (store) carryDrill(w, store, d.id, Date.parse(d.planned_at), w.rng.chance(0.12));
  }
}

function carryDrill(w: World, store: Store, id: string, planned: number, missed: boolean): void {
  const r = w.rng;
  if (missed) {
    w.count('drills.fate.missed');
    return;
  }
  w.count('drills.fate.done');
  const startedAt = planned + r.int(0, 20) * MINUTE;
  const endedAt = startedAt + r.int(30, 70) * MINUTE;
  w.tl.at(endedAt + r.int(10, 60) * MINUTE, `drill ${store.code}`, async () => {
    const ctx = await w.ctx('head');
    const version = async () =>
      Number((await w.db.selectFrom('drills').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
    await recordDrill(ctx, id, {
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      commanderId: w.users.get(store.people.manager)?.id as string,
      participants: [
        { group: '保安部', count: r.int(6, 12) },
        { group: '工务部', count: r.int(3, 8) },
        { group: '专柜员工', count: r.int(20, 60) },
      ],
      version: await version(),
    });
    if (!r.chance(0.85)) return;
    w.tl.at(w.tl.now() + r.int(1, 5) * DAY, `drill-report ${store.code}`, async () => {
      await fileReport(await w.ctx('head'), id, {
        purpose: '检验应急预案，提高员工应急处置能力',
        course: '按预案完成报警、疏散、处置和清点人数。',
        problems: r.chance(0.5) ? '部分员工不熟悉疏散路线' : null,
        causes: null,
        lessons: '加强日常培训',
        evaluation: '演练达到预期目的',
        improvements: '补充疏散路线图',
        version: await version(),
      });
      w.count('drills.reports');
      if (r.chance(0.6)) actionItems(w, store, 'drill', id, 1);
    });
  });
}

const ACTION_TITLES = ['补充疏散路线图', '更换老化部件并建立台账', '组织专项培训', '增设警示标识', '修订应急预案'];

/** The head sets corrective actions for a record; the assignee carries them out, the head verifies. */
function actionItems(w: World, store: Store, ownerType: ActionOwnerType, ownerId: string, n: number): void {
  const r = w.rng;
  for (let i = 0; i < n; i++) {
    w.tl.at(w.tl.now() + r.int(10, 120) * MINUTE, `action ${store.code}`, async () => {
      const assignee = r.pick([store.people.technician, store.people.manager]);
      const days = r.int(7, 30);
      const dueDate = addDays(dateAt(store, w.tl.now()), days);
      const dto = await addActionItem(await w.ctx('head'), {
        ownerType,
        ownerId,
        kind: r.pick(['corrective', 'preventive', 'improvement'] as const),
        title: r.pick(ACTION_TITLES),
        assigneeId: w.users.get(assignee)?.id as string,
        dueDate,
      });
      w.count(`actions.created.${store.code}`);
      const fate = r.weighted<'in_time' | 'late' | 'never'>([
        ['in_time', 80],
        ['late', 12],
        ['never', 8],
      ]);
      w.count(`actions.fate.${fate}`);
      if (fate === 'never') return;
      const dueEnd = w.local(store, dueDate, '20:00');
      const submitAt = fate === 'late' ? dueEnd + r.int(1, 8) * DAY : Math.max(w.tl.now() + HOUR, dueEnd - r.int(1, days) * DAY);
      const version = async () =>
        Number((await w.db.selectFrom('action_items').select('version').where('id', '=', dto.id).executeTakeFirstOrThrow()).version);
      w.tl.at(submitAt, `action-submit ${store.code}`, async () => {
        await actOnActionItem(await w.ctx(assignee), dto.id, 'submit', { note: '已落实', version: await version() });
        w.tl.at(w.tl.now() + r.int(4, 72) * HOUR, `action-verify ${store.code}`, async () => {
          await actOnActionItem(await w.ctx('head'), dto.id, 'verify', { note: '验证通过', version: await version() });
        });
      });
    });
  }
}
