import { sql } from 'kysely';
import type { AssetRow } from '../../server/src/modules/equipment/assets.repository.js';
import { newAssetRow } from '../../server/src/modules/equipment/assets.service.js';
import { type AttributeDef, validateAttributes } from '../../server/src/modules/equipment/attributes.rules.js';
import { attributeDefsFor } from '../../server/src/modules/equipment/attributes.service.js';
import { QR_ALPHABET, QR_CODE_LENGTH } from '../../server/src/modules/equipment/qr.codes.js';
import type { AssetStatus } from '../../server/src/modules/equipment/schema.js';
import { ASSET_NUMBERING } from '../../server/src/modules/equipment/seed.defaults.js';
import type { LocationRow } from '../../server/src/modules/org/index.js';
import type { Db, Tx } from '../../server/src/platform/context.js';
import { newId } from '../../server/src/platform/db/ids.js';
import { formatNumber, ruleSpec, scopeKey } from '../../server/src/platform/numbering/numbering.js';
import { DEFAULT_TIME_ZONE } from '../../server/src/platform/numbering/time.js';
import { childPath } from '../../server/src/platform/tree.js';

/**
 * The asset-list benchmark's data: on a database that holds the demo organisation, two
 * more buildings in each of 长春店 and 沈阳店 (8 floors of ~60 rooms and areas each,
 * ~2,000 locations in all) and `assets` assets spread over them, written in bulk with
 * exactly the column values the service would write (see bench/README.md).
 * Deterministic: the same seed gives the same tree, codes, names and values (only the
 * UUIDv7 ids and the timestamps differ from run to run).
 */

/** mulberry32: small, fast and good enough to pick realistic values reproducibly */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
/** a value by weight: `[[value, weight], …]` */
function weighted<T>(rand: Rand, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
}

export interface BenchLocation {
  id: string;
  siteId: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  /** assets placed directly here (not below) */
  assets: number;
}

export interface AssetDataSummary {
  stores: { code: string; siteId: string }[];
  buildings: BenchLocation[];
  floors: BenchLocation[];
  rooms: BenchLocation[];
  /** asset count per leaf category code */
  byCategory: Map<string, number>;
  locations: number;
  assets: number;
  loadMs: number;
}

const FLOOR_NAMES: [code: string, name: string][] = [
  ['B2', '地下二层'],
  ['B1', '地下一层'],
  ['1F', '一层'],
  ['2F', '二层'],
  ['3F', '三层'],
  ['4F', '四层'],
  ['5F', '五层'],
  ['6F', '六层'],
];
const BUILDINGS: [suffix: string, name: string][] = [
  ['C', 'C座购物中心'],
  ['D', 'D座写字楼'],
];
/** room names by kind, with the relative number of assets such a place holds */
const ROOMS: [name: string, kind: 'room' | 'area', weight: number][] = [
  ['配电间', 'room', 4],
  ['空调机房', 'room', 5],
  ['弱电间', 'room', 3],
  ['水泵房', 'room', 3],
  ['库房', 'room', 1],
  ['办公室', 'room', 1.2],
  ['会议室', 'room', 0.8],
  ['卫生间', 'room', 0.4],
  ['茶水间', 'room', 0.5],
  ['专柜区', 'area', 0.9],
  ['餐饮区', 'area', 1.5],
  ['走廊', 'area', 0.6],
  ['消防通道', 'area', 0.7],
];

