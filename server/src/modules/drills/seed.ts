import type { DrillParticipantGroup } from '../../../../contracts/drills.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import { loadConfig } from '../../config.js';
import { systemActor } from '../../platform/access/actor.js';
import { createActionItem } from '../../platform/actions/index.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { createNotifier } from '../../platform/notify/notifier.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDate, zonedInstant } from '../../platform/numbering/time.js';
import { completeOccurrence, generateFor, saveSchedule } from '../../platform/occurrences/engine.js';
import { ensureNumberingRule } from '../system/index.js';
import { DAY, DRILL_NUMBERING, HOUR, ONE_OFF_WINDOW_HOURS, PLAN_OWNER, participantTotal } from './common.js';
import { registerDrillOwners } from './drills.service.js';
import { raisePlannedDrill } from './handler.js';
import type { DrillPlanRow, DrillRow } from './schema.js';

/** Organisation defaults, idempotent (run on every start): drill numbering (YL). */
export async function seedDrillDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...DRILL_NUMBERING }, now);
}

const MINUTE = 60_000;

/** A system context for the demo: the engine's functions and createActionItem want one. */
function seedCtx(tx: Tx, orgId: string, now: string): Ctx {
  const at = () => new Date(now);
  return {
    db: tx,
    actor: { ...systemActor(orgId), name: '演示数据' },
    requestId: null,
    clock: { now: at },
    config: loadConfig({}),
    // the demo is history: nothing is sent
    notifier: { ...createNotifier([], at), send: async () => {} },
  };
}

const FIRE_SCENARIOS = [
  { place: '二层女装区', scenario: '二层女装区试衣间附近起火冒烟，烟感报警，消防控制室经现场确认后启动应急疏散预案。' },
  { place: '一层化妆品区', scenario: '一层化妆品区专柜电源插座短路起火，现场员工使用灭火器初期扑救，同时应急广播引导顾客疏散。' },
  { place: 'B座一层专柜库房', scenario: 'B座一层专柜库房纸箱堆垛起火，烟雾沿员工通道蔓延，组织库房及二层员工从东侧楼梯疏散。' },
  { place: '地下一层空调机房', scenario: '地下一层空调机房电机过热冒烟，切断相关设备电源，组织地下一层及一层人员疏散至广场集合点。' },
];

const FIRE_FINDINGS: { evaluation: string; problems: string | null; causes: string | null; improvements: string | null }[] = [
  { evaluation: '报警、疏散环节衔接顺畅，广播及时，整体达到预期效果。', problems: null, causes: null, improvements: null },
  {
    evaluation: '各岗位基本到位，疏散用时较上次缩短约 1 分钟。',
    problems: '部分专柜员工对最近的安全出口位置不熟悉，疏散时走向扶梯。',
    causes: '新入职专柜员工尚未参加岗前消防培训。',
    improvements: '组织新员工补训，并由疏散引导员现场指认各区域安全出口。',
  },
  {
    evaluation: '疏散组织有序，初期扑救动作规范，个别环节需改进。',
    problems: '二层东侧安全出口门外临时堆放纸箱，疏散时需绕行。',
    causes: '专柜补货后未及时清理包装纸箱，当班巡查未发现。',
    improvements: '立即清理安全出口堆放物；把安全出口畅通列为每日防火巡查重点。',
  },
  {
    evaluation: '整体有序，但地下一层广播效果不佳，影响疏散指令传达。',
    problems: '应急广播在地下一层音量偏小，部分区域听不清疏散指令。',
    causes: '地下一层广播扬声器老化，音量衰减。',
    improvements: '更换地下一层应急广播扬声器，并在下次演练中复测。',
  },
];

const FIRE_PREPARATION =
  '提前一天通知各部门及专柜负责人；检查应急广播、消防通道和广场集合点；准备灭火器 4 具、扩音器 2 个、计时表 1 块；安排各楼层疏散引导员就位。';
const FIRE_PURPOSE = '检验营业期间突发火情时各岗位的应急响应和组织疏散能力，使员工熟练掌握“一报警、二疏散、三扑救”的处置程序。';
const FIRE_LESSONS = '疏散引导员应提前熟悉负责区域的疏散路线；日常巡查要重点检查安全出口和疏散通道是否畅通。';

