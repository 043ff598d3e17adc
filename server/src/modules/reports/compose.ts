import { figureToken } from '../../../../contracts/figures.js';
import type {
  FactModuleDto,
  ReportFactsDto,
  SummaryBlock,
  SummaryBody,
  SummaryLang,
  SummarySection,
  SummarySectionKey,
} from '../../../../contracts/reports.js';
import { SUMMARY_SECTIONS } from '../../../../contracts/reports.js';
import { findProblems, type Problem } from './problems.js';
import {
  enNumber,
  FactView,
  innerLabel,
  joinEn,
  joinZh,
  longDate,
  lowerFirst,
  MAX_LISTED_SITES,
  quantityLabel,
  zhNumber,
} from './sentences.js';

/**
 * The work summary (工作总结) written from a scope's facts, in the manner of the seed's
 * hand-written summaries: 一、概述 … 八、下阶段工作计划, each chapter a few paragraphs of
 * figures with per-site breakdowns and comparisons, a table of its key figures and a
 * chart. Every number in the prose is a figure token (contracts/figures.ts) — the only
 * numbers written out are the count of sites, in words; the period's dates appear in the
 * title and subtitle only. A claim such as "均已在规定期限内整改完毕" is written only when
 * the counts show it; a module without records in the period says so instead of printing
 * zeros as achievements. Pure and deterministic: the same facts give the same text.
 */

const SECTION_TITLES: Record<SummarySectionKey, { zh: string; en: string }> = {
  overview: { zh: '一、概述', en: '1. Overview' },
  service: { zh: '二、服务与报修', en: '2. Service and repair requests' },
  facilities: { zh: '三、设施设备与维护保养', en: '3. Facilities, equipment and maintenance' },
  environment: { zh: '四、环境与巡检', en: '4. Environment and patrols' },
  safety: { zh: '五、安全与应急', en: '5. Safety and emergencies' },
  team: { zh: '六、培训与队伍建设', en: '6. Training and the team' },
  problems: { zh: '七、存在的问题', en: '7. Problems found' },
  plans: { zh: '八、下阶段工作计划', en: '8. Plans for the next period' },
};

/** a chapter's subject, inside sentences ("本总结范围内无服务与报修方面的数据") */
const SECTION_SUBJECTS: Record<SummarySectionKey, { zh: string; en: string }> = {
  overview: { zh: '概况', en: 'the overview' },
  service: { zh: '服务与报修', en: 'service and repair requests' },
  facilities: { zh: '设施设备与维护保养', en: 'facilities, equipment and maintenance' },
  environment: { zh: '环境与巡检', en: 'the environment and patrols' },
  safety: { zh: '安全与应急', en: 'safety and emergencies' },
  team: { zh: '培训与队伍建设', en: 'training and the team' },
  problems: { zh: '存在的问题', en: 'problems' },
  plans: { zh: '工作计划', en: 'plans' },
};

/** the work a chapter stands for, in the overview's first sentence */
const SECTION_WORK: Partial<Record<SummarySectionKey, { zh: string; en: string }>> = {
  service: { zh: '报修服务', en: 'repair services' },
  facilities: { zh: '设施设备管理', en: 'the management of facilities and equipment' },
  environment: { zh: '巡检与隐患排查', en: 'patrols and hazard checks' },
  safety: { zh: '安全与应急管理', en: 'safety and emergency management' },
  team: { zh: '员工培训', en: 'staff training' },
};

const CONTENT_SECTIONS: SummarySectionKey[] = ['service', 'facilities', 'environment', 'safety', 'team'];
/** the most severe problems the chapter lists (the seed's summaries name about five); the author may add more */
const MAX_PROBLEMS = 10;
/** key figures per chapter table: a focused table, not every fact */
const TABLE_LIMIT = 10;

/** What a module contributes to its chapter. */
interface ModuleText {
  paragraphs: string[];
  /** its key figures, most important first, for the chapter's table */
  table: string[];
  /** one or two counts for the chapter's chart */
  chart: string[];
}

interface Headline {
  /** 受理报修{{k}}项 / received {{k}} repair requests */
  text: string;
  /** the figure compared with other periods in the overview, and how it is named there */
  key: string;
  name: string;
}

interface ModuleWriter {
  write(f: FactView): ModuleText;
  /** what the overview names of it, when it has records */
  headline?(f: FactView): Headline | null;
  /** said when the module has no records in the period */
  none: { zh: string; en: string };
  /** a standing plan for the next period */
  plan: { zh: string; en: string };
}

/** Composes the Chinese or English body of a work summary from its facts. */
export function composeSummary(
  data: ReportFactsDto,
  lang: SummaryLang,
  opts: { title?: string; departmentName?: string | null },
): SummaryBody {
  const f = new FactView(data, lang);
  const modules = data.modules.map((m) => ({ m, writer: WRITERS[m.module] ?? genericWriter(m), data: f.hasData(m.keys) }));
  const anyData = modules.some((x) => x.data);
  const problems = anyData ? findProblems(data, lang).slice(0, MAX_PROBLEMS) : [];

  const sections: SummarySection[] = SUMMARY_SECTIONS.map((key) => {
    const title = SECTION_TITLES[key][lang];
    if (key === 'overview') return { key, title, blocks: overview(f, modules, anyData, opts, problems.length > 0) };
    if (key === 'problems') return { key, title, blocks: problemBlocks(f, problems, anyData) };
    if (key === 'plans') return { key, title, blocks: planBlocks(f, modules, problems, anyData) };
    return { key, title, blocks: chapter(f, key, modules) };
  });

  return { title: title(data, lang, opts), subtitle: subtitle(data, lang), sections };
}

function title(data: ReportFactsDto, lang: SummaryLang, opts: { title?: string; departmentName?: string | null }): string {
  const given = opts.title?.trim();
  if (given) return given;
  const dept = opts.departmentName?.trim();
  if (lang === 'zh') return `${dept || '后勤部门'}${data.period.label.zh}工作总结`;
  return `Work summary, ${data.period.label.en}${dept ? ` — ${dept}` : ''}`;
}

