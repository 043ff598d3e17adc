import { describe, expect, it } from 'vitest';
import type { ReportFactsDto } from '../../../../contracts/reports.js';
import type { SummaryFact } from '../../../../contracts/summary.js';
import { checkConsistency } from './consistency.js';
import { CHANGCHUN, changchunYear, cleanYear, emptyYear, oneStoreFacts, SHENYANG, shenyangYear, twoStoresFacts } from './fixtures/facts.js';

function fact(data: ReportFactsDto, key: string): SummaryFact {
  const f = data.facts.find((x) => x.key === key);
  if (!f) throw new Error(`no fact ${key}`);
  return f;
}

/** moves `by` at one site of a count, its total along, so that the count itself still adds up */
function shift(data: ReportFactsDto, key: string, siteId: string, by: number): void {
  const f = fact(data, key);
  const s = f.bySite?.find((x) => x.siteId === siteId);
  if (!s || s.value === null || f.value === null) throw new Error('a count expected');
  s.value += by;
  f.value += by;
}

describe('checkConsistency', () => {
  it('passes facts built the way the modules build them', () => {
    expect(checkConsistency(twoStoresFacts())).toEqual([]);
    expect(checkConsistency(oneStoreFacts())).toEqual([]);
    expect(
      checkConsistency(
        twoStoresFacts({
          raw: new Map([
            [CHANGCHUN.id, cleanYear(changchunYear())],
            [SHENYANG.id, cleanYear(shenyangYear())],
          ]),
        }),
      ),
    ).toEqual([]);
    expect(
      checkConsistency(
        twoStoresFacts({
          raw: new Map([
            [CHANGCHUN.id, emptyYear()],
            [SHENYANG.id, emptyYear()],
          ]),
        }),
      ),
    ).toEqual([]);
  });

  it('catches a site breakdown that does not add up to its total (篇1: 247 projects, 108 + 39)', () => {
    const data = twoStoresFacts();
    const projects = fact(data, 'projects.completed');
    projects.value = 247;
    expect(checkConsistency(data)).toContain('projects.completed：各场所之和 147 与合计 247 不符');
  });

  it('catches a breakdown family that does not add up to its parent, in total and per site', () => {
    const data = twoStoresFacts();
    shift(data, 'workorders.received.channel.qr', CHANGCHUN.id, 5);
    const problems = checkConsistency(data);
    expect(problems).toContain('workorders.received.channel.*：之和 1825 与 workorders.received 1820 不符');
    expect(problems).toContain('workorders.received.channel.*：长春店 之和 1135 与 workorders.received 1130 不符');
    // the categories still add up: only the broken family is named
    expect(problems.some((p) => p.startsWith('workorders.received.category.*'))).toBe(false);
  });

  it('checks the families of every module: grades, types, resolutions, outcomes, return-visit results', () => {
    const cases: [string, string][] = [
      ['hazards.found.grade.major', 'hazards.found.grade.*'],
      ['hazards.overdue.category.fire_safety', 'hazards.overdue.category.*'],
      ['hazards.findings.resolution.work_order', 'hazards.findings.resolution.*'],
      ['incidents.type.water_leak', 'incidents.type.*'],
      ['security.alerts.type.theft', 'security.alerts.type.*'],
      ['drills.done.type.power_outage', 'drills.done.type.*'],
      ['training.sessions.type.fire', 'training.sessions.type.*'],
      ['servicedesk.hotline.calls.outcome.info', 'servicedesk.hotline.calls.outcome.*'],
      [
        'servicedesk.return_visits.basically',
        'servicedesk.return_visits.satisfied + servicedesk.return_visits.basically + servicedesk.return_visits.dissatisfied',
      ],
      ['maintenance.late', 'maintenance.on_time + maintenance.late'],
      ['workorders.rated.category.hvac', 'workorders.rated.category.*'],
    ];
    for (const [key, family] of cases) {
      const data = twoStoresFacts();
      shift(data, key, SHENYANG.id, 1);
      const problems = checkConsistency(data);
      expect(
        problems.some((p) => p.startsWith(`${family}：之和`)),
        `${key}: ${problems.join(' | ')}`,
      ).toBe(true);
    }
  });

  it('catches a part larger than its whole', () => {
    const data = twoStoresFacts();
    // 长春店 filed 118 reports for 120 drills: one more at 沈阳店 breaks that site only
    shift(data, 'drills.reports_filed', SHENYANG.id, 1);
    expect(checkConsistency(data)).toEqual(['drills.reports_filed：沈阳店 113 大于 drills.done 112']);
    shift(data, 'drills.reports_filed', SHENYANG.id, 2);
    expect(checkConsistency(data)).toEqual([
      'drills.reports_filed：233 大于 drills.done 232',
      'drills.reports_filed：沈阳店 115 大于 drills.done 112',
    ]);
  });

  it('keeps the overdue open orders within the backlog, at each site too', () => {
    const data = twoStoresFacts();
    // 沈阳店 has 8 open orders, 2 of them overdue
    shift(data, 'workorders.overdue', SHENYANG.id, 6);
    expect(checkConsistency(data)).toEqual([]);
    shift(data, 'workorders.overdue', SHENYANG.id, 1);
    expect(checkConsistency(data)).toEqual(['workorders.overdue：沈阳店 9 大于 workorders.backlog 8']);
  });

  it('gives a satisfaction index, overall and per category, exactly where there are ratings', () => {
    const data = twoStoresFacts();
    const elevator = fact(data, 'workorders.satisfaction.category.elevator');
    const atSy = elevator.bySite?.find((s) => s.siteId === SHENYANG.id);
    if (atSy) atSy.value = null;
    fact(data, 'workorders.satisfaction.category.hvac').value = null;
    data.facts = data.facts.filter((f) => f.key !== 'workorders.rated.category.fire');
    for (const m of data.modules) m.keys = m.keys.filter((k) => k !== 'workorders.rated.category.fire');
    const problems = checkConsistency(data);
    expect(problems).toContain(
      'workorders.satisfaction.category.elevator：沈阳店 无 与 workorders.rated.category.elevator 20 不相符（有评价才有指数）',
    );
    expect(problems).toContain('workorders.satisfaction.category.hvac：无 与 workorders.rated.category.hvac 265 不相符（有评价才有指数）');
    expect(problems).toContain('workorders.satisfaction.category.fire：缺少对应的 workorders.rated.category.fire');
    // a year without ratings has neither
    const none = changchunYear();
    none.wo.ratings = {};
    const empty = oneStoreFacts({ raw: new Map([[CHANGCHUN.id, none]]) });
    expect(empty.facts.some((f) => f.key.startsWith('workorders.satisfaction.category.'))).toBe(false);
    expect(checkConsistency(empty)).toEqual([]);
    fact(empty, 'workorders.satisfaction').value = 80;
    expect(checkConsistency(empty)).toEqual(['workorders.satisfaction：80 与 workorders.rated 0 不相符（有评价才有指数）']);
  });

  it('catches rates outside 0–100 and rates that disagree with their parts', () => {
    const data = twoStoresFacts();
    fact(data, 'workorders.satisfaction').value = 104;
    const rate = fact(data, 'hazards.rectification_rate');
    rate.value = 50;
    const problems = checkConsistency(data);
    expect(problems).toContain('workorders.satisfaction：合计 104 超出 0–100');
    expect(problems).toContain('hazards.rectification_rate：50 与 hazards.rectified ÷ hazards.found = 98.5 不符');
    // standard time against actual time may exceed 100
    const ok = twoStoresFacts();
    fact(ok, 'workorders.standardEfficiency').value = 112.5;
    expect(checkConsistency(ok)).toEqual([]);
  });

  it('counts people once over the scope: the total lies between the largest site and the sites’ sum', () => {
    const data = twoStoresFacts();
    expect(fact(data, 'training.spot_checks.people').value).toBe(669);
    fact(data, 'training.spot_checks.people').value = 700;
    expect(checkConsistency(data)).toContain('training.spot_checks.people：合计 700 应在各场所最大值 410 与各场所之和 670 之间');
  });

  it('catches facts outside the modules, modules naming missing facts, and sites outside the scope', () => {
    const data = oneStoreFacts();
    data.facts.push({ key: 'canteen.checks', label: { zh: '晨检', en: 'Checks' }, value: 1, unit: 'count', link: '/canteen' });
    data.modules[0]?.keys.push('workorders.nothing');
    const received = fact(data, 'workorders.received');
    received.bySite?.push({ siteId: 'site-x', siteName: '哈尔滨店', value: 0 });
    expect(checkConsistency(data)).toEqual([
      'workorders：列出的数据项 workorders.nothing 不在数据中',
      'canteen.checks：不属于任何模块',
      'workorders.received：场所 哈尔滨店（site-x）不在统计范围内',
    ]);
  });
});
