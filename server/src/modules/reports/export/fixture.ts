import type { ReportFactsDto, SummaryBody, SummaryLang, WorkSummaryDto } from '../../../../../contracts/reports.js';
import type { SummaryFact, SummaryUnit } from '../../../../../contracts/summary.js';
import type { SummaryExportInput } from './index.js';

/**
 * A work summary as the exports receive it, for the exporters' tests: two stores over the
 * third quarter of 2026, figures of several modules and units (counts, rates, hours,
 * scores, money, a metered quantity), figures without a basis, and Chinese and English
 * bodies written with figure tokens the way the composer writes them. Big enough that a
 * table and the prose run over a page break.
 */

export const CHANGCHUN = { id: '0197a3c2-5b1e-7c40-9d1a-3f2b6c8e1a01', name: '长春店' };
export const SHENYANG = { id: '0197a3c2-5b1e-7c40-9d1a-3f2b6c8e1a02', name: '沈阳店' };

interface FactSpec {
  key: string;
  zh: string;
  en: string;
  unit: SummaryUnit;
  /** 长春店, 沈阳店, total */
  values: [number | null, number | null, number | null];
  previous: number | null;
  lastYear: number | null;
  link: string;
  formula: string;
}

const Q3 = 'createdFrom=2026-06-30T16%3A00%3A00.000Z&createdTo=2026-09-30T16%3A00%3A00.000Z';

/** additive figures: the total is the sum of the sites */
const count = (
  key: string,
  zh: string,
  en: string,
  cc: number,
  sy: number,
  previous: number | null,
  lastYear: number | null,
  list: string,
  formula: string,
  unit: SummaryUnit = 'count',
): FactSpec => ({ key, zh, en, unit, values: [cc, sy, cc + sy], previous, lastYear, link: `${list}?${Q3}`, formula });

const REPAIR_CATEGORIES: [string, string, string, number, number, number, number][] = [
  ['plumbing', '给排水', 'Plumbing', 168, 92, 241, 255],
  ['electrical', '强电照明', 'Electrical and lighting', 201, 104, 188, 214],
  ['hvac', '空调暖通', 'HVAC', 143, 61, 176, 198],
  ['civil', '土建门窗', 'Building and doors', 97, 58, 131, 126],
  ['elevator', '电梯', 'Elevators', 21, 9, 26, 33],
  ['fire', '消防设施', 'Fire equipment', 34, 17, 44, 39],
  ['network', '网络弱电', 'Network and low voltage', 56, 38, 87, 92],
  ['furniture', '家具', 'Furniture', 44, 27, 63, 71],
  ['kitchen', '厨房设备', 'Kitchen equipment', 39, 22, 58, 64],
  ['signage', '标识导视', 'Signage', 9, 8, 12, 15],
];

