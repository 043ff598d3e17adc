import type { QuestionInput } from '../../../../contracts/training.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDate, zonedInstant } from '../../platform/numbering/time.js';
import { drawQuestions } from './draw.js';
import { type ChosenAnswer, normaliseQuestion, type StoredQuestion, scoreAttempt } from './questions.js';
import { newCheckinCode, SESSION_NUMBERING } from './sessions.service.js';
import { SPOT_CHECK_NUMBERING } from './spotchecks.service.js';

/**
 * Demo records for 长春店 and 沈阳店 over about two months: sessions of every training
 * type with their sign-ins, two question banks with real questions, spot checks with
 * submitted attempts (some failing), an open spot check for `tech` and `security` due in
 * a few days (a quiz to take right away) and a session starting shortly for the QR
 * sign-in. Attempts are drawn and scored by the module's own draw and scoring.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;

const single = (text: string, options: string[], answer: number, explanation: string | null = null): QuestionInput => ({
  kind: 'single',
  text,
  options,
  answer: [answer],
  explanation,
});
const multiple = (text: string, options: string[], answer: number[], explanation: string | null = null): QuestionInput => ({
  kind: 'multiple',
  text,
  options,
  answer,
  explanation,
});
const judge = (text: string, right: boolean, explanation: string | null = null): QuestionInput => ({
  kind: 'judge',
  text,
  options: ['对', '错'],
  answer: [right ? 0 : 1],
  explanation,
});

export const FIRE_QUESTIONS: QuestionInput[] = [
  single('火警报警电话是多少？', ['119', '110', '120', '122'], 0, '火警 119，匪警 110，急救 120，交通事故 122。'),
  single(
    '营业期间发现火情，首先应当怎么做？',
    ['立即报警，并通知消防控制室', '先收拾个人贵重物品', '乘电梯下楼查看情况', '等待领导指示后再行动'],
    0,
    '发现火情应立即拨打 119 并通知消防控制室，同时就近扑救初起火灾、引导顾客疏散。',
  ),
  judge('发生火灾时，可以乘坐普通电梯逃生。', false, '火灾时普通电梯可能断电停运，电梯井还会成为烟囱，应走疏散楼梯。'),
  single(
    '手提式干粉灭火器的正确使用顺序是？',
    [
      '提起灭火器—拔掉保险销—握住喷管对准火焰根部—压下压把',
      '拔掉保险销—压下压把—提起灭火器—对准火焰',
      '握住喷管—压下压把—拔掉保险销—提起灭火器',
      '压下压把—提起灭火器—拔掉保险销—对准火焰',
    ],
    0,
    '口诀“提、拔、握、压”。',
  ),
  single(
    '使用灭火器灭火时，喷射口应对准？',
    ['火焰根部', '火焰上部', '火焰中部', '烟雾最浓处'],
    0,
    '对准火焰根部才能覆盖燃烧物，扑灭火源。',
  ),
  multiple(
    '下列属于安全出口、疏散通道管理要求的有？',
    ['保持畅通，不得堆放物品', '营业期间不得锁闭安全出口', '可在疏散通道临时摆放促销台', '疏散指示标志、应急照明保持完好'],
    [0, 1, 3],
    '占用、堵塞、封闭疏散通道和安全出口属于违法行为，促销台也不得摆放在疏散通道内。',
  ),
  judge('常闭式防火门平时应保持关闭状态。', true, '常闭式防火门应关闭，闭门器、顺序器应完好，不得用物品顶住。'),
  single(
    '公众聚集场所在营业期间的防火巡查，应当至少每隔多长时间一次？',
    ['2 小时', '4 小时', '8 小时', '每天一次'],
    0,
    '《机关、团体、企业、事业单位消防安全管理规定》第二十六条：公众聚集场所在营业期间的防火巡查应当至少每二小时一次。',
  ),
  multiple(
    '预防电气火灾的做法有？',
    ['不私拉乱接电线', '不超负荷用电', '下班后关闭不用的电器电源', '保险丝熔断后用铜丝代替'],
    [0, 1, 2],
    '用铜丝代替保险丝会使线路过载时不能熔断保护，极易引发火灾。',
  ),
  single(
    '身上衣服着火时，正确的做法是？',
    ['就地打滚，或用厚重衣物压灭火苗', '迎风奔跑呼救', '用手拍打火苗', '从高处跳入水池'],
    0,
    '奔跑会加速空气流动使火势更大，应就地打滚压灭火苗。',
  ),
  judge('火场逃生时，应用湿毛巾捂住口鼻，低姿弯腰沿疏散指示方向撤离。', true, '烟气向上聚集，低姿前进可以减少吸入有毒烟气。'),
  multiple(
    '消防安全“四个能力”包括？',
    ['检查消除火灾隐患能力', '扑救初起火灾能力', '组织人员疏散逃生能力', '消防宣传教育培训能力', '火灾事故调查处理能力'],
    [0, 1, 2, 3],
    '火灾事故调查由消防救援机构负责，不属于单位的“四个能力”。',
  ),
  judge('灭火器压力表指针在红色区域，表示压力不足，应及时送检充装。', true, '指针在绿区为正常，红区为压力不足，黄区为压力过高。'),
  single(
    '扑救初起火灾的最佳时机一般是起火后？',
    ['5 分钟内', '30 分钟内', '1 小时内', '2 小时内'],
    0,
    '起火后几分钟内火势较小，是扑救的最佳时机。',
  ),
];

export const BRAND_QUESTIONS: QuestionInput[] = [
  single('顾客询问化妆品专区，应引导到哪里？', ['A座一层', 'A座二层', 'A座地下一层', 'B座一层'], 0, '化妆品区位于 A座主楼一层。'),
  judge('珠宝区位于 A座主楼一层。', true),
  single('女装区位于？', ['A座二层', 'A座一层', 'A座地下一层', 'B座一层'], 0, '女装区在 A座主楼二层。'),
  multiple('A座主楼一层有哪些区域？', ['化妆品区', '珠宝区', '女装区', '消防控制室'], [0, 1, 3], '女装区在二层。'),
  single('专柜库房位于？', ['B座后区一层', 'A座地下一层', 'A座二层', 'A座一层'], 0, '专柜库房在 B座后区一层库房内。'),
  judge('员工通道位于 A座二层，顾客购物时可以引导顾客从员工通道通行。', false, '员工通道仅供员工和货物通行，不得引导顾客使用。'),
  single(
    '配电室、水泵房、空调机房位于？',
    ['A座地下一层', 'A座一层', 'A座二层', 'B座一层'],
    0,
    '设备机房集中在 A座地下一层，非工作人员不得入内。',
  ),
  judge('顾客问路时，应主动指明方向或引导前往，不能只回答“不知道”。', true, '首问负责：不清楚时应查询或请同事协助后答复顾客。'),
  multiple(
    '顾客在一层询问珠宝、化妆品以外的业种时，正确的做法有？',
    ['说明所在楼层和大致方位', '必要时陪同引导', '让顾客自己去找', '不清楚时向服务台查询后答复'],
    [0, 1, 3],
  ),
];

interface DemoSession {
  site: 'CC' | 'SY';
  title: string;
  type: string;
  /** days before now (negative: after); 'soon' starts 20 minutes from now */
  day: number | 'soon';
  start?: string;
  minutes: number;
  trainer: { user: string } | { name: string };
  place: string;
  invited?: string[];
  /** username → signed in by QR (true) or by hand (false) */
  signed?: Record<string, boolean>;
  cancelled?: string;
  description?: string;
}