function fireCourse(place: string, minutes: number): string {
  return (
    `15:00 消防控制室接到${place}烟感报警，值班员通知保安前往确认；确认为火情后启动应急广播，总指挥下达疏散命令。` +
    `各楼层疏散引导员就位，引导顾客沿最近的安全出口疏散，义务消防队员携灭火器进行初期扑救；` +
    `${minutes} 分钟内全部人员疏散至广场集合点，各部门清点人数并向总指挥报告，演练结束后进行现场讲评。`
  );
}

function fireParticipants(i: number): DrillParticipantGroup[] {
  return [
    { group: '保安部', count: 8 + (i % 4), names: null },
    { group: '专柜员工', count: 32 + ((i * 7) % 15), names: null },
    { group: '工程部', count: 4 + (i % 3), names: null },
    { group: '保洁部', count: 5 + (i % 2), names: null },
  ];
}

interface OneOff {
  site: 'CC' | 'SY';
  type: string;
  title: string;
  scenario: string;
  location: string;
  place: string;
  daysAgo: number;
  start: string;
  minutes: number;
  participants: [string, number][];
  preparation: string;
  report: {
    purpose: string;
    course: string;
    evaluation: string;
    problems: string | null;
    causes: string | null;
    lessons: string;
    improvements: string | null;
  };
  /** an improvement tracked as an action item: assignee and verifier usernames */
  action?: { title: string; description: string; assignee: string; verifier: string; dueInDays: number };
}

