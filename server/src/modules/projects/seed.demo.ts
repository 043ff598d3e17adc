import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDayStart, zonedParts } from '../../platform/numbering/time.js';
import type { ProjectRow, ProjectUpdateRow } from './projects.repository.js';
import { PROJECT_NUMBERING } from './projects.seed.js';
import { nextProjectStatus, type ProjectAction } from './projects.state.js';
import type { ProjectType } from './schema.js';

/**
 * Demo renovation and construction projects (改造施工项目) at 长春店 and 沈阳店: one
 * in every state, with budgets, contractors, planned and actual dates, the progress
 * log and acceptance with the settled cost — one accepted without a recorded cost, one
 * accepted after its planned end, two running past it. A fixed table with days
 * relative to today (site time); statuses are reached through the project state machine.
 */
const HOUR = 3_600_000;

/** [day relative to today (negative = past), what happened: an action, or a progress figure, note] */
type Entry = [day: number, what: ProjectAction | number, note?: string];

interface Spec {
  site: 'CC' | 'SY';
  location: string | null;
  name: string;
  type: ProjectType;
  description: string;
  /** fen */
  budget: number;
  contractor: string | null;
  contact: string | null;
  manager: string;
  created: number;
  planned: [start: number, end: number] | null;
  log: Entry[];
  /** fen, recorded at acceptance */
  cost?: number;
}

