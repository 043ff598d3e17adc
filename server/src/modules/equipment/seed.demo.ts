import type { Tx } from '../../platform/context.js';
import { generateAssetCode, newAssetRow } from './assets.service.js';
import { ensureQrCode } from './qr.codes.js';
import type { AssetCriticality } from './schema.js';

/**
 * Demo equipment for 长春店 and 沈阳店: plant rooms (chillers, pumps, distribution
 * cabinets), elevators, and portable fire equipment whose production dates are spread
 * so that the fire lists show items due for service and items past their scrap age.
 * Runs inside the demo bootstrap, after the module defaults (categories, fire rules,
 * the ZC numbering rule) exist; like the rest of the demo data it writes no audit
 * entries (the audit log shows what people did).
 */
interface DemoAsset {
  key?: string;
  parent?: string;
  name: string;
  category: string;
  location: string;
  custodian: string;
  department: string;
  brand?: string;
  model?: string;
  criticality?: AssetCriticality;
  /** years before now */
  purchasedYearsAgo?: number;
  costYuan?: number;
  warrantyYears?: number;
  attributes?: Record<string, string | number>;
  fireRule?: string;
  producedYearsAgo?: number;
}

function storeAssets(p: 'CC' | 'SY'): DemoAsset[] {
  const cc = p === 'CC';
  const mech = cc ? 'tech' : 'tech_sy';
  const fire = cc ? 'security' : 'tech_sy';
  const lift = cc ? 'property' : 'tech_sy';
  const fireDept = cc ? 'BA' : 'GW';
  const ages = [1, 3, 5.5, 6, 7.5, 9, 10.5, 11, 2, 4];
  const extinguisherPlaces = [
    `${p}-A-B1-01`,
    `${p}-A-B1-02`,
    `${p}-A-B1-03`,
    `${p}-A-1F-01`,
    `${p}-A-1F-02`,
    `${p}-A-1F-03`,
    `${p}-A-2F-01`,
    `${p}-A-2F-02`,
    `${p}-B-1F-01`,
    `${p}-A-1F-03`,
  ];
  return [
    {
      key: 'chiller-system',
      name: '中央空调系统',
      category: 'hvac',
      location: `${p}-A-B1-03`,
      custodian: mech,
      department: 'GW',
      criticality: 'high',
      purchasedYearsAgo: 8,
      costYuan: 1_860_000,
    },
    ...[1, 2].map((n) => ({
      parent: 'chiller-system',
      name: `${n}号冷水机组`,
      category: 'hvac',
      location: `${p}-A-B1-03`,
      custodian: mech,
      department: 'GW',
      brand: n === 1 ? '格力' : '开利',
      model: n === 1 ? 'LSBLG-1200' : '30XW-1162',
      criticality: 'high' as const,
      purchasedYearsAgo: 8,
      costYuan: 680_000,
      warrantyYears: 3,
      attributes: { cooling_capacity: 1200, refrigerant: 'R134a' },
    })),
    {
      name: '1号客梯',
      category: 'elevator',
      location: `${p}-A-2F-02`,
      custodian: lift,
      department: 'HQ',
      brand: '奥的斯',
      model: 'GeN2',
      criticality: 'high',
      purchasedYearsAgo: 6,
      costYuan: 420_000,
      warrantyYears: 2,
      attributes: { rated_load: 1000, stops: 4, elevator_kind: '乘客电梯' },
    },
    {
      name: '货梯',
      category: 'elevator',
      location: `${p}-B-1F-01`,
      custodian: lift,
      department: 'HQ',
      brand: '三菱',
      model: 'NEXIEZ',
      criticality: 'medium',
      purchasedYearsAgo: 4,
      costYuan: 360_000,
      warrantyYears: 5,
      attributes: { rated_load: 2000, stops: 3, elevator_kind: '载货电梯' },
    },
    {
      name: '生活给水泵',
      category: 'plumbing',
      location: `${p}-A-B1-02`,
      custodian: mech,
      department: 'GW',
      brand: '格兰富',
      model: 'CR32-4',
      purchasedYearsAgo: 5,
      costYuan: 38_000,
      warrantyYears: 2,
      attributes: { flow_rate: 32 },
    },
    {
      name: '消防水泵',
      category: 'plumbing',
      location: `${p}-A-B1-02`,
      custodian: mech,
      department: 'GW',
      brand: '上海连成',
      model: 'XBD8/40',
      criticality: 'high',
      purchasedYearsAgo: 7,
      costYuan: 56_000,
      attributes: { flow_rate: 144 },
    },
    ...[1, 2].map((n) => ({
      name: `${n}号低压配电柜`,
      category: 'power',
      location: `${p}-A-B1-01`,
      custodian: mech,
      department: 'GW',
      brand: '施耐德',
      model: 'MNS',
      criticality: 'high' as const,
      purchasedYearsAgo: 9,
      costYuan: 126_000,
      attributes: { voltage: '380V', rated_power: 630 },
    })),
    ...ages.map((age, i) => {
      const rule = i === 0 || i === 6 ? 'co2' : i === 3 ? 'water_based' : 'dry_powder';
      return {
        name: `${rule === 'co2' ? '二氧化碳' : rule === 'water_based' ? '水基型' : '干粉'}灭火器 ${String(i + 1).padStart(2, '0')}`,
        category: 'extinguisher',
        location: extinguisherPlaces[i] as string,
        custodian: fire,
        department: fireDept,
        brand: '淮海',
        model: rule === 'co2' ? 'MT/5' : rule === 'water_based' ? 'MSWZ/6' : 'MFZ/ABC4',
        fireRule: rule,
        producedYearsAgo: age,
        purchasedYearsAgo: age,
        costYuan: rule === 'co2' ? 380 : 120,
        attributes: { spec: rule === 'co2' ? '5kg' : '4kg' },
      };
    }),
    ...[1, 2].map((n) => ({
      name: `应急照明灯 ${n}`,
      category: 'emergency_light',
      location: n === 1 ? `${p}-A-1F-01` : `${p}-A-2F-02`,
      custodian: fire,
      department: fireDept,
      brand: '敏华',
      model: 'M-ZFZD-E3W',
      fireRule: 'emergency_light',
      producedYearsAgo: n === 1 ? 2 : 4,
      purchasedYearsAgo: n === 1 ? 2 : 4,
      costYuan: 95,
      attributes: { backup_minutes: 90 },
    })),
  ];
}