const ONE_OFFS: OneOff[] = [
  {
    site: 'CC',
    type: 'power_outage',
    title: '全场突发停电应急演练',
    scenario: '开店前市电两路进线同时失电，营业区照明、扶梯和空调停运；检验柴油发电机切换、应急照明和客梯困人排查处置。',
    location: 'CC-A-B1-01',
    place: '地下一层配电室、一层营业区',
    daysAgo: 34,
    start: '08:00',
    minutes: 40,
    participants: [
      ['工程部', 6],
      ['保安部', 8],
      ['客服中心', 3],
    ],
    preparation: '提前与供电公司沟通演练时间；检查柴油发电机油位及蓄电池；准备对讲机 8 部、手电筒 10 支；营业前完成，不影响顾客。',
    report: {
      purpose: '检验突发停电时供配电切换、应急照明和人员安置的响应能力。',
      course:
        '08:00 配电室值班员报告两路市电失电，工程部 2 分钟内启动柴油发电机并切换至应急母线；保安逐层检查客梯，确认无困人；客服中心通过对讲通报各楼层；08:25 模拟市电恢复，恢复正常供电并复位各系统。',
      evaluation: '发电机切换用时 2 分 10 秒，符合预案要求；通报及时。',
      problems: '楼梯间 6 盏应急照明灯点亮不足 30 分钟即熄灭。',
      causes: '应急灯蓄电池老化，月度检查只做了点亮测试，未做持续放电测试。',
      lessons: '应急照明检查应包括持续放电时间，不能只看能否点亮。',
      improvements: '更换失效应急灯蓄电池；修订应急照明月度检查内容，增加 30 分钟放电测试。',
    },
    action: {
      title: '更换楼梯间 6 盏应急照明灯蓄电池并做放电测试',
      description: '演练中发现楼梯间应急照明持续时间不足 30 分钟，更换蓄电池后逐盏做 30 分钟放电测试并记录。',
      assignee: 'tech',
      verifier: 'property',
      dueInDays: 7,
    },
  },
  {
    site: 'CC',
    type: 'water_leak',
    title: '喷淋管道跑水应急演练',
    scenario: '二层女装区吊顶内喷淋支管接头爆裂跑水，水流漫延至扶梯口；检验关阀止水、商品转移和防止漏电的处置。',
    location: 'CC-A-2F-01',
    place: '二层女装区、扶梯口',
    daysAgo: 19,
    start: '21:45',
    minutes: 30,
    participants: [
      ['工程部', 5],
      ['保安部', 6],
      ['保洁部', 6],
      ['专柜员工', 12],
    ],
    preparation: '营业结束后进行；准备吸水泵、挡水沙袋、防水布；标注二层喷淋区域控制阀位置。',
    report: {
      purpose: '检验跑水事故发生后关阀止水、切断电源、转移商品和清理积水的协同处置能力。',
      course:
        '21:45 保安巡查发现二层女装区吊顶滴水，立即报告消防控制室；工程部 4 分钟到达并关闭二层喷淋区域控制阀，同时断开该区域专柜电源；专柜员工用防水布遮盖并转移商品，保洁部用吸水泵和挡水沙袋清理积水；22:10 现场恢复，演练结束。',
      evaluation: '关阀用时 4 分钟，商品转移有序；挡水沙袋取用较慢。',
      problems: '挡水沙袋存放在 B 座库房，取用耗时约 6 分钟。',
      causes: '防汛物资集中存放，未在各楼层设置取用点。',
      lessons: '应急物资应就近存放，并在平面图上标注位置。',
      improvements: '在各楼层消防器材间增设挡水沙袋存放点。',
    },
  },
  {
    site: 'CC',
    type: 'security_incident',
    title: '珠宝区抢夺事件处置演练',
    scenario: '一名可疑人员在一层珠宝区抢夺柜台首饰后向北门逃跑，专柜员工按下紧急报警按钮；检验报警响应、出入口封控和报警处置。',
    location: 'CC-A-1F-02',
    place: '一层珠宝区、北门',
    daysAgo: 9,
    start: '10:30',
    minutes: 30,
    participants: [
      ['保安部', 10],
      ['专柜员工', 15],
      ['客服中心', 2],
    ],
    preparation: '提前告知珠宝区专柜及辖区派出所；由保安扮演可疑人员；检查紧急报警按钮和监控回放。',
    report: {
      purpose: '检验突发治安事件时的报警、围堵和出入口封控能力，保护员工和顾客安全。',
      course:
        '10:30 珠宝区员工按下紧急报警按钮，监控中心 30 秒内调取画面并通报保安；北门岗按预案关闭电动门，巡逻保安 2 分钟内到达北门将“嫌疑人”控制；客服中心安抚顾客，监控中心保存录像，10:50 模拟移交民警。',
      evaluation: '报警响应和出入口封控及时，员工未与嫌疑人正面冲突，符合要求。',
      problems: null,
      causes: null,
      lessons: '员工遇抢夺应以自身安全为先，记住体貌特征并及时报警。',
      improvements: null,
    },
  },
  {
    site: 'SY',
    type: 'severe_weather',
    title: '暴雪天气应急演练',
    scenario: '气象台发布暴雪橙色预警，预计降雪 20 厘米以上；检验屋面及出入口除雪、防滑、人员安全和商品保护的应急准备。',
    location: 'SY-A-1F-01',
    place: '各出入口、屋面、停车场',
    daysAgo: 50,
    start: '14:00',
    minutes: 60,
    participants: [
      ['工程部', 6],
      ['保洁部', 10],
      ['保安部', 8],
    ],
    preparation: '准备融雪剂 20 袋、推雪板 10 把、防滑垫 12 块、警示牌 8 个；检查屋面排水和广告牌固定情况。',
    report: {
      purpose: '检验暴雪天气下除雪防滑、屋面安全检查和顾客疏导的组织能力。',
      course:
        '14:00 接到预警后总指挥启动预案；工程部检查屋面积雪及广告牌固定，保洁部在各出入口铺设防滑垫、撒融雪剂，保安在停车场引导车辆并设置警示牌；15:00 各组汇报完成情况，演练结束。',
      evaluation: '各组分工明确，物资准备基本充足。',
      problems: '北门出入口坡道防滑垫数量不足，坡道仍有打滑风险。',
      causes: '防滑垫按平地出入口配置，未考虑坡道长度。',
      lessons: '坡道、台阶等部位应单独配置防滑措施并设警示。',
      improvements: '北门坡道加铺防滑垫并增设防滑警示牌。',
    },
    action: {
      title: '北门坡道加铺防滑垫并增设防滑警示牌',
      description: '暴雪演练发现北门坡道防滑垫不足，按坡道全长补充防滑垫，并在坡道两端增设警示牌。',
      assignee: 'tech_sy',
      verifier: 'head',
      dueInDays: 10,
    },
  },
  {
    site: 'SY',
    type: 'equipment_shutdown',
    title: '客梯困人应急救援演练',
    scenario: '3 号客梯运行中突然停在两层之间，轿厢内困 3 名顾客；检验困人安抚、维保单位联动和人工盘车救援。',
    location: 'SY-A-1F-01',
    place: '3 号客梯、一层电梯厅',
    daysAgo: 27,
    start: '09:00',
    minutes: 35,
    participants: [
      ['工程部', 4],
      ['保安部', 5],
      ['电梯维保单位', 2],
    ],
    preparation: '营业前进行；通知电梯维保单位到场配合；准备盘车工具、三角钥匙和警示围挡。',
    report: {
      purpose: '检验电梯困人时的通话安抚、维保联动和救援程序，确保 30 分钟内解困。',
      course:
        '09:00 监控中心接到 3 号客梯紧急呼叫，值班员通过对讲安抚被困人员并通知工程部和维保单位；工程部 5 分钟到场切断主电源，确认轿厢位置；维保人员到场后人工盘车至平层，09:25 打开层门救出被困人员。',
      evaluation: '25 分钟完成解困，符合 30 分钟要求；安抚通话及时。',
      problems: null,
      causes: null,
      lessons: '工程部值班人员应熟练掌握人工盘车操作，不能完全依赖维保单位。',
      improvements: '组织工程部值班人员参加人工盘车实操培训。',
    },
  },
];