const SPECS: FactSpec[] = [
  count(
    'workorders.received',
    '报修总数',
    'Requests received',
    812,
    436,
    1190,
    1302,
    '/work-orders',
    '报修时间在期间内的工单数（含已取消）',
  ),
  count('workorders.completed', '完工数', 'Repairs finished', 790, 421, 1163, 1255, '/work-orders', '完工时间在期间内的工单数'),
  ...REPAIR_CATEGORIES.map(([code, zh, en, cc, sy, prev, ly]) =>
    count(`workorders.received.category.${code}`, zh, en, cc, sy, prev, ly, '/work-orders', `期间内类别为“${zh}”的报修数`),
  ),
  {
    key: 'workorders.timelyRepairRate',
    zh: '维修及时率',
    en: 'Timely-repair rate',
    unit: 'percent',
    values: [96.3, 94.8, 95.8],
    previous: 94.1,
    lastYear: 92.7,
    link: `/work-orders?${Q3}`,
    formula: '按时完工的工单 ÷ 有完工时限的完工工单',
  },
  {
    key: 'workorders.mttr',
    zh: '平均修复时间（MTTR）',
    en: 'Mean time to repair (MTTR)',
    unit: 'hours',
    values: [3.4, 4.1, 3.6],
    previous: 3.9,
    lastYear: null,
    link: `/work-orders?${Q3}&hasAsset=1`,
    formula: '关联设备的完工工单从报修到完工的小时数之和 ÷ 工单数',
  },
  {
    key: 'workorders.satisfaction',
    zh: '满意度指数',
    en: 'Satisfaction index',
    unit: 'score',
    values: [4.82, 4.75, 4.8],
    previous: 4.8,
    lastYear: 4.61,
    link: `/work-orders?${Q3}`,
    formula: '评价分之和 ÷ 评价数（5分制）',
  },
  {
    key: 'maintenance.compliance',
    zh: '计划保养完成率',
    en: 'Planned maintenance compliance',
    unit: 'percent',
    values: [98.1, 91.5, 95.7],
    previous: 93.2,
    lastYear: 90.4,
    link: '/maintenance/tasks?dueFrom=2026-07-01&dueTo=2026-09-30',
    formula: '期间内到期并按期完成的保养任务 ÷ 期间内到期的保养任务',
  },
  count('hazards.found', '发现隐患', 'Hazards found', 311, 149, 402, 0, '/hazards', '期间内发现的隐患数（不含已取消的隐患）'),
  count('hazards.overdue', '逾期未整改隐患', 'Hazards overdue', 0, 0, 3, 0, '/hazards', '整改期限已过、至今未销号的隐患数'),
  {
    key: 'hazards.rectification_rate',
    zh: '隐患整改率',
    en: 'Hazard rectification rate',
    unit: 'percent',
    values: [100, 100, 100],
    previous: 98.5,
    lastYear: null,
    link: '/hazards?status=closed',
    formula: '已整改销号 ÷ 发现隐患（均为期间内发现、不含已取消的隐患）',
  },
  count('drills.done', '完成演练', 'Drills carried out', 6, 4, 9, 8, '/drills', '计划时间在期间内、已进行并登记演练记录的演练次数'),
  count('training.sessions', '培训场次', 'Training sessions', 14, 9, 19, 17, '/training/sessions', '期间内举行的培训场次'),
  count(
    'readings.consumption.electricity',
    '用电量（kWh）',
    'Electricity (kWh)',
    186420.5,
    97310.25,
    301200,
    279850.5,
    '/readings',
    '期间内该类计量表各次读数的增量之和（每次读数的用量记在读数当天）',
    'quantity',
  ),
  count(
    'projects.actualCost',
    '项目实际费用',
    'Project actual cost',
    12834050,
    4620000,
    21500000,
    null,
    '/projects',
    '期间内验收的项目的实际费用之和',
    'fen',
  ),
  {
    key: 'incidents.reported',
    zh: '意外事件',
    en: 'Incidents reported',
    unit: 'count',
    values: [0, 0, 0],
    previous: 0,
    lastYear: 2,
    link: '/incidents',
    formula: '发生时间在期间内的意外事件数',
  },
];

function fact(s: FactSpec): SummaryFact {
  const [cc, sy, total] = s.values;
  return {
    key: s.key,
    label: { zh: s.zh, en: s.en },
    value: total,
    unit: s.unit,
    bySite: [
      { siteId: CHANGCHUN.id, siteName: CHANGCHUN.name, value: cc },
      { siteId: SHENYANG.id, siteName: SHENYANG.name, value: sy },
    ],
    link: s.link,
    formula: s.formula,
  };
}

const keysOf = (prefix: string) => SPECS.filter((s) => s.key.startsWith(`${prefix}.`)).map((s) => s.key);

