import type { ReportFactsDto } from '../../../../contracts/reports.js';
import type { SummaryFact } from '../../../../contracts/summary.js';

/**
 * The consistency of a scope's facts (issue 9: "breakdowns always add up to their
 * totals"): every additive figure's sites add up to its total; every breakdown family
 * (by channel, category, grade, type, resolution, outcome, result) adds up to its parent,
 * in total and per site — the ratings per repair category to workorders.rated among them;
 * parts never exceed their whole (done ≤ due, on time ≤ done, overdue ≤ open …); rates
 * recomputed from their parts agree with the rate given and lie between 0 and 100; a
 * score has a basis exactly where its count is above zero; the modules' key lists and
 * the facts match. Each inconsistency is one
 * message naming the keys and the numbers; an empty list means the facts are consistent.
 * The composer writes "其中长春店311项，沈阳店149项" only from facts that pass this.
 */

/** figures that add up over sites */
const ADDITIVE = new Set(['count', 'quantity', 'fen']);
/** people counted once over the whole scope may be counted at two sites: the total is at most the sites' sum */
const DISTINCT = /(^|\.)people$/;
/** a family member: parent.dim.code */
const FAMILY = /^(.+)\.(channel|category|grade|type|resolution|outcome)\.[^.]+$/;
/** families whose parent is not the family's prefix: incidents.type.* add up to incidents.total */
const FAMILY_PARENT: Record<string, string> = {
  'incidents.type': 'incidents.total',
  'hazards.findings.resolution': 'hazards.findings.found',
};
/** percentages that compare two amounts and may exceed 100 (standard time against actual, spent against planned) */
const OVER_100 = new Set(['workorders.standardEfficiency', 'maintenance.hours_ratio']);

/** families whose members are not named by a dimension */
const EXPLICIT_FAMILIES: { parent: string; members: string[] }[] = [
  {
    parent: 'servicedesk.return_visits',
    members: ['servicedesk.return_visits.satisfied', 'servicedesk.return_visits.basically', 'servicedesk.return_visits.dissatisfied'],
  },
  { parent: 'maintenance.done', members: ['maintenance.on_time', 'maintenance.late'] },
  { parent: 'hazards.found', members: ['hazards.rectified', 'hazards.open'] },
];

/** a part never exceeds its whole: [parts…] ≤ whole */
const AT_MOST: [string[], string][] = [
  [['maintenance.done', 'maintenance.missed'], 'maintenance.due'],
  [['maintenance.fire.due'], 'maintenance.due'],
  [['maintenance.fire.done'], 'maintenance.done'],
  [['maintenance.fire.done'], 'maintenance.fire.due'],
  [['maintenance.follow_ups'], 'maintenance.findings'],
  [['patrols.rounds.onTime', 'patrols.rounds.late', 'patrols.rounds.missed'], 'patrols.rounds.due'],
  [['hazards.on_time'], 'hazards.rectified'],
  [['hazards.overdue'], 'hazards.open'],
  [['workorders.overdue'], 'workorders.backlog'],
  [['hazards.findings.handled'], 'hazards.findings.found'],
  [['readings.on_time', 'readings.missed'], 'readings.due'],
  [['readings.deviations.corrected'], 'readings.deviations.opened'],
  [['readings.deviations.corrected_in_time'], 'readings.deviations.corrected'],
  [['incidents.fire_alarm_faults.fixed_in_time'], 'incidents.fire_alarm_faults'],
  [['incidents.awaiting_review'], 'incidents.total'],
  [['incidents.fire_alarm_faults'], 'incidents.total'],
  [['security.handed_to_police'], 'security.apprehended'],
  [['drills.reports_filed'], 'drills.done'],
  [['actions.verified'], 'actions.total'],
  [['actions.on_time'], 'actions.verified'],
  [['actions.overdue'], 'actions.open'],
  [['training.spot_checks.passed'], 'training.spot_checks.attempts'],
  [['training.spot_checks.people'], 'training.spot_checks.attempts'],
  [['etiquette.people'], 'etiquette.checks'],
  [['servicedesk.complaints.resolved_on_time'], 'servicedesk.complaints.resolved'],
  [['servicedesk.complaints.overdue'], 'servicedesk.complaints.received'],
  [['projects.cost_missing'], 'projects.completed'],
];

/**
 * [score, count]: a score is known exactly where its count is above zero, in total and per
 * site, and so is each member of the score's family with the count's member of the same
 * code (workorders.satisfaction.category.hvac with workorders.rated.category.hvac)
 */
const BASIS: [string, string][] = [['workorders.satisfaction', 'workorders.rated']];

/** the same figure given twice */
const EQUAL: [string, string][] = [['incidents.fire_alarm_faults', 'incidents.type.fire_alarm_fault']];

