import { recordHistory } from '../../platform/audit/reader.js';
import type { Ctx } from '../../platform/context.js';
import { STATUS_LABELS } from './assets.dto.js';
import { findAsset } from './assets.repository.js';
import type { AssetStatus } from './schema.js';

/**
 * An asset's timeline is assembled from sources: equipment contributes its own audit
 * history, and later modules (work orders, maintenance, patrols, readings, custody,
 * stocktakes, fire checks) register theirs at start-up. Sources run in parallel; the
 * merged list is newest first.
 */
export interface TimelineEntry {
  /** ISO instant */
  at: string;
  /** the source's kind, e.g. `asset`, `custody`, `fire_check`, `work_order` */
  kind: string;
  title: string;
  detail: string | null;
  /** web route of the record behind the entry, e.g. `/work-orders/<id>` */
  link?: string | null;
  actorName?: string | null;
}

/** Called only for an asset the actor may read; returns that asset's entries (any order). */
export type TimelineSource = (ctx: Ctx, assetId: string) => Promise<TimelineEntry[]>;

const sources = new Map<string, TimelineSource>();

/** Registers (or replaces — idempotent across app instances in one process) the source of one kind. */
export function registerAssetTimelineSource(kind: string, source: TimelineSource): void {
  sources.set(kind, source);
}

export function assetTimelineKinds(): string[] {
  return [...sources.keys()].sort();
}

/** The merged timeline; the caller has checked that the asset is readable. */
export async function collectTimeline(ctx: Ctx, assetId: string, limit: number): Promise<TimelineEntry[]> {
  const lists = await Promise.all([...sources.values()].map((source) => source(ctx, assetId)));
  return lists
    .flat()
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, limit);
}

const FIELD_LABELS: Record<string, string> = {
  code: '编码',
  name: '名称',
  site_id: '场所',
  category_id: '分类',
  parent_id: '上级设备',
  brand: '品牌',
  model: '型号',
  serial_no: '序列号',
  supplier: '供应商',
  purchase_date: '购置日期',
  purchase_cost: '购置金额',
  warranty_end: '保修截止',
  department_id: '责任部门',
  criticality: '重要程度',
  attributes: '属性',
  fire_rule_id: '消防器材类型',
  production_date: '生产日期',
  notes: '备注',
};

type Diff = Record<string, [unknown, unknown]>;

/** Equipment's own source: what the audit log recorded about the asset. */
export const auditTimelineSource: TimelineSource = async (ctx, assetId) => {
  const [rows, asset] = await Promise.all([
    recordHistory(ctx.db, ctx.actor.orgId, 'asset', assetId),
    findAsset(ctx.db, ctx.actor.orgId, assetId),
  ]);
  const diffs = rows.map((r) => JSON.parse(r.diff) as Diff);
  const names = await referencedNames(ctx, diffs);
  const entries = rows.map((r, i) => describe(r.action, diffs[i] ?? {}, names, r.at, r.actor_name));
  // records seeded or migrated without an audit entry still show when they entered the archive
  if (asset && !rows.some((r) => r.action === 'create' || r.action === 'import')) {
    entries.push({ at: asset.created_at, kind: 'asset', title: '建档', detail: `编码 ${asset.code}`, actorName: null });
  }
  return entries;
};

function describe(action: string, diff: Diff, names: Map<string, string>, at: string, actorName: string | null): TimelineEntry {
  const name = (v: unknown) => (typeof v === 'string' ? (names.get(v) ?? '—') : '—');
  const parts: string[] = [];
  let title = '信息修改';
  if (action === 'create' || action === 'import') {
    title = action === 'import' ? '导入建档' : '建档';
    const after = (k: string) => diff[k]?.[1];
    parts.push(`编码 ${String(after('code') ?? '')}`, `状态 ${STATUS_LABELS[after('status') as AssetStatus] ?? ''}`);
    if (after('location_id')) parts.push(`位置 ${name(after('location_id'))}`);
    if (after('custodian_id')) parts.push(`责任人 ${name(after('custodian_id'))}`);
    return { at, kind: 'asset', title, detail: parts.join('；'), actorName };
  }
  const titles: string[] = [];
  if (diff.status) {
    titles.push('状态变更');
    const [from, to] = diff.status;
    parts.push(`状态：${STATUS_LABELS[from as AssetStatus] ?? from} → ${STATUS_LABELS[to as AssetStatus] ?? to}`);
  }
  if (diff.location_id) {
    titles.push('位置变更');
    parts.push(`位置：${name(diff.location_id[0])} → ${name(diff.location_id[1])}`);
  }
  if (diff.custodian_id) {
    titles.push('责任人变更');
    parts.push(`责任人：${name(diff.custodian_id[0])} → ${name(diff.custodian_id[1])}`);
  }
  if (diff.lost) titles.push(diff.lost[1] === 1 ? '标记丢失' : '取消丢失标记');
  const others = Object.keys(diff).filter((k) => FIELD_LABELS[k]);
  if (others.length) parts.push(`修改：${others.map((k) => FIELD_LABELS[k]).join('、')}`);
  if (titles.length) title = titles.join('、');
  return { at, kind: 'asset', title, detail: parts.join('；') || null, actorName };
}

/** Names of the locations and people the diffs point at, in two queries. */
async function referencedNames(ctx: Ctx, diffs: Diff[]): Promise<Map<string, string>> {
  const ids = (key: string): string[] => {
    const values: unknown[] = diffs.flatMap((d) => d[key] ?? []);
    return [...new Set(values.filter((v): v is string => typeof v === 'string'))];
  };
  const locationIds = ids('location_id');
  const userIds = ids('custodian_id');
  const [locations, users] = await Promise.all([
    locationIds.length
      ? ctx.db.selectFrom('locations').select(['id', 'name']).where('org_id', '=', ctx.actor.orgId).where('id', 'in', locationIds).execute()
      : [],
    userIds.length
      ? ctx.db.selectFrom('users').select(['id', 'name']).where('org_id', '=', ctx.actor.orgId).where('id', 'in', userIds).execute()
      : [],
  ]);
  return new Map([...locations, ...users].map((r) => [r.id, r.name]));
}
