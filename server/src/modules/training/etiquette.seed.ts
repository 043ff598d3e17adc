import type { ChecklistAnswer, ChecklistItem, ChecklistTemplateInput } from '../../../../contracts/checklists.js';
import { loadConfig } from '../../config.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { createNotifier } from '../../platform/notify/notifier.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDate, zonedInstant } from '../../platform/numbering/time.js';
import { attachChecklist, seedTemplate } from '../checklists/index.js';
import { ensureNumberingRule } from '../system/index.js';
import type { EtiquetteCheckRow } from './etiquette.schema.js';
import { etiquetteScore } from './etiquette.score.js';
import { ETIQUETTE_NUMBERING, ETIQUETTE_SUBJECT } from './etiquette.service.js';

/** codes of the two etiquette checklists every organisation starts with */
export const APPEARANCE_TEMPLATE = 'ETIQUETTE-APPEARANCE';
export const MANNERS_TEMPLATE = 'ETIQUETTE-MANNERS';

const pass = (key: string, label: string, hint: string): ChecklistItem => ({ key, label, kind: 'pass_fail', required: true, hint });

/** 仪容仪表检查表: what a store's staff look like on the floor (着装、工牌、发型、妆容、饰品、指甲、鞋袜、卫生). */
export const APPEARANCE: ChecklistTemplateInput = {
  code: APPEARANCE_TEMPLATE,
  name: '仪容仪表检查表',
  purpose: 'inspection',
  description: '营业期间对员工及专柜人员仪容仪表的抽查，按合格项比例计分。',
  items: [
    pass('uniform', '着装统一整洁', '按规定穿着工装，无污渍、破损、明显褶皱，纽扣齐全'),
    pass('badge', '佩戴工牌', '工牌佩戴于左胸前，端正、清晰，不遮挡'),
    pass('hair', '发型整洁', '头发干净，长发盘起，刘海不遮眼；男员工不留长发'),
    pass('makeup', '妆容得体', '女员工淡妆上岗，男员工不留胡须'),
    pass('jewelry', '不佩戴夸张饰品', '不戴夸张耳环、手链，首饰不超过规定件数'),
    pass('nails', '指甲清洁', '不留长指甲，不涂艳色指甲油'),
    pass('shoes', '鞋袜符合规定', '穿规定颜色的工鞋，鞋面干净，不穿拖鞋'),
    pass('hygiene', '个人卫生良好', '身体无异味，口气清新'),
    { key: 'note', label: '其他情况', kind: 'text', required: false },
  ],
};

/** 礼貌礼仪检查表: how they receive customers (问候、文明用语、站姿、微笑、指引、解答、送别). */
export const MANNERS: ChecklistTemplateInput = {
  code: MANNERS_TEMPLATE,
  name: '礼貌礼仪检查表',
  purpose: 'inspection',
  description: '营业期间对服务礼仪的现场检查（可由神秘顾客进行），按合格项比例计分。',
  items: [
    pass('greeting', '主动问候', '顾客进入 3 米内主动微笑问候'),
    pass('language', '使用文明用语', '“您好”“请”“谢谢”“对不起”“再见”不离口，不说服务忌语'),
    pass('posture', '站姿规范', '挺胸收腹，双手自然交叠于腹前，不倚靠柜台、不抱臂'),
    pass('smile', '面带微笑、目光友善', '与顾客交流时注视对方，表情自然'),
    pass('discipline', '在岗行为规范', '不聚堆聊天，不玩手机，不在营业区吃东西'),
    pass('guidance', '指引手势规范', '五指并拢、掌心向上指引方向，必要时陪同前往'),
    pass('patience', '耐心解答', '耐心解答顾客询问，不与顾客争执，不推诿'),
    pass('farewell', '礼貌送别', '顾客离开时礼貌道别'),
    {
      key: 'overall',
      label: '服务态度总体评价',
      kind: 'choice',
      required: true,
      options: ['优', '良', '一般', '差'],
      failOptions: ['差'],
    },
    { key: 'note', label: '其他情况', kind: 'text', required: false },
  ],
};