const PROJECTS: Spec[] = [
  {
    site: 'CC',
    location: 'CC-A-1F',
    name: '一层公共卫生间改造',
    type: 'renovation',
    description: '更换洁具、地面防水重做、增加无障碍扶手',
    budget: 8_600_000,
    contractor: '长春宏达装饰工程有限公司',
    contact: '孟工 13904311001',
    manager: 'property',
    created: -95,
    planned: [-80, -40],
    log: [
      [-78, 'start'],
      [-65, 30, '拆除完成，开始做防水'],
      [-52, 70, '防水闭水试验合格，开始铺砖'],
      [-42, 'submit'],
      [-40, 'accept', '施工质量合格，资料齐全'],
    ],
    cost: 8_420_000,
  },
  {
    site: 'CC',
    location: 'CC-B-1F',
    name: 'B座库房屋面防水',
    type: 'construction',
    description: '屋面 SBS 卷材防水重做，落水口更换',
    budget: 4_500_000,
    contractor: '吉林建安防水工程公司',
    contact: '吕经理 13604312002',
    manager: 'head',
    created: -88,
    planned: [-70, -50],
    log: [
      [-68, 'start'],
      [-60, 40, '旧卷材铲除完毕'],
      [-53, 'suspend', '连续降雨，暂停施工'],
      [-49, 'resume'],
      [-46, 90, '卷材铺设完成，待闭水试验'],
      [-45, 'submit'],
      [-44, 'accept', '闭水试验 48 小时无渗漏；因雨延期'],
    ],
    cost: 4_980_000,
  },
  {
    site: 'CC',
    location: 'CC-A-1F-01',
    name: '化妆品区照明 LED 改造',
    type: 'installation',
    description: '化妆品区 320 套筒灯、射灯更换为 LED，线路同步整理',
    budget: 3_200_000,
    contractor: '长春光明电气安装公司',
    contact: '魏工 13504313003',
    manager: 'tech',
    created: -40,
    planned: [-30, -5],
    log: [
      [-28, 'start'],
      [-21, 20, '完成东侧区域'],
      [-14, 45, '灯具到货延迟，夜间加班施工'],
      [-6, 75, '剩余西侧专柜区域'],
    ],
  },
  {
    site: 'CC',
    location: 'CC-A-B1-03',
    name: '空调机房管道保温更换',
    type: 'renovation',
    description: '冷冻水管橡塑保温层老化脱落，整体更换',
    budget: 2_600_000,
    contractor: '长春暖通安装有限公司',
    contact: '邹工 13704314004',
    manager: 'tech',
    created: -15,
    planned: [-10, 20],
    log: [
      [-9, 'start'],
      [-3, 30, '主管道保温完成'],
    ],
  },
  {
    site: 'CC',
    location: 'CC-A-2F-02',
    name: '二层员工通道地面翻新',
    type: 'renovation',
    description: '员工通道地面 PVC 地板更换为防滑地砖',
    budget: 1_500_000,
    contractor: '长春宏达装饰工程有限公司',
    contact: '孟工 13904311001',
    manager: 'property',
    created: -25,
    planned: [-20, 10],
    log: [
      [-18, 'start'],
      [-12, 40, '完成一半路段'],
      [-7, 'suspend', '营业高峰期暂停施工，闭店后复工时间待定'],
    ],
  },
  {
    site: 'CC',
    location: 'CC-A-1F-03',
    name: '消防控制室监控大屏安装',
    type: 'installation',
    description: '安装 3×3 拼接监控大屏及控制主机',
    budget: 980_000,
    contractor: '吉林安视科技有限公司',
    contact: '尹工 13804315005',
    manager: 'head',
    created: -30,
    planned: [-25, 2],
    log: [
      [-24, 'start'],
      [-15, 50, '支架和线缆到位'],
      [-8, 90, '调试中'],
      [-2, 'submit'],
    ],
  },
  {
    site: 'CC',
    location: 'CC-A',
    name: '正门雨棚更换',
    type: 'construction',
    description: '拆除旧钢结构雨棚，新建玻璃雨棚',
    budget: 6_800_000,
    contractor: '长春钢构工程有限公司',
    contact: '邵经理 13604316006',
    manager: 'head',
    created: -6,
    planned: [15, 60],
    log: [],
  },
  {
    site: 'CC',
    location: 'CC-A-1F-02',
    name: '珠宝区展柜电路改造',
    type: 'other',
    description: '珠宝区展柜照明独立回路',
    budget: 1_200_000,
    contractor: '长春光明电气安装公司',
    contact: '魏工 13504313003',
    manager: 'tech',
    created: -50,
    planned: [-30, -10],
    log: [[-35, 'cancel', '专柜调整布局，项目取消']],
  },
  {
    site: 'SY',
    location: 'SY-A',
    name: '外立面清洗及修补',
    type: 'construction',
    description: '外墙石材清洗、破损石材更换、打胶',
    budget: 5_600_000,
    contractor: '沈阳美城幕墙工程公司',
    contact: '葛经理 13804241007',
    manager: 'head',
    created: -75,
    planned: [-62, -28],
    log: [
      [-60, 'start'],
      [-50, 35, '南立面完成'],
      [-40, 70, '东立面完成'],
      [-30, 'submit'],
      [-28, 'accept', '外观验收合格，结算待审计'],
    ],
  },
  {
    site: 'SY',
    location: 'SY-A-1F',
    name: '自动扶梯扶手带更换',
    type: 'installation',
    description: '4 部自动扶梯扶手带到期更换',
    budget: 2_400_000,
    contractor: '沈阳迅达电梯服务公司',
    contact: '曲工 13504242008',
    manager: 'tech_sy',
    created: -45,
    planned: [-40, -12],
    log: [
      [-38, 'start'],
      [-28, 50, '完成 2 部'],
      [-16, 100, '4 部全部完成'],
      [-15, 'submit'],
      [-13, 'reject', '3 号扶梯扶手带接口不平整，需重新硫化'],
      [-8, 85, '厂家技术员到场重新硫化'],
    ],
  },
  {
    site: 'SY',
    location: 'SY-A-1F',
    name: '卫生间无障碍设施加装',
    type: 'installation',
    description: '一层卫生间加装无障碍扶手、呼叫按钮',
    budget: 1_100_000,
    contractor: '沈阳康达建材安装队',
    contact: '龚工 13704243009',
    manager: 'tech_sy',
    created: -58,
    planned: [-50, -35],
    log: [
      [-50, 'start'],
      [-42, 60, '扶手安装完成'],
      [-36, 'submit'],
      [-33, 'accept', '验收合格'],
    ],
    cost: 1_050_000,
  },
  {
    site: 'SY',
    location: 'SY-A-B1-03',
    name: '员工食堂排烟改造',
    type: 'renovation',
    description: '更换排烟风机，增加油烟净化器',
    budget: 3_800_000,
    contractor: '沈阳环宇通风设备公司',
    contact: '付工 13804244010',
    manager: 'tech_sy',
    created: -12,
    planned: [-5, 30],
    log: [
      [-3, 'start'],
      [-1, 10, '旧风机拆除'],
    ],
  },
  {
    site: 'SY',
    location: 'SY-A-B1-01',
    name: '配电室变压器增容',
    type: 'construction',
    description: '变压器由 800kVA 增容至 1250kVA',
    budget: 15_000_000,
    contractor: null,
    contact: null,
    manager: 'head',
    created: -4,
    planned: [5, 50],
    log: [],
  },
];