/**
 * Demo drills of 长春店 and 沈阳店: a 消防疏散 plan each, Tuesdays and Fridays at 15:00,
 * generated through the occurrence engine from two months back — the past drills mostly
 * done with records and reports, a few missed, the next one raised as planned — and
 * one-off drills of other types (停电, 跑水, 治安事件, 恶劣天气, 设备停运) with reports, two
 * of them with an improvement tracked as an action item. Like the rest of the demo data,
 * the drills themselves write no audit entries.
 */
export async function seedDrillDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const sites = await tx.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).execute();
  const site = new Map(sites.map((s) => [s.code, s]));
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute()).map((u) => [u.username, u.id] as const),
  );
  const locations = new Map(
    (await tx.selectFrom('locations').select(['id', 'code']).where('org_id', '=', orgId).execute()).map((l) => [l.code, l.id] as const),
  );
  const ctx = seedCtx(tx, orgId, now);
  const people = {
    CC: { commander: users.get('property') ?? null, recorder: users.get('security') ?? null },
    SY: { commander: users.get('head') ?? null, recorder: users.get('head') ?? null },
  };
  for (const code of ['CC', 'SY'] as const) {
    const s = site.get(code);
    if (s) await seedFirePlan(ctx, tx, { ...s, code }, locations.get(`${code}-A`) ?? null, people[code]);
  }
  // the action items load their owner (the drill) through its registered handler
  registerDrillOwners();
  for (const d of ONE_OFFS) {
    const s = site.get(d.site);
    if (!s) continue;
    const p = people[d.site];
    const date = zonedDate(new Date(Date.parse(now) - d.daysAgo * DAY), s.timezone);
    const started = zonedInstant(date, d.start, s.timezone);
    const ended = new Date(started.getTime() + d.minutes * MINUTE);
    const groups = d.participants.map(([group, count]) => ({ group, count, names: null }));
    const filedAt = new Date(ended.getTime() + 20 * HOUR).toISOString();
    const row: DrillRow = {
      id: newId(),
      org_id: orgId,
      site_id: s.id,
      number: await nextNumber(tx, { orgId, ruleCode: DRILL_NUMBERING.code, siteId: s.id, at: started }),
      plan_id: null,
      occurrence_id: null,
      type: d.type,
      title: d.title,
      scenario: d.scenario,
      planned_at: started.toISOString(),
      due_by: new Date(started.getTime() + ONE_OFF_WINDOW_HOURS * HOUR).toISOString(),
      status: 'done',
      location_id: locations.get(d.location) ?? null,
      place: d.place,
      commander_id: p.commander,
      started_at: started.toISOString(),
      ended_at: ended.toISOString(),
      participants: JSON.stringify(groups),
      participant_count: participantTotal(groups),
      preparation: d.preparation,
      ...d.report,
      report_filed_at: filedAt,
      report_filed_by: p.recorder,
      cancel_reason: null,
      recorded_by: p.recorder,
      created_by: p.recorder,
      created_at: ended.toISOString(),
      updated_at: filedAt,
      version: 3,
    };
    await tx.insertInto('drills').values(row).execute();
    const assignee = d.action ? users.get(d.action.assignee) : undefined;
    if (d.action && assignee) {
      await createActionItem(ctx, tx, 'drill', row.id, {
        kind: 'improvement',
        title: d.action.title,
        description: d.action.description,
        assigneeId: assignee,
        dueDate: zonedDate(new Date(Date.parse(now) + d.action.dueInDays * DAY), s.timezone),
        verifierId: users.get(d.action.verifier) ?? null,
      });
    }
  }
}

/**
 * One site's 消防疏散 plan with two months of history: the schedule is saved and generated
 * as of two months ago (the engine starts a new schedule at "now"), then every occurrence
 * whose lead time has come is raised as the handler would, and those whose window has
 * passed are recorded (completing the occurrence) or marked missed as the sweep would.
 */