/**
 * Organisation defaults, idempotent (S-D's seedTrainingDefaults runs this on every start):
 * the LY numbering rule and the two etiquette checklists, when the organisation has none
 * with their codes.
 */
export async function seedEtiquetteDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...ETIQUETTE_NUMBERING }, now);
  await seedTemplate(tx, orgId, APPEARANCE, new Date(now));
  await seedTemplate(tx, orgId, MANNERS, new Date(now));
}

interface DemoCheck {
  site: 'CC' | 'SY';
  daysAgo: number;
  time: string;
  template: typeof APPEARANCE_TEMPLATE | typeof MANNERS_TEMPLATE;
  /** a demo user's username, or a name written out */
  person: { username: string } | { name: string; unit: string };
  /** failed items with what was seen */
  fails: Record<string, string>;
  overall?: string;
  note?: string;
}

const DEMO: DemoCheck[] = [
  { site: 'CC', daysAgo: 58, time: '10:20', template: APPEARANCE_TEMPLATE, person: { username: 'requester' }, fails: {} },
  {
    site: 'CC',
    daysAgo: 55,
    time: '14:05',
    template: APPEARANCE_TEMPLATE,
    person: { name: '王丽', unit: '兰蔻专柜' },
    fails: { jewelry: '佩戴大号耳环', nails: '涂红色指甲油' },
    note: '已当面提醒，专柜主管表示整改',
  },
  {
    site: 'CC',
    daysAgo: 47,
    time: '11:30',
    template: MANNERS_TEMPLATE,
    person: { name: '李娜', unit: '周大福专柜' },
    fails: { discipline: '营业时间在柜台内看手机' },
    overall: '一般',
  },
  {
    site: 'SY',
    daysAgo: 44,
    time: '15:10',
    template: APPEARANCE_TEMPLATE,
    person: { username: 'cleaner' },
    fails: { badge: '未佩戴工牌' },
  },
  {
    site: 'CC',
    daysAgo: 38,
    time: '16:40',
    template: MANNERS_TEMPLATE,
    person: { username: 'requester' },
    fails: {},
    overall: '优',
    note: '神秘顾客检查，问候及时，解答耐心',
  },
  {
    site: 'SY',
    daysAgo: 33,
    time: '10:45',
    template: MANNERS_TEMPLATE,
    person: { name: '张伟', unit: '耐克专柜' },
    fails: { greeting: '顾客进店未问候', posture: '倚靠货架', farewell: '顾客离开未道别' },
    overall: '差',
    note: '已通报专柜品牌方',
  },
  {
    site: 'CC',
    daysAgo: 27,
    time: '13:15',
    template: APPEARANCE_TEMPLATE,
    person: { username: 'security' },
    fails: { shoes: '未穿规定工鞋' },
  },
  { site: 'SY', daysAgo: 21, time: '14:50', template: APPEARANCE_TEMPLATE, person: { name: '刘芳', unit: '雅诗兰黛专柜' }, fails: {} },
  {
    site: 'CC',
    daysAgo: 16,
    time: '11:05',
    template: APPEARANCE_TEMPLATE,
    person: { name: '王丽', unit: '兰蔻专柜' },
    fails: {},
    note: '复查：上次问题已整改',
  },
  {
    site: 'CC',
    daysAgo: 11,
    time: '15:35',
    template: MANNERS_TEMPLATE,
    person: { name: '李娜', unit: '周大福专柜' },
    fails: {},
    overall: '良',
    note: '复查合格',
  },
  {
    site: 'SY',
    daysAgo: 6,
    time: '10:10',
    template: MANNERS_TEMPLATE,
    person: { name: '张伟', unit: '耐克专柜' },
    fails: { guidance: '单指指引方向' },
    overall: '良',
  },
  {
    site: 'CC',
    daysAgo: 2,
    time: '14:25',
    template: APPEARANCE_TEMPLATE,
    person: { username: 'vendor' },
    fails: { uniform: '工装有明显污渍', hair: '长发未盘起' },
  },
];