export function fixtureFacts(): ReportFactsDto {
  return {
    period: {
      kind: 'quarter',
      from: '2026-06-30T16:00:00.000Z',
      to: '2026-09-30T16:00:00.000Z',
      startDate: '2026-07-01',
      endDate: '2026-09-30',
      label: { zh: '2026年第三季度', en: 'Q3 2026' },
    },
    sites: [CHANGCHUN, SHENYANG],
    departmentId: null,
    generatedAt: '2026-10-08T01:30:00.000Z',
    modules: [
      { module: 'workorders', section: 'service', label: { zh: '报修与维修', en: 'Repairs' }, keys: keysOf('workorders') },
      { module: 'maintenance', section: 'facilities', label: { zh: '设施设备维护', en: 'Maintenance' }, keys: keysOf('maintenance') },
      { module: 'projects', section: 'facilities', label: { zh: '工程项目', en: 'Projects' }, keys: keysOf('projects') },
      { module: 'readings', section: 'environment', label: { zh: '能耗读数', en: 'Meter readings' }, keys: keysOf('readings') },
      {
        module: 'hazards',
        section: 'environment',
        label: { zh: '隐患排查与整改', en: 'Hazards and rectification' },
        keys: keysOf('hazards'),
      },
      { module: 'drills', section: 'safety', label: { zh: '应急演练', en: 'Drills' }, keys: keysOf('drills') },
      { module: 'incidents', section: 'safety', label: { zh: '意外事件', en: 'Incidents' }, keys: keysOf('incidents') },
      { module: 'training', section: 'team', label: { zh: '培训', en: 'Training' }, keys: keysOf('training') },
    ],
    facts: SPECS.map(fact),
    previous: {
      period: {
        kind: 'quarter',
        from: '2026-03-31T16:00:00.000Z',
        to: '2026-06-30T16:00:00.000Z',
        startDate: '2026-04-01',
        endDate: '2026-06-30',
        label: { zh: '2026年第二季度', en: 'Q2 2026' },
      },
      values: Object.fromEntries(SPECS.map((s) => [s.key, s.previous])),
    },
    lastYear: {
      period: {
        kind: 'quarter',
        from: '2025-06-30T16:00:00.000Z',
        to: '2025-09-30T16:00:00.000Z',
        startDate: '2025-07-01',
        endDate: '2025-09-30',
        label: { zh: '2025年第三季度', en: 'Q3 2025' },
      },
      values: Object.fromEntries(SPECS.map((s) => [s.key, s.lastYear])),
    },
  };
}

const CATEGORY_KEYS = REPAIR_CATEGORIES.map(([code]) => `workorders.received.category.${code}`);
const cc = CHANGCHUN.id;
const sy = SHENYANG.id;

