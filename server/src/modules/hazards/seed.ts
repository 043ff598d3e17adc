import type { HazardGrade, HazardStatus } from '../../../../contracts/hazards.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { ensureNumberingRule } from '../system/index.js';
import { addDays, localDate } from './dates.js';
import type { FindingRow } from './findings.repository.js';
import { FINDING_NUMBERING } from './findings.service.js';
import type { HazardRow } from './hazards.repository.js';
import { HAZARD_NUMBER_RULE } from './hazards.service.js';
import { seedHazardSettings } from './settings.js';

/** Idempotent per-organisation defaults: the FX numbering rule (YH comes with the system defaults) and the settings row. */
export async function seedHazardDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...FINDING_NUMBERING }, now);
  await seedHazardSettings(tx, orgId, now);
}

const DAY = 86_400_000;

interface DemoHazard {
  site: 'CC' | 'SY';
  location: string;
  category: string;
  grade: HazardGrade;
  subGrade?: string;
  title: string;
  description: string;
  status: HazardStatus;
  foundDaysAgo: number;
  foundBy: string;
  /** 五落实, when assigned */
  responsible?: string;
  verifier?: string;
  measures?: string;
  fundsFen?: number;
  deadlineInDays?: number;
  contingencyPlan?: string;
  temporaryMeasures?: string;
  rectifiedDaysAgo?: number;
  acceptedDaysAgo?: number;
  campaign?: boolean;
  /** registered from this finding (resolution hazard) */
  finding?: string;
  cancelReason?: string;
}

const HAZARDS: DemoHazard[] = [
  {
    site: 'CC',
    location: 'CC-A-2F-02',
    category: 'fire_safety',
    grade: 'general',
    subGrade: 'general_b',
    title: '员工通道堆放纸箱',
    description: '二层员工通道堆放大量包装纸箱，占用疏散通道约一半宽度。',
    status: 'closed',
    foundDaysAgo: 20,
    foundBy: 'security',
    responsible: 'tech',
    verifier: 'property',
    measures: '清理纸箱，通道两侧划禁止堆放线并张贴警示标识。',
    fundsFen: 12000,
    deadlineInDays: -15,
    rectifiedDaysAgo: 16,
    acceptedDaysAgo: 15,
    campaign: true,
  },
  {
    site: 'CC',
    location: 'CC-A-B1-01',
    category: 'electrical_safety',
    grade: 'general',
    title: '配电室电缆桥架盖板缺失',
    description: '地下一层配电室 2 号电缆桥架盖板缺失约 1.5 米，电缆外露。',
    status: 'rectifying',
    foundDaysAgo: 10,
    foundBy: 'property',
    responsible: 'tech',
    verifier: 'property',
    measures: '补装同规格镀锌桥架盖板并可靠接地。',
    fundsFen: 68000,
    deadlineInDays: -3,
    temporaryMeasures: '外露段设置围挡和“当心触电”警示牌。',
  },
  {
    site: 'CC',
    location: 'CC-A-B1-02',
    category: 'fire_safety',
    grade: 'major',
    subGrade: 'major_a',
    title: '消防水泵控制柜不能自动启泵',
    description: '月度检查时消防水泵控制柜处于手动状态且自动启泵回路故障，火灾时不能联动启泵。',
    status: 'pending_signoff',
    foundDaysAgo: 6,
    foundBy: 'property',
    responsible: 'tech',
    verifier: 'property',
    measures: '更换控制柜自动启泵回路继电器，恢复自动状态并做联动试验。',
    fundsFen: 356000,
    deadlineInDays: 4,
    contingencyPlan: '修复前消防控制室 24 小时专人值守，火警时手动启泵；每班巡查水泵房一次。',
    temporaryMeasures: '控制柜挂“手动状态”警示牌，值班人员培训手动启泵。',
    rectifiedDaysAgo: 2,
    acceptedDaysAgo: 1,
    campaign: true,
  },
  {
    site: 'CC',
    location: 'CC-A-1F-01',
    category: 'hygiene',
    grade: 'general',
    title: '化妆品区地面油污',
    description: '化妆品区 3 号柜台前地面有油污，顾客易滑倒。',
    status: 'registered',
    foundDaysAgo: 1,
    foundBy: 'property',
    finding: 'cc-oil',
  },
  {
    site: 'CC',
    location: 'CC-A-1F-02',
    category: 'equipment',
    grade: 'general',
    title: '珠宝区展柜玻璃松动',
    description: '珠宝区 5 号展柜顶部玻璃固定胶条老化，玻璃有松动。',
    status: 'submitted',
    foundDaysAgo: 5,
    foundBy: 'security',
    responsible: 'tech',
    verifier: 'property',
    measures: '更换固定胶条并加装不锈钢压条。',
    fundsFen: 4500,
    deadlineInDays: 2,
    rectifiedDaysAgo: 1,
  },
  {
    site: 'SY',
    location: 'SY-B-1F-01',
    category: 'public_security',
    grade: 'general',
    title: '专柜库房监控摄像头失灵',
    description: 'B 座一层专柜库房入口监控摄像头无图像。',
    status: 'rectifying',
    foundDaysAgo: 3,
    foundBy: 'tech_sy',
    responsible: 'tech_sy',
    verifier: 'head',
    measures: '更换摄像头电源模块，检查录像机通道。',
    fundsFen: 38000,
    deadlineInDays: 7,
    temporaryMeasures: '库房入口安排保安每两小时巡查一次。',
    finding: 'sy-camera',
    campaign: true,
  },
  {
    site: 'SY',
    location: 'SY-A-2F-01',
    category: 'fire_safety',
    grade: 'general',
    title: '女装区灭火器压力不足',
    description: '二层女装区 2 具干粉灭火器压力表指针在红区。',
    status: 'closed',
    foundDaysAgo: 25,
    foundBy: 'tech_sy',
    responsible: 'tech_sy',
    verifier: 'head',
    measures: '送检充装，充装期间调配备用灭火器。',
    fundsFen: 9000,
    deadlineInDays: -20,
    rectifiedDaysAgo: 18,
    acceptedDaysAgo: 17,
  },
  {
    site: 'SY',
    location: 'SY-A-1F-01',
    category: 'other',
    grade: 'general',
    title: '重复登记：一层照明',
    description: '与已登记的照明维修工单重复。',
    status: 'cancelled',
    foundDaysAgo: 8,
    foundBy: 'tech_sy',
    cancelReason: '与维修工单重复，已按工单处理。',
  },
];

