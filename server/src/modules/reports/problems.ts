import type { ReportFactsDto, SummaryLang } from '../../../../contracts/reports.js';
import { FactView, innerLabel, joinEn, joinZh, lowerFirst } from './sentences.js';

/**
 * The "problems found" (存在的问题) of a work summary, derived from the facts: each is a
 * sentence with figure tokens, written only when the data shows it, with the plan that
 * answers it for the next period (下阶段工作计划: "针对…，下阶段…"). Ordered by severity:
 * what endangers people first (overdue hazards, fire systems), then service deadlines,
 * then missed routine work, then quality.
 *
 * The levels below which a rate or score is called a problem are the conventions of
 * DOMAIN.md §4 where it gives one (rework ≤ 4 %, a normal repair within 72 hours) and a
 * plain 90 where it does not; the sentences never print them (a number in the prose is
 * always a figure token), they say "below the target" instead.
 */

export interface Problem {
  /** stable name of the rule that found it */
  id: string;
  /** the module whose figures show it (for the standing plans of the others) */
  module: string;
  /** higher first */
  severity: number;
  text: string;
  /** what the next period does about it */
  plan: string;
}

/** DOMAIN.md §4: rework rate ≤ 4 % */
export const REWORK_LIMIT = 4;
/** DOMAIN.md §4: a normal repair is done within 72 hours; an order open longer is a breached deadline */
export const NORMAL_REPAIR_HOURS = 72;
/** satisfaction index (0–100) below which service quality is called a problem */
export const SATISFACTION_TARGET = 90;
/**
 * ratings a repair category needs before its index is called low: below five, a single
 * middling rating (3/3/3) among full marks brings a category to 90 or under — the finding
 * would be one requester's — while from five on one rating alone no longer does
 */
export const MIN_CATEGORY_RATINGS = 5;
/** low-rated categories named in the sentence, lowest first (the table of facts carries them all) */
const MAX_LOW_CATEGORIES = 3;
/** knowledge spot-check pass rate (%) below which training is called a problem */
export const PASS_RATE_TARGET = 90;
/** etiquette average score (0–100) below which it is called a problem */
export const ETIQUETTE_TARGET = 90;