/** The day `years` (fractions allowed) before `now`, as YYYY-MM-DD. */
export function daysBefore(now: string, years: number): string {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() - Math.round(years * 365.25));
  return d.toISOString().slice(0, 10);
}

function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export async function seedEquipmentDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const pairs = (rows: { id: string; code: string }[]) => new Map(rows.map((r) => [r.code, r.id]));
  const [sites, locations, categories, rules, departments] = await Promise.all([
    tx.selectFrom('sites').select(['id', 'code']).where('org_id', '=', orgId).execute().then(pairs),
    tx.selectFrom('locations').select(['id', 'code']).where('org_id', '=', orgId).execute().then(pairs),
    tx.selectFrom('asset_categories').select(['id', 'code']).where('org_id', '=', orgId).execute().then(pairs),
    tx.selectFrom('fire_equipment_rules').select(['id', 'code']).where('org_id', '=', orgId).execute().then(pairs),
    tx.selectFrom('departments').select(['id', 'code']).where('org_id', '=', orgId).execute().then(pairs),
  ]);
  const users = new Map(
    (await tx.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute()).map((u) => [u.username, u.id]),
  );
  for (const store of ['CC', 'SY'] as const) {
    const siteId = sites.get(store);
    if (!siteId) continue;
    const created = new Map<string, string>();
    for (const a of storeAssets(store)) {
      const categoryId = categories.get(a.category);
      if (!categoryId) continue;
      const purchaseDate = a.purchasedYearsAgo !== undefined ? daysBefore(now, a.purchasedYearsAgo) : null;
      const code = await generateAssetCode(tx, orgId, siteId, now);
      const row = newAssetRow(
        orgId,
        {
          name: a.name,
          categoryId,
          siteId,
          locationId: locations.get(a.location) ?? null,
          parentId: a.parent ? (created.get(a.parent) ?? null) : null,
          brand: a.brand ?? null,
          model: a.model ?? null,
          serialNo: a.brand ? `${store}${code.replace(/\D/g, '')}` : null,
          purchaseDate,
          purchaseCost: a.costYuan !== undefined ? a.costYuan * 100 : null,
          warrantyEnd: purchaseDate && a.warrantyYears ? addYears(purchaseDate, a.warrantyYears) : null,
          custodianId: users.get(a.custodian) ?? null,
          departmentId: departments.get(a.department) ?? null,
          criticality: a.criticality ?? 'medium',
          attributes: a.attributes ?? {},
          fireRuleId: a.fireRule ? (rules.get(a.fireRule) ?? null) : null,
          productionDate: a.producedYearsAgo !== undefined ? daysBefore(now, a.producedYearsAgo) : null,
        },
        code,
        now,
      );
      await tx.insertInto('assets').values(row).execute();
      await ensureQrCode(tx, { orgId, siteId, targetType: 'asset', targetId: row.id }, now);
      if (a.key) created.set(a.key, row.id);
    }
  }
}
