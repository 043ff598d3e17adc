import type { Page } from '../../../../contracts/types.js';
import { siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { MAX_LIMIT } from '../../platform/http/paging.js';
import { getLocation } from '../org/index.js';
import { type FireDueKind, type FireState, fireSchedule, isDue } from './fire.dates.js';
import { type FireEquipmentRow, fireEquipmentRows } from './fire.repository.js';
import { ruleSpecOf } from './fire.rules.js';
import { localDate } from './fire.service.js';
import type { AssetStatus } from './schema.js';
import { pathNames } from './stocktake.service.js';

/**
 * The fire-equipment ledger (灭火器台账) and its due lists. The dates are computed from
 * the rule, the latest check and the latest service of each item, which one query
 * brings for every item in scope; filtering by due date and paging then happen here,
 * because "production + N years, 29 February → 28 February" is not SQL either engine
 * shares. The set is the organisation's portable fire equipment (hundreds to a few
 * thousand items), so a full pass per request stays cheap.
 */
export interface FireEquipmentFilter {
  siteId?: string;
  locationId?: string;
  ruleId?: string;
  status?: AssetStatus[];
  q?: string;
  due?: FireDueKind;
  /** days ahead for `due` (0 = due today or overdue) */
  within?: number;
  state?: FireState;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export interface FireEquipmentItem {
  id: string;
  code: string;
  name: string;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  status: AssetStatus;
  lost: boolean;
  ruleId: string;
  ruleCode: string;
  ruleName: string;
  productionDate: string | null;
  lastCheckAt: string | null;
  lastCheckOn: string | null;
  lastCheckPresent: boolean | null;
  lastCheckGaugeOk: boolean | null;
  lastCheckSealOk: boolean | null;
  lastCheckUsable: boolean | null;
  lastServiceOn: string | null;
  nextCheckDue: string;
  nextServiceDue: string | null;
  scrapDate: string | null;
  state: FireState;
}

const SORT_KEYS = ['code', 'nextCheckDue', 'nextServiceDue', 'scrapDate'] as const;
type SortKey = (typeof SORT_KEYS)[number];

const flag = (v: number | null) => (v === null ? null : v === 1);

function toItem(r: FireEquipmentRow, today: string): FireEquipmentItem {
  const lastCheckOn = r.last_checked_at ? localDate(new Date(r.last_checked_at), r.timezone) : null;
  const facts = {
    productionDate: r.production_date,
    registeredOn: localDate(new Date(r.created_at), r.timezone),
    lastCheckOn,
    lastServiceOn: r.last_serviced_on,
    lost: r.lost === 1,
  };
  const schedule = fireSchedule(ruleSpecOf(r), facts, today);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    siteId: r.site_id,
    siteName: r.site_name,
    locationId: r.location_id,
    locationPath: null,
    status: r.status,
    lost: r.lost === 1,
    ruleId: r.rule_id,
    ruleCode: r.rule_code,
    ruleName: r.rule_name,
    productionDate: r.production_date,
    lastCheckAt: r.last_checked_at,
    lastCheckOn,
    lastCheckPresent: flag(r.last_present),
    lastCheckGaugeOk: flag(r.last_gauge_ok),
    lastCheckSealOk: flag(r.last_seal_ok),
    lastCheckUsable: flag(r.last_usable),
    lastServiceOn: r.last_serviced_on,
    ...schedule,
  };
}

function sortKey(f: FireEquipmentFilter): { key: SortKey; desc: boolean } {
  const fallback: SortKey =
    f.due === 'service' ? 'nextServiceDue' : f.due === 'scrap' ? 'scrapDate' : f.due === 'check' ? 'nextCheckDue' : 'code';
  const raw = f.sort ?? fallback;
  const desc = raw.startsWith('-');
  const key = (desc ? raw.slice(1) : raw) as SortKey;
  if (!SORT_KEYS.includes(key)) {
    throw new AppError('VALIDATION', `不能按 ${key} 排序`, { fields: [{ field: 'sort', message: `可选：${SORT_KEYS.join(', ')}` }] });
  }
  return { key, desc };
}

type Position = [string | null, string];

const positionOf =
  (key: SortKey) =>
  (i: FireEquipmentItem): Position => [i[key], i.id];

/** Order by the key (missing dates last), then id. */
function compare(a: Position, b: Position, desc: boolean): number {
  if (a[0] !== b[0]) {
    if (a[0] === null) return 1;
    if (b[0] === null) return -1;
    return (a[0] < b[0] ? -1 : 1) * (desc ? -1 : 1);
  }
  return a[1] === b[1] ? 0 : (a[1] < b[1] ? -1 : 1) * (desc ? -1 : 1);
}

/** Every matching item, computed and sorted; `pageFireEquipment` cuts pages from it. */
export async function fireEquipment(ctx: Ctx, f: FireEquipmentFilter): Promise<FireEquipmentItem[]> {
  const { key, desc } = sortKey(f);
  const under = f.locationId ? await getLocation(ctx, f.locationId) : undefined;
  const rows = await fireEquipmentRows(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'assets:read'), {
    siteId: f.siteId,
    ruleId: f.ruleId,
    under,
    statuses: f.status,
    q: f.q,
  });
  const now = ctx.clock.now();
  const todayByZone = new Map<string, string>();
  const todayIn = (tz: string) => {
    const known = todayByZone.get(tz);
    if (known) return known;
    const today = localDate(now, tz);
    todayByZone.set(tz, today);
    return today;
  };
  const items: FireEquipmentItem[] = [];
  for (const r of rows) {
    const today = todayIn(r.timezone);
    const item = toItem(r, today);
    if (f.due && !isDue(f.due, item, item, today, f.within ?? 0)) continue;
    if (f.state && item.state !== f.state) continue;
    items.push(item);
  }
  const pos = positionOf(key);
  return items.sort((a, b) => compare(pos(a), pos(b), desc));
}

function decodeCursor(cursor: string): Position {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || v[0] === null) && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION', 'cursor 无效', { fields: [{ field: 'cursor', message: '无效的分页游标' }] });
}

/** One keyset page of the computed list (same cursor shape as every other list), with location paths. */
export async function pageFireEquipment(ctx: Ctx, items: FireEquipmentItem[], f: FireEquipmentFilter): Promise<Page<FireEquipmentItem>> {
  const { key, desc } = sortKey(f);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), MAX_LIMIT);
  const pos = positionOf(key);
  let start = 0;
  if (f.cursor) {
    const after = decodeCursor(f.cursor);
    start = items.findIndex((i) => compare(pos(i), after, desc) > 0);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + limit);
  const paths = await pathNames(
    ctx,
    slice.map((i) => i.locationId),
  );
  const page = slice.map((i) => ({ ...i, locationPath: i.locationId ? (paths.get(i.locationId) ?? null) : null }));
  const last = slice[slice.length - 1];
  const more = start + limit < items.length;
  return { items: page, nextCursor: more && last ? Buffer.from(JSON.stringify(pos(last)), 'utf8').toString('base64url') : null };
}