const SESSIONS: DemoSession[] = [
  {
    site: 'CC',
    title: '新员工入职安全培训',
    type: 'induction_safety',
    day: 56,
    minutes: 120,
    trainer: { user: 'head' },
    place: 'A座二层培训室',
    invited: ['dispatcher', 'tech', 'security', 'property'],
    signed: { dispatcher: true, tech: true, security: true },
    description: '安全生产责任制、岗位安全操作规程、消防安全“四个能力”、事故报告程序。',
  },
  {
    site: 'CC',
    title: '消防设施操作与灭火器实操',
    type: 'fire',
    day: 41,
    minutes: 90,
    trainer: { name: '长春市消防救援支队 李教官' },
    place: 'A座一层消防控制室及后广场',
    signed: { tech: true, security: true, property: true, dispatcher: true, head: false },
    description: '火灾自动报警系统、室内消火栓、灭火器的使用；初起火灾扑救实操。',
  },
  {
    site: 'CC',
    title: '岗位技能：配电室安全操作规程',
    type: 'job_skills',
    day: 27,
    minutes: 90,
    trainer: { user: 'property' },
    place: 'A座地下一层配电室',
    invited: ['tech', 'security'],
    signed: { tech: true, security: false },
  },
  {
    site: 'CC',
    title: '品牌业种位置培训（春季调整）',
    type: 'brand_location',
    day: 16,
    minutes: 60,
    trainer: { user: 'dispatcher' },
    place: 'A座一层服务台',
    signed: { dispatcher: true, security: true, tech: true },
  },
  {
    site: 'CC',
    title: '服务礼仪与仪容仪表培训',
    type: 'etiquette',
    day: 8,
    minutes: 60,
    trainer: { name: '外聘礼仪讲师 王老师' },
    place: 'A座二层培训室',
    signed: { dispatcher: true, security: true, property: true },
  },
  {
    site: 'CC',
    title: '春季服务礼仪复训',
    type: 'etiquette',
    day: 2,
    minutes: 60,
    trainer: { name: '外聘礼仪讲师 王老师' },
    place: 'A座二层培训室',
    cancelled: '讲师临时有事，改期另行通知',
  },
  {
    site: 'CC',
    title: '应急疏散预案培训',
    type: 'emergency',
    day: 'soon',
    minutes: 100,
    trainer: { user: 'head' },
    place: 'A座二层培训室',
    signed: { dispatcher: true },
    description: '疏散路线、各楼层疏散引导员职责、集合点与清点人数。现场扫码签到。',
  },
  {
    site: 'CC',
    title: '消防安全知识复训',
    type: 'fire',
    day: -7,
    minutes: 90,
    trainer: { user: 'property' },
    place: 'A座二层培训室',
    invited: ['tech', 'security', 'dispatcher'],
  },
  {
    site: 'SY',
    title: '新员工入职安全培训',
    type: 'induction_safety',
    day: 50,
    minutes: 120,
    trainer: { user: 'head' },
    place: 'A座二层培训室',
    invited: ['tech_sy', 'cleaner'],
    signed: { tech_sy: true, cleaner: true },
  },
  {
    site: 'SY',
    title: '消防设施与灭火器使用培训',
    type: 'fire',
    day: 33,
    minutes: 90,
    trainer: { name: '沈阳市和平区消防救援大队 张教官' },
    place: 'A座一层消防控制室',
    signed: { tech_sy: true, cleaner: true, storekeeper: false },
  },
  {
    site: 'SY',
    title: '岗位技能：保洁化学品安全使用',
    type: 'job_skills',
    day: 21,
    minutes: 60,
    trainer: { user: 'head' },
    place: 'B座一层库房',
    invited: ['cleaner'],
    signed: { cleaner: true },
  },
  {
    site: 'SY',
    title: '品牌业种位置培训',
    type: 'brand_location',
    day: 12,
    minutes: 60,
    trainer: { user: 'head' },
    place: 'A座一层服务台',
    signed: { tech_sy: true, cleaner: true },
  },
  {
    site: 'SY',
    title: '文明服务礼仪培训',
    type: 'etiquette',
    day: 4,
    minutes: 60,
    trainer: { name: '外聘礼仪讲师 王老师' },
    place: 'A座二层培训室',
    signed: { cleaner: true, tech_sy: false },
  },
  {
    site: 'SY',
    title: '突发事件应急处置培训',
    type: 'emergency',
    day: -5,
    minutes: 90,
    trainer: { user: 'head' },
    place: 'A座二层培训室',
  },
];