async function seedFirePlan(
  ctx: Ctx,
  tx: Tx,
  s: { id: string; code: 'CC' | 'SY'; timezone: string },
  locationId: string | null,
  people: { commander: string | null; recorder: string | null },
): Promise<void> {
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  const start = new Date(nowDate.getTime() - 60 * DAY);
  const plan: DrillPlanRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: s.id,
    name: '营业期间消防疏散演练',
    type: 'fire_evacuation',
    scenario: '营业期间楼层突发火情，启动灭火和应急疏散预案，引导顾客和员工从最近的安全出口疏散至广场集合点。',
    location_id: locationId,
    place: 'A座主楼各楼层、广场集合点',
    commander_id: people.commander,
    window_hours: 24,
    lead_days: 3,
    active: 1,
    created_by: people.commander,
    created_at: start.toISOString(),
    updated_at: start.toISOString(),
    version: 1,
  };
  await tx.insertInto('drill_plans').values(plan).execute();
  const rule: Recurrence = {
    freq: 'weekly',
    interval: 1,
    weekdays: [2, 5],
    times: ['15:00'],
    startDate: zonedDate(start, s.timezone),
    anchor: 'calendar',
  };
  const schedule = await saveSchedule(
    tx,
    {
      orgId: plan.org_id,
      siteId: s.id,
      ownerType: PLAN_OWNER,
      ownerId: plan.id,
      recurrence: rule,
      windowMinutes: plan.window_hours * 60,
      leadMinutes: plan.lead_days * 1440,
      active: true,
    },
    start,
  );
  // generated from two months back up to the engine's usual horizon from now
  await generateFor(tx, schedule, start, 60 + 62);
  const due = await tx
    .selectFrom('occurrences')
    .selectAll()
    .where('schedule_id', '=', schedule.id)
    .where('lead_at', '<=', now)
    .orderBy('due_at')
    .execute();
  const past = due.filter((o) => o.window_end_at <= now);
  const lastReported = past.length - 2;
  let i = 0;
  for (const o of due) {
    const drill = await raisePlannedDrill(ctx, tx, plan, o, false);
    await tx.updateTable('occurrences').set({ item_type: 'drill', item_id: drill.id }).where('id', '=', o.id).execute();
    if (o.window_end_at > now) continue;
    const n = i++;
    // a few drills of the two months were not carried out
    if (n % 7 === 4) {
      await tx
        .updateTable('occurrences')
        .set({ status: 'missed', missed_at: o.window_end_at, updated_at: o.window_end_at })
        .where('id', '=', o.id)
        .execute();
      await tx
        .updateTable('drills')
        .set({ status: 'missed', updated_at: o.window_end_at, version: 2 })
        .where('id', '=', drill.id)
        .execute();
      continue;
    }
    const fire = FIRE_SCENARIOS[n % FIRE_SCENARIOS.length] as (typeof FIRE_SCENARIOS)[number];
    const findings = FIRE_FINDINGS[n % FIRE_FINDINGS.length] as (typeof FIRE_FINDINGS)[number];
    const started = new Date(Date.parse(o.due_at) + (n % 3) * 5 * MINUTE);
    const minutes = 25 + (n % 4) * 5;
    const ended = new Date(started.getTime() + minutes * MINUTE);
    const recordedAt = new Date(ended.getTime() + 30 * MINUTE);
    const groups = fireParticipants(n);
    // the latest ones have a record but no report yet
    const report = n < lastReported;
    const filedAt = new Date(ended.getTime() + 20 * HOUR).toISOString();
    await completeOccurrence(tx, o, { at: recordedAt, by: people.recorder });
    await tx
      .updateTable('drills')
      .set({
        status: 'done',
        scenario: fire.scenario,
        started_at: started.toISOString(),
        ended_at: ended.toISOString(),
        participants: JSON.stringify(groups),
        participant_count: participantTotal(groups),
        preparation: FIRE_PREPARATION,
        recorded_by: people.recorder,
        ...(report
          ? {
              purpose: FIRE_PURPOSE,
              course: fireCourse(fire.place, 4 + (n % 3)),
              evaluation: findings.evaluation,
              problems: findings.problems,
              causes: findings.causes,
              lessons: FIRE_LESSONS,
              improvements: findings.improvements,
              report_filed_at: filedAt,
              report_filed_by: people.recorder,
            }
          : {}),
        updated_at: report ? filedAt : recordedAt.toISOString(),
        version: report ? 3 : 2,
      })
      .where('id', '=', drill.id)
      .execute();
  }
}