/** rate = numerator ÷ denominator × 100, to one decimal, null over zero */
const RATES: [string, string, string][] = [
  ['maintenance.pm_compliance', 'maintenance.on_time', 'maintenance.due'],
  ['hazards.rectification_rate', 'hazards.rectified', 'hazards.found'],
  ['hazards.on_time_rate', 'hazards.on_time', 'hazards.rectified'],
  ['hazards.findings.handled_rate', 'hazards.findings.handled', 'hazards.findings.found'],
  ['readings.on_time_rate', 'readings.on_time', 'readings.due'],
  ['readings.deviations.correction_rate', 'readings.deviations.corrected', 'readings.deviations.opened'],
  ['incidents.fire_alarm_faults.fixed_in_time_rate', 'incidents.fire_alarm_faults.fixed_in_time', 'incidents.fire_alarm_faults'],
  ['actions.on_time_rate', 'actions.on_time', 'actions.verified'],
  ['training.spot_checks.pass_rate', 'training.spot_checks.passed', 'training.spot_checks.attempts'],
  ['servicedesk.complaints.on_time_rate', 'servicedesk.complaints.resolved_on_time', 'servicedesk.complaints.resolved'],
  ['servicedesk.return_visits.satisfied_share', 'servicedesk.return_visits.satisfied', 'servicedesk.return_visits'],
];

