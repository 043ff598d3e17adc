import { describe, expect, it } from 'vitest';
import { renderFigureText, unknownTokens } from '../../../../contracts/figures.js';
import { type ReportFactsDto, SUMMARY_SECTIONS, type SummaryBody, type SummarySectionKey } from '../../../../contracts/reports.js';
import { composeSummary } from './compose.js';
import {
  buildFacts,
  CHANGCHUN,
  changchunYear,
  cleanYear,
  emptyYear,
  oneStoreFacts,
  SHENYANG,
  type SiteYear,
  shenyangYear,
  twoStoresFacts,
} from './fixtures/facts.js';

/** every text a reader sees in the body but the title and subtitle */
function texts(body: SummaryBody): string[] {
  return body.sections.flatMap((s) =>
    s.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.type === 'list' ? b.items : [b.title])),
  );
}

function section(body: SummaryBody, key: SummarySectionKey) {
  const s = body.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}`);
  return s;
}

function prose(body: SummaryBody, key: SummarySectionKey): string {
  return section(body, key)
    .blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.type === 'list' ? b.items : []))
    .join('\n');
}

const stripTokens = (t: string) => t.replace(/\{\{[^}]*\}\}/g, '');

function twoClean(): ReportFactsDto {
  return twoStoresFacts({
    raw: new Map([
      [CHANGCHUN.id, cleanYear(changchunYear())],
      [SHENYANG.id, cleanYear(shenyangYear())],
    ]),
  });
}

const both = ['zh', 'en'] as const;

describe('composeSummary', () => {
  const cases: [string, () => ReportFactsDto][] = [
    ['two stores', () => twoStoresFacts()],
    ['two stores, everything on time', twoClean],
    ['one store', () => oneStoreFacts()],
    [
      'an empty year',
      () =>
        twoStoresFacts({
          raw: new Map([
            [CHANGCHUN.id, emptyYear()],
            [SHENYANG.id, emptyYear()],
          ]),
          previous: null,
          lastYear: null,
        }),
    ],
  ];

  for (const [name, make] of cases) {
    for (const lang of both) {
      it(`${name} (${lang}): the chapters in order, every token known, no number typed into the prose`, () => {
        const data = make();
        const body = composeSummary(data, lang, {});
        expect(body.sections.map((s) => s.key)).toEqual([...SUMMARY_SECTIONS]);
        expect(body.sections.map((s) => s.title)).toEqual(
          lang === 'zh'
            ? [
                '一、概述',
                '二、服务与报修',
                '三、设施设备与维护保养',
                '四、环境与巡检',
                '五、安全与应急',
                '六、培训与队伍建设',
                '七、存在的问题',
                '八、下阶段工作计划',
              ]
            : [
                '1. Overview',
                '2. Service and repair requests',
                '3. Facilities, equipment and maintenance',
                '4. Environment and patrols',
                '5. Safety and emergencies',
                '6. Training and the team',
                '7. Problems found',
                '8. Plans for the next period',
              ],
        );
        for (const t of texts(body)) {
          expect(unknownTokens(t, data), t).toEqual([]);
          expect(stripTokens(t), t).not.toMatch(/[0-9０-９]/);
          expect(t.trim().length).toBeGreaterThan(0);
        }
        for (const s of body.sections) {
          for (const b of s.blocks) {
            if (b.type === 'table' || b.type === 'chart') {
              expect(b.keys.length).toBeGreaterThan(0);
              for (const k of b.keys) expect(data.facts.some((f) => f.key === k)).toBe(true);
            }
            if (b.type === 'table') expect(b.keys.length).toBeLessThanOrEqual(10);
            if (b.type === 'chart') expect(b.keys.length).toBeLessThanOrEqual(2);
          }
        }
        // pure and deterministic
        expect(composeSummary(data, lang, {})).toEqual(body);
      });
    }
  }

  it('writes the seed’s sentence with per-site figures, and it renders to the records’ numbers', () => {
    const data = twoClean();
    const body = composeSummary(data, 'zh', {});
    const hazards = prose(body, 'environment');
    expect(hazards).toContain(
      '本期共排查发现安全隐患{{hazards.found}}项，其中长春店{{hazards.found@site-cc}}项，沈阳店{{hazards.found@site-sy}}项',
    );
    expect(hazards).toContain('所有隐患均已在规定期限内整改完毕');
    const rendered = renderFigureText(hazards, data, 'zh');
    expect(rendered).toContain('本期共排查发现安全隐患460项，其中长春店311项，沈阳店149项，较上期增长8%，较去年同期增长8%');
    const service = renderFigureText(prose(body, 'service'), data, 'zh');
    expect(service).toContain('本期共受理报修1,820项，其中长春店1,130项，沈阳店690项');
  });

  it('writes "all rectified in time" only when it is true, and otherwise how many are open and overdue', () => {
    const zh = prose(composeSummary(twoStoresFacts(), 'zh', {}), 'environment');
    expect(zh).not.toContain('均已在规定期限内整改完毕');
    expect(zh).toContain('尚有{{hazards.open}}项未销号，其中逾期未整改{{hazards.overdue}}项，均在长春店');
    const en = prose(composeSummary(twoStoresFacts(), 'en', {}), 'environment');
    expect(en).not.toContain('all have been rectified within their deadlines');
    expect(en).toContain('{{hazards.overdue}} of them past the deadline');
    expect(prose(composeSummary(twoClean(), 'en', {}), 'environment')).toContain('all have been rectified within their deadlines');

    // open hazards none of which is overdue: in progress, no claim either way
    const a = changchunYear();
    a.hz.rows = a.hz.rows.map((r) => ({ ...r, onTime: r.rectified, overdue: 0 }));
    const inProgress = prose(composeSummary(oneStoreFacts({ raw: new Map([[CHANGCHUN.id, a]]) }), 'zh', {}), 'environment');
    expect(inProgress).toContain('尚有{{hazards.open}}项正在整改或验收中');
    expect(inProgress).not.toContain('逾期未整改');
    expect(inProgress).not.toContain('均已在规定期限内整改完毕');
  });

  it('says the other routine work was all done on time only when the counts show it', () => {
    const issues = composeSummary(twoStoresFacts(), 'zh', {});
    const clean = composeSummary(twoClean(), 'zh', {});
    const claims: [SummarySectionKey, string][] = [
      ['facilities', '全部保养均在规定期限内按时完成'],
      [
        'facilities',
        '消防设施应完成维保{{maintenance.fire.due}}项，已完成{{maintenance.fire.done}}项，按时完成率{{maintenance.fire.pm_compliance}}，均按计划按时完成',
      ],
      ['facilities', '均已纠偏关闭'],
      ['environment', '各级巡检均按时完成，无漏检'],
      ['environment', '均已得到处理'],
      ['safety', '均在规定时间内修复'],
      ['safety', '每次演练均形成演练报告'],
      ['safety', '截至目前所有措施均已落实'],
    ];
    for (const [key, claim] of claims) {
      expect(prose(clean, key), claim).toContain(claim);
      expect(prose(issues, key), claim).not.toContain(claim);
    }
    // and the issues are counted instead
    expect(prose(issues, 'facilities')).toContain('漏做保养{{maintenance.missed}}项');
    expect(prose(issues, 'environment')).toContain('漏检{{patrols.rounds.missed}}次');
    expect(prose(issues, 'safety')).toContain('按时修复{{incidents.fire_alarm_faults.fixed_in_time}}次');
  });

  it('with several sites: per-site breakdowns, site rates and charts by site', () => {
    const body = composeSummary(twoStoresFacts(), 'zh', {});
    expect(prose(body, 'service')).toContain(
      '维修及时率{{workorders.timelyRepairRate}}（长春店{{workorders.timelyRepairRate@site-cc}}，沈阳店{{workorders.timelyRepairRate@site-sy}}）',
    );
    for (const key of ['service', 'facilities', 'environment', 'safety', 'team'] as const) {
      const blocks = section(body, key).blocks;
      const table = blocks.find((b) => b.type === 'table');
      const chart = blocks.find((b) => b.type === 'chart');
      expect(table?.type === 'table' && table.keys.length).toBeGreaterThanOrEqual(5);
      expect(chart?.type === 'chart' && chart.kind).toBe('bySite');
    }
    expect(section(body, 'service').blocks.find((b) => b.type === 'chart')).toEqual({
      type: 'chart',
      kind: 'bySite',
      title: '报修总数与完工数（分场所）',
      keys: ['workorders.received', 'workorders.completed'],
    });
  });

  it('with one site: no site tokens, a comparison chart, and no comparison with a year that has no figures', () => {
    const data = oneStoreFacts();
    for (const lang of both) {
      const body = composeSummary(data, lang, {});
      const all = texts(body).join('\n');
      expect(all).not.toMatch(/\{\{[^}]*@/);
      expect(all).toContain('{{workorders.received:dprev}}');
      expect(all).not.toMatch(/:ly\}\}|:dly\}\}/);
      const chart = section(body, 'service').blocks.find((b) => b.type === 'chart');
      expect(chart?.type === 'chart' && chart.kind).toBe('compare');
    }
    // no basis at all: neither comparison sentence nor comparison chart
    const bare = composeSummary(oneStoreFacts({ previous: null }), 'zh', {});
    expect(texts(bare).join('\n')).not.toMatch(/:(prev|ly|dprev|dly)\}\}/);
    expect(texts(bare).join('\n')).not.toContain('较上期');
    expect(section(bare, 'service').blocks.some((b) => b.type === 'chart')).toBe(false);
  });

  it('compares with the previous period and last year where a basis exists', () => {
    const zh = composeSummary(twoStoresFacts(), 'zh', {});
    expect(prose(zh, 'overview')).toContain('与上期相比，报修量{{workorders.received:dprev}}');
    expect(prose(zh, 'overview')).toContain('与去年同期相比，报修量{{workorders.received:dly}}');
    expect(prose(zh, 'service')).toContain('较上期{{workorders.received:dprev}}，较去年同期{{workorders.received:dly}}');
    const en = composeSummary(twoStoresFacts(), 'en', {});
    expect(prose(en, 'service')).toContain(
      '{{workorders.received:dprev}} on the previous period and {{workorders.received:dly}} on the same period last year',
    );
    // a count that grows from zero has no rate of change: no comparison is written for it
    const data = twoStoresFacts();
    data.previous.values['workorders.received'] = 0;
    expect(prose(composeSummary(data, 'zh', {}), 'service')).not.toContain('{{workorders.received:dprev}}');
  });

  it('an empty period says so instead of printing zeros', () => {
    const data = twoStoresFacts({
      raw: new Map([
        [CHANGCHUN.id, emptyYear()],
        [SHENYANG.id, emptyYear()],
      ]),
      previous: null,
      lastYear: null,
    });
    const zh = composeSummary(data, 'zh', {});
    expect(texts(zh).join('\n')).not.toContain('{{');
    expect(prose(zh, 'overview')).toBe(
      '本期长春店、沈阳店两个场所在系统中无报修、维护保养、巡检、隐患、安全和培训等方面的业务记录，暂无可总结的数据。',
    );
    expect(prose(zh, 'service')).toContain('本期无报修记录。');
    expect(prose(zh, 'safety')).toContain('本期无应急演练记录。');
    expect(prose(zh, 'problems')).toBe('本期无业务记录，无法依据数据分析存在的问题。');
    for (const s of zh.sections) expect(s.blocks.every((b) => b.type === 'paragraph')).toBe(true);
    const en = composeSummary(data, 'en', {});
    expect(prose(en, 'service')).toContain('No repair requests were recorded in this period.');
    expect(prose(en, 'overview')).toContain('so there is nothing to summarise yet');
  });

  it('a module without records says so while the others are written; a chapter without modules says it has no figures', () => {
    const a = changchunYear();
    a.dr = { types: {}, missed: 0, planned: 0, reports: 0, participants: 0 };
    const data = oneStoreFacts({ raw: new Map([[CHANGCHUN.id, a]]) });
    const safety = prose(composeSummary(data, 'zh', {}), 'safety');
    expect(safety).toContain('（二）应急演练。本期无应急演练记录。');
    expect(safety).toContain('（一）意外事件与安保。本期共发生并报告意外事件{{incidents.total}}起');
    const table = section(composeSummary(data, 'zh', {}), 'safety').blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.keys.some((k) => k.startsWith('drills.'))).toBe(false);

    const onlyMaintenance = oneStoreFacts({ modules: ['maintenance'] });
    const body = composeSummary(onlyMaintenance, 'zh', {});
    expect(prose(body, 'service')).toBe('本总结范围内无服务与报修方面的数据。');
    expect(prose(composeSummary(onlyMaintenance, 'en', {}), 'team')).toBe(
      'There are no figures on training and the team within the scope of this summary.',
    );
  });

  it('problems and plans: each problem answered by a plan, standing work for the modules without problems', () => {
    const body = composeSummary(twoStoresFacts(), 'zh', {});
    const problems = section(body, 'problems').blocks.find((b) => b.type === 'list');
    const plans = section(body, 'plans').blocks.find((b) => b.type === 'list');
    if (problems?.type !== 'list' || plans?.type !== 'list') throw new Error('lists expected');
    expect(problems.items.length).toBeGreaterThan(0);
    expect(problems.items.length).toBeLessThanOrEqual(10);
    expect(problems.items[0]).toContain('{{hazards.overdue}}');
    expect(plans.items.slice(0, problems.items.length).every((p) => p.startsWith('针对'))).toBe(true);
    expect(plans.items).toContain('有针对性地开展岗位技能、消防和应急等培训，加强知识抽查，提升员工岗位胜任能力。');

    const clean = composeSummary(
      oneStoreFacts({
        raw: new Map([
          [
            CHANGCHUN.id,
            {
              ...cleanYear(changchunYear()),
              wo: { ...cleanYear(changchunYear()).wo, timely: [1118, 1118], response: [1125, 1125], arrival: [1120, 1120] },
            } satisfies SiteYear,
          ],
        ]),
      }),
      'zh',
      {},
    );
    expect(prose(clean, 'problems')).toBe('根据本期数据，未发现需要专门说明的问题。');
    expect(prose(clean, 'plans')).toContain('下阶段，将在巩固本期工作成果的基础上，重点做好以下工作：');
    expect(prose(clean, 'service')).toContain('均在规定时限内修复完毕');
  });

  it('titles, subtitles and the department', () => {
    const data = twoStoresFacts({ departmentId: 'dept-1' });
    const zh = composeSummary(data, 'zh', { departmentName: '后勤部' });
    expect(zh.title).toBe('后勤部2026年工作总结');
    expect(zh.subtitle).toBe('长春店、沈阳店 · 2026年1月1日至2026年12月31日');
    expect(prose(zh, 'overview')).toContain('本期，后勤部在长春店、沈阳店两个场所开展了');
    expect(prose(zh, 'overview')).toContain('只计后勤部人员');
    const en = composeSummary(data, 'en', { departmentName: '后勤部' });
    expect(en.title).toBe('Work summary, 2026 — 后勤部');
    expect(en.subtitle).toBe('长春店, 沈阳店 · 1 January 2026 to 31 December 2026');
    expect(composeSummary(data, 'en', { title: '长沈两店年度后勤工作总结' }).title).toBe('长沈两店年度后勤工作总结');
    expect(composeSummary(twoStoresFacts(), 'zh', {}).title).toBe('后勤部门2026年工作总结');
    expect(prose(composeSummary(twoStoresFacts(), 'zh', {}), 'overview')).not.toContain('只计');
  });

  it('a period still running speaks of now, a past one of its end', () => {
    const running = twoStoresFacts({ generatedAt: '2026-07-01T00:00:00.000Z' });
    expect(prose(composeSummary(running, 'zh', {}), 'service')).toContain('截至目前尚有{{workorders.backlog}}项报修未完工');
    expect(prose(composeSummary(twoStoresFacts(), 'zh', {}), 'service')).toContain('截至期末尚有{{workorders.backlog}}项报修未完工');
  });

  it('says how many open orders are past a deadline and where, and puts the figure in the service table', () => {
    const data = twoStoresFacts();
    const zh = composeSummary(data, 'zh', {});
    const service = prose(zh, 'service');
    expect(service).toContain(
      '逾期未完工（已超过规定的响应、到场或修复时限）的工单{{workorders.overdue}}项，其中长春店{{workorders.overdue@site-cc}}项，沈阳店{{workorders.overdue@site-sy}}项。',
    );
    expect(renderFigureText(service, data, 'zh')).toContain(
      '逾期未完工（已超过规定的响应、到场或修复时限）的工单7项，其中长春店5项，沈阳店2项。',
    );
    const table = section(zh, 'service').blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.keys.slice(0, 5)).toEqual([
      'workorders.received',
      'workorders.completed',
      'workorders.timelyRepairRate',
      'workorders.backlog',
      'workorders.overdue',
    ]);
    expect(prose(composeSummary(data, 'en', {}), 'service')).toContain(
      '{{workorders.overdue}} of them were past a response, arrival or repair time limit ({{workorders.overdue@site-cc}} at 长春店 and {{workorders.overdue@site-sy}} at 沈阳店).',
    );

    // open orders none of which is past a deadline: said only because the figure is zero
    const a = changchunYear();
    a.wo.overdue = 0;
    const inTime = oneStoreFacts({ raw: new Map([[CHANGCHUN.id, a]]) });
    expect(prose(composeSummary(inTime, 'zh', {}), 'service')).toContain('报修未完工');
    expect(prose(composeSummary(inTime, 'zh', {}), 'service')).toContain('未完工的报修均未超过规定的处理时限。');
    expect(prose(composeSummary(inTime, 'en', {}), 'service')).toContain('None of them was past a time limit.');
    expect(prose(composeSummary(inTime, 'zh', {}), 'service')).not.toContain('{{workorders.overdue}}');
    // nothing open: neither claim
    expect(prose(composeSummary(twoClean(), 'zh', {}), 'service')).not.toMatch(/逾期未完工|均未超过规定的处理时限/);
    // a scope whose facts lack the figure makes no claim about it
    const without = twoStoresFacts();
    without.facts = without.facts.filter((f) => f.key !== 'workorders.overdue');
    for (const m of without.modules) m.keys = m.keys.filter((k) => k !== 'workorders.overdue');
    expect(prose(composeSummary(without, 'zh', {}), 'service')).not.toMatch(/逾期未完工|均未超过规定的处理时限/);
  });

  it('many sites: the count of sites in words, the largest sites named, the lowest rates named', () => {
    const sites = ['一', '二', '三', '四', '五', '六', '七', '八'].map((n, i) => ({ id: `s${i}`, name: `${n}号店` }));
    const raw = new Map(
      sites.map((s, i) => {
        const y = changchunYear();
        y.wo.channels = { qr: 100 + i * 10 };
        y.wo.categories = { hvac: 100 + i * 10 };
        return [s.id, y];
      }),
    );
    const data = buildFacts({ sites, raw, previous: null, lastYear: null });
    const zh = composeSummary(data, 'zh', {});
    expect(prose(zh, 'overview')).toContain('一号店、二号店等八个场所');
    expect(zh.subtitle).toBe('一号店、二号店等8个场所 · 2026年1月1日至2026年12月31日');
    expect(prose(zh, 'service')).toContain(
      '其中数量较多的是八号店{{workorders.received@s7}}项、七号店{{workorders.received@s6}}项、六号店{{workorders.received@s5}}项',
    );
    const en = composeSummary(data, 'en', {});
    expect(prose(en, 'overview')).toContain('eight sites (一号店, 二号店 and others)');
    for (const t of [...texts(zh), ...texts(en)]) {
      expect(unknownTokens(t, data)).toEqual([]);
      expect(stripTokens(t)).not.toMatch(/[0-9]/);
    }
  });

  it('a module it has no words for is listed by its figures', () => {
    const data = oneStoreFacts();
    data.modules.push({
      module: 'canteen',
      section: 'team',
      label: { zh: '食堂管理', en: 'Canteen' },
      keys: ['canteen.checks', 'canteen.pass_rate'],
    });
    data.facts.push(
      {
        key: 'canteen.checks',
        label: { zh: '晨检人次', en: 'Morning health checks' },
        value: 730,
        unit: 'count',
        link: '/canteen',
        bySite: [{ siteId: CHANGCHUN.id, siteName: CHANGCHUN.name, value: 730 }],
      },
      {
        key: 'canteen.pass_rate',
        label: { zh: '晨检合格率', en: 'Health-check pass rate' },
        value: 99.6,
        unit: 'percent',
        link: '/canteen',
        bySite: [{ siteId: CHANGCHUN.id, siteName: CHANGCHUN.name, value: 99.6 }],
      },
    );
    const body = composeSummary(data, 'zh', {});
    expect(prose(body, 'team')).toContain('（三）食堂管理。食堂管理方面，晨检人次{{canteen.checks}}，晨检合格率{{canteen.pass_rate}}。');
    expect(prose(body, 'plans')).toContain('继续做好食堂管理工作。');
    expect(prose(composeSummary(data, 'en', {}), 'team')).toContain(
      'Canteen. Canteen: morning health checks {{canteen.checks}}, health-check pass rate {{canteen.pass_rate}}.',
    );
  });
});