interface DemoFinding {
  key: string;
  site: 'CC' | 'SY';
  location: string;
  category: string | null;
  description: string;
  foundDaysAgo: number;
  foundBy: string;
  campaign?: boolean;
}

const FINDINGS: DemoFinding[] = [
  {
    key: 'cc-oil',
    site: 'CC',
    location: 'CC-A-1F-01',
    category: 'hygiene',
    description: '化妆品区 3 号柜台前地面有油污。',
    foundDaysAgo: 1,
    foundBy: 'property',
  },
  {
    key: 'cc-extinguisher',
    site: 'CC',
    location: 'CC-A-1F-01',
    category: 'fire_safety',
    description: '化妆品区 1 号灭火器被促销货架遮挡。',
    foundDaysAgo: 0,
    foundBy: 'security',
    campaign: true,
  },
  {
    key: 'sy-camera',
    site: 'SY',
    location: 'SY-B-1F-01',
    category: 'public_security',
    description: '专柜库房入口监控摄像头无图像。',
    foundDaysAgo: 3,
    foundBy: 'tech_sy',
    campaign: true,
  },
  {
    key: 'sy-light',
    site: 'SY',
    location: 'SY-A-2F-01',
    category: 'equipment',
    description: '二层女装区一盏应急照明灯不亮。',
    foundDaysAgo: 2,
    foundBy: 'cleaner',
  },
];

/**
 * Demo findings, hazards in every state and one campaign this year for 长春店 and 沈阳店:
 * a hazard closed on time, one overdue, a major one awaiting the head's sign-off, one
 * awaiting acceptance, one just registered from a finding, one closed late elsewhere, a
 * cancelled one. Rows as the services write them (numbered by the same rules); like the
 * rest of the demo data no audit entries, and no photos.
 */
