import type { AssetRow } from '../../../server/src/modules/equipment/assets.repository.js';
import { newAssetRow } from '../../../server/src/modules/equipment/assets.service.js';
import { type AttributeDef, validateAttributes } from '../../../server/src/modules/equipment/attributes.rules.js';
import type { AssetStatus } from '../../../server/src/modules/equipment/schema.js';
import type { SiteKind } from './catalog.js';
import { type Rng, WeightedTable } from './random.js';

/**
 * The assets of a generated site: a category mix per kind of site (kitchens in canteens,
 * guest-room air conditioning in hotels…), placed in the rooms whose use calls for them,
 * each row made by `newAssetRow` — the function the asset service and the import use —
 * with attribute values checked by the same `validateAttributes`.
 */
export const ASSET_TYPES: Record<string, { names: string[]; brands: string[]; tag: string }> = {
  office: { names: ['办公电脑', '打印机', '投影仪', '碎纸机', '复印机'], brands: ['联想', '惠普', '爱普生', '得力'], tag: 'office' },
  hvac: { names: ['风机盘管', '新风机组', '分体空调', '排风机', '冷却塔'], brands: ['格力', '美的', '大金', '开利'], tag: 'hvac' },
  low_voltage: {
    names: ['监控摄像机', '门禁控制器', '网络交换机', '广播音箱'],
    brands: ['海康威视', '大华', '华为', '霍尼韦尔'],
    tag: 'low_voltage',
  },
  power: { names: ['配电箱', '照明配电柜', '应急电源EPS', '变压器'], brands: ['施耐德', '正泰', 'ABB', '德力西'], tag: 'power' },
  extinguisher: { names: ['干粉灭火器', '二氧化碳灭火器', '水基型灭火器'], brands: ['淮海', '天广', '南消'], tag: 'fire' },
  plumbing: { names: ['给水泵', '排污泵', '电热水器', '水箱'], brands: ['格兰富', '威乐', '上海连成'], tag: 'plumbing' },
  emergency_light: { names: ['应急照明灯', '疏散指示标志'], brands: ['敏华', '三雄极光'], tag: 'fire' },
  fire_alarm: { names: ['烟感探测器', '手动报警按钮', '声光报警器'], brands: ['海湾', '松江', '北大青鸟'], tag: 'fire' },
  hydrant: { names: ['室内消火栓箱', '消火栓水带'], brands: ['南消', '天广'], tag: 'fire' },
  kitchen: { names: ['商用电磁炉', '蒸饭柜', '冷藏柜', '洗碗机', '和面机', '消毒柜'], brands: ['美的', '海尔', '澳柯玛'], tag: 'kitchen' },
  elevator: { names: ['客梯', '货梯', '自动扶梯'], brands: ['奥的斯', '三菱', '迅达', '通力'], tag: 'elevator' },
};

export const ASSET_MIX: Record<SiteKind, [code: string, weight: number][]> = {
  store: [
    ['office', 22],
    ['hvac', 13],
    ['low_voltage', 12],
    ['power', 10],
    ['extinguisher', 12],
    ['plumbing', 8],
    ['emergency_light', 7],
    ['fire_alarm', 5],
    ['hydrant', 3],
    ['kitchen', 6],
    ['elevator', 1.5],
  ],
  campus: [
    ['office', 30],
    ['hvac', 8],
    ['low_voltage', 12],
    ['power', 8],
    ['extinguisher', 14],
    ['plumbing', 6],
    ['emergency_light', 8],
    ['fire_alarm', 5],
    ['hydrant', 3],
    ['kitchen', 5],
    ['elevator', 0.5],
  ],
  hospital: [
    ['office', 18],
    ['hvac', 16],
    ['low_voltage', 14],
    ['power', 10],
    ['extinguisher', 12],
    ['plumbing', 8],
    ['emergency_light', 7],
    ['fire_alarm', 6],
    ['hydrant', 3],
    ['kitchen', 3],
    ['elevator', 2],
  ],
  hotel: [
    ['office', 8],
    ['hvac', 22],
    ['low_voltage', 12],
    ['power', 9],
    ['extinguisher', 14],
    ['plumbing', 12],
    ['emergency_light', 8],
    ['fire_alarm', 7],
    ['hydrant', 3],
    ['kitchen', 4],
    ['elevator', 1],
  ],
  canteen: [
    ['kitchen', 40],
    ['hvac', 8],
    ['power', 8],
    ['extinguisher', 14],
    ['plumbing', 10],
    ['emergency_light', 6],
    ['fire_alarm', 4],
    ['hydrant', 2],
    ['office', 6],
    ['low_voltage', 2],
  ],
  office: [
    ['office', 35],
    ['hvac', 14],
    ['low_voltage', 14],
    ['power', 8],
    ['extinguisher', 12],
    ['plumbing', 4],
    ['emergency_light', 6],
    ['fire_alarm', 4],
    ['hydrant', 2],
    ['elevator', 1],
  ],
};