interface DemoCheck {
  site: 'CC' | 'SY';
  title: string;
  bank: 'fire' | 'brand';
  questions: number;
  passMark: number;
  /** created this many days before now; due `openDays` later */
  createdDaysAgo: number;
  openDays: number;
  /** username → questions answered wrong (null: not taken) */
  people: Record<string, number | null>;
}

const CHECKS: DemoCheck[] = [
  {
    site: 'CC',
    title: '消防知识抽查（二月）',
    bank: 'fire',
    questions: 5,
    passMark: 80,
    createdDaysAgo: 38,
    openDays: 7,
    people: { tech: 0, security: 1, dispatcher: 2, property: null },
  },
  {
    site: 'CC',
    title: '品牌业种位置抽查',
    bank: 'brand',
    questions: 5,
    passMark: 80,
    createdDaysAgo: 14,
    openDays: 4,
    people: { dispatcher: 0, security: 2, tech: 1 },
  },
  {
    site: 'SY',
    title: '消防知识抽查（沈阳店）',
    bank: 'fire',
    questions: 6,
    passMark: 80,
    createdDaysAgo: 30,
    openDays: 5,
    people: { tech_sy: 1, cleaner: 3 },
  },
  {
    site: 'SY',
    title: '品牌业种位置抽查（沈阳店）',
    bank: 'brand',
    questions: 4,
    passMark: 75,
    createdDaysAgo: 9,
    openDays: 3,
    people: { tech_sy: 0, cleaner: 1 },
  },
  {
    site: 'CC',
    title: '消防安全知识随机抽查',
    bank: 'fire',
    questions: 5,
    passMark: 80,
    createdDaysAgo: 1,
    openDays: 4,
    people: { tech: null, security: null },
  },
];