/** The problems the data shows, most severe first. */
export function findProblems(data: ReportFactsDto, lang: SummaryLang): Problem[] {
  const f = new FactView(data, lang);
  const out: Problem[] = [];
  const add = (p: Problem) => out.push(p);
  const asOf = f.periodRunning ? f.t('目前', 'present') : f.t('期末', 'the end of the period');

  // ——— hazards: overdue first, major ones above all
  const overdue = 'hazards.overdue';
  if (f.pos(overdue)) {
    const major = 'hazards.overdue.grade.major';
    const hasMajor = f.pos(major);
    add({
      id: 'hazards.overdue',
      module: 'hazards',
      severity: hasMajor ? 100 : 95,
      text: f.t(
        `排查发现的隐患中有${f.tok(overdue)}项已过整改期限仍未整改${f.spread(overdue, '项')}${hasMajor ? `，其中重大隐患${f.tok(major)}项` : ''}，存在安全风险。`,
        `${f.tok(overdue)} ${f.noun(overdue, 'hazard is', 'hazards are')} past the rectification deadline and still not rectified${f.spread(overdue, '')}${hasMajor ? `, including ${f.tok(major)} major ${f.noun(major, 'hazard', 'hazards')}` : ''}.`,
      ),
      plan: f.t(
        `针对隐患逾期未整改的问题，下阶段将逐项落实整改责任、措施、资金、时限和预案“五落实”${hasMajor ? '，重大隐患由部门负责人挂牌督办' : ''}，整改完成后及时组织验收销号。`,
        `Overdue hazards: assign each one its responsible person, measures, funds, deadline and contingency plan${hasMajor ? ', with major hazards supervised by the head of the department' : ''}, and accept and close them as soon as they are rectified.`,
      ),
    });
  }

  // ——— fire-alarm faults not fixed before the day ended
  const faults = 'incidents.fire_alarm_faults';
  const fixed = 'incidents.fire_alarm_faults.fixed_in_time';
  if (f.pos(faults) && f.has(fixed) && (f.v(fixed) ?? 0) < (f.v(faults) ?? 0)) {
    const rate = 'incidents.fire_alarm_faults.fixed_in_time_rate';
    add({
      id: 'incidents.fire_alarm_faults',
      module: 'incidents',
      severity: 85,
      text: f.t(
        `发生消防报警故障${f.tok(faults)}次，按时修复${f.tok(fixed)}次${f.known(rate) ? `，按时修复率为${f.tok(rate)}` : ''}，未能全部做到维修“不过夜”。`,
        `Of ${f.tok(faults)} fire-alarm ${f.noun(faults, 'fault', 'faults')}, ${f.tok(fixed)} ${f.noun(fixed, 'was', 'were')} fixed in time${f.known(rate) ? ` (${f.tok(rate)})` : ''}: not every fault was repaired before the day ended.`,
      ),
      plan: f.t(
        '针对消防报警故障修复不及时的问题，下阶段将严格执行消防系统维修“不过夜”的要求，故障发生后立即派修并跟踪至修复。',
        'Fire-alarm faults: hold to the rule that fire-system faults are repaired before the day ends, dispatching at once and following each fault until it is fixed.',
      ),
    });
  }

  // ——— fire-system maintenance behind plan
  const fireRate = 'maintenance.fire.pm_compliance';
  if (f.known(fireRate) && (f.v(fireRate) ?? 100) < 100) {
    const due = 'maintenance.fire.due';
    const done = 'maintenance.fire.done';
    add({
      id: 'maintenance.fire',
      module: 'maintenance',
      severity: 80,
      text: f.t(
        `消防设施应完成维保${f.tok(due)}项，已完成${f.tok(done)}项，按时完成率为${f.tok(fireRate)}${f.siteRates(fireRate)}，消防设施维保未完全按计划执行。`,
        `Fire-system maintenance was not fully kept to plan: of ${f.tok(due)} ${f.noun(due, 'task', 'tasks')} due, ${f.tok(done)} ${f.noun(done, 'was', 'were')} done and ${f.tok(fireRate)} on time${f.siteRates(fireRate)}.`,
      ),
      plan: f.t(
        '针对消防设施维保未按计划完成的问题，下阶段将按保养标准和检测周期逐项落实消防设施维保，加强问题整改跟踪和验收检查。',
        'Fire-system maintenance: carry out every task to its standard and cycle, and follow up and check each finding until it is resolved.',
      ),
    });
  }

  // ——— corrective actions overdue
  const actionsOverdue = 'actions.overdue';
  if (f.pos(actionsOverdue)) {
    add({
      id: 'actions.overdue',
      module: 'actions',
      severity: 75,
      text: f.t(
        `纠正预防措施中有${f.tok(actionsOverdue)}项已过完成期限仍未落实${f.spread(actionsOverdue, '项')}。`,
        `${f.tok(actionsOverdue)} corrective or preventive ${f.noun(actionsOverdue, 'action is', 'actions are')} past the deadline and not yet carried out${f.spread(actionsOverdue, '')}.`,
      ),
      plan: f.t(
        '针对纠正预防措施逾期未落实的问题，下阶段将逐项明确责任人和完成期限，定期通报落实情况，落实后及时验证。',
        'Overdue actions: name the person responsible and the deadline for each, report progress regularly and verify each action once carried out.',
      ),
    });
  }

  // ——— hazards rectified late
  const onTimeRate = 'hazards.on_time_rate';
  if (f.pos('hazards.rectified') && f.known(onTimeRate) && (f.v('hazards.on_time') ?? 0) < (f.v('hazards.rectified') ?? 0)) {
    add({
      id: 'hazards.late',
      module: 'hazards',
      severity: 70,
      text: f.t(
        `已整改销号的隐患${f.tok('hazards.rectified')}项中按期整改${f.tok('hazards.on_time')}项，按期整改率为${f.tok(onTimeRate)}${f.siteRates(onTimeRate)}，部分隐患未能在规定期限内整改完毕。`,
        `Of ${f.tok('hazards.rectified')} hazards rectified, ${f.tok('hazards.on_time')} ${f.noun('hazards.on_time', 'was', 'were')} rectified by the deadline, an on-time rate of ${f.tok(onTimeRate)}${f.siteRates(onTimeRate)}: some were rectified late.`,
      ),
      plan: f.t(
        '针对隐患整改不及时的问题，下阶段将合理确定整改期限，对临近期限的隐患提前提醒、跟踪督办，提高按期整改率。',
        'Late rectification: set realistic deadlines, remind those responsible before a deadline passes and follow up until each hazard is closed.',
      ),
    });
  }

  // ——— drills not held
  const drillsMissed = 'drills.missed';
  if (f.pos(drillsMissed)) {
    add({
      id: 'drills.missed',
      module: 'drills',
      severity: 70,
      text: f.t(
        `计划演练中有${f.tok(drillsMissed)}次未按期进行${f.spread(drillsMissed, '次')}。`,
        `${f.tok(drillsMissed)} planned ${f.noun(drillsMissed, 'drill was', 'drills were')} not held on schedule${f.spread(drillsMissed, '')}.`,
      ),
      plan: f.t(
        '针对演练未按期进行的问题，下阶段将严格执行演练计划，未按期的演练及时补做，每次演练形成演练报告。',
        'Missed drills: keep to the drill plan, make up any missed drill promptly and file a report for each.',
      ),
    });
  }

  // ——— maintenance missed or overdue
  const maintMissed = 'maintenance.missed';
  const maintOverdue = 'maintenance.overdue';
  if (f.pos(maintMissed) || f.pos(maintOverdue)) {
    const parts = {
      zh: [
        ...(f.pos(maintMissed) ? [`设施设备保养漏做${f.tok(maintMissed)}项${f.spread(maintMissed, '项')}`] : []),
        ...(f.pos(maintOverdue) ? [`截至${asOf}仍有${f.tok(maintOverdue)}项保养超期未完成`] : []),
      ],
      en: [
        ...(f.pos(maintMissed)
          ? [`${f.tok(maintMissed)} maintenance ${f.noun(maintMissed, 'task was', 'tasks were')} missed${f.spread(maintMissed, '')}`]
          : []),
        ...(f.pos(maintOverdue)
          ? [`${f.tok(maintOverdue)} ${f.noun(maintOverdue, 'task', 'tasks')} ${f.be(maintOverdue)} still overdue at ${asOf}`]
          : []),
      ],
    };
    add({
      id: 'maintenance.missed',
      module: 'maintenance',
      severity: 65,
      text: f.t(`${parts.zh.join('，')}。`, `${capitalise(parts.en.join('; '))}.`),
      plan: f.t(
        '针对保养漏做、超期的问题，下阶段将按保养计划每周跟踪执行进度，对到期未做的保养及时督促补做。',
        'Missed maintenance: track the plan weekly and have any task that falls due undone made up at once.',
      ),
    });
  }

  // ——— repairs past their deadlines
  const timely = 'workorders.timelyRepairRate';
  const response = 'workorders.responseOnTimeRate';
  const arrival = 'workorders.arrivalOnTimeRate';
  const below = (k: string) => f.known(k) && (f.v(k) ?? 100) < 100;
  if (below(timely) || below(response) || below(arrival)) {
    const rates = [
      ...(below(timely) ? [{ k: timely, zh: '维修及时率', en: 'timely-repair rate' }] : []),
      ...(below(response) ? [{ k: response, zh: '响应及时率', en: 'on-time response' }] : []),
      ...(below(arrival) ? [{ k: arrival, zh: '到场及时率', en: 'on-time arrival' }] : []),
    ];
    add({
      id: 'workorders.deadlines',
      module: 'workorders',
      severity: 60,
      text: f.t(
        `${rates.map((r) => `${r.zh}为${f.tok(r.k)}${f.siteRates(r.k)}`).join('，')}，部分报修未在规定时限内${below(timely) ? '修复完毕' : '响应或到场'}。`,
        `Some repair requests missed their time limits: ${rates.map((r) => `${r.en} ${f.tok(r.k)}${f.siteRates(r.k)}`).join(', ')}.`,
      ),
      plan: f.t(
        '针对报修未在规定时限内完成的问题，下阶段将严格执行“急修不过夜”和分级时限要求，对临近时限的工单提前预警、及时调度。',
        'Missed repair deadlines: hold to the time limits for each urgency (emergencies the same day), warn before a limit passes and re-dispatch promptly.',
      ),
    });
  }

  // ——— open orders past a deadline (response, arrival or repair) not yet met
  const woOverdue = 'workorders.overdue';
  if (f.pos(woOverdue)) {
    add({
      id: 'workorders.overdue',
      module: 'workorders',
      severity: 62,
      text: f.t(
        `截至${asOf}有${f.tok(woOverdue)}项未完工的报修已超过规定的响应、到场或修复时限${f.spread(woOverdue, '项')}，需督办处理。`,
        `At ${asOf} ${f.tok(woOverdue)} open repair ${f.noun(woOverdue, 'request', 'requests')} ${f.be(woOverdue)} past ${f.noun(woOverdue, 'its', 'their')} response, arrival or repair time limit${f.spread(woOverdue, '')}.`,
      ),
      plan: f.t(
        '针对工单逾期未完工的问题，下阶段将每日跟踪超时工单，逐单明确责任人和完成时间，必要时增派人员或协调外协，由部门负责人督办。',
        'Overdue orders: follow up every order past its time limit daily, give each a person responsible and a date, add staff or call in contractors where needed, with the head of the department overseeing them.',
      ),
    });
  }

  // ——— readings out of range not corrected
  const opened = 'readings.deviations.opened';
  const corrected = 'readings.deviations.corrected';
  if (f.pos(opened) && f.has(corrected) && (f.v(corrected) ?? 0) < (f.v(opened) ?? 0)) {
    add({
      id: 'readings.deviations',
      module: 'readings',
      severity: 60,
      text: f.t(
        `读数超出合格范围登记偏差${f.tok(opened)}项，已纠偏${f.tok(corrected)}项，仍有偏差未纠正关闭。`,
        `Of ${f.tok(opened)} ${f.noun(opened, 'deviation', 'deviations')} from readings out of range, ${f.tok(corrected)} ${f.noun(corrected, 'has', 'have')} been corrected: some remain open.`,
      ),
      plan: f.t(
        '针对读数偏差未及时纠正的问题，下阶段将对超出合格范围的读数立即采取纠偏措施，并在复测时限内复测确认。',
        'Uncorrected deviations: act on every reading out of range at once and re-check it within the re-check time.',
      ),
    });
  }

  // ——— patrol rounds missed
  const roundsMissed = 'patrols.rounds.missed';
  if (f.pos(roundsMissed)) {
    const duty = 'patrols.duty_rate';
    const weakLevels = f
      .family(duty, 'level')
      .filter((x) => x.value !== null && x.value < 100)
      .sort((a, b) => (a.value ?? 0) - (b.value ?? 0))
      .slice(0, 2);
    const levelsZh = weakLevels.length ? `，其中${weakLevels.map((x) => `${x.label.zh}为${f.tok(x.key)}`).join('，')}` : '';
    const levelsEn = weakLevels.length
      ? `, lowest for ${joinEn(weakLevels.map((x) => `${lowerFirst(x.label.en.replace(/ compliance$/, ''))} (${f.tok(x.key)})`))}`
      : '';
    add({
      id: 'patrols.missed',
      module: 'patrols',
      severity: 60,
      text: f.t(
        `计划巡检中漏检${f.tok(roundsMissed)}次${f.spread(roundsMissed, '次')}${f.known(duty) ? `，检查职责落实率为${f.tok(duty)}` : ''}${levelsZh}。`,
        `${f.tok(roundsMissed)} scheduled patrol ${f.noun(roundsMissed, 'round was', 'rounds were')} missed${f.spread(roundsMissed, '')}${f.known(duty) ? `; duty compliance was ${f.tok(duty)}` : ''}${levelsEn}.`,
      ),
      plan: f.t(
        '针对巡检漏检的问题，下阶段将落实各层级巡检职责，对漏检情况逐次分析原因并纳入考核。',
        'Missed rounds: make each level answerable for its rounds, look into every missed round and count it in the assessment.',
      ),
    });
  }

  // ——— satisfaction below the target
  const satisfaction = 'workorders.satisfaction';
  if (f.known(satisfaction)) {
    const lowSites = f.multi ? f.sitesBelow(satisfaction, SATISFACTION_TARGET) : [];
    const totalLow = (f.v(satisfaction) ?? 100) < SATISFACTION_TARGET;
    if (totalLow || lowSites.length) {
      const where = totalLow
        ? f.t(
            `满意度指数为${f.tok(satisfaction)}${f.siteRates(satisfaction)}`,
            `the satisfaction index was ${f.tok(satisfaction)}${f.siteRates(satisfaction)}`,
          )
        : f.t(
            `${lowSites.map((s) => `${s.siteName}满意度指数为${f.at(satisfaction, s.siteId)}`).join('，')}，低于目标水平`,
            `the satisfaction index was ${joinList(
              lowSites.map((s) => `${f.at(satisfaction, s.siteId)} at ${s.siteName}`),
              lang,
            )}, below the target`,
          );
      add({
        id: 'workorders.satisfaction',
        module: 'workorders',
        severity: 55,
        text: f.t(
          `报修人评价中，${where}，服务满意度仍有提升空间。`,
          `In requesters' ratings ${where}: service satisfaction needs to improve.`,
        ),
        plan: f.t(
          '针对服务满意度不高的问题，下阶段将加强维修回访，逐条分析评价较低的工单，改进服务态度、维修质量和效率。',
          'Satisfaction: call back after repairs, look into every poorly rated order and improve manner, quality and speed.',
        ),
      });
    }
  }

  // ——— repair categories rated below the target, over enough ratings to say so
  const lowCategories = f
    .family(satisfaction, 'category')
    .filter((x) => {
      const code = x.key.slice(`${satisfaction}.category.`.length);
      return x.value !== null && x.value < SATISFACTION_TARGET && (f.v(`workorders.rated.category.${code}`) ?? 0) >= MIN_CATEGORY_RATINGS;
    })
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.value ?? 0) - (b.x.value ?? 0) || a.i - b.i)
    .map(({ x }) => x);
  if (lowCategories.length) {
    const named = lowCategories.slice(0, MAX_LOW_CATEGORIES);
    const more = lowCategories.length > named.length;
    const zhNames = named.map((x) => innerLabel(x, 'zh'));
    const enNames = named.map((x) => lowerFirst(innerLabel(x, 'en')));
    add({
      id: 'workorders.lowRatedCategories',
      module: 'workorders',
      severity: 53,
      text: f.t(
        `按报修类别看，${named.map((x, i) => `${zhNames[i]}类${i === 0 ? '满意度指数' : ''}为${f.tok(x.key)}`).join('，')}${more ? '等' : ''}，低于目标水平，相关专业的服务质量有待提高。`,
        `By repair category, the satisfaction index was below the target for ${joinEn(named.map((x, i) => `${enNames[i]} (${f.tok(x.key)})`))}${more ? ' among others' : ''}.`,
      ),
      plan: f.t(
        `针对${joinZh(zhNames)}类报修满意度偏低的问题，下阶段将对这些类别中评价较低的工单逐单回访，查明态度、质量或效率方面的原因，有针对性地开展专业技能培训，外包维保的督促维保单位整改。`,
        `Low-rated categories (${joinEn(enNames)}): call back on their poorly rated orders, find whether manner, quality or speed fell short, train the technicians of those trades and press contractors where the work is outsourced.`,
      ),
    });
  }

  // ——— readings missed
  const readingsMissed = 'readings.missed';
  if (f.pos(readingsMissed)) {
    const rate = 'readings.on_time_rate';
    add({
      id: 'readings.missed',
      module: 'readings',
      severity: 50,
      text: f.t(
        `应抄读数中漏读${f.tok(readingsMissed)}次${f.spread(readingsMissed, '次')}${f.known(rate) ? `，按时读数率为${f.tok(rate)}` : ''}。`,
        `${f.tok(readingsMissed)} ${f.noun(readingsMissed, 'reading was', 'readings were')} missed${f.spread(readingsMissed, '')}${f.known(rate) ? `; ${f.tok(rate)} were taken on time` : ''}.`,
      ),
      plan: f.t(
        '针对漏读的问题，下阶段将明确各读数点的责任人和读数时间，按时完成抄表和读数检查。',
        'Missed readings: name who reads each point and when, and take every reading on time.',
      ),
    });
  }

  // ——— orders open past the normal repair time
  const backlog = 'workorders.backlog';
  const oldest = 'workorders.backlogOldestAge';
  if (f.pos(backlog) && (f.v(oldest) ?? 0) > NORMAL_REPAIR_HOURS) {
    const mean = 'workorders.backlogMeanAge';
    add({
      id: 'workorders.backlog',
      module: 'workorders',
      severity: 50,
      text: f.t(
        `截至${asOf}尚有${f.tok(backlog)}项报修未完工${f.spread(backlog, '项')}${f.known(mean) ? `，平均已等待${f.tok(mean)}` : ''}，最久的已等待${f.tok(oldest)}，超过一般报修的修复时限。`,
        `At ${asOf} ${f.tok(backlog)} repair ${f.noun(backlog, 'request', 'requests')} ${f.be(backlog)} still open${f.spread(backlog, '')}${f.known(mean) ? `, waiting ${f.tok(mean)} on average` : ''}; the oldest ${f.periodRunning ? 'has' : 'had'} waited ${f.tok(oldest)}, longer than the time limit for a normal repair.`,
      ),
      plan: f.t(
        '针对未完工工单积压的问题，下阶段将每周清理未完工工单，对等待配件、外协的工单逐单跟踪，限期完工。',
        'Open orders: review them weekly, chase those waiting for parts or contractors, and set each a date to finish.',
      ),
    });
  }

  // ——— rework above the limit
  const rework = 'workorders.reworkRate';
  if (f.known(rework) && (f.v(rework) ?? 0) > REWORK_LIMIT) {
    add({
      id: 'workorders.rework',
      module: 'workorders',
      severity: 50,
      text: f.t(
        `返修率为${f.tok(rework)}${f.siteRates(rework)}，超出控制目标，部分维修质量有待提高。`,
        `The rework rate was ${f.tok(rework)}${f.siteRates(rework)}, above the target: some repairs need better workmanship.`,
      ),
      plan: f.t(
        '针对返修率偏高的问题，下阶段将对返修工单逐单分析原因，加强维修质量验收和维修人员技能培训。',
        'Rework: analyse every reworked order, check repairs more carefully on acceptance and train technicians.',
      ),
    });
  }

  // ——— service desk (when its facts are there): complaints past their deadline, dissatisfied return visits
  const complaintsOverdue = f.pick('servicedesk.complaints.overdue');
  if (f.pos(complaintsOverdue)) {
    add({
      id: 'servicedesk.complaints',
      module: 'servicedesk',
      severity: 55,
      text: f.t(
        `受理的投诉中有${f.tok(complaintsOverdue)}项超过处理期限${f.spread(complaintsOverdue, '项')}。`,
        `${f.tok(complaintsOverdue)} ${f.noun(complaintsOverdue, 'complaint', 'complaints')} went past the handling deadline${f.spread(complaintsOverdue, '')}.`,
      ),
      plan: f.t(
        '针对投诉处理超期的问题，下阶段将落实投诉首问负责，跟踪处理进度并及时向投诉人反馈结果。',
        'Late complaints: give each complaint an owner from the first contact, track it and report back to the complainant promptly.',
      ),
    });
  }
  const dissatisfied = f.pick('servicedesk.returnVisits.dissatisfied', 'servicedesk.return_visits.dissatisfied');
  if (f.pos(dissatisfied)) {
    add({
      id: 'servicedesk.dissatisfied',
      module: 'servicedesk',
      severity: 45,
      text: f.t(
        `服务回访中有${f.tok(dissatisfied)}次反馈不满意${f.spread(dissatisfied, '次')}。`,
        `${f.tok(dissatisfied)} return ${f.noun(dissatisfied, 'visit', 'visits')} found the requester dissatisfied${f.spread(dissatisfied, '')}.`,
      ),
      plan: f.t(
        '针对回访不满意的问题，下阶段将逐条分析原因并整改，整改后再次回访确认。',
        'Dissatisfied return visits: find and fix the cause of each, then visit again to confirm.',
      ),
    });
  }

  // ——— problems found but not handled
  const found = 'hazards.findings.found';
  const handled = 'hazards.findings.handled';
  if (f.pos(found) && f.has(handled) && (f.v(handled) ?? 0) < (f.v(found) ?? 0)) {
    const rate = 'hazards.findings.handled_rate';
    add({
      id: 'hazards.findings',
      module: 'hazards',
      severity: 45,
      text: f.t(
        `巡检、检查中发现的问题${f.tok(found)}个，已处理${f.tok(handled)}个${f.known(rate) ? `，处理率为${f.tok(rate)}` : ''}，尚有问题未处理完毕。`,
        `Of ${f.tok(found)} ${f.noun(found, 'problem', 'problems')} found on patrols and checks, ${f.tok(handled)} ${f.noun(handled, 'has', 'have')} been dealt with${f.known(rate) ? ` (${f.tok(rate)})` : ''}; the rest are still open.`,
      ),
      plan: f.t(
        '针对发现问题处理不及时的问题，下阶段将对巡检发现的问题当场能改的当场整改，不能当场整改的及时转维修或登记隐患并跟踪闭环。',
        'Open findings: fix on the spot what can be fixed, and turn the rest into work orders or hazards followed through to closure.',
      ),
    });
  }

  // ——— projects past their planned end (when the project facts are there)
  const projectsOverdue = f.pick('projects.overdue');
  if (f.pos(projectsOverdue)) {
    add({
      id: 'projects.overdue',
      module: 'projects',
      severity: 45,
      text: f.t(
        `改造施工项目中有${f.tok(projectsOverdue)}项已过计划完工日期仍未验收${f.spread(projectsOverdue, '项')}。`,
        `${f.tok(projectsOverdue)} ${f.noun(projectsOverdue, 'project has', 'projects have')} passed the planned completion date without acceptance${f.spread(projectsOverdue, '')}.`,
      ),
      plan: f.t(
        '针对改造项目逾期的问题，下阶段将按节点跟踪施工进度，督促施工单位按期完工并及时组织验收。',
        'Overdue projects: track progress against milestones, press contractors to finish on time and accept the work promptly.',
      ),
    });
  }

  // ——— maintenance done late (done, but after its window)
  const late = 'maintenance.late';
  if (f.pos(late)) {
    const pm = 'maintenance.pm_compliance';
    add({
      id: 'maintenance.late',
      module: 'maintenance',
      severity: 40,
      text: f.t(
        `逾期完成保养${f.tok(late)}项${f.spread(late, '项')}${f.known(pm) ? `，预防性维护完成率为${f.tok(pm)}` : ''}，保养计划执行的及时性有待提高。`,
        `${f.tok(late)} maintenance ${f.noun(late, 'task was', 'tasks were')} done late${f.spread(late, '')}${f.known(pm) ? `; PM compliance was ${f.tok(pm)}` : ''}.`,
      ),
      plan: f.t(
        '针对保养逾期完成的问题，下阶段将提前安排保养任务和人员，保证在完成期限内完成。',
        'Late maintenance: schedule tasks and people ahead so that each is done within its window.',
      ),
    });
  }

  // ——— knowledge spot checks below the pass target
  const passRate = 'training.spot_checks.pass_rate';
  if (f.known(passRate) && (f.v(passRate) ?? 100) < PASS_RATE_TARGET) {
    add({
      id: 'training.pass_rate',
      module: 'training',
      severity: 40,
      text: f.t(
        `知识抽查合格率为${f.tok(passRate)}${f.siteRates(passRate)}，部分员工对岗位和安全知识掌握不够。`,
        `The knowledge spot-check pass rate was ${f.tok(passRate)}${f.siteRates(passRate)}: some staff do not know their job and safety rules well enough.`,
      ),
      plan: f.t(
        '针对知识抽查合格率不高的问题，下阶段将对不合格人员组织补训和复查，把安全知识培训纳入入职和日常培训。',
        'Spot checks: retrain and re-check those who failed, and build safety knowledge into induction and routine training.',
      ),
    });
  }

  // ——— late patrol rounds (when none were missed, lateness is the finding)
  const roundsLate = 'patrols.rounds.late';
  if (f.pos(roundsLate) && !f.pos(roundsMissed)) {
    add({
      id: 'patrols.late',
      module: 'patrols',
      severity: 35,
      text: f.t(
        `逾期完成巡检${f.tok(roundsLate)}次${f.spread(roundsLate, '次')}，巡检的及时性有待提高。`,
        `${f.tok(roundsLate)} patrol ${f.noun(roundsLate, 'round was', 'rounds were')} completed late${f.spread(roundsLate, '')}.`,
      ),
      plan: f.t(
        '针对巡检逾期完成的问题，下阶段将合理安排巡检时间和人员，确保在规定时限内完成巡检。',
        'Late rounds: plan patrol times and staff so that rounds finish within their window.',
      ),
    });
  }

  // ——— drills without a report
  const reports = 'drills.reports_filed';
  if (f.pos('drills.done') && f.has(reports) && (f.v(reports) ?? 0) < (f.v('drills.done') ?? 0)) {
    add({
      id: 'drills.reports',
      module: 'drills',
      severity: 35,
      text: f.t(
        `完成的演练${f.tok('drills.done')}次中已填写演练报告${f.tok(reports)}份，部分演练未形成演练报告。`,
        `Reports were filed for ${f.tok(reports)} of ${f.tok('drills.done')} drills held: some drills have no report.`,
      ),
      plan: f.t(
        '针对演练报告缺失的问题，下阶段将要求每次演练后及时填写演练报告，分析存在的问题并提出改进措施。',
        'Drill reports: file a report after every drill, with the problems found and the improvements to make.',
      ),
    });
  }

  // ——— skipped checkpoints
  const skipped = 'patrols.points.skipped';
  if (f.pos(skipped)) {
    add({
      id: 'patrols.skipped',
      module: 'patrols',
      severity: 30,
      text: f.t(
        `巡检中跳过点位${f.tok(skipped)}个${f.spread(skipped, '个')}，存在巡检不到位的情况。`,
        `${f.tok(skipped)} ${f.noun(skipped, 'checkpoint was', 'checkpoints were')} skipped during rounds${f.spread(skipped, '')}.`,
      ),
      plan: f.t(
        '针对巡检点位漏签的问题，下阶段将加强巡检过程检查，要求逐点签到、逐项检查。',
        'Skipped checkpoints: check rounds as they happen and require every point to be signed in and inspected.',
      ),
    });
  }

  // ——— deviations corrected late
  const inTime = 'readings.deviations.corrected_in_time';
  if (f.pos(corrected) && f.has(inTime) && (f.v(inTime) ?? 0) < (f.v(corrected) ?? 0)) {
    add({
      id: 'readings.late_corrections',
      module: 'readings',
      severity: 30,
      text: f.t(
        `已纠偏的偏差${f.tok(corrected)}项中按时纠偏${f.tok(inTime)}项，部分偏差未能在复测时限内纠正。`,
        `Of ${f.tok(corrected)} deviations corrected, ${f.tok(inTime)} ${f.noun(inTime, 'was', 'were')} corrected within the re-check time.`,
      ),
      plan: f.t(
        '针对纠偏不及时的问题，下阶段将在复测时限到期前提醒责任人，保证按时复测。',
        'Late corrections: remind the person responsible before the re-check time runs out.',
      ),
    });
  }

  // ——— incident reports awaiting review
  const awaiting = 'incidents.awaiting_review';
  if (f.pos(awaiting)) {
    add({
      id: 'incidents.review',
      module: 'incidents',
      severity: 30,
      text: f.t(
        `尚有${f.tok(awaiting)}份意外事件报告待审核${f.spread(awaiting, '份')}。`,
        `${f.tok(awaiting)} incident ${f.noun(awaiting, 'report is', 'reports are')} still awaiting review${f.spread(awaiting, '')}.`,
      ),
      plan: f.t(
        '针对事件报告审核不及时的问题，下阶段将及时审核意外事件报告，对事故原因和纠正预防措施逐项把关。',
        'Incident reports: review each report promptly, checking the cause found and the corrective and preventive measures.',
      ),
    });
  }

  // ——— etiquette below the target
  const etiquette = 'etiquette.average_score';
  if (f.known(etiquette) && (f.v(etiquette) ?? 100) < ETIQUETTE_TARGET) {
    add({
      id: 'etiquette.score',
      module: 'etiquette',
      severity: 25,
      text: f.t(
        `礼仪检查平均得分为${f.tok(etiquette)}${f.siteRates(etiquette)}，员工仪容仪表和礼貌礼仪仍需加强。`,
        `The average etiquette score was ${f.tok(etiquette)}${f.siteRates(etiquette)}: appearance and manners need more attention.`,
      ),
      plan: f.t(
        '针对礼仪检查得分不高的问题，下阶段将从坐、立、行和着装仪表等方面加强日常检查监督，督促员工养成良好习惯。',
        'Etiquette: check posture, manners and dress daily and help staff build good habits.',
      ),
    });
  }

  // ——— hazards still open but not overdue (in progress): the least severe of the hazard findings
  const open = 'hazards.open';
  if (f.pos(open) && !f.pos(overdue)) {
    add({
      id: 'hazards.open',
      module: 'hazards',
      severity: 20,
      text: f.t(
        `截至目前尚有${f.tok(open)}项隐患正在整改或验收中，尚未销号${f.spread(open, '项')}。`,
        `${f.tok(open)} ${f.noun(open, 'hazard is', 'hazards are')} still being rectified or awaiting acceptance${f.spread(open, '')}.`,
      ),
      plan: f.t(
        '针对尚未销号的隐患，下阶段将跟踪整改进度，整改完成后及时验收销号。',
        'Open hazards: follow the rectification through and accept and close each one when done.',
      ),
    });
  }

  // stable: equal severities keep the order above
  return out
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.severity - a.p.severity || a.i - b.i)
    .map(({ p }) => p);
}

/** The problems' sentences, most severe first: the "存在的问题" chapter. */
export function deriveProblems(data: ReportFactsDto, lang: SummaryLang): string[] {
  return findProblems(data, lang).map((p) => p.text);
}

function capitalise(s: string): string {
  return s.replace(/^([a-z])/, (c) => c.toUpperCase());
}

function joinList(items: string[], lang: SummaryLang): string {
  return lang === 'zh' ? joinZh(items) : joinEn(items);
}