/** leaf category code → share of assets, typical names, brands */
const CATEGORY_MIX: [code: string, weight: number, names: string[], brands: string[]][] = [
  ['office', 22, ['办公电脑', '打印机', '投影仪', '碎纸机', '复印机'], ['联想', '惠普', '爱普生', '得力']],
  ['hvac', 13, ['风机盘管', '新风机组', '分体空调', '排风机', '冷却塔'], ['格力', '美的', '大金', '开利']],
  ['low_voltage', 12, ['监控摄像机', '门禁控制器', '网络交换机', '广播音箱'], ['海康威视', '大华', '华为', '霍尼韦尔']],
  ['power', 10, ['配电箱', '照明配电柜', '应急电源EPS', '变压器'], ['施耐德', '正泰', 'ABB', '德力西']],
  ['extinguisher', 12, ['干粉灭火器', '二氧化碳灭火器', '水基型灭火器'], ['淮海', '天广', '南消']],
  ['plumbing', 8, ['给水泵', '排污泵', '电热水器', '水箱'], ['格兰富', '威乐', '上海连成']],
  ['emergency_light', 7, ['应急照明灯', '疏散指示标志'], ['敏华', '三雄极光']],
  ['fire_alarm', 5, ['烟感探测器', '手动报警按钮', '声光报警器'], ['海湾', '松江', '北大青鸟']],
  ['hydrant', 3, ['室内消火栓箱', '消火栓水带'], ['南消', '天广']],
  ['kitchen', 6, ['商用电磁炉', '蒸饭柜', '冷藏柜', '洗碗机'], ['美的', '海尔', '澳柯玛']],
  ['elevator', 1.5, ['客梯', '货梯', '自动扶梯'], ['奥的斯', '三菱', '迅达', '通力']],
  ['vehicle', 0.5, ['巡逻电动车', '货车', '商务车'], ['比亚迪', '五菱', '江铃']],
];
const STATUSES: [AssetStatus, number][] = [
  ['in_use', 80],
  ['standby', 8],
  ['under_repair', 4],
  ['disabled', 4],
  ['scrapped', 4],
];
const CUSTODIANS: Record<string, string[]> = {
  CC: ['tech', 'property', 'security', 'dispatcher', 'storekeeper'],
  SY: ['tech_sy', 'cleaner', 'storekeeper', 'head'],
};
const DEPARTMENTS = ['GW', 'GW', 'BA', 'BJ', 'HQ', 'YY', 'KF'];
const SUPPLIERS = ['长春恒通机电工程有限公司', '沈阳华信设备有限公司', '吉林省安消消防器材有限公司', '京东企业购', '苏宁易购政企'];
const FIRE_RULE_OF: Record<string, [string, number][]> = {
  extinguisher: [
    ['dry_powder', 70],
    ['co2', 20],
    ['water_based', 10],
  ],
  emergency_light: [['emergency_light', 1]],
  hydrant: [['hose', 1]],
};

const dayBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4, 10).replace('-02-29', '-02-28')}`;

/** A value each definition accepts, chosen the way a person filling in the form would. */
function attributeValues(rand: Rand, defs: AttributeDef[], plate: () => string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const d of defs) {
    if (!d.active || (!d.required && rand() < 0.25)) continue;
    if (d.type === 'choice') values[d.key] = pick(rand, d.options);
    else if (d.type === 'number') values[d.key] = Math.round(rand() * 2000) / 10 + 1;
    else if (d.type === 'date') values[d.key] = dayBefore(new Date(Date.UTC(2027, 0, 1)), Math.floor(rand() * 700));
    else values[d.key] = d.key === 'plate_no' ? plate() : `备注${Math.floor(rand() * 1000)}`;
  }
  return values;
}

/** rows per statement: below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters */
function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function insertMany(tx: Tx, table: 'assets' | 'locations' | 'qr_codes', rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  for (const part of chunks(rows, Object.keys(rows[0] as object).length)) {
    await tx
      .insertInto(table)
      .values(part as never)
      .execute();
  }
}

/**
 * Creates the bench locations and assets. `batch` rows (assets with their QR codes)
 * go into one transaction, as an import would write them.
 */
export async function generateAssetData(
  db: Db,
  opts: { assets: number; seed: number; batch?: number; now?: Date; log?: (line: string) => void },
): Promise<AssetDataSummary> {
  const started = performance.now();
  const rand = prng(opts.seed);
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const batch = opts.batch ?? 1000;
  const org = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
  const orgId = org.id;
  const byCode = <T extends { code: string }>(rows: T[]) => new Map(rows.map((r) => [r.code, r]));
  const [sites, categories, rules, departments, users, rule] = await Promise.all([
    db.selectFrom('sites').select(['id', 'code']).where('org_id', '=', orgId).execute().then(byCode),
    db.selectFrom('asset_categories').selectAll().where('org_id', '=', orgId).execute().then(byCode),
    db.selectFrom('fire_equipment_rules').select(['id', 'code']).where('org_id', '=', orgId).execute().then(byCode),
    db.selectFrom('departments').select(['id', 'code']).where('org_id', '=', orgId).execute().then(byCode),
    db.selectFrom('users').select(['id', 'username']).where('org_id', '=', orgId).execute(),
    db
      .selectFrom('numbering_rules')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('code', '=', ASSET_NUMBERING.code)
      .executeTakeFirstOrThrow(),
  ]);
  const userId = new Map(users.map((u) => [u.username, u.id]));
  const qrTaken = new Set((await db.selectFrom('qr_codes').select('code').execute()).map((r) => r.code));
  const qrCode = () => {
    for (;;) {
      let code = '';
      for (let i = 0; i < QR_CODE_LENGTH; i++) code += QR_ALPHABET[Math.floor(rand() * QR_ALPHABET.length)];
      if (!qrTaken.has(code)) {
        qrTaken.add(code);
        return code;
      }
    }
  };
  const qrRow = (siteId: string, type: 'asset' | 'location', id: string) => ({
    code: qrCode(),
    org_id: orgId,
    site_id: siteId,
    target_type: type,
    target_id: id,
    created_at: nowIso,
  });

  // the location tree: two buildings per store, eight floors each, 55–65 rooms per floor
  const summary: AssetDataSummary = {
    stores: [],
    buildings: [],
    floors: [],
    rooms: [],
    byCategory: new Map(),
    locations: 0,
    assets: 0,
    loadMs: 0,
  };
  const locationRows: LocationRow[] = [];
  const place = (siteId: string, parent: LocationRow | null, code: string, name: string, kind: string, sort: number) => {
    const id = newId();
    const row: LocationRow = {
      id,
      org_id: orgId,
      site_id: siteId,
      parent_id: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
      depth: parent ? parent.depth + 1 : 0,
      code,
      name,
      kind,
      sort,
      active: 1,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    };
    locationRows.push(row);
    return { row, bench: { id, siteId, code, name, kind, path: row.path, assets: 0 } };
  };
  /** where assets go: rooms by weight, and now and then the floor itself (corridor equipment) */
  const targets: { loc: BenchLocation; weight: number; store: string }[] = [];
  for (const store of ['CC', 'SY']) {
    const site = sites.get(store);
    if (!site) throw new Error(`the demo organisation has no site ${store}`);
    summary.stores.push({ code: store, siteId: site.id });
    BUILDINGS.forEach(([suffix, buildingName], b) => {
      const building = place(site.id, null, `${store}-${suffix}`, buildingName, 'building', 100 + b * 10);
      summary.buildings.push(building.bench);
      FLOOR_NAMES.forEach(([floorCode, floorName], f) => {
        const floor = place(site.id, building.row, `${store}-${suffix}-${floorCode}`, floorName, 'floor', f * 10);
        summary.floors.push(floor.bench);
        targets.push({ loc: floor.bench, weight: 1.5, store });
        const rooms = 55 + Math.floor(rand() * 11);
        for (let r = 1; r <= rooms; r++) {
          const [name, kind, weight] = pick(rand, ROOMS);
          const code = `${store}-${suffix}-${floorCode}-${String(r).padStart(3, '0')}`;
          const room = place(site.id, floor.row, code, `${name} ${floorCode}${String(r).padStart(2, '0')}`, kind, r * 10);
          summary.rooms.push(room.bench);
          targets.push({ loc: room.bench, weight: weight * (0.4 + rand() * 1.2), store });
        }
      });
    });
  }
  summary.locations = locationRows.length;
  await db.transaction().execute(async (tx) => {
    await insertMany(tx, 'locations', locationRows);
    await insertMany(
      tx,
      'qr_codes',
      locationRows.map((l) => qrRow(l.site_id, 'location', l.id)),
    );
  });
  opts.log?.(`${summary.locations} locations`);

  // the categories' attribute definitions, as validation reads them
  const mix = CATEGORY_MIX.map(([code, weight, names, brands]) => {
    const category = categories.get(code);
    if (!category) throw new Error(`category ${code} is not seeded`);
    return { category, weight, names, brands };
  });
  const defs = new Map<string, AttributeDef[]>();
  for (const m of mix) defs.set(m.category.id, await attributeDefsFor(db, m.category));
  const categoryTable = mix.map((m) => [m, m.weight] as const);
  const cumulative: number[] = [];
  let sum = 0;
  for (const t of targets) {
    sum += t.weight;
    cumulative.push(sum);
  }
  const pickTarget = () => {
    const r = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return targets[lo] as (typeof targets)[number];
  };
  const plate = () => `${pick(rand, ['吉A', '辽A'])}·${String(Math.floor(rand() * 100_000)).padStart(5, '0')}`;

  // codes from rule ZC: take the whole range from the counter at once, as nextNumber would one by one
  const spec = ruleSpec(rule);
  const key = scopeKey(spec, null, now, DEFAULT_TIME_ZONE);
  const counter = await db
    .insertInto('numbering_counters')
    .values({ rule_id: rule.id, scope_key: key, value: opts.assets })
    .onConflict((oc) => oc.columns(['rule_id', 'scope_key']).doUpdateSet({ value: sql<number>`numbering_counters.value + ${opts.assets}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  const firstSeq = Number(counter.value) - opts.assets + 1;

  /** the last system-level asset per location, so that some assets become its components */
  const systemAt = new Map<string, string>();
  for (let start = 0; start < opts.assets; start += batch) {
    const assetRows: AssetRow[] = [];
    const qrRows: ReturnType<typeof qrRow>[] = [];
    for (let i = start; i < Math.min(start + batch, opts.assets); i++) {
      const target = pickTarget();
      const m = weighted(rand, categoryTable);
      const code = formatNumber(spec, firstSeq + i, now, DEFAULT_TIME_ZONE);
      const purchaseDate = dayBefore(now, Math.floor(rand() * 12 * 365));
      const fireRule = FIRE_RULE_OF[m.category.code];
      const ruleCode = fireRule ? weighted(rand, fireRule) : null;
      const system = systemAt.get(target.loc.id);
      const component = !fireRule && system !== undefined && rand() < 0.08;
      const checked = validateAttributes(defs.get(m.category.id) ?? [], attributeValues(rand, defs.get(m.category.id) ?? [], plate));
      if (checked.errors.length) throw new Error(`generated attributes refused: ${JSON.stringify(checked.errors)}`);
      const row = newAssetRow(
        orgId,
        {
          name: `${pick(rand, m.names)} ${String(1 + Math.floor(rand() * 99)).padStart(2, '0')}`,
          categoryId: m.category.id,
          siteId: target.loc.siteId,
          locationId: target.loc.id,
          parentId: component ? system : null,
          brand: pick(rand, m.brands),
          model: `${String.fromCharCode(65 + Math.floor(rand() * 26))}${Math.floor(rand() * 9000) + 1000}`,
          serialNo: `SN${Math.floor(rand() * 1e10)
            .toString()
            .padStart(10, '0')}`,
          supplier: pick(rand, SUPPLIERS),
          purchaseDate,
          purchaseCost: Math.floor(rand() * rand() * 5_000_000) + 5_000,
          warrantyEnd: rand() < 0.7 ? addYears(purchaseDate, 1 + Math.floor(rand() * 5)) : null,
          custodianId: rand() < 0.9 ? (userId.get(pick(rand, CUSTODIANS[target.store] ?? [])) ?? null) : null,
          departmentId: departments.get(pick(rand, DEPARTMENTS))?.id ?? null,
          status: weighted(rand, STATUSES),
          criticality: weighted(rand, [
            ['high', 10],
            ['medium', 60],
            ['low', 30],
          ] as const),
          attributes: checked.values,
          fireRuleId: ruleCode ? (rules.get(ruleCode)?.id ?? null) : null,
          productionDate: ruleCode ? purchaseDate : null,
        },
        code,
        nowIso,
      );
      if (rand() < 0.005) row.lost = 1;
      if (!fireRule && !component && rand() < 0.1) systemAt.set(target.loc.id, row.id);
      assetRows.push(row);
      qrRows.push(qrRow(row.site_id, 'asset', row.id));
      target.loc.assets += 1;
      summary.byCategory.set(m.category.code, (summary.byCategory.get(m.category.code) ?? 0) + 1);
    }
    await db.transaction().execute(async (tx) => {
      await insertMany(tx, 'assets', assetRows);
      await insertMany(tx, 'qr_codes', qrRows);
    });
    summary.assets += assetRows.length;
    if (summary.assets % 20_000 === 0) opts.log?.(`${summary.assets} assets`);
  }
  summary.loadMs = performance.now() - started;
  return summary;
}

/** Assets in a location's subtree, from the generator's own counts (checks the API's answers). */
export function assetsUnder(summary: AssetDataSummary, root: BenchLocation): number {
  const all = [...summary.buildings, ...summary.floors, ...summary.rooms];
  return all.filter((l) => l.path.startsWith(root.path)).reduce((sum, l) => sum + l.assets, 0);
}
