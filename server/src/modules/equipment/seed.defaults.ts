import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { childPath } from '../../platform/tree.js';
import { ensureNumberingRule } from '../system/index.js';
import type { AttributeType } from './attributes.rules.js';

/**
 * Per-organisation defaults of the equipment archive. Idempotent: each seeder inserts
 * only what is missing (by code / key, `on conflict do nothing`), so it runs at
 * organisation creation and on every start without touching what administrators
 * changed, and brings existing organisations the defaults a release adds.
 */
interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  children?: CategorySeed[];
  attributes?: [
    key: string,
    label: string,
    labelEn: string,
    type: AttributeType,
    unit: string | null,
    options: string[],
    required: boolean,
  ][];
}

export const DEFAULT_CATEGORIES: CategorySeed[] = [
  {
    code: 'hvac',
    name: '空调暖通',
    nameEn: 'HVAC',
    attributes: [
      ['cooling_capacity', '制冷量', 'Cooling capacity', 'number', 'kW', [], false],
      ['refrigerant', '制冷剂', 'Refrigerant', 'choice', null, ['R22', 'R410A', 'R32', 'R134a'], false],
    ],
  },
  {
    code: 'elevator',
    name: '电梯',
    nameEn: 'Elevators',
    attributes: [
      ['rated_load', '载重', 'Rated load', 'number', 'kg', [], false],
      ['stops', '层站数', 'Stops', 'number', null, [], false],
      ['elevator_kind', '电梯类型', 'Elevator type', 'choice', null, ['乘客电梯', '载货电梯', '自动扶梯'], false],
      ['inspection_due', '年检到期', 'Inspection due', 'date', null, [], false],
    ],
  },
  { code: 'plumbing', name: '给排水', nameEn: 'Plumbing', attributes: [['flow_rate', '流量', 'Flow rate', 'number', 'm³/h', [], false]] },
  {
    code: 'power',
    name: '强电',
    nameEn: 'Electrical power',
    attributes: [
      ['rated_power', '额定功率', 'Rated power', 'number', 'kW', [], false],
      ['voltage', '电压等级', 'Voltage', 'choice', null, ['220V', '380V', '10kV'], false],
    ],
  },
  { code: 'low_voltage', name: '弱电', nameEn: 'Low voltage' },
  {
    code: 'fire',
    name: '消防',
    nameEn: 'Fire safety',
    children: [
      {
        code: 'extinguisher',
        name: '灭火器',
        nameEn: 'Extinguishers',
        attributes: [['spec', '规格', 'Size', 'choice', null, ['2kg', '4kg', '5kg', '8kg', '35kg'], false]],
      },
      { code: 'hydrant', name: '消火栓', nameEn: 'Hydrants' },
      {
        code: 'emergency_light',
        name: '应急照明',
        nameEn: 'Emergency lighting',
        attributes: [['backup_minutes', '应急时间', 'Backup time', 'number', 'min', [], false]],
      },
      { code: 'fire_alarm', name: '火灾报警', nameEn: 'Fire alarm' },
    ],
  },
  {
    code: 'kitchen',
    name: '厨房设备',
    nameEn: 'Kitchen equipment',
    attributes: [['power_kw', '功率', 'Power', 'number', 'kW', [], false]],
  },
  { code: 'office', name: '办公设备', nameEn: 'Office equipment' },
  {
    code: 'vehicle',
    name: '车辆',
    nameEn: 'Vehicles',
    attributes: [
      ['plate_no', '车牌号', 'Plate number', 'text', null, [], true],
      ['seats', '座位数', 'Seats', 'number', null, [], false],
    ],
  },
];

/** DOMAIN.md §4: service and scrap ages by type; every item is checked monthly. */
export const DEFAULT_FIRE_RULES: [
  code: string,
  name: string,
  nameEn: string,
  check: number,
  first: number | null,
  every: number | null,
  scrap: number | null,
][] = [
  ['dry_powder', '干粉灭火器', 'Dry powder extinguisher', 30, 5, 2, 10],
  ['water_based', '水基型灭火器', 'Water-based extinguisher', 30, 3, 1, 6],
  ['co2', '二氧化碳灭火器', 'CO₂ extinguisher', 30, 5, 2, 12],
  ['hose', '消火栓水带', 'Hydrant hose', 30, null, null, null],
  ['emergency_light', '应急照明灯', 'Emergency light', 30, null, null, null],
];

export const ASSET_NUMBERING = {
  code: 'ZC',
  name: '资产编号',
  prefix: 'ZC',
  dateFormat: '',
  seqWidth: 6,
  reset: 'never',
  perSite: false,
} as const;

export async function seedEquipmentDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await seedCategories(tx, orgId, now);
  await seedFireRules(tx, orgId, now);
  await ensureNumberingRule(tx, orgId, { ...ASSET_NUMBERING }, now);
}

async function seedCategories(tx: Tx, orgId: string, now: string): Promise<void> {
  const base = { org_id: orgId, created_at: now, updated_at: now, version: 1 };
  const walk = async (specs: CategorySeed[], parent: { id: string; path: string; depth: number } | null) => {
    let sort = 0;
    for (const spec of specs) {
      sort += 10;
      const id = newId();
      await tx
        .insertInto('asset_categories')
        .values({
          ...base,
          id,
          parent_id: parent?.id ?? null,
          path: childPath(parent?.path ?? null, id),
          depth: parent ? parent.depth + 1 : 0,
          code: spec.code,
          name: spec.name,
          name_en: spec.nameEn,
          sort,
          active: 1,
        })
        .onConflict((oc) => oc.columns(['org_id', 'code']).doNothing())
        .execute();
      // the row that exists now, whether just inserted or seeded (and perhaps moved) earlier
      const row = await tx
        .selectFrom('asset_categories')
        .select(['id', 'path', 'depth'])
        .where('org_id', '=', orgId)
        .where('code', '=', spec.code)
        .executeTakeFirstOrThrow();
      let attrSort = 0;
      for (const [key, label, labelEn, type, unit, options, required] of spec.attributes ?? []) {
        attrSort += 10;
        await tx
          .insertInto('asset_attributes')
          .values({
            ...base,
            id: newId(),
            category_id: row.id,
            key,
            label,
            label_en: labelEn,
            type,
            unit,
            options: JSON.stringify(options),
            required: required ? 1 : 0,
            sort: attrSort,
            active: 1,
          })
          .onConflict((oc) => oc.columns(['category_id', 'key']).doNothing())
          .execute();
      }
      if (spec.children) await walk(spec.children, row);
    }
  };
  await walk(DEFAULT_CATEGORIES, null);
}

async function seedFireRules(tx: Tx, orgId: string, now: string): Promise<void> {
  await tx
    .insertInto('fire_equipment_rules')
    .values(
      DEFAULT_FIRE_RULES.map(([code, name, nameEn, check, first, every, scrap]) => ({
        id: newId(),
        org_id: orgId,
        code,
        name,
        name_en: nameEn,
        check_interval_days: check,
        first_service_years: first,
        service_interval_years: every,
        scrap_years: scrap,
        active: 1 as const,
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    )
    .onConflict((oc) => oc.columns(['org_id', 'code']).doNothing())
    .execute();
}
