import { hashPassword } from '../../platform/auth/secrets.js';
import type { Clock, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { seedCounterDemo } from '../counters/index.js';
import { seedDrillDemo } from '../drills/index.js';
import { seedEquipmentDemo } from '../equipment/index.js';
import { seedHazardDemo } from '../hazards/index.js';
import { seedIncidentDemo } from '../incidents/index.js';
import { seedMaintenanceDemo } from '../maintenance/index.js';
import { seedPatrolDemo } from '../patrols/index.js';
import { seedProjectDemo } from '../projects/index.js';
import { seedReadingsDemo } from '../readings/index.js';
import { seedSafetyDemo } from '../safety/index.js';
import { seedServiceDeskDemo } from '../servicedesk/index.js';
import { seedTrainingDemo } from '../training/index.js';
import { seedWorkOrderDemo } from '../workorders/index.js';

/**
 * The demo organisation: a department-store group with 长春店 and 沈阳店 and a school
 * campus, with buildings, floors and rooms, departments, teams and one user per seeded
 * role. Every demo password is `houqin` (listed in README; demo mode only).
 */
export const DEMO_PASSWORD = 'houqin';

interface LocSpec {
  code: string;
  name: string;
  kind: string;
  children?: LocSpec[];
}

const storeFloors = (prefix: string): LocSpec[] => [
  {
    code: `${prefix}-A`,
    name: 'A座主楼',
    kind: 'building',
    children: [
      {
        code: `${prefix}-A-B1`,
        name: '地下一层',
        kind: 'floor',
        children: [
          { code: `${prefix}-A-B1-01`, name: '配电室', kind: 'room' },
          { code: `${prefix}-A-B1-02`, name: '水泵房', kind: 'room' },
          { code: `${prefix}-A-B1-03`, name: '空调机房', kind: 'room' },
        ],
      },
      {
        code: `${prefix}-A-1F`,
        name: '一层',
        kind: 'floor',
        children: [
          { code: `${prefix}-A-1F-01`, name: '化妆品区', kind: 'area' },
          { code: `${prefix}-A-1F-02`, name: '珠宝区', kind: 'area' },
          { code: `${prefix}-A-1F-03`, name: '消防控制室', kind: 'room' },
        ],
      },
      {
        code: `${prefix}-A-2F`,
        name: '二层',
        kind: 'floor',
        children: [
          { code: `${prefix}-A-2F-01`, name: '女装区', kind: 'area' },
          { code: `${prefix}-A-2F-02`, name: '员工通道', kind: 'area' },
        ],
      },
    ],
  },
  {
    code: `${prefix}-B`,
    name: 'B座后区',
    kind: 'building',
    children: [
      {
        code: `${prefix}-B-1F`,
        name: '一层库房',
        kind: 'floor',
        children: [{ code: `${prefix}-B-1F-01`, name: '专柜库房', kind: 'room' }],
      },
    ],
  },
];

const campus: LocSpec[] = [
  {
    code: 'XX-JX',
    name: '教学楼',
    kind: 'building',
    children: [{ code: 'XX-JX-1F', name: '一层', kind: 'floor', children: [{ code: 'XX-JX-1F-101', name: '一年级(1)班', kind: 'room' }] }],
  },
  {
    code: 'XX-ST',
    name: '食堂',
    kind: 'building',
    children: [{ code: 'XX-ST-1F', name: '一层', kind: 'floor', children: [{ code: 'XX-ST-1F-01', name: '操作间', kind: 'room' }] }],
  },
];

const DEPARTMENTS = [
  ['HQ', '后勤部'],
  ['GW', '工务部'],
  ['BA', '保安部'],
  ['BJ', '保洁部'],
  ['KF', '客服中心'],
  ['CG', '采购部'],
  ['CW', '财务部'],
  ['ST', '食堂'],
  ['YY', '营业部'],
] as const;

/** username, name, role code, site codes ('*' = all sites), department code, phone */
const USERS: [string, string, string, string[], string, string][] = [
  ['admin', '系统管理员', 'admin', ['*'], 'HQ', '13800000001'],
  ['head', '王后勤', 'head', ['*'], 'HQ', '13800000002'],
  ['dispatcher', '李调度', 'dispatcher', ['CC'], 'KF', '13800000003'],
  ['tech', '张维修', 'technician', ['CC'], 'GW', '13800000004'],
  ['tech_sy', '赵维修', 'technician', ['SY'], 'GW', '13800000005'],
  ['property', '刘物业', 'property', ['CC'], 'HQ', '13800000006'],
  ['security', '陈保安', 'security', ['CC'], 'BA', '13800000007'],
  ['cleaner', '周保洁', 'cleaning', ['SY'], 'BJ', '13800000008'],
  ['purchaser', '吴采购', 'purchaser', ['*'], 'CG', '13800000009'],
  ['storekeeper', '郑仓管', 'storekeeper', ['*'], 'CG', '13800000010'],
  ['finance', '孙财务', 'finance', ['*'], 'CW', '13800000011'],
  ['chef', '钱厨师长', 'chef', ['XX'], 'ST', '13800000012'],
  ['vendor', '某专柜', 'vendor', ['CC'], 'YY', '13800000013'],
  ['leader', '集团领导', 'leader', ['*'], 'HQ', '13800000014'],
  ['requester', '营业员小杨', 'requester', ['CC'], 'YY', '13800000015'],
];

export async function seedDemo(tx: Tx, orgId: string, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  const base = { org_id: orgId, created_at: now, updated_at: now };
  const sites = [
    {
      code: 'CC',
      name: '长春店',
      kind: 'store',
      address: '吉林省长春市朝阳区重庆路1号',
      opening_hours: '09:00-21:30',
      locs: storeFloors('CC'),
    },
    {
      code: 'SY',
      name: '沈阳店',
      kind: 'store',
      address: '辽宁省沈阳市和平区太原街2号',
      opening_hours: '09:30-21:00',
      locs: storeFloors('SY'),
    },
    { code: 'XX', name: '实验学校', kind: 'campus', address: '吉林省长春市南关区学府路8号', opening_hours: '07:00-18:00', locs: campus },
  ];
  const siteIds: Record<string, string> = {};
  for (const s of sites) {
    const id = newId();
    siteIds[s.code] = id;
    await tx
      .insertInto('sites')
      .values({
        ...base,
        id,
        code: s.code,
        name: s.name,
        kind: s.kind,
        timezone: 'Asia/Shanghai',
        address: s.address,
        opening_hours: s.opening_hours,
        active: 1,
      })
      .execute();
    await insertLocations(tx, base, id, null, '/', 0, s.locs);
  }

  const deptIds: Record<string, string> = {};
  for (const [code, name] of DEPARTMENTS) {
    deptIds[code] = newId();
    await tx
      .insertInto('departments')
      .values({ ...base, id: deptIds[code], code, name, parent_id: null, active: 1 })
      .execute();
  }

  const roles = await tx.selectFrom('roles').select(['id', 'code']).where('org_id', '=', orgId).execute();
  const roleId = new Map(roles.map((r) => [r.code, r.id]));
  // one hash for every demo user: argon2 is deliberately slow and they share a password
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds: Record<string, string> = {};
  let n = 1;
  for (const [username, name, role, siteCodes, dept, phone] of USERS) {
    const id = newId();
    userIds[username] = id;
    await tx
      .insertInto('users')
      .values({
        ...base,
        id,
        username,
        name,
        phone,
        employee_no: `E${String(n++).padStart(4, '0')}`,
        department_id: deptIds[dept] ?? null,
        email: `${username}@demo.houqin.local`,
        password_hash: passwordHash,
        locale: 'zh-CN',
        active: 1,
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
      })
      .execute();
    for (const sc of siteCodes) {
      await tx
        .insertInto('memberships')
        .values({
          id: newId(),
          org_id: orgId,
          user_id: id,
          role_id: roleId.get(role) as string,
          site_id: sc === '*' ? null : (siteIds[sc] ?? null),
          created_at: now,
        })
        .execute();
    }
  }

  const teams: [string, string, string | null, string, string[]][] = [
    ['CC-WX', '长春店维修班', 'CC', 'tech', ['tech']],
    ['SY-WX', '沈阳店维修班', 'SY', 'tech_sy', ['tech_sy']],
    ['CC-BA', '长春店保安班', 'CC', 'security', ['security']],
    ['SY-BJ', '沈阳店保洁班', 'SY', 'cleaner', ['cleaner']],
  ];
  for (const [code, name, site, leader, members] of teams) {
    const id = newId();
    await tx
      .insertInto('teams')
      .values({ ...base, id, code, name, site_id: site ? (siteIds[site] ?? null) : null, leader_id: userIds[leader] ?? null, active: 1 })
      .execute();
    for (const m of members)
      await tx
        .insertInto('team_members')
        .values({ team_id: id, user_id: userIds[m] as string })
        .execute();
  }
  // equipment defaults (categories, fire rules, the ZC rule) were seeded with the organisation
  await seedEquipmentDemo(tx, orgId, now);
  await seedWorkOrderDemo(tx, orgId, now);
  // counters, service desk and projects build on the demo work orders: after them
  await seedCounterDemo(tx, orgId, now);
  await seedServiceDeskDemo(tx, orgId, now);
  await seedProjectDemo(tx, orgId, now);
  await seedMaintenanceDemo(tx, orgId, now);
  await seedHazardDemo(tx, orgId, now);
  await seedReadingsDemo(tx, orgId, now);
  await seedPatrolDemo(tx, orgId, now);
  // safety: incidents and alerts first, drills and training next; the safety seed adds action items to them last
  await seedIncidentDemo(tx, orgId, now);
  await seedDrillDemo(tx, orgId, now);
  await seedTrainingDemo(tx, orgId, now);
  await seedSafetyDemo(tx, orgId, now);
}

async function insertLocations(
  tx: Tx,
  base: { org_id: string; created_at: string; updated_at: string },
  siteId: string,
  parentId: string | null,
  parentPath: string,
  depth: number,
  specs: LocSpec[],
): Promise<void> {
  let sort = 0;
  for (const spec of specs) {
    const id = newId();
    const path = `${parentPath}${id}/`;
    await tx
      .insertInto('locations')
      .values({
        ...base,
        id,
        site_id: siteId,
        parent_id: parentId,
        path,
        depth,
        code: spec.code,
        name: spec.name,
        kind: spec.kind,
        sort: sort++,
        active: 1,
      })
      .execute();
    if (spec.children) await insertLocations(tx, base, siteId, id, path, depth + 1, spec.children);
  }
}