export async function seedProjectDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const [sites, users, locations] = await Promise.all([
    tx.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).where('code', 'in', ['CC', 'SY']).execute(),
    tx.selectFrom('users').select(['id', 'username', 'name']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('locations').select(['id', 'code']).where('org_id', '=', orgId).execute(),
  ]);
  if (sites.length < 2) return;
  const site = new Map(sites.map((s) => [s.code, s]));
  const user = new Map(users.map((u) => [u.username, u]));
  const admin = user.get('admin') ?? users[0];
  if (!admin) return;
  const who = (username: string) => user.get(username) ?? admin;
  const loc = new Map(locations.map((l) => [l.code, l.id]));
  const nowMs = Date.parse(now);
  const head = who('head');

  const rows: ProjectRow[] = [];
  const updates: ProjectUpdateRow[] = [];
  // numbered in the order they were created, as the yearly organisation-wide rule hands them out
  for (const spec of [...PROJECTS].sort((a, b) => a.created - b.created)) {
    const s = site.get(spec.site) as (typeof sites)[number];
    const today = zonedParts(new Date(nowMs), s.timezone);
    const date = (rel: number) => new Date(Date.UTC(today.year, today.month - 1, today.day + rel)).toISOString().slice(0, 10);
    /** an hour of the local day `rel` */
    const at = (rel: number, hour: number) => zonedDayStart(date(rel), s.timezone).getTime() + hour * HOUR;
    const manager = who(spec.manager);
    const created = at(spec.created, 9);
    const id = newId();
    const row: ProjectRow = {
      id,
      org_id: orgId,
      site_id: s.id,
      location_id: spec.location ? (loc.get(spec.location) ?? null) : null,
      number: await nextNumber(tx, { orgId, ruleCode: PROJECT_NUMBERING.code, siteId: s.id, at: new Date(created) }),
      name: spec.name,
      type: spec.type,
      description: spec.description,
      budget: spec.budget,
      contractor: spec.contractor,
      contractor_contact: spec.contact,
      manager_id: manager.id,
      planned_start: spec.planned ? date(spec.planned[0]) : null,
      planned_end: spec.planned ? date(spec.planned[1]) : null,
      actual_start: null,
      actual_end: null,
      progress: 0,
      status: 'planned',
      acceptance_note: null,
      accepted_by: null,
      accepted_at: null,
      accepted_on: null,
      actual_cost: null,
      cancel_reason: null,
      cancelled_at: null,
      created_by: head.id,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(created).toISOString(),
      version: 1,
    };
    type Status = ProjectRow['status'] | null;
    const log = (t: number, author: { id: string; name: string }, kind: string, from: Status, to: Status, note: string | null) =>
      updates.push({
        id: newId(),
        org_id: orgId,
        project_id: id,
        at: new Date(t).toISOString(),
        author_id: author.id,
        author_name: author.name,
        kind,
        from_status: from,
        to_status: to,
        progress: row.progress,
        note,
      });
    log(created, head, 'create', null, 'planned', null);
    let last = created;
    for (const [day, what, note] of spec.log) {
      // progress reports late in the afternoon, steps in the morning
      const t = at(day, typeof what === 'number' ? 16 : 10);
      if (t <= last || t > nowMs) throw new Error(`demo project ${spec.name}: entry on day ${day} out of order`);
      last = t;
      const iso = new Date(t).toISOString();
      if (typeof what === 'number') {
        row.progress = what;
        log(t, manager, 'progress', null, null, note ?? null);
      } else {
        const from = row.status;
        row.status = nextProjectStatus(from, what);
        if (what === 'start') row.actual_start = date(day);
        if (what === 'submit') Object.assign(row, { progress: 100, actual_end: date(day) });
        if (what === 'reject') row.actual_end = null;
        if (what === 'accept') {
          Object.assign(row, {
            progress: 100,
            actual_end: row.actual_end ?? date(day),
            acceptance_note: note ?? null,
            accepted_by: head.id,
            accepted_at: iso,
            accepted_on: date(day),
            actual_cost: spec.cost ?? null,
          });
        }
        if (what === 'cancel') Object.assign(row, { cancel_reason: note ?? null, cancelled_at: iso });
        // life-cycle steps need projects:manage (the head); the manager reports progress
        log(t, head, what, from, row.status, note ?? null);
      }
      row.updated_at = iso;
      row.version = Number(row.version) + 1;
    }
    rows.push(row);
  }
  await tx.insertInto('projects').values(rows).execute();
  await tx.insertInto('project_updates').values(updates).execute();
}