const STATUSES: [AssetStatus, number][] = [
  ['in_use', 80],
  ['standby', 8],
  ['under_repair', 4],
  ['disabled', 4],
  ['scrapped', 4],
];
const SUPPLIERS = [
  '长春恒通机电工程有限公司',
  '沈阳华信设备有限公司',
  '吉林省安消消防器材有限公司',
  '京东企业购',
  '苏宁易购政企',
  '哈尔滨北方机电设备有限公司',
];
const FIRE_RULE_OF: Record<string, [string, number][]> = {
  extinguisher: [
    ['dry_powder', 70],
    ['co2', 20],
    ['water_based', 10],
  ],
  emergency_light: [['emergency_light', 1]],
  hydrant: [['hose', 1]],
};

export interface AssetContext {
  orgId: string;
  categories: Map<string, { id: string; code: string; defs: AttributeDef[] }>;
  fireRules: Map<string, string>;
  departments: string[];
}

export interface PlacedLocation {
  id: string;
  tags: string[];
  weight: number;
}

const dayBefore = (ms: number, days: number) => new Date(ms - days * 86_400_000).toISOString().slice(0, 10);
const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4, 10).replace('-02-29', '-02-28')}`;

/** A value each definition accepts, chosen the way a person filling in the form would (as bench/lib/assets-data.ts). */
function attributeValues(rng: Rng, defs: AttributeDef[], registered: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const d of defs) {
    if (!d.active || (!d.required && rng.chance(0.25))) continue;
    if (d.type === 'choice') values[d.key] = rng.pick(d.options);
    else if (d.type === 'number') values[d.key] = Math.round(rng.next() * 2000) / 10 + 1;
    else if (d.type === 'date') values[d.key] = dayBefore(registered, rng.int(0, 700));
    else
      values[d.key] =
        d.key === 'plate_no'
          ? `${rng.pick(['吉A', '辽A', '黑A'])}·${String(rng.int(0, 99_999)).padStart(5, '0')}`
          : `备注${rng.int(0, 999)}`;
  }
  return values;
}

/**
 * `count` assets for one site, spread over its rooms: each category goes mostly where its
 * tag is (kitchen appliances in kitchens), extinguishers and lights everywhere.
 */
export function siteAssets(
  rng: Rng,
  ctx: AssetContext,
  site: { id: string; kind: SiteKind; custodians: string[] },
  places: PlacedLocation[],
  count: number,
  nextCode: () => string,
  registeredAt: number,
): AssetRow[] {
  const mix = new WeightedTable(ASSET_MIX[site.kind].filter(([code]) => ctx.categories.has(code)));
  const byTag = new Map<string, WeightedTable<PlacedLocation>>();
  const placeFor = (tag: string) => {
    let t = byTag.get(tag);
    if (!t) {
      const everywhere = tag === 'fire';
      t = new WeightedTable(places.map((p) => [p, p.weight * (everywhere ? 1 : p.tags.includes(tag) ? 8 : 0.4)] as const));
      byTag.set(tag, t);
    }
    return t.draw(rng);
  };
  const now = new Date(registeredAt).toISOString();
  const rows: AssetRow[] = [];
  for (let i = 0; i < count; i++) {
    const code = mix.draw(rng);
    const type = ASSET_TYPES[code] as (typeof ASSET_TYPES)[string];
    const category = ctx.categories.get(code) as NonNullable<ReturnType<AssetContext['categories']['get']>>;
    const place = placeFor(type.tag);
    const purchaseDate = dayBefore(registeredAt, rng.int(30, 12 * 365));
    const fireRule = FIRE_RULE_OF[code];
    const ruleCode = fireRule ? rng.weighted(fireRule) : null;
    const checked = validateAttributes(category.defs, attributeValues(rng, category.defs, registeredAt));
    if (checked.errors.length) throw new Error(`generated attributes refused: ${JSON.stringify(checked.errors)}`);
    const row = newAssetRow(
      ctx.orgId,
      {
        name: `${rng.pick(type.names)} ${String(rng.int(1, 99)).padStart(2, '0')}`,
        categoryId: category.id,
        siteId: site.id,
        locationId: place.id,
        parentId: null,
        brand: rng.pick(type.brands),
        model: `${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(1000, 9999)}`,
        serialNo: `SN${String(rng.int(0, 999_999_999)).padStart(10, '0')}`,
        supplier: rng.pick(SUPPLIERS),
        purchaseDate,
        purchaseCost: Math.floor(rng.next() * rng.next() * 5_000_000) + 5_000,
        warrantyEnd: rng.chance(0.7) ? addYears(purchaseDate, rng.int(1, 5)) : null,
        custodianId: site.custodians.length && rng.chance(0.9) ? rng.pick(site.custodians) : null,
        departmentId: ctx.departments.length ? rng.pick(ctx.departments) : null,
        status: rng.weighted(STATUSES),
        criticality: rng.weighted([
          ['high', 10],
          ['medium', 60],
          ['low', 30],
        ] as const),
        attributes: checked.values,
        fireRuleId: ruleCode ? (ctx.fireRules.get(ruleCode) ?? null) : null,
        productionDate: ruleCode ? purchaseDate : null,
      },
      nextCode(),
      now,
    );
    // the id the service would have given at registration time, drawn from the seed so reruns match
    rows.push({ ...row, id: rng.uuidAt(registeredAt) });
  }
  return rows;
}