const ZH: SummaryBody = {
  title: '2026年第三季度后勤工作总结',
  subtitle: '长春店、沈阳店 · 2026年7月1日至2026年9月30日',
  sections: [
    {
      key: 'overview',
      title: '一、概述',
      blocks: [
        {
          type: 'paragraph',
          text:
            `本季度后勤部门共受理报修{{workorders.received}}单，较上季度{{workorders.received:dprev}}，较去年同期{{workorders.received:dly}}；` +
            `其中长春店{{workorders.received@${cc}}}单，沈阳店{{workorders.received@${sy}}}单。完工{{workorders.completed}}单，` +
            '维修及时率{{workorders.timelyRepairRate}}，较上季度{{workorders.timelyRepairRate:dprev}}；满意度指数{{workorders.satisfaction}}。' +
            '各店坚持“日巡查、周检查、月总结”的工作机制，设施设备总体运行平稳，未发生影响营业的重大故障。' +
            '后勤部门围绕“安全、高效、节约”的目标，持续推进报修流程规范化和设施设备预防性维护，' +
            '通过扫码报修、限时响应和完工回访，使报修处理更加透明，业主和员工对后勤服务的认可度进一步提高。',
        },
        { type: 'table', title: '表1 本季度指标一览', keys: SPECS.map((s) => s.key) },
      ],
    },
    {
      key: 'service',
      title: '二、服务与维修',
      blocks: [
        {
          type: 'paragraph',
          text: '平均修复时间（MTTR）为{{workorders.mttr}}，上季度为{{workorders.mttr:prev}}，{{workorders.mttr:dprev}}；去年同期{{workorders.mttr:ly}}（{{workorders.mttr:dly}}）。',
        },
        {
          type: 'table',
          title: '表2 报修与维修主要指标',
          keys: [
            'workorders.received',
            'workorders.completed',
            'workorders.timelyRepairRate',
            'workorders.mttr',
            'workorders.satisfaction',
          ],
        },
        { type: 'chart', title: '各店报修与完工', keys: ['workorders.received', 'workorders.completed'], kind: 'bySite' },
        { type: 'table', title: '表3 报修分类', keys: CATEGORY_KEYS },
      ],
    },
    {
      key: 'facilities',
      title: '三、设施设备维护',
      blocks: [
        {
          type: 'paragraph',
          text: `计划保养完成率{{maintenance.compliance}}，其中长春店{{maintenance.compliance@${cc}}}，沈阳店{{maintenance.compliance@${sy}}}。本季度验收工程项目实际费用{{projects.actualCost}}。`,
        },
        {
          type: 'chart',
          title: '主要指标与上期、去年同期对比',
          keys: ['workorders.timelyRepairRate', 'maintenance.compliance', 'hazards.rectification_rate'],
          kind: 'compare',
        },
      ],
    },
    {
      key: 'environment',
      title: '四、环境与巡查',
      blocks: [
        {
          type: 'paragraph',
          text: `发现安全隐患{{hazards.found}}项，其中长春店{{hazards.found@${cc}}}项，沈阳店{{hazards.found@${sy}}}项，均已在规定期限内整改完毕。本季度用电量{{readings.consumption.electricity}}千瓦时，{{readings.consumption.electricity:dly}}。`,
        },
      ],
    },
    {
      key: 'safety',
      title: '五、安全与应急',
      blocks: [
        { type: 'paragraph', text: '本季度完成应急演练{{drills.done}}次，未发生意外事件。' },
        {
          type: 'list',
          items: ['消防疏散演练按计划在两店各进行一次。', `长春店完成演练{{drills.done@${cc}}}次，沈阳店{{drills.done@${sy}}}次。`],
        },
      ],
    },
    {
      key: 'team',
      title: '六、培训与队伍建设',
      blocks: [{ type: 'paragraph', text: '组织培训{{training.sessions}}场，较上季度{{training.sessions:dprev}}。' }],
    },
    {
      key: 'problems',
      title: '七、存在的问题',
      blocks: [
        {
          type: 'list',
          items: [
            `沈阳店计划保养完成率{{maintenance.compliance@${sy}}}，低于长春店，个别保养任务未按期完成。`,
            '空调暖通类报修仍较集中，需加强夏季来临前的预防性检修。',
          ],
        },
      ],
    },
    {
      key: 'plans',
      title: '八、下阶段工作计划',
      blocks: [{ type: 'list', items: ['完成冬季供暖设备检修。', '组织全员消防培训。', '推进沈阳店保养计划按期完成。'] }],
    },
  ],
};