export async function seedHazardDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const nowMs = Date.parse(now);
  const ago = (days: number, hour = 2) => new Date(nowMs - days * DAY + (hour - 2) * 3_600_000).toISOString();
  const sites = await tx.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).execute();
  const site = (code: string) => sites.find((s) => s.code === code) as { id: string; code: string; timezone: string };
  if (!sites.some((s) => s.code === 'CC') || !sites.some((s) => s.code === 'SY')) return;
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute()).map((u) => [u.username, u.id]),
  );
  const user = (name: string | undefined) => (name ? (users.get(name) ?? null) : null);
  const locations = new Map(
    (await tx.selectFrom('locations').select(['id', 'code']).where('org_id', '=', orgId).execute()).map((l) => [l.code, l.id]),
  );
  const teams = await tx
    .selectFrom('teams')
    .select(['id', 'code'])
    .where('org_id', '=', orgId)
    .where('code', 'in', ['CC-BA', 'SY-WX'])
    .execute();

  const today = localDate(new Date(now), site('CC').timezone);
  const year = today.slice(0, 4);
  const campaignId = newId();
  await tx
    .insertInto('inspection_campaigns')
    .values({
      id: campaignId,
      org_id: orgId,
      name: `${year}年春季消防与用电安全专项检查`,
      description: '各门店消防通道、消防设施、配电与用电安全全面排查，发现问题当场登记，隐患纳入台账限期整改。',
      categories: JSON.stringify(['fire_safety', 'electrical_safety', 'public_security']),
      start_date: addDays(today, -30),
      end_date: addDays(today, 30),
      created_by: user('head'),
      created_at: ago(35),
      updated_at: ago(35),
      version: 1,
    })
    .execute();
  await tx
    .insertInto('inspection_campaign_sites')
    .values([site('CC'), site('SY')].map((s) => ({ campaign_id: campaignId, site_id: s.id })))
    .execute();
  if (teams.length) {
    await tx
      .insertInto('inspection_campaign_teams')
      .values(teams.map((t) => ({ campaign_id: campaignId, team_id: t.id })))
      .execute();
  }

  const findingIds = new Map<string, FindingRow>();
  for (const f of FINDINGS) {
    const s = site(f.site);
    const at = ago(f.foundDaysAgo, 10);
    const row: FindingRow = {
      id: newId(),
      org_id: orgId,
      site_id: s.id,
      number: await nextNumber(tx, { orgId, ruleCode: FINDING_NUMBERING.code, siteId: s.id, at: new Date(at) }),
      location_id: locations.get(f.location) ?? null,
      asset_id: null,
      source: 'direct',
      source_type: null,
      source_id: null,
      source_label: null,
      round_id: null,
      campaign_id: f.campaign ? campaignId : null,
      category: f.category,
      description: f.description,
      found_at: at,
      found_by: user(f.foundBy),
      resolution: 'open',
      fix_note: null,
      work_order_id: null,
      hazard_id: null,
      resolved_at: null,
      resolved_by: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('findings').values(row).execute();
    findingIds.set(f.key, row);
  }

  for (const h of HAZARDS) {
    const s = site(h.site);
    const found = h.finding ? findingIds.get(h.finding) : undefined;
    const foundAt = found?.found_at ?? ago(h.foundDaysAgo, 10);
    const assigned = h.responsible !== undefined;
    const assignedAt = assigned ? ago(h.foundDaysAgo, 15) : null;
    const rectifiedAt = h.rectifiedDaysAgo !== undefined ? ago(h.rectifiedDaysAgo, 16) : null;
    const acceptedAt = h.acceptedDaysAgo !== undefined ? ago(h.acceptedDaysAgo, 10) : null;
    const closed = h.status === 'closed';
    const row: HazardRow = {
      id: newId(),
      org_id: orgId,
      site_id: s.id,
      number: await nextNumber(tx, { orgId, ruleCode: HAZARD_NUMBER_RULE, siteId: s.id, at: new Date(foundAt) }),
      location_id: locations.get(h.location) ?? null,
      asset_id: null,
      source: found ? (found.campaign_id ? 'campaign' : 'direct') : h.campaign ? 'campaign' : 'direct',
      finding_id: found?.id ?? null,
      campaign_id: h.campaign ? campaignId : null,
      category: h.category,
      grade: h.grade,
      sub_grade: h.subGrade ?? null,
      title: h.title,
      description: h.description,
      found_at: foundAt,
      found_by: user(h.foundBy),
      addressee_type: null,
      addressee_id: null,
      responsible_id: user(h.responsible),
      measures: h.measures ?? null,
      funds_fen: h.fundsFen ?? null,
      deadline: h.deadlineInDays !== undefined ? addDays(today, h.deadlineInDays) : null,
      contingency_plan: h.contingencyPlan ?? null,
      temporary_measures: h.temporaryMeasures ?? null,
      acceptance_standard: assigned ? '现场复查符合要求，整改后照片齐全。' : null,
      verifier_id: user(h.verifier),
      assigned_at: assignedAt,
      assigned_by: assigned ? user(h.site === 'CC' ? 'property' : 'head') : null,
      rectification_note: rectifiedAt ? '已按整改措施完成整改。' : null,
      rectified_at: rectifiedAt,
      rectified_on: rectifiedAt ? localDate(new Date(rectifiedAt), s.timezone) : null,
      rectified_by: rectifiedAt ? user(h.responsible) : null,
      acceptance_note: acceptedAt ? '现场验收合格。' : null,
      accepted_at: acceptedAt,
      accepted_by: acceptedAt ? user(h.verifier) : null,
      rejected_count: 0,
      reject_note: null,
      rejected_at: null,
      signed_off_at: null,
      signed_off_by: null,
      sign_off_note: null,
      closed_at: closed ? acceptedAt : null,
      cancel_reason: h.cancelReason ?? null,
      cancelled_at: h.status === 'cancelled' ? ago(h.foundDaysAgo - 1) : null,
      status: h.status,
      remind_notified_at: null,
      overdue_notified_at: null,
      acceptance_notified_at: null,
      created_by: user(h.foundBy),
      created_at: foundAt,
      updated_at: acceptedAt ?? rectifiedAt ?? assignedAt ?? foundAt,
      version: 1,
    };
    await tx.insertInto('hazards').values(row).execute();
    if (found) {
      await tx
        .updateTable('findings')
        .set({ resolution: 'hazard', hazard_id: row.id, resolved_at: foundAt, resolved_by: row.found_by })
        .where('id', '=', found.id)
        .execute();
    }
  }
}