function subtitle(data: ReportFactsDto, lang: SummaryLang): string {
  const names = data.sites.map((s) => s.name);
  const zh = lang === 'zh';
  let scope: string;
  if (!names.length) scope = zh ? '无场所' : 'no sites';
  else if (names.length <= MAX_LISTED_SITES) scope = names.join(zh ? '、' : ', ');
  else
    scope = zh
      ? `${names.slice(0, 2).join('、')}等${names.length}个场所`
      : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more sites`;
  const dates = zh
    ? `${longDate(data.period.startDate, 'zh')}至${longDate(data.period.endDate, 'zh')}`
    : `${longDate(data.period.startDate, 'en')} to ${longDate(data.period.endDate, 'en')}`;
  return `${scope} · ${dates}`;
}

/** 长春店、沈阳店两个场所 / the two sites 长春店 and 沈阳店 — the number of sites in words */
function scopeText(f: FactView): string {
  const names = f.sites.map((s) => s.name);
  const n = names.length;
  if (!n) return f.t('所选范围', 'the chosen scope');
  if (n === 1) return names[0] as string;
  if (n <= MAX_LISTED_SITES) return f.t(`${joinZh(names)}${zhNumber(n)}个场所`, `the ${enNumber(n)} sites ${joinEn(names)}`);
  return f.t(`${joinZh(names.slice(0, 2))}等${zhNumber(n)}个场所`, `${enNumber(n)} sites (${names.slice(0, 2).join(', ')} and others)`);
}

type ModuleEntry = { m: FactModuleDto; writer: ModuleWriter; data: boolean };

function overview(
  f: FactView,
  modules: ModuleEntry[],
  anyData: boolean,
  opts: { departmentName?: string | null },
  hasProblems: boolean,
): SummaryBlock[] {
  const dept = opts.departmentName?.trim();
  const who = f.t(dept || '后勤部门', dept || 'the logistics department');
  const scope = scopeText(f);
  const blocks: SummaryBlock[] = [];
  if (!anyData) {
    blocks.push({
      type: 'paragraph',
      text: f.t(
        `本期${scope}在系统中无报修、维护保养、巡检、隐患、安全和培训等方面的业务记录，暂无可总结的数据。`,
        `No records of repairs, maintenance, patrols, hazards, safety or training were made for ${scope} in this period, so there is nothing to summarise yet.`,
      ),
    });
    return blocks;
  }
  const work = CONTENT_SECTIONS.filter((s) => modules.some((x) => x.data && x.m.section === s)).map((s) => SECTION_WORK[s]?.[f.lang] ?? '');
  blocks.push({
    type: 'paragraph',
    text: f.t(
      `本期，${who}在${scope}开展了${joinZh(work)}等各项工作。本总结依据系统中的业务记录统计生成，文中各项数据均可追溯至具体记录。`,
      `In this period ${who} carried out ${joinEn(work)} at ${scope}. This summary is compiled from the records kept in the system; every figure in it can be traced to the records behind it.`,
    ),
  });
  if (f.data.departmentId) {
    blocks.push({
      type: 'paragraph',
      text: f.t(
        `本总结按部门统计：涉及人员的数据（如维修工单、培训签到、知识抽查和礼仪检查）只计${dept || '该部门'}人员。`,
        `The summary is drawn up for a department: figures about people (work orders, training attendance, spot checks, etiquette checks) count ${dept ? `the staff of ${dept}` : "the department's staff"} only.`,
      ),
    });
  }
  const heads = modules.filter((x) => x.data && x.writer.headline).map((x) => x.writer.headline?.(f) ?? null);
  const lines = heads.filter((h): h is Headline => h !== null);
  if (lines.length) {
    blocks.push({
      type: 'paragraph',
      text: f.t(`全期共${lines.map((h) => h.text).join('，')}。`, `Over the period the department ${joinEn(lines.map((h) => h.text))}.`),
    });
    const prev = lines.filter((h) => f.comparable(h.key, 'previous'));
    const ly = lines.filter((h) => f.comparable(h.key, 'lastYear'));
    const against = (list: Headline[], variant: 'dprev' | 'dly') =>
      f.t(
        list.map((h) => `${h.name}${figureToken(h.key, variant)}`).join('，'),
        joinEn(list.map((h) => `${h.name} were ${figureToken(h.key, variant)}`)),
      );
    const parts = [
      ...(prev.length
        ? [f.t(`与上期相比，${against(prev, 'dprev')}`, `Compared with the previous period, ${against(prev, 'dprev')}`)]
        : []),
      ...(ly.length
        ? [f.t(`与去年同期相比，${against(ly, 'dly')}`, `compared with the same period last year, ${against(ly, 'dly')}`)]
        : []),
    ];
    if (parts.length) {
      const text = f.t(`${parts.join('；')}。`, `${parts.join('; ')}.`);
      blocks.push({ type: 'paragraph', text: f.zh ? text : text.replace(/^c/, 'C') });
    }
  }
  blocks.push({
    type: 'paragraph',
    text: hasProblems
      ? f.t(
          '以下分服务与报修、设施设备与维护保养、环境与巡检、安全与应急、培训与队伍建设等方面总结本期工作，并列出存在的问题和下阶段工作计划。',
          'The chapters below cover service and repairs, facilities and maintenance, the environment and patrols, safety and emergencies, and training, followed by the problems found and the plans for the next period.',
        )
      : f.t(
          '以下分服务与报修、设施设备与维护保养、环境与巡检、安全与应急、培训与队伍建设等方面总结本期工作，并列出下阶段工作计划。',
          'The chapters below cover service and repairs, facilities and maintenance, the environment and patrols, safety and emergencies, and training, followed by the plans for the next period.',
        ),
  });
  return blocks;
}

/** A content chapter: each module's paragraphs (or its "no records"), a table and a chart of its key figures. */
function chapter(f: FactView, section: SummarySectionKey, modules: ModuleEntry[]): SummaryBlock[] {
  const mine = modules.filter((x) => x.m.section === section);
  const subject = SECTION_SUBJECTS[section];
  if (!mine.length) {
    return [
      {
        type: 'paragraph',
        text: f.t(`本总结范围内无${subject.zh}方面的数据。`, `There are no figures on ${subject.en} within the scope of this summary.`),
      },
    ];
  }
  const blocks: SummaryBlock[] = [];
  const texts: { entry: ModuleEntry; text: ModuleText | null }[] = mine.map((entry) => ({
    entry,
    text: entry.data ? entry.writer.write(f) : null,
  }));
  const several = mine.length > 1;
  texts.forEach(({ entry, text }, i) => {
    const paragraphs = text?.paragraphs.length ? text.paragraphs : [entry.writer.none[f.lang]];
    paragraphs.forEach((p, j) => {
      // several modules in a chapter: each begins with its name, as the seed's numbered items do
      const lead = several && j === 0 ? f.t(`（${zhNumber(i + 1, false)}）${entry.m.label.zh}。`, `${entry.m.label.en}. `) : '';
      blocks.push({ type: 'paragraph', text: `${lead}${p}` });
    });
  });
  const withData = texts.filter((x): x is { entry: ModuleEntry; text: ModuleText } => x.text !== null);
  if (!withData.length) return blocks;

  const tableKeys = tableOf(
    f,
    withData.map((x) => x.text.table),
  );
  if (tableKeys.length) {
    blocks.push({
      type: 'table',
      title: f.t(`${subject.zh}主要指标`, `Key figures: ${subject.en}`),
      keys: tableKeys,
    });
  }
  const chartKeys = (withData.find((x) => x.text.chart.some((k) => f.pos(k)))?.text.chart ?? []).filter((k) => f.has(k)).slice(0, 2);
  if (chartKeys.length) {
    const labels = chartKeys.map((k) => f.fact(k)?.label[f.lang] ?? k);
    if (f.multi) {
      blocks.push({
        type: 'chart',
        kind: 'bySite',
        title: f.t(`${labels.join('与')}（分场所）`, `${joinEn(labels.map((l, i) => (i ? lowerFirst(l) : l)))} by site`),
        keys: chartKeys,
      });
    } else if (chartKeys.some((k) => f.data.previous.values[k] != null || f.data.lastYear.values[k] != null)) {
      blocks.push({
        type: 'chart',
        kind: 'compare',
        title: f.t(
          `${labels.join('与')}：本期、上期与去年同期`,
          `${joinEn(labels.map((l, i) => (i ? lowerFirst(l) : l)))}: this period, the previous period and the same period last year`,
        ),
        keys: chartKeys,
      });
    }
  }
  return blocks;
}

/** The chapter table's keys: each module's first few, within the limit, present ones only. */
function tableOf(f: FactView, lists: string[][]): string[] {
  const present = lists.map((l) => [...new Set(l)].filter((k) => f.has(k)));
  const quota = Math.max(3, Math.floor(TABLE_LIMIT / Math.max(1, present.length)));
  const keys: string[] = [];
  for (const l of present) keys.push(...l.slice(0, quota));
  // room left by a short list goes to the others' next keys, in order
  for (const l of present) for (const k of l.slice(quota)) if (keys.length < TABLE_LIMIT && !keys.includes(k)) keys.push(k);
  return keys.slice(0, TABLE_LIMIT);
}

function problemBlocks(f: FactView, problems: Problem[], anyData: boolean): SummaryBlock[] {
  if (!anyData) {
    return [
      {
        type: 'paragraph',
        text: f.t(
          '本期无业务记录，无法依据数据分析存在的问题。',
          'With no records in the period, no problems can be drawn from the figures.',
        ),
      },
    ];
  }
  if (!problems.length) {
    return [
      {
        type: 'paragraph',
        text: f.t(
          '根据本期数据，未发现需要专门说明的问题。',
          'The figures of the period show no problem that calls for particular attention.',
        ),
      },
    ];
  }
  return [
    { type: 'paragraph', text: f.t('从本期数据看，工作中还存在以下问题：', 'The figures of the period point to the following problems:') },
    { type: 'list', items: problems.map((p) => p.text) },
  ];
}

function planBlocks(f: FactView, modules: ModuleEntry[], problems: Problem[], anyData: boolean): SummaryBlock[] {
  if (!anyData) {
    return [
      {
        type: 'paragraph',
        text: f.t(
          '下阶段将组织各场所在系统中及时、完整地登记报修、维护保养、巡检、隐患、演练和培训等业务记录，为工作总结提供依据。',
          'In the next period every site will record its repairs, maintenance, patrols, hazards, drills and training in the system promptly and in full, so that the work can be summarised from the records.',
        ),
      },
    ];
  }
  const answered = new Set(problems.map((p) => p.module));
  const items = [
    ...problems.map((p) => p.plan),
    // the modules whose figures raised no problem keep their standing work
    ...modules.filter((x) => !answered.has(x.m.module)).map((x) => x.writer.plan[f.lang]),
  ];
  return [
    {
      type: 'paragraph',
      text: problems.length
        ? f.t(
            '下阶段，将针对本期存在的问题，重点做好以下工作：',
            'In the next period the department will address the problems above and concentrate on the following:',
          )
        : f.t(
            '下阶段，将在巩固本期工作成果的基础上，重点做好以下工作：',
            'In the next period the department will build on this period’s work and concentrate on the following:',
          ),
    },
    { type: 'list', items: [...new Set(items)] },
  ];
}

// ————————————————————————————————————————— the modules

/** the end of a sentence: the parts that have something, joined */
function sentence(f: FactView, parts: (string | false | null | undefined)[], sep?: string): string {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  if (!kept.length) return '';
  const body = kept.join(sep ?? f.t('，', ', '));
  return f.zh ? `${body}。` : `${capitalise(body)}.`;
}

function capitalise(s: string): string {
  return s.replace(/^([a-z])/, (c) => c.toUpperCase());
}

/** the figure is 100 and, with fewer than two thousand in the denominator, cannot be a rounded 99.95 */
function allOf(f: FactView, rateKey: string, bound: string): boolean {
  return f.v(rateKey) === 100 && (f.v(bound) ?? Number.POSITIVE_INFINITY) < 2000;
}

/** "长春店" vs "at the end of the period": what "now" means for figures taken as of a period's end */
function asOf(f: FactView): string {
  return f.periodRunning ? f.t('目前', 'present') : f.t('期末', 'the end of the period');
}

/** the members of a family above zero, largest first: "停电{{k1}}起、跑水{{k2}}起" / "power outage {{k1}}, water leak {{k2}}" */
function familyList(f: FactView, members: { key: string; zh: string; en: string }[], unitZh: string, limit?: number): string {
  const keyed = new Map(members.map((m) => [m.key, m]));
  const top = f.largest(
    members.map((m) => f.fact(m.key)).filter((x) => x !== undefined),
    limit,
  );
  // "HVAC (410), water supply & drainage (360)" when only the largest are named
  const en = (x: { key: string }) =>
    limit === undefined ? `${keyed.get(x.key)?.en} ${f.tok(x.key)}` : `${keyed.get(x.key)?.en} (${f.tok(x.key)})`;
  return f.zh ? joinZh(top.map((x) => `${keyed.get(x.key)?.zh}${f.tok(x.key)}${unitZh}`)) : joinEn(top.map(en));
}

function familyOf(f: FactView, parent: string, dim: string, suffixZh = ''): { key: string; zh: string; en: string }[] {
  return f.family(parent, dim).map((x) => ({ key: x.key, zh: `${innerLabel(x, 'zh')}${suffixZh}`, en: lowerFirst(innerLabel(x, 'en')) }));
}

/** channel names written out (the labels carry "24小时", which is no figure) */
const CHANNEL_WORDS: Record<string, { zh: string; en: string }> = {
  qr: { zh: '扫码报修', en: 'QR code' },
  web: { zh: '网页报修', en: 'web form' },
  phone: { zh: '电话报修', en: 'phone' },
  hotline: { zh: '热线电话', en: 'hotline' },
  walk_in: { zh: '现场报修', en: 'walk-in' },
  patrol: { zh: '巡检发现', en: 'patrols' },
  maintenance: { zh: '保养发现', en: 'maintenance' },
  counter: { zh: '专柜报修', en: 'vendor counters' },
};

const workorders: ModuleWriter = {
  none: { zh: '本期无报修记录。', en: 'No repair requests were recorded in this period.' },
  plan: {
    zh: '继续落实“首问负责制”和“急修不过夜”要求，及时受理、派工和回访，缩短响应和修复时间。',
    en: 'Keep to first-ask responsibility and same-day emergency repairs: take, dispatch and follow up every request promptly and shorten response and repair times.',
  },
  headline: (f) => {
    const k = 'workorders.received';
    if (!f.pos(k)) return null;
    return {
      key: k,
      text: f.t(`受理报修${f.tok(k)}项`, `received ${f.tok(k)} repair ${f.noun(k, 'request', 'requests')}`),
      name: f.t('报修量', 'repair requests'),
    };
  },
  write(f) {
    const p: string[] = [];
    const R = 'workorders.received';
    if (f.pos(R)) {
      const channels = f.family(R, 'channel').map((x) => {
        const code = x.key.slice(`${R}.channel.`.length);
        return { key: x.key, zh: CHANNEL_WORDS[code]?.zh ?? x.label.zh, en: CHANNEL_WORDS[code]?.en ?? lowerFirst(x.label.en) };
      });
      const categories = f.family(R, 'category').map((x) => ({ key: x.key, zh: x.label.zh, en: lowerFirst(x.label.en) }));
      const nonzeroCategories = categories.filter((c) => f.pos(c.key)).length;
      const channelText = channels.some((c) => f.pos(c.key)) ? familyList(f, channels, '项') : '';
      const categoryText = nonzeroCategories ? familyList(f, categories, '项', 3) : '';
      p.push(
        f.t(
          `本期共受理报修${f.tok(R)}项${f.bySite(R, '项')}${f.compare(R)}。` +
            (channelText ? `从报修渠道看，${channelText}。` : '') +
            (categoryText ? (nonzeroCategories > 3 ? `从报修类别看，以${categoryText}居多。` : `从报修类别看，${categoryText}。`) : ''),
          `A total of ${f.tok(R)} repair ${f.noun(R, 'request was', 'requests were')} received in the period${f.bySite(R, '')}${f.compare(R)}.` +
            (channelText ? ` By channel: ${channelText}.` : '') +
            (categoryText
              ? nonzeroCategories > 3
                ? ` The most frequent categories were ${categoryText}.`
                : ` By category: ${categoryText}.`
              : ''),
        ),
      );
    } else if (f.has(R)) {
      p.push(f.t('本期未受理新的报修。', 'No new repair requests were received in the period.'));
    }

    const C = 'workorders.completed';
    const T = 'workorders.timelyRepairRate';
    const rates = [
      ['workorders.responseOnTimeRate', '响应及时率', 'on-time response'],
      ['workorders.arrivalOnTimeRate', '到场及时率', 'on-time arrival'],
      ['workorders.mttr', '平均修复时间（MTTR）', 'mean time to repair (MTTR)'],
      ['workorders.reworkRate', '返修率', 'rework rate'],
    ].filter(([k]) => f.known(k)) as [string, string, string][];
    if (f.pos(C) || f.known(T)) {
      const allInTime = allOf(f, T, C);
      if (f.zh) {
        p.push(
          sentence(f, [
            f.pos(C) && `期间完工${f.tok(C)}项${f.bySite(C, '项')}`,
            f.known(T) && `维修及时率${f.tok(T)}${f.siteRates(T)}${f.compare(T)}${allInTime ? '，均在规定时限内修复完毕' : ''}`,
            ...rates.map(([k, zh]) => `${zh}${f.tok(k)}`),
          ]),
        );
      } else {
        const first = sentence(
          f,
          [
            f.pos(C) && `${f.tok(C)} ${f.noun(C, 'repair was', 'repairs were')} finished${f.bySite(C, '')}`,
            f.known(T) &&
              `the timely-repair rate was ${f.tok(T)}${f.siteRates(T)}${f.compare(T)}${allInTime ? ', every repair being finished within its time limit' : ''}`,
          ],
          '; ',
        );
        const second = rates.length ? ` ${capitalise(rates.map(([k, , en]) => `${en} ${f.tok(k)}`).join(', '))}.` : '';
        p.push(`${first}${second}`);
      }
    }

    const L = 'workorders.loggedHours';
    if (f.pos(L)) {
      const E = 'workorders.effectiveHours';
      const ratio = 'workorders.effectiveHoursRatio';
      const std = 'workorders.standardEfficiency';
      p.push(
        f.t(
          `维修人员共登记工时${f.tok(L)}，其中有效工时${f.tok(E)}，工时工效${f.tok(ratio)}${f.siteRates(ratio)}${f.known(std) ? `；标准工时效率${f.tok(std)}` : ''}。`,
          `Technicians logged ${f.tok(L)} of work, ${f.tok(E)} of it effective; the effective-hours ratio was ${f.tok(ratio)}${f.siteRates(ratio)}${f.known(std) ? ` and standard-time efficiency ${f.tok(std)}` : ''}.`,
        ),
      );
    }

    const rated = 'workorders.rated';
    const S = 'workorders.satisfaction';
    if (f.pos(rated) && f.known(S)) {
      p.push(
        f.t(
          `报修人共评价${f.tok(rated)}单，满意度指数${f.tok(S)}${f.siteRates(S)}${f.compare(S)}。`,
          `Requesters rated ${f.tok(rated)} ${f.noun(rated, 'order', 'orders')}; the satisfaction index was ${f.tok(S)}${f.siteRates(S)}${f.compare(S)}.`,
        ),
      );
    }

    const B = 'workorders.backlog';
    const O = 'workorders.overdue';
    if (f.pos(B)) {
      const mean = 'workorders.backlogMeanAge';
      const oldest = 'workorders.backlogOldestAge';
      // the open orders past a deadline, where they are; "none past a time limit" only when the figure says so
      const overdueZh = f.pos(O)
        ? `逾期未完工（已超过规定的响应、到场或修复时限）的工单${f.tok(O)}项${f.bySite(O, '项')}。`
        : f.has(O)
          ? '未完工的报修均未超过规定的处理时限。'
          : '';
      const overdueEn = f.pos(O)
        ? ` ${f.tok(O)} of them ${f.be(O)} past a response, arrival or repair time limit${f.bySite(O, '')}.`
        : f.has(O)
          ? ` None of them ${f.periodRunning ? 'is' : 'was'} past a time limit.`
          : '';
      p.push(
        f.t(
          `截至${asOf(f)}尚有${f.tok(B)}项报修未完工${f.bySite(B, '项')}${f.known(mean) ? `，平均已等待${f.tok(mean)}` : ''}${f.known(oldest) ? `，最久的已等待${f.tok(oldest)}` : ''}。${overdueZh}`,
          `At ${asOf(f)} ${f.tok(B)} repair ${f.noun(B, 'request', 'requests')} ${f.be(B)} still open${f.bySite(B, '')}${f.known(mean) ? `, waiting ${f.tok(mean)} on average` : ''}${f.known(oldest) ? ` and ${f.tok(oldest)} at the longest` : ''}.${overdueEn}`,
        ),
      );
    } else if (f.has(B) && f.pos(R)) {
      p.push(f.t(`截至${asOf(f)}无未完工的报修。`, `At ${asOf(f)} no repair request was left open.`));
    }
    return {
      paragraphs: p.filter(Boolean),
      // the backlog and its overdue part among the first: with the service desk beside it, a module's table keeps its first five
      table: [
        R,
        C,
        T,
        B,
        O,
        'workorders.responseOnTimeRate',
        'workorders.arrivalOnTimeRate',
        'workorders.mttr',
        'workorders.reworkRate',
        S,
        'workorders.effectiveHoursRatio',
      ],
      chart: [R, C],
    };
  },
};

const servicedesk: ModuleWriter = {
  none: { zh: '本期无投诉、回访和热线来电记录。', en: 'No complaints, return visits or hotline calls were recorded in this period.' },
  plan: {
    zh: '做好投诉受理和服务回访，及时反馈处理结果，持续提升服务满意度。',
    en: 'Handle complaints and return visits well, report back on every outcome promptly and keep raising satisfaction.',
  },
  write(f) {
    const p: string[] = [];
    const rec = 'servicedesk.complaints.received';
    const res = 'servicedesk.complaints.resolved';
    const onTime = 'servicedesk.complaints.resolved_on_time';
    const rate = 'servicedesk.complaints.on_time_rate';
    const overdue = 'servicedesk.complaints.overdue';
    if (f.pos(rec) || f.pos(res)) {
      p.push(
        f.t(
          sentence(f, [
            f.pos(rec) && `本期受理投诉${f.tok(rec)}项${f.bySite(rec, '项')}${f.compare(rec)}`,
            f.pos(res) && `解决投诉${f.tok(res)}项，其中按期解决${f.tok(onTime)}项${f.known(rate) ? `，按期解决率${f.tok(rate)}` : ''}`,
            f.has(overdue) &&
              f.pos(rec) &&
              (f.pos(overdue) ? `受理的投诉中超期${f.tok(overdue)}项` : '受理的投诉均在处理期限内解决或正在处理'),
          ]),
          sentence(
            f,
            [
              f.pos(rec) &&
                `${f.tok(rec)} ${f.noun(rec, 'complaint was', 'complaints were')} received${f.bySite(rec, '')}${f.compare(rec)}`,
              f.pos(res) &&
                `${f.tok(res)} ${f.noun(res, 'was', 'were')} resolved, ${f.tok(onTime)} of them on time${f.known(rate) ? ` (${f.tok(rate)})` : ''}`,
              f.has(overdue) && f.pos(rec) && (f.pos(overdue) ? `${f.tok(overdue)} went past the deadline` : 'none went past its deadline'),
            ],
            '; ',
          ),
        ),
      );
    }
    const visits = 'servicedesk.return_visits';
    if (f.pos(visits)) {
      const satisfied = 'servicedesk.return_visits.satisfied';
      const share = 'servicedesk.return_visits.satisfied_share';
      const dissatisfied = 'servicedesk.return_visits.dissatisfied';
      p.push(
        f.t(
          `开展服务回访${f.tok(visits)}次${f.bySite(visits, '次')}，回访满意${f.tok(satisfied)}次${f.known(share) ? `，满意率${f.tok(share)}` : ''}${f.pos(dissatisfied) ? `，不满意${f.tok(dissatisfied)}次` : ''}。`,
          `${f.tok(visits)} return ${f.noun(visits, 'visit was', 'visits were')} made${f.bySite(visits, '')}; ${f.tok(satisfied)} found the requester satisfied${f.known(share) ? ` (${f.tok(share)})` : ''}${f.pos(dissatisfied) ? ` and ${f.tok(dissatisfied)} dissatisfied` : ''}.`,
        ),
      );
    }
    const calls = 'servicedesk.hotline.calls';
    if (f.pos(calls)) {
      const outcomes = familyOf(f, calls, 'outcome');
      const list = familyList(f, outcomes, '次');
      p.push(
        f.t(
          `服务热线共接听来电${f.tok(calls)}次${f.bySite(calls, '次')}${list ? `，按处理结果分，${list}` : ''}。`,
          `The service hotline took ${f.tok(calls)} ${f.noun(calls, 'call', 'calls')}${f.bySite(calls, '')}${list ? `; by outcome: ${list}` : ''}.`,
        ),
      );
    }
    return {
      paragraphs: p,
      table: [
        rec,
        res,
        onTime,
        rate,
        overdue,
        visits,
        'servicedesk.return_visits.satisfied_share',
        'servicedesk.return_visits.dissatisfied',
        calls,
      ],
      chart: [rec, calls],
    };
  },
};

const maintenance: ModuleWriter = {
  none: { zh: '本期无到期的设施设备维护保养。', en: 'No maintenance fell due in this period.' },
  plan: {
    zh: '按年度保养计划做好设施设备维护保养，每月跟踪计划执行进度，保障设施设备稳定运行。',
    en: 'Carry out the yearly maintenance plan, track its progress every month and keep facilities and equipment running reliably.',
  },
  headline: (f) => {
    const k = 'maintenance.done';
    if (!f.pos(k)) return null;
    return {
      key: k,
      text: f.t(`完成设施设备维护保养${f.tok(k)}项`, `completed ${f.tok(k)} maintenance ${f.noun(k, 'task', 'tasks')}`),
      name: f.t('保养完成量', 'maintenance tasks done'),
    };
  },
  write(f) {
    const p: string[] = [];
    const due = 'maintenance.due';
    const done = 'maintenance.done';
    const on = 'maintenance.on_time';
    const late = 'maintenance.late';
    const missed = 'maintenance.missed';
    const overdue = 'maintenance.overdue';
    const pm = 'maintenance.pm_compliance';
    const sched = 'maintenance.schedule_compliance';
    if (f.pos(due)) {
      const allOnTime = f.v(on) === f.v(due);
      const tail = allOnTime
        ? f.t('全部保养均在规定期限内按时完成。', 'Every task was done on time.')
        : sentence(
            f,
            [
              f.pos(missed) &&
                f.t(
                  `漏做保养${f.tok(missed)}项${f.spread(missed, '项')}`,
                  `${f.tok(missed)} ${f.noun(missed, 'task was', 'tasks were')} missed${f.spread(missed, '')}`,
                ),
              f.pos(overdue) &&
                f.t(`截至${asOf(f)}仍有${f.tok(overdue)}项超期未完成`, `${f.tok(overdue)} ${f.be(overdue)} still overdue at ${asOf(f)}`),
            ],
            f.t('，', '; '),
          );
      p.push(
        f.t(
          `本期应完成设施设备维护保养${f.tok(due)}项${f.bySite(due, '项')}，已完成${f.tok(done)}项${f.compare(done)}，其中按时完成${f.tok(on)}项${f.pos(late) ? `，逾期完成${f.tok(late)}项` : ''}${f.known(pm) ? `；预防性维护完成率（PM合规率）${f.tok(pm)}${f.siteRates(pm)}` : ''}${f.known(sched) ? `，计划执行率${f.tok(sched)}` : ''}。${tail}`,
          `${f.tok(due)} maintenance ${f.noun(due, 'task', 'tasks')} fell due in the period${f.bySite(due, '')}; ${f.tok(done)} ${f.noun(done, 'was', 'were')} done${f.compare(done)}, ${f.tok(on)} of them on time${f.pos(late) ? ` and ${f.tok(late)} late` : ''}.${f.known(pm) ? ` PM compliance was ${f.tok(pm)}${f.siteRates(pm)}${f.known(sched) ? ` and schedule compliance ${f.tok(sched)}` : ''}.` : ''}${tail ? ` ${tail}` : ''}`,
        ),
      );
    } else if (f.pos(overdue)) {
      p.push(
        f.t(
          `截至${asOf(f)}有${f.tok(overdue)}项保养超期未完成。`,
          `At ${asOf(f)} ${f.tok(overdue)} maintenance ${f.noun(overdue, 'task', 'tasks')} ${f.be(overdue)} overdue.`,
        ),
      );
    }
    const fireDue = 'maintenance.fire.due';
    if (f.pos(fireDue)) {
      const fireDone = 'maintenance.fire.done';
      const firePm = 'maintenance.fire.pm_compliance';
      const all = f.v(firePm) === 100 && (f.v(fireDue) ?? Number.POSITIVE_INFINITY) < 2000;
      p.push(
        f.t(
          `其中消防设施应完成维保${f.tok(fireDue)}项，已完成${f.tok(fireDone)}项${f.known(firePm) ? `，按时完成率${f.tok(firePm)}` : ''}${all ? '，均按计划按时完成' : ''}。`,
          `Fire-system maintenance: ${f.tok(fireDue)} due, ${f.tok(fireDone)} done${f.known(firePm) ? `, ${f.tok(firePm)} on time` : ''}${all ? ', all as planned' : ''}.`,
        ),
      );
    }
    const planned = 'maintenance.hours_planned';
    const spent = 'maintenance.hours_spent';
    if (f.pos(planned) || f.pos(spent)) {
      const ratio = 'maintenance.hours_ratio';
      p.push(
        f.t(
          `计划保养工时${f.tok(planned)}，实际登记有效工时${f.tok(spent)}${f.known(ratio) ? `，为计划工时的${f.tok(ratio)}` : ''}。`,
          `Maintenance was planned at ${f.tok(planned)} and ${f.tok(spent)} of effective work was logged${f.known(ratio) ? ` (${f.tok(ratio)} of plan)` : ''}.`,
        ),
      );
    }
    const findings = 'maintenance.findings';
    if (f.pos(findings)) {
      const follow = 'maintenance.follow_ups';
      p.push(
        f.t(
          `保养检查中发现问题${f.tok(findings)}项${f.pos(follow) ? `，已转维修等后续处理${f.tok(follow)}项` : ''}。`,
          `Maintenance checklists found ${f.tok(findings)} ${f.noun(findings, 'problem', 'problems')}${f.pos(follow) ? `, ${f.tok(follow)} of which ${f.noun(follow, 'was', 'were')} followed up with repairs` : ''}.`,
        ),
      );
    }
    return {
      paragraphs: p,
      table: [due, done, on, late, missed, overdue, pm, sched, 'maintenance.fire.pm_compliance', findings],
      chart: [due, done],
    };
  },
};

const readings: ModuleWriter = {
  none: { zh: '本期无抄表和读数记录。', en: 'No meter or check readings were recorded in this period.' },
  plan: {
    zh: '坚持按时抄表和读数检查，对超出合格范围的读数及时纠偏，加强能耗分析，做好节能降耗。',
    en: 'Take every reading on time, correct readings out of range promptly, and analyse energy use to save energy.',
  },
  write(f) {
    const p: string[] = [];
    const due = 'readings.due';
    const on = 'readings.on_time';
    const rate = 'readings.on_time_rate';
    const missed = 'readings.missed';
    const taken = 'readings.taken';
    const inBand = 'readings.in_band_rate';
    const oob = 'readings.out_of_band';
    if (f.pos(due)) {
      const all = f.v(on) === f.v(due);
      p.push(
        f.t(
          `本期应抄读${f.tok(due)}次${f.bySite(due, '次')}，按时读数${f.tok(on)}次${f.known(rate) ? `，按时读数率${f.tok(rate)}${f.siteRates(rate)}` : ''}${f.pos(missed) ? `，漏读${f.tok(missed)}次` : all ? '，均按时完成' : ''}${f.pos(taken) ? `；共录入读数${f.tok(taken)}条${f.known(inBand) ? `，读数合格率${f.tok(inBand)}` : ''}` : ''}。`,
          `${f.tok(due)} ${f.noun(due, 'reading', 'readings')} fell due${f.bySite(due, '')}; ${f.tok(on)} ${f.noun(on, 'was', 'were')} taken on time${f.known(rate) ? `, an on-time rate of ${f.tok(rate)}${f.siteRates(rate)}` : ''}${f.pos(missed) ? `, and ${f.tok(missed)} ${f.noun(missed, 'was', 'were')} missed` : all ? ', which is every one of them' : ''}.${f.pos(taken) ? ` ${f.tok(taken)} ${f.noun(taken, 'reading was', 'readings were')} recorded in all${f.known(inBand) ? `, ${f.tok(inBand)} of them within range` : ''}.` : ''}`,
        ),
      );
    } else if (f.pos(taken)) {
      p.push(
        f.t(
          `本期共录入读数${f.tok(taken)}条${f.bySite(taken, '条')}${f.known(inBand) ? `，读数合格率${f.tok(inBand)}` : ''}。`,
          `${f.tok(taken)} ${f.noun(taken, 'reading was', 'readings were')} recorded${f.bySite(taken, '')}${f.known(inBand) ? `, ${f.tok(inBand)} of them within range` : ''}.`,
        ),
      );
    }
    const opened = 'readings.deviations.opened';
    const corrected = 'readings.deviations.corrected';
    const inTime = 'readings.deviations.corrected_in_time';
    const correction = 'readings.deviations.correction_rate';
    if (f.pos(oob) || f.pos(opened)) {
      const allCorrected = f.pos(opened) && f.v(corrected) === f.v(opened);
      p.push(
        f.t(
          `超出合格范围的读数${f.tok(oob)}条，登记偏差${f.tok(opened)}项，已纠偏${f.tok(corrected)}项${f.pos(corrected) && f.has(inTime) ? `，其中按时纠偏${f.tok(inTime)}项` : ''}${allCorrected ? '，均已纠偏关闭' : f.known(correction) ? `，偏差纠正率${f.tok(correction)}` : ''}。`,
          `${f.tok(oob)} ${f.noun(oob, 'reading was', 'readings were')} out of range and ${f.tok(opened)} ${f.noun(opened, 'deviation was', 'deviations were')} opened; ${f.tok(corrected)} ${f.noun(corrected, 'was', 'were')} corrected${f.pos(corrected) && f.has(inTime) ? `, ${f.tok(inTime)} within the re-check time` : ''}${allCorrected ? ', so every deviation was closed' : f.known(correction) ? ` (a correction rate of ${f.tok(correction)})` : ''}.`,
        ),
      );
    } else if (f.pos(taken) && f.has(oob) && f.known(inBand)) {
      p.push(f.t('所有读数均在合格范围内。', 'Every reading was within its acceptable range.'));
    }
    const use = f.data.facts.filter((x) => x.key.startsWith('readings.consumption.') && f.has(x.key) && f.pos(x.key));
    if (use.length) {
      const items = use.map((x) => {
        const { name, unit } = quantityLabel(x, f.lang);
        return f.t(
          `${name}${f.tok(x.key)}${unit ? ` ${unit}` : ''}${f.compare(x.key)}`,
          `${lowerFirst(name)} ${f.tok(x.key)}${unit ? ` ${unit}` : ''}${f.compare(x.key)}`,
        );
      });
      p.push(f.t(`能耗方面，${items.join('；')}。`, `Energy use: ${items.join('; ')}.`));
    }
    return {
      paragraphs: p,
      table: [due, rate, missed, taken, inBand, oob, opened, correction, ...use.map((x) => x.key)],
      chart: [due, on],
    };
  },
};

const projects: ModuleWriter = {
  none: { zh: '本期无开工或竣工验收的工程项目。', en: 'No projects were started or completed in this period.' },
  plan: {
    zh: '按计划推进改造施工项目，做好过程管理和竣工验收，控制项目费用。',
    en: 'Advance the renovation projects to plan, manage them through to acceptance and keep their costs in check.',
  },
  headline: (f) => {
    const k = 'projects.completed';
    if (!f.pos(k)) return null;
    return {
      key: k,
      text: f.t(`完成改造施工项目${f.tok(k)}项`, `completed ${f.tok(k)} renovation ${f.noun(k, 'project', 'projects')}`),
      name: f.t('竣工项目', 'projects completed'),
    };
  },
  write(f) {
    const started = 'projects.started';
    const completed = 'projects.completed';
    const budget = 'projects.budget';
    const cost = f.pick('projects.actual_cost', 'projects.actualCost') ?? 'projects.actual_cost';
    const missing = f.pick('projects.cost_missing', 'projects.costMissing') ?? 'projects.cost_missing';
    const overdue = 'projects.overdue';
    const p: string[] = [];
    if (f.pos(started) || f.pos(completed)) {
      p.push(
        f.t(
          sentence(f, [
            f.pos(started) && `本期开工改造施工项目${f.tok(started)}项${f.bySite(started, '项')}`,
            f.pos(completed) && `竣工验收${f.tok(completed)}项${f.bySite(completed, '项')}${f.compare(completed)}`,
          ]),
          sentence(
            f,
            [
              f.pos(started) &&
                `${f.tok(started)} renovation ${f.noun(started, 'project was', 'projects were')} started${f.bySite(started, '')}`,
              f.pos(completed) &&
                `${f.tok(completed)} ${f.noun(completed, 'was', 'were')} completed and accepted${f.bySite(completed, '')}${f.compare(completed)}`,
            ],
            '; ',
          ),
        ),
      );
    }
    if (f.pos(completed) && f.has(budget)) {
      p.push(
        f.t(
          `竣工项目预算合计${f.tok(budget)}，实际费用${f.tok(cost)}${f.pos(missing) ? `（其中${f.tok(missing)}项尚未登记实际费用）` : ''}。`,
          `The completed projects were budgeted at ${f.tok(budget)} and cost ${f.tok(cost)}${f.pos(missing) ? ` (${f.tok(missing)} without a recorded cost yet)` : ''}.`,
        ),
      );
    }
    if (f.pos(overdue)) {
      p.push(
        f.t(
          `另有${f.tok(overdue)}项已过计划完工日期仍未验收${f.spread(overdue, '项')}。`,
          `${f.tok(overdue)} ${f.noun(overdue, 'project has', 'projects have')} passed the planned completion date without acceptance${f.spread(overdue, '')}.`,
        ),
      );
    }
    return { paragraphs: p, table: [started, completed, budget, cost, missing, overdue], chart: [started, completed] };
  },
};

const patrols: ModuleWriter = {
  none: { zh: '本期无到期的计划巡检。', en: 'No scheduled patrol rounds fell due in this period.' },
  plan: {
    zh: '坚持多级巡视制度，落实各层级检查职责，保证问题及时发现和处理。',
    en: 'Keep to the layered patrol system and make each level answerable for its checks, so that problems are found and handled promptly.',
  },
  headline: (f) => {
    const k = 'patrols.rounds.due';
    if (!f.pos(k)) return null;
    return {
      key: k,
      text: f.t(`安排计划巡检${f.tok(k)}次`, `scheduled ${f.tok(k)} patrol ${f.noun(k, 'round', 'rounds')}`),
      name: f.t('计划巡检次数', 'patrol rounds'),
    };
  },
  write(f) {
    const p: string[] = [];
    const due = 'patrols.rounds.due';
    const on = 'patrols.rounds.onTime';
    const late = 'patrols.rounds.late';
    const missed = 'patrols.rounds.missed';
    const duty = 'patrols.duty_rate';
    if (f.pos(due)) {
      const all = f.v(on) === f.v(due);
      p.push(
        f.t(
          `本期应巡检${f.tok(due)}次${f.bySite(due, '次')}，按时完成${f.tok(on)}次${f.pos(late) ? `，逾期完成${f.tok(late)}次` : ''}${f.pos(missed) ? `，漏检${f.tok(missed)}次` : ''}${f.known(duty) ? `，检查职责落实率${f.tok(duty)}${f.siteRates(duty)}${f.compare(duty)}` : ''}${all ? '，各级巡检均按时完成，无漏检' : ''}。`,
          `${f.tok(due)} scheduled patrol ${f.noun(due, 'round', 'rounds')} fell due${f.bySite(due, '')}; ${joinEn([
            `${f.tok(on)} ${f.noun(on, 'was', 'were')} completed on time`,
            ...(f.pos(late) ? [`${f.tok(late)} late`] : []),
            ...(f.pos(missed) ? [`${f.tok(missed)} ${f.noun(missed, 'was', 'were')} missed`] : []),
          ])}.${f.known(duty) ? ` Duty compliance was ${f.tok(duty)}${f.siteRates(duty)}${f.compare(duty)}${all ? '; every round at every level was completed on time' : ''}.` : ''}`,
        ),
      );
      const levels = f.family(duty, 'level').filter((x) => x.value !== null);
      if (levels.length > 1) {
        p.push(
          f.t(
            `分层级看，${levels.map((x) => `${x.label.zh}${f.tok(x.key)}`).join('，')}。`,
            `By level, compliance was ${joinEn(levels.map((x) => `${f.tok(x.key)} for ${lowerFirst(x.label.en.replace(/ compliance$/, ''))}`))}.`,
          ),
        );
      }
    }
    const skipped = 'patrols.points.skipped';
    if (f.pos(skipped)) {
      p.push(
        f.t(
          `巡检中跳过点位${f.tok(skipped)}个${f.spread(skipped, '个')}。`,
          `${f.tok(skipped)} ${f.noun(skipped, 'checkpoint was', 'checkpoints were')} skipped during rounds${f.spread(skipped, '')}.`,
        ),
      );
    }
    const levelKeys = f.family(duty, 'level').map((x) => x.key);
    return { paragraphs: p, table: [due, on, late, missed, duty, skipped, ...levelKeys], chart: [due, on] };
  },
};

const RESOLUTION_WORDS: Record<string, { zh: string; en: string }> = {
  fixed_on_spot: { zh: '当场整改', en: 'fixed on the spot' },
  work_order: { zh: '转维修工单', en: 'turned into work orders' },
  hazard: { zh: '登记为隐患', en: 'registered as hazards' },
  open: { zh: '尚待处理', en: 'still awaiting a decision' },
};

const hazards: ModuleWriter = {
  none: { zh: '本期未登记问题和安全隐患。', en: 'No problems or hazards were recorded in this period.' },
  plan: {
    zh: '按“排查—登记—整改—验收—销号”闭环做好隐患排查治理，落实整改“五落实”，按期组织专项安全检查。',
    en: 'Run hazard control as a closed loop — find, register, rectify, accept, close — with every measure assigned, and hold the special safety inspections on schedule.',
  },
  headline: (f) => {
    const k = 'hazards.found';
    if (!f.pos(k)) return null;
    return {
      key: k,
      text: f.t(`排查发现安全隐患${f.tok(k)}项`, `found ${f.tok(k)} ${f.noun(k, 'hazard', 'hazards')}`),
      name: f.t('发现隐患数', 'hazards found'),
    };
  },
  write(f) {
    const p: string[] = [];
    const found = 'hazards.findings.found';
    const handled = 'hazards.findings.handled';
    const handledRate = 'hazards.findings.handled_rate';
    if (f.pos(found)) {
      const all = f.v(handled) === f.v(found);
      const resolutions = f
        .family(found.replace(/\.found$/, ''), 'resolution')
        .filter((x) => !x.key.endsWith('.open'))
        .map((x) => {
          const code = x.key.slice(x.key.lastIndexOf('.') + 1);
          return {
            key: x.key,
            zh: RESOLUTION_WORDS[code]?.zh ?? innerLabel(x, 'zh'),
            en: RESOLUTION_WORDS[code]?.en ?? lowerFirst(innerLabel(x, 'en')),
          };
        })
        .filter((x) => f.pos(x.key));
      p.push(
        f.t(
          `本期通过巡检、检查和读数监测等途径发现各类问题${f.tok(found)}个${f.bySite(found, '个')}，${all ? '均已得到处理' : `已处理${f.tok(handled)}个${f.known(handledRate) ? `，处理率${f.tok(handledRate)}` : ''}`}${resolutions.length ? `；其中${resolutions.map((x) => `${x.zh}${f.tok(x.key)}个`).join('、')}` : ''}。`,
          `Patrols, checklists and readings brought ${f.tok(found)} ${f.noun(found, 'problem', 'problems')} to light${f.bySite(found, '')}; ${all ? 'all of them have been dealt with' : `${f.tok(handled)} ${f.noun(handled, 'has', 'have')} been dealt with${f.known(handledRate) ? ` (${f.tok(handledRate)})` : ''}`}.${resolutions.length ? ` Of these, ${joinEn(resolutions.map((x) => `${f.tok(x.key)} ${f.noun(x.key, 'was', 'were')} ${x.en}`))}.` : ''}`,
        ),
      );
    }
    const F = 'hazards.found';
    const R = 'hazards.rectified';
    const O = 'hazards.on_time';
    const open = 'hazards.open';
    const overdue = 'hazards.overdue';
    const major = 'hazards.found.grade.major';
    const rr = 'hazards.rectification_rate';
    const or = 'hazards.on_time_rate';
    if (f.pos(F)) {
      // the seed's sentence, only when the counts bear it out
      const allDone =
        f.has(R) &&
        f.has(O) &&
        f.has(open) &&
        f.has(overdue) &&
        f.v(R) === f.v(F) &&
        f.v(O) === f.v(R) &&
        f.v(open) === 0 &&
        f.v(overdue) === 0;
      const lead = f.t(
        `本期共排查发现安全隐患${f.tok(F)}项${f.bySite(F, '项')}${f.compare(F)}${f.pos(major) ? `，含重大隐患${f.tok(major)}项` : ''}`,
        `${f.tok(F)} ${f.noun(F, 'hazard was', 'hazards were')} found in the period${f.bySite(F, '')}${f.compare(F)}${f.pos(major) ? `, ${f.tok(major)} of them major` : ''}`,
      );
      if (allDone) {
        p.push(f.t(`${lead}，所有隐患均已在规定期限内整改完毕。`, `${lead}; all have been rectified within their deadlines.`));
      } else {
        const rest = f.t(
          `已整改销号${f.tok(R)}项${f.known(rr) ? `，整改率${f.tok(rr)}` : ''}${f.pos(R) ? `，其中按期整改${f.tok(O)}项${f.known(or) ? `，按期整改率${f.tok(or)}` : ''}` : ''}${
            f.pos(open)
              ? f.pos(overdue)
                ? `；尚有${f.tok(open)}项未销号，其中逾期未整改${f.tok(overdue)}项${f.spread(overdue, '项')}`
                : `；尚有${f.tok(open)}项正在整改或验收中`
              : ''
          }。`,
          `${f.tok(R)} ${f.noun(R, 'has', 'have')} been rectified and closed${f.known(rr) ? ` (${f.tok(rr)})` : ''}${f.pos(R) ? `, ${f.tok(O)} of them by the deadline${f.known(or) ? ` (${f.tok(or)})` : ''}` : ''}${
            f.pos(open)
              ? f.pos(overdue)
                ? `; ${f.tok(open)} ${f.noun(open, 'remains', 'remain')} open, ${f.tok(overdue)} of them past the deadline${f.spread(overdue, '')}`
                : `; ${f.tok(open)} ${f.noun(open, 'is', 'are')} being rectified or awaiting acceptance`
              : ''
          }.`,
        );
        // all closed, some of them late: said in one sentence, like the seed's
        const allClosed = f.has(open) && f.v(open) === 0 && f.v(R) === f.v(F);
        p.push(
          allClosed
            ? f.t(
                `${lead}，均已整改销号，其中按期整改${f.tok(O)}项${f.known(or) ? `，按期整改率${f.tok(or)}` : ''}。`,
                `${lead}; all have been rectified and closed, ${f.tok(O)} of them by the deadline${f.known(or) ? ` (${f.tok(or)})` : ''}.`,
              )
            : f.t(`${lead}。${rest}`, `${lead}. ${capitalise(rest)}`),
        );
      }
      const categories = familyOf(f, F, 'category', '隐患');
      const shown = categories.filter((c) => f.pos(c.key)).length;
      if (shown > 1) {
        const list = familyList(f, categories, '项', 3);
        p.push(
          f.t(
            shown > 3 ? `从类别看，以${list}居多。` : `从类别看，${list}。`,
            shown > 3 ? `Most concerned ${list}.` : `By category: ${list}.`,
          ),
        );
      }
    } else if (f.has(F)) {
      p.push(f.t('本期未登记安全隐患。', 'No hazards were registered in the period.'));
    }
    return { paragraphs: p, table: [found, handledRate, F, R, O, open, overdue, rr, or, major], chart: [F, R] };
  },
};

const incidents: ModuleWriter = {
  none: { zh: '本期无意外事件报告和接警记录。', en: 'No incident reports or security alerts were recorded in this period.' },
  plan: {
    zh: '完善意外事件报告制度，对每起事件分析原因、落实纠正预防措施，减少同类问题重复发生；加强治安防范，及时处置警情。',
    en: 'Report every incident, analyse its cause and carry out corrective and preventive measures so that it does not recur; keep up security and respond to alerts promptly.',
  },
  write(f) {
    const p: string[] = [];
    const total = 'incidents.total';
    if (f.pos(total)) {
      const types = familyOf(f, 'incidents', 'type');
      const list = familyList(f, types, '起');
      const fire = 'incidents.type.fire';
      const noFire = f.has(fire) && f.v(fire) === 0;
      const awaiting = 'incidents.awaiting_review';
      p.push(
        f.t(
          `本期共发生并报告意外事件${f.tok(total)}起${f.bySite(total, '起')}${f.compare(total)}${list ? `；按类型分，${list}` : ''}${noFire ? '；全期无火警报告' : ''}。${f.pos(awaiting) ? `尚有${f.tok(awaiting)}份事件报告待审核。` : ''}`,
          `${f.tok(total)} ${f.noun(total, 'incident was', 'incidents were')} reported${f.bySite(total, '')}${f.compare(total)}.${list ? ` By type: ${list}.` : ''}${noFire ? ' No fire was reported.' : ''}${f.pos(awaiting) ? ` ${f.tok(awaiting)} incident ${f.noun(awaiting, 'report is', 'reports are')} awaiting review.` : ''}`,
        ),
      );
    } else if (f.has(total)) {
      p.push(f.t('本期未登记意外事件报告。', 'No incident reports were filed in the period.'));
    }
    const faults = 'incidents.fire_alarm_faults';
    if (f.pos(faults)) {
      const fixed = 'incidents.fire_alarm_faults.fixed_in_time';
      const rate = 'incidents.fire_alarm_faults.fixed_in_time_rate';
      const all = f.v(fixed) === f.v(faults);
      p.push(
        f.t(
          `发生消防报警故障${f.tok(faults)}次${f.bySite(faults, '次')}，${all ? '均在规定时间内修复，做到了维修“不过夜”' : `按时修复${f.tok(fixed)}次${f.known(rate) ? `，按时修复率${f.tok(rate)}` : ''}`}。`,
          `${f.tok(faults)} fire-alarm ${f.noun(faults, 'fault', 'faults')} occurred${f.bySite(faults, '')}; ${all ? (f.v(faults) === 1 ? 'it was fixed in time, before the day ended' : 'every one was fixed in time, before the day ended') : `${f.tok(fixed)} ${f.noun(fixed, 'was', 'were')} fixed in time${f.known(rate) ? ` (${f.tok(rate)})` : ''}`}.`,
        ),
      );
    }
    const alerts = 'security.alerts';
    if (f.pos(alerts)) {
      const types = familyOf(f, alerts, 'type');
      const list = familyList(f, types, '次');
      const caught = 'security.apprehended';
      const police = 'security.handed_to_police';
      const praised = 'security.commendations';
      p.push(
        f.t(
          `安保方面，共接警${f.tok(alerts)}次${f.bySite(alerts, '次')}${f.compare(alerts)}${list ? `，按警情类型分，${list}` : ''}${f.pos(caught) ? `；抓获各类嫌疑人员${f.tok(caught)}人${f.pos(police) ? `，其中移交公安${f.tok(police)}人` : ''}` : ''}${f.pos(praised) ? `；出警人员获表扬${f.tok(praised)}次` : ''}。`,
          `Security handled ${f.tok(alerts)} ${f.noun(alerts, 'alert', 'alerts')}${f.bySite(alerts, '')}${f.compare(alerts)}.${list ? ` By type: ${list}.` : ''}${f.pos(caught) ? ` ${f.tok(caught)} ${f.noun(caught, 'person was', 'people were')} apprehended${f.pos(police) ? `, ${f.tok(police)} of them handed to the police` : ''}.` : ''}${f.pos(praised) ? ` Officers received ${f.tok(praised)} ${f.noun(praised, 'commendation', 'commendations')}.` : ''}`,
        ),
      );
    }
    return {
      paragraphs: p,
      table: [
        total,
        faults,
        'incidents.fire_alarm_faults.fixed_in_time_rate',
        'incidents.awaiting_review',
        alerts,
        'security.apprehended',
        'security.commendations',
      ],
      chart: [total, alerts],
    };
  },
};

const drills: ModuleWriter = {
  none: { zh: '本期无应急演练记录。', en: 'No drills were recorded in this period.' },
  plan: {
    zh: '按演练计划组织消防疏散及停电、停水、跑水等各类应急演练，每次演练形成演练报告，总结经验和不足。',
    en: 'Hold fire-evacuation, power-cut, water-cut, flooding and other emergency drills to plan, each with a report of what went well and what did not.',
  },
  headline: (f) => {
    const k = 'drills.done';
    if (!f.pos(k)) return null;
    return {
      key: k,
      text: f.t(`组织应急演练${f.tok(k)}次`, `held ${f.tok(k)} emergency ${f.noun(k, 'drill', 'drills')}`),
      name: f.t('演练次数', 'drills'),
    };
  },
  write(f) {
    const p: string[] = [];
    const done = 'drills.done';
    const participants = 'drills.participants';
    const reports = 'drills.reports_filed';
    const missed = 'drills.missed';
    const planned = 'drills.planned';
    if (f.pos(done)) {
      const types = familyOf(f, done, 'type', '演练');
      const list = familyList(f, types, '次');
      const allReported = f.v(reports) === f.v(done);
      p.push(
        f.t(
          `本期共完成应急演练${f.tok(done)}次${f.bySite(done, '次')}${f.compare(done)}${f.pos(participants) ? `，参演${f.tok(participants)}人次` : ''}${list ? `；按类型分，${list}` : ''}。${allReported ? '每次演练均形成演练报告。' : f.has(reports) ? `已填写演练报告${f.tok(reports)}份。` : ''}`,
          `${f.tok(done)} emergency ${f.noun(done, 'drill was', 'drills were')} held${f.bySite(done, '')}${f.compare(done)}${f.pos(participants) ? `, with ${f.tok(participants)} ${f.noun(participants, 'participant', 'participants')} in all` : ''}.${list ? ` By type: ${list}.` : ''}${allReported ? ' A report was filed for every drill.' : f.has(reports) ? ` Reports were filed for ${f.tok(reports)} of them.` : ''}`,
        ),
      );
    } else if (f.has(done)) {
      p.push(f.t('本期未完成应急演练。', 'No drills were held in the period.'));
    }
    if (f.pos(missed)) {
      p.push(
        f.t(
          `另有${f.tok(missed)}次计划演练未按期进行${f.spread(missed, '次')}。`,
          `${f.tok(missed)} planned ${f.noun(missed, 'drill was', 'drills were')} not held on schedule${f.spread(missed, '')}.`,
        ),
      );
    }
    if (f.pos(planned)) {
      p.push(
        f.t(
          `尚有${f.tok(planned)}次演练按计划待进行。`,
          `${f.tok(planned)} ${f.noun(planned, 'drill is', 'drills are')} still to be held as planned.`,
        ),
      );
    }
    return { paragraphs: p, table: [done, participants, reports, missed, planned], chart: [done] };
  },
};

const actions: ModuleWriter = {
  none: { zh: '本期无纠正预防措施记录。', en: 'No corrective or preventive actions were recorded in this period.' },
  plan: {
    zh: '跟踪纠正预防措施的落实和验证，确保按期完成。',
    en: 'Follow corrective and preventive actions through to verification and finish them on time.',
  },
  write(f) {
    const p: string[] = [];
    const total = 'actions.total';
    const verified = 'actions.verified';
    const onTime = 'actions.on_time';
    const rate = 'actions.on_time_rate';
    const open = 'actions.open';
    const overdue = 'actions.overdue';
    if (f.pos(total)) {
      p.push(
        f.t(
          `针对意外事件和演练中发现的问题，本期制定纠正、预防和改进措施${f.tok(total)}项${f.bySite(total, '项')}，已落实并验证${f.tok(verified)}项${f.pos(verified) ? `，其中按期完成${f.tok(onTime)}项${f.known(rate) ? `，按期完成率${f.tok(rate)}` : ''}` : ''}。`,
          `Following incidents and drills, ${f.tok(total)} corrective, preventive or improvement ${f.noun(total, 'action was', 'actions were')} set${f.bySite(total, '')}; ${f.tok(verified)} ${f.noun(verified, 'has', 'have')} been carried out and verified${f.pos(verified) ? `, ${f.tok(onTime)} of them on time${f.known(rate) ? ` (${f.tok(rate)})` : ''}` : ''}.`,
        ),
      );
    } else if (f.has(total)) {
      p.push(f.t('本期未制定新的纠正预防措施。', 'No new corrective or preventive actions were set in the period.'));
    }
    if (f.pos(open)) {
      p.push(
        f.t(
          `截至目前尚有${f.tok(open)}项措施未完成${f.pos(overdue) ? `，其中逾期未落实${f.tok(overdue)}项${f.spread(overdue, '项')}` : ''}。`,
          `${f.tok(open)} ${f.noun(open, 'action is', 'actions are')} still open${f.pos(overdue) ? `, ${f.tok(overdue)} of them overdue${f.spread(overdue, '')}` : ''}.`,
        ),
      );
    } else if (f.has(open) && f.pos(total)) {
      p.push(f.t('截至目前所有措施均已落实。', 'All actions have now been carried out.'));
    }
    return { paragraphs: p, table: [total, verified, rate, open, overdue], chart: [total] };
  },
};

const training: ModuleWriter = {
  none: { zh: '本期无培训和知识抽查记录。', en: 'No training sessions or knowledge spot checks were recorded in this period.' },
  plan: {
    zh: '有针对性地开展岗位技能、消防和应急等培训，加强知识抽查，提升员工岗位胜任能力。',
    en: 'Run job-skills, fire and emergency training where it is needed and keep up knowledge spot checks, so that staff are fit for their posts.',
  },
  headline: (f) => {
    const k = 'training.sessions';
    if (!f.pos(k)) return null;
    return {
      key: k,
      text: f.t(`开展培训${f.tok(k)}场`, `ran ${f.tok(k)} training ${f.noun(k, 'session', 'sessions')}`),
      name: f.t('培训场次', 'training sessions'),
    };
  },
  write(f) {
    const p: string[] = [];
    const sessions = 'training.sessions';
    const attendance = 'training.attendance';
    if (f.pos(sessions)) {
      const types = familyOf(f, sessions, 'type', '培训');
      const list = familyList(f, types, '场');
      p.push(
        f.t(
          `本期共组织培训${f.tok(sessions)}场${f.bySite(sessions, '场')}${f.compare(sessions)}${f.pos(attendance) ? `，签到${f.tok(attendance)}人次` : ''}${list ? `；按类型分，${list}` : ''}。`,
          `${f.tok(sessions)} training ${f.noun(sessions, 'session was', 'sessions were')} held${f.bySite(sessions, '')}${f.compare(sessions)}${f.pos(attendance) ? `, with ${f.tok(attendance)} ${f.noun(attendance, 'sign-in', 'sign-ins')}` : ''}.${list ? ` By type: ${list}.` : ''}`,
        ),
      );
    }
    const checks = 'training.spot_checks';
    const attempts = 'training.spot_checks.attempts';
    if (f.pos(checks) || f.pos(attempts)) {
      const people = 'training.spot_checks.people';
      const passed = 'training.spot_checks.passed';
      const rate = 'training.spot_checks.pass_rate';
      const avg = 'training.spot_checks.average_score';
      p.push(
        f.t(
          `开展知识抽查${f.tok(checks)}次${f.bySite(checks, '次')}${f.pos(attempts) ? `，共${f.tok(people)}人提交答卷${f.tok(attempts)}份，合格${f.tok(passed)}份${f.known(rate) ? `，合格率${f.tok(rate)}${f.siteRates(rate)}` : ''}${f.known(avg) ? `，平均得分${f.tok(avg)}` : ''}` : ''}。`,
          `${f.tok(checks)} knowledge spot ${f.noun(checks, 'check was', 'checks were')} made${f.bySite(checks, '')}.${f.pos(attempts) ? ` ${f.tok(people)} ${f.noun(people, 'person', 'people')} handed in ${f.tok(attempts)} answer ${f.noun(attempts, 'sheet', 'sheets')}, ${f.tok(passed)} of which passed${f.known(rate) ? `; the pass rate was ${f.tok(rate)}${f.siteRates(rate)}` : ''}${f.known(avg) ? ` and the average score ${f.tok(avg)}` : ''}.` : ''}`,
        ),
      );
    }
    return {
      paragraphs: p,
      table: [
        sessions,
        attendance,
        checks,
        attempts,
        'training.spot_checks.people',
        'training.spot_checks.pass_rate',
        'training.spot_checks.average_score',
      ],
      chart: [sessions],
    };
  },
};

const etiquette: ModuleWriter = {
  none: { zh: '本期无礼仪检查记录。', en: 'No etiquette checks were recorded in this period.' },
  plan: {
    zh: '加强仪容仪表和礼貌礼仪的日常检查，提升员工对外形象。',
    en: 'Check appearance and manners daily to keep up the staff’s public image.',
  },
  write(f) {
    const checks = 'etiquette.checks';
    const people = 'etiquette.people';
    const avg = 'etiquette.average_score';
    const p: string[] = [];
    if (f.pos(checks)) {
      p.push(
        f.t(
          `开展仪容仪表与礼貌礼仪检查${f.tok(checks)}次${f.bySite(checks, '次')}，检查${f.tok(people)}人${f.known(avg) ? `，平均得分${f.tok(avg)}${f.siteRates(avg)}` : ''}。`,
          `${f.tok(checks)} appearance and etiquette ${f.noun(checks, 'check was', 'checks were')} made${f.bySite(checks, '')}, covering ${f.tok(people)} ${f.noun(people, 'person', 'people')}${f.known(avg) ? `, with an average score of ${f.tok(avg)}${f.siteRates(avg)}` : ''}.`,
        ),
      );
    }
    return { paragraphs: p, table: [checks, people, avg], chart: [checks] };
  },
};

/**
 * A module the composer has no words of its own for (one added later): its figures listed
 * by their labels, so that nothing registered is left out of the summary.
 */
function genericWriter(m: FactModuleDto): ModuleWriter {
  return {
    none: { zh: `本期无${m.label.zh}方面的记录。`, en: `No records of ${lowerFirst(m.label.en)} in this period.` },
    plan: { zh: `继续做好${m.label.zh}工作。`, en: `Continue the work on ${lowerFirst(m.label.en)}.` },
    write(f) {
      const keys = m.keys.filter((k) => f.has(k) && f.known(k) && !/\.(channel|category|grade|type|resolution|outcome|level)\./.test(k));
      const shown = keys.filter((k) => f.fact(k)?.unit !== 'count' || f.pos(k)).slice(0, 8);
      const text = shown.length
        ? f.t(
            `${m.label.zh}方面，${shown.map((k) => `${f.fact(k)?.label.zh}${f.tok(k)}`).join('，')}。`,
            `${m.label.en}: ${shown.map((k) => `${lowerFirst(f.fact(k)?.label.en ?? k)} ${f.tok(k)}`).join(', ')}.`,
          )
        : '';
      return { paragraphs: text ? [text] : [], table: shown, chart: shown.filter((k) => f.fact(k)?.unit === 'count').slice(0, 1) };
    },
  };
}

const WRITERS: Record<string, ModuleWriter> = {
  workorders,
  servicedesk,
  maintenance,
  readings,
  projects,
  patrols,
  hazards,
  incidents,
  drills,
  actions,
  training,
  etiquette,
};