/** float sums (quantities, hours) agree to a rounding */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every inconsistency among the facts, as messages; empty when consistent. */
export function checkConsistency(data: ReportFactsDto): string[] {
  const problems: string[] = [];
  const say = (m: string) => problems.push(m);
  const facts = new Map<string, SummaryFact>();
  const siteIds = new Set(data.sites.map((s) => s.id));

  for (const f of data.facts) {
    if (facts.has(f.key)) say(`${f.key}：数据项重复`);
    facts.set(f.key, f);
  }

  // the modules' key lists and the facts agree
  const listed = new Set<string>();
  for (const m of data.modules) {
    for (const k of m.keys) {
      listed.add(k);
      if (!facts.has(k)) say(`${m.module}：列出的数据项 ${k} 不在数据中`);
    }
  }
  for (const k of facts.keys()) if (!listed.has(k)) say(`${k}：不属于任何模块`);

  const siteValue = (f: SummaryFact, siteId: string) => f.bySite?.find((s) => s.siteId === siteId)?.value ?? 0;

  for (const f of facts.values()) {
    // sites are the scope's, each once
    const seen = new Set<string>();
    for (const s of f.bySite ?? []) {
      if (!siteIds.has(s.siteId)) say(`${f.key}：场所 ${s.siteName}（${s.siteId}）不在统计范围内`);
      if (seen.has(s.siteId)) say(`${f.key}：场所 ${s.siteName} 重复`);
      seen.add(s.siteId);
    }
    if (f.value === null) continue;
    if (ADDITIVE.has(f.unit)) {
      if (f.value < 0) say(`${f.key}：合计 ${f.value} 为负数`);
      if (f.unit === 'count' && !Number.isInteger(f.value)) say(`${f.key}：计数 ${f.value} 不是整数`);
      if (f.bySite?.length) {
        const sum = f.bySite.reduce((a, s) => a + (s.value ?? 0), 0);
        const max = Math.max(...f.bySite.map((s) => s.value ?? 0));
        if (DISTINCT.test(f.key)) {
          // each person once in the total, once at each site they were counted at
          if (f.value > sum || f.value < max) say(`${f.key}：合计 ${f.value} 应在各场所最大值 ${max} 与各场所之和 ${sum} 之间`);
        } else if (!close(sum, f.value)) {
          say(`${f.key}：各场所之和 ${sum} 与合计 ${f.value} 不符`);
        }
      }
    }
    // rates and scores between 0 and 100, per site too
    if ((f.unit === 'percent' && !OVER_100.has(f.key)) || f.unit === 'score') {
      for (const [where, v] of [['合计', f.value] as const, ...(f.bySite ?? []).map((s) => [s.siteName, s.value] as const)]) {
        if (v !== null && (v < 0 || v > 100)) say(`${f.key}：${where} ${v} 超出 0–100`);
      }
    } else if (f.unit === 'percent' && f.value < 0) {
      say(`${f.key}：${f.value} 为负数`);
    }
  }

  // breakdown families: members add up to their parent, in total and at each site
  const families = new Map<string, string[]>();
  for (const f of facts.values()) {
    const m = FAMILY.exec(f.key);
    if (!m || !ADDITIVE.has(f.unit)) continue;
    const parentKey = FAMILY_PARENT[`${m[1]}.${m[2]}`] ?? (m[1] as string);
    const parent = facts.get(parentKey);
    if (!parent || !ADDITIVE.has(parent.unit)) continue;
    const id = `${parentKey}|${m[2]}`;
    families.set(id, [...(families.get(id) ?? []), f.key]);
  }
  const familyList = [
    ...[...families].map(([id, members]) => ({ parent: id.split('|')[0] as string, dim: id.split('|')[1] as string, members })),
    ...EXPLICIT_FAMILIES.filter((x) => facts.has(x.parent) && x.members.every((k) => facts.has(k))).map((x) => ({ ...x, dim: '' })),
  ];
  for (const { parent, dim, members } of familyList) {
    const p = facts.get(parent) as SummaryFact;
    const parts = members.map((k) => facts.get(k) as SummaryFact);
    const label = dim ? `${members[0]?.replace(/[^.]+$/, '*')}` : members.join(' + ');
    const sum = parts.reduce((a, x) => a + (x.value ?? 0), 0);
    if (p.value !== null && !close(sum, p.value)) say(`${label}：之和 ${sum} 与 ${parent} ${p.value} 不符`);
    for (const s of p.bySite ?? []) {
      const siteSum = parts.reduce((a, x) => a + siteValue(x, s.siteId), 0);
      if (!close(siteSum, s.value ?? 0)) say(`${label}：${s.siteName} 之和 ${siteSum} 与 ${parent} ${s.value ?? 0} 不符`);
    }
  }

  // parts never exceed their whole
  for (const [parts, whole] of AT_MOST) {
    const w = facts.get(whole);
    const ps = parts.map((k) => facts.get(k));
    if (!w || w.value === null || ps.some((x) => !x || x.value === null)) continue;
    const given = ps as SummaryFact[];
    const sum = given.reduce((a, x) => a + (x.value ?? 0), 0);
    const name = parts.join(' + ');
    if (sum > w.value) say(`${name}：${sum} 大于 ${whole} ${w.value}`);
    for (const s of w.bySite ?? []) {
      const siteSum = given.reduce((a, x) => a + siteValue(x, s.siteId), 0);
      if (siteSum > (s.value ?? 0)) say(`${name}：${s.siteName} ${siteSum} 大于 ${whole} ${s.value ?? 0}`);
    }
  }

  // a score without ratings, or ratings without a score: the two were not taken from the same records
  for (const [score, count] of BASIS) {
    const pairs: [string, string][] = [[score, count]];
    for (const k of facts.keys()) {
      const m = FAMILY.exec(k);
      if (m?.[1] === score) pairs.push([k, `${count}${k.slice(score.length)}`]);
    }
    for (const [sk, ck] of pairs) {
      const sf = facts.get(sk);
      if (!sf) continue;
      const cf = facts.get(ck);
      if (!cf) {
        say(`${sk}：缺少对应的 ${ck}`);
        continue;
      }
      const mismatch = (v: number | null, n: number | null) => (v !== null) !== (n ?? 0) > 0;
      if (mismatch(sf.value, cf.value)) say(`${sk}：${sf.value ?? '无'} 与 ${ck} ${cf.value ?? 0} 不相符（有评价才有指数）`);
      for (const s of sf.bySite ?? []) {
        const n = siteValue(cf, s.siteId);
        if (mismatch(s.value, n)) say(`${sk}：${s.siteName} ${s.value ?? '无'} 与 ${ck} ${n} 不相符（有评价才有指数）`);
      }
    }
  }

  for (const [a, b] of EQUAL) {
    const x = facts.get(a);
    const y = facts.get(b);
    if (x && y && x.value !== y.value) say(`${a} ${x.value} 与 ${b} ${y.value} 应相等`);
  }

  // rates recomputed from their parts
  const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 10 : null);
  for (const [key, num, den] of RATES) {
    const r = facts.get(key);
    const n = facts.get(num);
    const d = facts.get(den);
    if (!r || !n || !d || n.value === null || d.value === null) continue;
    const want = rate(n.value, d.value);
    if (!sameRate(r.value, want)) say(`${key}：${r.value ?? '无'} 与 ${num} ÷ ${den} = ${want ?? '无'} 不符`);
    for (const s of r.bySite ?? []) {
      const siteWant = rate(siteValue(n, s.siteId), siteValue(d, s.siteId));
      if (!sameRate(s.value, siteWant)) say(`${key}：${s.siteName} ${s.value ?? '无'} 与 ${num} ÷ ${den} = ${siteWant ?? '无'} 不符`);
    }
  }
  return problems;
}

function sameRate(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  // one rounding step: the modules round ×100 then to one decimal, or ×1000 to a whole, which may part on a float
  return Math.abs(a - b) <= 0.1 + 1e-9;
}