const EN: SummaryBody = {
  title: 'Facilities work summary, Q3 2026',
  subtitle: '长春店, 沈阳店 · 1 July 2026 to 30 September 2026',
  sections: [
    {
      key: 'overview',
      title: '1. Overview',
      blocks: [
        {
          type: 'paragraph',
          text:
            `The department received {{workorders.received}} repair requests this quarter ({{workorders.received:dprev}} on the previous quarter, ` +
            `{{workorders.received:dly}} on the same quarter last year): {{workorders.received@${cc}}} at 长春店 and {{workorders.received@${sy}}} at 沈阳店. ` +
            '{{workorders.completed}} repairs were finished; the timely-repair rate was {{workorders.timelyRepairRate}} and the satisfaction index {{workorders.satisfaction}}.',
        },
      ],
    },
    {
      key: 'service',
      title: '2. Service and repairs',
      blocks: [
        { type: 'paragraph', text: 'The mean time to repair was {{workorders.mttr}} ({{workorders.mttr:dprev}} on the previous quarter).' },
        {
          type: 'table',
          title: 'Table 1 Repairs',
          keys: [
            'workorders.received',
            'workorders.completed',
            'workorders.timelyRepairRate',
            'workorders.mttr',
            'workorders.satisfaction',
          ],
        },
        { type: 'chart', title: 'Requests and repairs by store', keys: ['workorders.received', 'workorders.completed'], kind: 'bySite' },
      ],
    },
    {
      key: 'facilities',
      title: '3. Facilities and maintenance',
      blocks: [
        {
          type: 'paragraph',
          text: 'Planned maintenance compliance was {{maintenance.compliance}}; project costs accepted came to {{projects.actualCost}}.',
        },
        {
          type: 'chart',
          title: 'Key rates against the comparisons',
          keys: ['workorders.timelyRepairRate', 'maintenance.compliance', 'hazards.rectification_rate'],
          kind: 'compare',
        },
      ],
    },
    {
      key: 'environment',
      title: '4. Environment and patrols',
      blocks: [
        {
          type: 'paragraph',
          text: `{{hazards.found}} hazards were found, {{hazards.found@${cc}}} at 长春店 and {{hazards.found@${sy}}} at 沈阳店, all rectified within their deadlines.`,
        },
      ],
    },
    {
      key: 'safety',
      title: '5. Safety and emergencies',
      blocks: [{ type: 'paragraph', text: '{{drills.done}} drills were carried out; no incident occurred.' }],
    },
    {
      key: 'team',
      title: '6. Training and the team',
      blocks: [{ type: 'paragraph', text: '{{training.sessions}} training sessions were held.' }],
    },
    {
      key: 'problems',
      title: '7. Problems found',
      blocks: [{ type: 'list', items: [`Maintenance compliance at 沈阳店 was {{maintenance.compliance@${sy}}}.`] }],
    },
    { key: 'plans', title: '8. Plans for the next period', blocks: [{ type: 'list', items: ['Service the heating before winter.'] }] },
  ],
};

export function fixtureSummary(): WorkSummaryDto {
  const facts = fixtureFacts();
  return {
    id: '0197a3c2-5b1e-7c40-9d1a-3f2b6c8e1b10',
    number: 'ZJ-20261008-0001',
    title: ZH.title,
    period: facts.period,
    siteIds: [CHANGCHUN.id, SHENYANG.id],
    siteNames: [CHANGCHUN.name, SHENYANG.name],
    departmentId: null,
    departmentName: null,
    status: 'approved',
    currentVersionNo: 3,
    authorId: '0197a3c2-5b1e-7c40-9d1a-3f2b6c8e1c01',
    authorName: '王后勤',
    submittedAt: '2026-10-09T02:00:00.000Z',
    approvedAt: '2026-10-10T03:00:00.000Z',
    approvedBy: '0197a3c2-5b1e-7c40-9d1a-3f2b6c8e1c02',
    approvedByName: '李经理',
    returnReason: null,
    approvalNote: '数据已核对，同意。',
    createdAt: '2026-10-08T01:30:00.000Z',
    updatedAt: '2026-10-10T03:00:00.000Z',
    canEdit: false,
    canSubmit: false,
    canApprove: false,
    canReopen: false,
    version: 5,
  };
}

/** The export input of the fixture summary in one language. */
export function fixtureExport(lang: SummaryLang): SummaryExportInput {
  return {
    summary: fixtureSummary(),
    versionNo: 3,
    body: lang === 'zh' ? ZH : EN,
    facts: fixtureFacts(),
    lang,
    timeZone: 'Asia/Shanghai',
    exportedAt: new Date('2026-10-12T06:45:00.000Z'),
  };
}