/** A wrong choice for a question: another option, or a multiple choice missing one answer. */
function wrongChoice(q: StoredQuestion): number[] {
  if (q.kind === 'multiple') return q.answer.length > 1 ? q.answer.slice(1) : [(Number(q.answer[0]) + 1) % q.options.length];
  return [(Number(q.answer[0]) + 1) % q.options.length];
}

export async function seedTrainingDemoRecords(tx: Tx, orgId: string, nowIso: string): Promise<void> {
  const now = new Date(nowIso);
  const sites = await tx
    .selectFrom('sites')
    .select(['id', 'code', 'timezone'])
    .where('org_id', '=', orgId)
    .where('code', 'in', ['CC', 'SY'])
    .execute();
  const site = new Map(sites.map((s) => [s.code, s]));
  const users = await tx.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute();
  const user = new Map(users.map((u) => [u.username, u.id]));
  const id = (username: string) => {
    const found = user.get(username);
    if (!found) throw new Error(`demo user ${username} missing`);
    return found;
  };
  const headId = id('head');
  /** local `HH:mm` on the day `days` before now, at the site */
  const localAt = (code: 'CC' | 'SY', days: number, time: string) => {
    const tz = site.get(code)?.timezone ?? 'Asia/Shanghai';
    return zonedInstant(zonedDate(new Date(now.getTime() - days * DAY), tz), time, tz);
  };

  for (const s of SESSIONS) {
    const siteRow = site.get(s.site);
    if (!siteRow) continue;
    const starts = s.day === 'soon' ? new Date(now.getTime() + 20 * MINUTE) : localAt(s.site, s.day, s.start ?? '14:00');
    const ends = new Date(starts.getTime() + s.minutes * MINUTE);
    const created = new Date(Math.min(starts.getTime(), now.getTime()) - 7 * DAY).toISOString();
    const sessionId = newId();
    const number = await nextNumber(tx, { orgId, ruleCode: SESSION_NUMBERING.code, siteId: siteRow.id, at: starts });
    await tx
      .insertInto('training_sessions')
      .values({
        id: sessionId,
        org_id: orgId,
        site_id: siteRow.id,
        number,
        title: s.title,
        type: s.type,
        trainer_id: 'user' in s.trainer ? id(s.trainer.user) : null,
        trainer_name: 'name' in s.trainer ? s.trainer.name : null,
        starts_at: starts.toISOString(),
        ends_at: ends.toISOString(),
        location_id: null,
        place: s.place,
        description: s.description ?? null,
        // ended sessions read done by time, as in use (nobody marks them)
        status: s.cancelled ? 'cancelled' : 'planned',
        cancel_reason: s.cancelled ?? null,
        checkin_code: newCheckinCode(),
        created_by: headId,
        created_at: created,
        updated_at: created,
        version: 1,
      })
      .execute();
    const people = new Set([...(s.invited ?? []), ...Object.keys(s.signed ?? {})]);
    let k = 0;
    for (const username of people) {
      const byQr = s.signed?.[username];
      const signedAt =
        byQr === undefined ? null : new Date(Math.min(starts.getTime() + (byQr ? -10 + 3 * k++ : 5) * MINUTE, now.getTime()));
      await tx
        .insertInto('training_attendees')
        .values({
          id: newId(),
          org_id: orgId,
          session_id: sessionId,
          user_id: id(username),
          invited: s.invited?.includes(username) ? 1 : 0,
          signed_in_at: signedAt?.toISOString() ?? null,
          method: byQr === undefined ? null : byQr ? 'qr' : 'manual',
          signed_in_by: byQr === undefined ? null : byQr ? id(username) : headId,
          created_at: created,
        })
        .execute();
    }
  }

  const banks = {
    fire: { id: newId(), name: '消防安全知识', topic: 'fire', questions: FIRE_QUESTIONS },
    brand: { id: newId(), name: '品牌业种位置', topic: 'brand_location', questions: BRAND_QUESTIONS },
  };
  const stored: Record<'fire' | 'brand', StoredQuestion[]> = { fire: [], brand: [] };
  const bankCreated = new Date(now.getTime() - 60 * DAY).toISOString();
  for (const key of ['fire', 'brand'] as const) {
    const b = banks[key];
    stored[key] = b.questions.map((q) => normaliseQuestion(q, newId()));
    await tx
      .insertInto('question_banks')
      .values({
        id: b.id,
        org_id: orgId,
        name: b.name,
        topic: b.topic,
        description:
          key === 'fire' ? '消防法规常识、灭火器与消火栓使用、疏散逃生。' : '各楼层业种与区域位置（A座主楼、B座后区），顾客问路时的答复。',
        questions: JSON.stringify(stored[key]),
        question_count: stored[key].length,
        active: 1,
        created_by: headId,
        created_at: bankCreated,
        updated_at: bankCreated,
        version: 1,
      })
      .execute();
  }

  for (const c of CHECKS) {
    const siteRow = site.get(c.site);
    if (!siteRow) continue;
    const created = localAt(c.site, c.createdDaysAgo, '09:30');
    const due = localAt(c.site, c.createdDaysAgo - c.openDays, '18:00');
    const checkId = newId();
    const number = await nextNumber(tx, { orgId, ruleCode: SPOT_CHECK_NUMBERING.code, siteId: siteRow.id, at: created });
    const manager = c.site === 'CC' ? id('property') : headId;
    await tx
      .insertInto('spot_checks')
      .values({
        id: checkId,
        org_id: orgId,
        site_id: siteRow.id,
        number,
        title: c.title,
        bank_id: banks[c.bank].id,
        topic: banks[c.bank].topic,
        question_count: c.questions,
        pass_mark: c.passMark,
        due_at: due.toISOString(),
        status: 'open',
        closed_at: null,
        created_by: manager,
        created_at: created.toISOString(),
        updated_at: created.toISOString(),
        version: 1,
      })
      .execute();
    let k = 0;
    for (const [username, wrong] of Object.entries(c.people)) {
      const userId = id(username);
      await tx
        .insertInto('spot_check_participants')
        .values({ id: newId(), org_id: orgId, spot_check_id: checkId, user_id: userId, created_at: created.toISOString() })
        .execute();
      if (wrong === null) continue;
      const attemptId = newId();
      const pool = stored[c.bank];
      const drawn = drawQuestions(attemptId, pool.length, c.questions).map((i) => pool[i] as StoredQuestion);
      const answers: ChosenAnswer[] = drawn.map((q, i) => ({ questionId: q.id, chosen: i < wrong ? wrongChoice(q) : q.answer }));
      const scored = scoreAttempt(drawn, answers, c.passMark);
      const started = new Date(created.getTime() + (2 + k++) * 3_600_000);
      const submitted = new Date(started.getTime() + 6 * MINUTE);
      await tx
        .insertInto('quiz_attempts')
        .values({
          id: attemptId,
          org_id: orgId,
          spot_check_id: checkId,
          site_id: siteRow.id,
          user_id: userId,
          questions: JSON.stringify(drawn),
          started_at: started.toISOString(),
          submitted_at: submitted.toISOString(),
          answers: JSON.stringify(answers),
          score: scored.score,
          passed: scored.passed ? 1 : 0,
          created_at: started.toISOString(),
          updated_at: submitted.toISOString(),
          version: 2,
        })
        .execute();
    }
  }
}
