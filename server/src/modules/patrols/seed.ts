import type { ChecklistTemplateInput } from '../../../../contracts/checklists.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { PatrolAssigneeType, PatrolKind, PatrolTargetType } from '../../../../contracts/patrols.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { seedTemplate } from '../checklists/index.js';
import { type PlanRow, savePlanSchedule, timesWhileOpen } from './schedule.js';

/** code of the fire-patrol checklist every organisation starts with */
export const FIRE_PATROL_TEMPLATE = 'FIRE-PATROL';

const pass = (key: string, label: string, hint: string) => ({
  key,
  label,
  kind: 'pass_fail' as const,
  required: true,
  photoOnFail: true,
  hint,
});

/**
 * 防火巡查记录 (DOMAIN.md §3, the fire patrols of 《机关、团体、企业、事业单位消防安全管理规定》
 * 第二十五、二十六条): use of fire and electricity, exits and evacuation routes, signs and
 * emergency lights, equipment in place, fire doors closed, key posts staffed.
 */
export const FIRE_PATROL: ChecklistTemplateInput = {
  code: FIRE_PATROL_TEMPLATE,
  name: '防火巡查记录',
  purpose: 'patrol',
  description: '营业期间每 2 小时一次的防火巡查；营业结束后检查营业现场，消除遗留火种。',
  items: [
    pass('fire_electricity', '用火、用电无违章情况', '无违规动火、私拉乱接电线、超负荷用电'),
    pass('exits', '安全出口、疏散通道畅通', '无锁闭、无堵塞、无占用'),
    pass('signs_lights', '疏散指示标志、应急照明完好', '指示方向正确，应急灯可点亮'),
    pass('equipment', '消防设施、器材在位完好', '灭火器、消火栓、喷淋无遮挡、无损坏'),
    pass('fire_doors', '常闭式防火门处于关闭状态', '闭门器、顺序器完好'),
    pass('key_posts', '消防安全重点部位人员在岗', '消防控制室、配电室等值班到位'),
    { key: 'note', label: '其他情况', kind: 'text', required: false },
  ],
};

/** Seeds the fire-patrol template when the organisation has none with its code; runs on every start. */
export async function seedPatrolDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await seedTemplate(tx, orgId, FIRE_PATROL, new Date(now));
}

interface DemoPlan {
  name: string;
  level: string;
  kind: PatrolKind;
  randomCount?: number;
  everyHoursWhileOpen?: number;
  rule: Omit<Recurrence, 'startDate' | 'anchor'>;
  windowMinutes: number;
  assignee: { type: PatrolAssigneeType; username?: string; role?: string };
  points: { type: PatrolTargetType; ref: string; checklist: boolean }[];
}

const FLOORS = ['CC-A-1F-01', 'CC-A-1F-02', 'CC-A-1F-03', 'CC-A-2F-01', 'CC-A-2F-02', 'CC-A-B1-01'];

const DEMO_PLANS: DemoPlan[] = [
  {
    name: '营业期间防火巡查',
    level: 'fire_patrol',
    kind: 'route',
    everyHoursWhileOpen: 2,
    rule: { freq: 'daily', interval: 1, times: [] },
    windowMinutes: 60,
    assignee: { type: 'role', role: 'security' },
    points: [
      ...FLOORS.map((ref) => ({ type: 'location' as const, ref, checklist: true })),
      { type: 'asset', ref: '消防水泵', checklist: false },
    ],
  },
  {
    name: '经理开店前巡视',
    level: 'manager_pre_opening',
    kind: 'route',
    rule: { freq: 'daily', interval: 1, times: ['08:30'] },
    windowMinutes: 30,
    assignee: { type: 'user', username: 'property' },
    points: ['CC-A-1F-01', 'CC-A-1F-02', 'CC-A-2F-01', 'CC-A-2F-02', 'CC-B-1F-01'].map((ref) => ({
      type: 'location',
      ref,
      checklist: false,
    })),
  },
  {
    name: '领导抽查',
    level: 'leader_spot_check',
    kind: 'random',
    randomCount: 3,
    rule: { freq: 'weekly', interval: 1, weekdays: [3], times: ['10:00'] },
    windowMinutes: 240,
    assignee: { type: 'user', username: 'leader' },
    points: FLOORS.map((ref) => ({ type: 'location', ref, checklist: true })),
  },
];

/**
 * Demo patrol plans on 长春店: the fire patrol every 2 hours while open (the security
 * role), the manager's pre-opening walk at 08:30 (刘物业) and a weekly leadership spot
 * check of 3 drawn points (集团领导). Ordinary plans: editable and switchable. Like the
 * rest of the demo data it writes no audit entries.
 */
export async function seedPatrolDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const site = await tx
    .selectFrom('sites')
    .select(['id', 'opening_hours'])
    .where('org_id', '=', orgId)
    .where('code', '=', 'CC')
    .executeTakeFirst();
  if (!site) return;
  const byCode = async (table: 'locations' | 'checklist_templates') =>
    new Map((await tx.selectFrom(table).select(['id', 'code']).where('org_id', '=', orgId).execute()).map((r) => [r.code, r.id] as const));
  const [locations, templates] = await Promise.all([byCode('locations'), byCode('checklist_templates')]);
  const assets = new Map(
    (await tx.selectFrom('assets').select(['id', 'name']).where('site_id', '=', site.id).execute()).map((a) => [a.name, a.id] as const),
  );
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute()).map((u) => [u.username, u.id] as const),
  );
  const templateId = templates.get(FIRE_PATROL_TEMPLATE) ?? null;
  const at = new Date(now);
  for (const p of DEMO_PLANS) {
    const points = p.points
      .map((pt) => ({ ...pt, id: pt.type === 'location' ? locations.get(pt.ref) : assets.get(pt.ref) }))
      .filter((pt): pt is typeof pt & { id: string } => pt.id !== undefined);
    const times = p.everyHoursWhileOpen ? timesWhileOpen(site.opening_hours, p.everyHoursWhileOpen) : p.rule.times;
    if (!points.length || !times?.length) continue;
    const row: PlanRow = {
      id: newId(),
      org_id: orgId,
      site_id: site.id,
      name: p.name,
      description: null,
      level: p.level,
      kind: p.kind,
      random_count: p.randomCount ?? null,
      every_hours_while_open: p.everyHoursWhileOpen ?? null,
      window_minutes: p.windowMinutes,
      assignee_type: p.assignee.type,
      assignee_id: p.assignee.username ? (users.get(p.assignee.username) ?? null) : null,
      assignee_role: p.assignee.role ?? null,
      supervisor_id: users.get('head') ?? null,
      active: 1,
      created_by: users.get('head') ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('patrol_plans').values(row).execute();
    await tx
      .insertInto('patrol_points')
      .values(
        points.map((pt, i) => ({
          id: newId(),
          org_id: orgId,
          plan_id: row.id,
          seq: i + 1,
          target_type: pt.type,
          target_id: pt.id,
          checklist_template_id: pt.checklist ? templateId : null,
        })),
      )
      .execute();
    await savePlanSchedule(tx, row, { ...p.rule, times, startDate: now.slice(0, 10), anchor: 'calendar' }, at);
  }
}
