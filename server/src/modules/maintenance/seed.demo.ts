import type { PlanSystem } from '../../../../contracts/maintenance.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { type PlanRow, savePlanSchedule } from './schedule.js';
import { maintenanceSettings } from './settings.js';

/**
 * Demo maintenance plans for 长春店 and 沈阳店 (DOMAIN.md §4 fire conventions): the
 * fire-control room's daily check, the monthly fire-equipment check, the extinguisher
 * gauges of the plant floors, the annual full test on the fire pump, quarterly chiller
 * maintenance, the passenger lift every 15 days, and a meter plan on chiller no. 1 every
 * 500 running hours with two readings. Ordinary plans: editable and switchable like any
 * other. Like the rest of the demo data it writes no audit entries.
 */
interface DemoPlan {
  name: string;
  system: PlanSystem;
  workCategory: string;
  template: string | null;
  asset?: string;
  category?: string;
  locations?: string[];
  minutes: number;
  leadDays: number;
  rule?: Omit<Recurrence, 'startDate' | 'anchor'>;
  meter?: { name: string; unit: string; interval: number; baseline: number; readings: [daysAgo: number, value: number][] };
}

function plansOf(p: 'CC' | 'SY'): DemoPlan[] {
  const cc = p === 'CC';
  return [
    {
      name: '消防控制室日检',
      system: 'fire',
      workCategory: 'fire',
      template: 'FIRE-DAILY',
      category: 'fire_alarm',
      locations: [`${p}-A-1F-03`],
      minutes: 20,
      leadDays: 0,
      rule: { freq: 'daily', interval: 1, times: ['09:00'] },
    },
    {
      name: '消防设施月度检查',
      system: 'fire',
      workCategory: 'fire',
      template: 'FIRE-MONTHLY',
      category: 'fire',
      locations: [`${p}-A`, `${p}-B`],
      minutes: 240,
      leadDays: 2,
      // 长春店 on the 1st, 沈阳店 on the first Monday
      rule: cc
        ? { freq: 'monthly', interval: 1, monthDay: 1, times: ['09:00'] }
        : { freq: 'monthly', interval: 1, nth: { n: 1, weekday: 1 }, times: ['09:00'] },
    },
    {
      name: '灭火器压力月检（地下一层、一层）',
      system: 'fire',
      workCategory: 'fire',
      template: null,
      category: 'extinguisher',
      locations: [`${p}-A-B1`, `${p}-A-1F`],
      minutes: 60,
      leadDays: 1,
      rule: { freq: 'monthly', interval: 1, monthDay: 15, times: ['10:00'] },
    },
    {
      name: '消防设施年度全面检测',
      system: 'fire',
      workCategory: 'fire',
      template: 'FIRE-ANNUAL',
      asset: '消防水泵',
      minutes: 480,
      leadDays: 14,
      rule: { freq: 'yearly', interval: 1, month: 11, monthDay: 15, times: ['09:00'] },
    },
    ...[1, 2].map(
      (n): DemoPlan => ({
        name: `${n}号冷水机组季度保养`,
        system: 'hvac',
        workCategory: 'hvac',
        template: 'HVAC-Q',
        asset: `${n}号冷水机组`,
        minutes: 180,
        leadDays: 3,
        rule: { freq: 'quarterly', interval: 1, month: 1, monthDay: 10 + n, times: ['09:00'] },
      }),
    ),
    {
      name: '1号冷水机组 500 运行小时保养',
      system: 'hvac',
      workCategory: 'hvac',
      template: 'HVAC-Q',
      asset: '1号冷水机组',
      minutes: 120,
      leadDays: 0,
      meter: {
        name: '运行小时',
        unit: '小时',
        interval: 500,
        baseline: cc ? 12_000 : 8_400,
        readings: cc
          ? [
              [30, 12_000],
              [2, 12_410],
            ]
          : [
              [30, 8_400],
              [3, 8_690],
            ],
      },
    },
    ...(cc
      ? [
          {
            name: '1号客梯半月保养',
            system: 'elevator' as const,
            workCategory: 'elevator',
            template: 'ELEVATOR-HM',
            asset: '1号客梯',
            minutes: 90,
            leadDays: 1,
            rule: { freq: 'daily' as const, interval: 15, times: ['08:00'] },
          },
        ]
      : []),
  ];
}

const DAY = 86_400_000;

export async function seedMaintenanceDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const at = new Date(now);
  const settings = await maintenanceSettings(tx, orgId);
  const byCode = async (table: 'locations' | 'asset_categories' | 'checklist_templates' | 'teams') =>
    new Map((await tx.selectFrom(table).select(['id', 'code']).where('org_id', '=', orgId).execute()).map((r) => [r.code, r.id] as const));
  const [locations, categories, templates, teams] = await Promise.all([
    byCode('locations'),
    byCode('asset_categories'),
    byCode('checklist_templates'),
    byCode('teams'),
  ]);
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute()).map((u) => [u.username, u.id] as const),
  );
  const startDate = now.slice(0, 10);
  for (const p of ['CC', 'SY'] as const) {
    const site = await tx.selectFrom('sites').select('id').where('org_id', '=', orgId).where('code', '=', p).executeTakeFirst();
    if (!site) continue;
    const assets = new Map(
      (await tx.selectFrom('assets').select(['id', 'name']).where('site_id', '=', site.id).execute()).map((a) => [a.name, a.id] as const),
    );
    for (const plan of plansOf(p)) {
      const assetId = plan.asset ? (assets.get(plan.asset) ?? null) : null;
      if (plan.asset && !assetId) continue;
      const row: PlanRow = {
        id: newId(),
        org_id: orgId,
        site_id: site.id,
        name: plan.name,
        description: null,
        system: plan.system,
        target: plan.asset ? 'asset' : 'category',
        asset_id: assetId,
        category_id: plan.category ? (categories.get(plan.category) ?? null) : null,
        location_ids: JSON.stringify((plan.locations ?? []).map((c) => locations.get(c)).filter((id): id is string => !!id)),
        checklist_template_id: plan.template ? (templates.get(plan.template) ?? null) : null,
        team_id: teams.get(`${p}-WX`) ?? null,
        assignee_id: users.get(p === 'CC' ? 'tech' : 'tech_sy') ?? null,
        work_category: plan.workCategory,
        estimated_minutes: plan.minutes,
        lead_days: plan.leadDays,
        trigger: plan.meter ? 'meter' : 'time',
        meter_name: plan.meter?.name ?? null,
        meter_unit: plan.meter?.unit ?? null,
        meter_interval: plan.meter?.interval ?? null,
        meter_baseline: plan.meter?.baseline ?? null,
        active: 1,
        created_by: users.get('head') ?? null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await tx.insertInto('maintenance_plans').values(row).execute();
      const rule: Recurrence | null = plan.rule ? { ...plan.rule, startDate, anchor: 'calendar' } : null;
      await savePlanSchedule(tx, row, rule, settings, at);
      for (const [daysAgo, value] of plan.meter?.readings ?? []) {
        const readAt = new Date(at.getTime() - daysAgo * DAY).toISOString();
        await tx
          .insertInto('asset_meter_readings')
          .values({
            id: newId(),
            org_id: orgId,
            site_id: site.id,
            asset_id: assetId as string,
            meter_name: plan.meter?.name ?? '',
            unit: plan.meter?.unit ?? null,
            value,
            read_at: readAt,
            read_by: row.assignee_id,
            note: null,
            created_at: readAt,
          })
          .execute();
      }
    }
  }
}