function answersOf(items: ChecklistItem[], d: DemoCheck): ChecklistAnswer[] {
  return items.flatMap((item): ChecklistAnswer[] => {
    if (item.kind === 'pass_fail') {
      const seen = d.fails[item.key];
      return [{ key: item.key, value: seen ? 'fail' : 'pass', note: seen ?? null }];
    }
    if (item.kind === 'choice') return [{ key: item.key, value: d.overall ?? '良' }];
    return d.note && item.key === 'note' ? [{ key: item.key, value: d.note }] : [];
  });
}

/**
 * A dozen demo checks over the past two months at 长春店 and 沈阳店 (S-D's seedTrainingDemo
 * runs this), of staff and of vendor counters' people, some re-checked after a failure.
 * Each has its checklist filled and submitted as the checklist core would store it.
 */
export async function seedEtiquetteDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const sites = new Map(
    (await tx.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).execute()).map((s) => [s.code, s]),
  );
  const users = new Map(
    (
      await tx
        .selectFrom('users as u')
        .leftJoin('departments as d', 'd.id', 'u.department_id')
        .select(['u.id', 'u.username', 'u.name', 'd.name as department'])
        .where('u.org_id', '=', orgId)
        .execute()
    ).map((u) => [u.username, u]),
  );
  const templates = new Map(
    (
      await tx
        .selectFrom('checklist_templates as t')
        .innerJoin('checklist_template_versions as v', (j) =>
          j.onRef('v.template_id', '=', 't.id').onRef('v.template_version', '=', 't.current_version'),
        )
        .select(['t.id', 't.code', 'v.items'])
        .where('t.org_id', '=', orgId)
        .where('t.code', 'in', [APPEARANCE_TEMPLATE, MANNERS_TEMPLATE])
        .execute()
    ).map((t) => [t.code, { id: t.id, items: JSON.parse(t.items) as ChecklistItem[] }]),
  );
  const checkers = { CC: users.get('property')?.id, SY: users.get('head')?.id };
  for (const d of DEMO) {
    const site = sites.get(d.site);
    const template = templates.get(d.template);
    const checker = checkers[d.site];
    const person = 'username' in d.person ? users.get(d.person.username) : { id: null, name: d.person.name, department: d.person.unit };
    if (!site || !template || !checker || !person) continue;
    const date = zonedDate(new Date(Date.parse(now) - d.daysAgo * 86_400_000), site.timezone);
    const at = zonedInstant(date, d.time, site.timezone);
    const iso = at.toISOString();
    const ctx: Ctx = {
      db: tx,
      actor: { ...systemActor(orgId), userId: checker, name: '演示数据' },
      requestId: null,
      clock: { now: () => at },
      config: loadConfig({}),
      notifier: createNotifier([], () => at),
    };
    const id = newId();
    const answers = answersOf(template.items, d);
    const score = etiquetteScore(template.items, answers);
    const resultId = await attachChecklist(ctx, tx, { type: ETIQUETTE_SUBJECT, id, siteId: site.id }, template.id);
    const row: EtiquetteCheckRow = {
      id,
      org_id: orgId,
      site_id: site.id,
      number: await nextNumber(tx, { orgId, ruleCode: ETIQUETTE_NUMBERING.code, siteId: site.id, at }),
      person_id: person.id,
      person_name: person.name,
      person_unit: person.department,
      template_id: template.id,
      checklist_result_id: resultId,
      score: score.score ?? 0,
      failed_items: JSON.stringify(score.failedItems),
      note: d.note ?? null,
      checked_at: iso,
      checked_by: checker,
      created_at: iso,
      updated_at: iso,
      version: 1,
    };
    await tx.insertInto('etiquette_checks').values(row).execute();
    await tx
      .updateTable('checklist_results')
      .set({
        answers: JSON.stringify(answers),
        findings: JSON.stringify(score.evaluation.findings),
        status: 'submitted',
        filled_by: checker,
        submitted_at: iso,
        updated_at: iso,
        version: 2,
      })
      .where('id', '=', resultId)
      .execute();
  }
}
