import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { ImportSpec } from '../../platform/http/import.js';
import { formatZoned, zonedInstant } from '../../platform/numbering/time.js';
import { fmtNumber } from './band.js';
import { importReadings } from './readings.service.js';

/**
 * Excel import of readings (a logger's export, a paper sheet typed up): one row per
 * reading, the point by its code, the time as local `YYYY-MM-DD HH:mm` in the point's
 * site (or ISO with a zone). A bad row is reported by row and column and, by default,
 * nothing is imported (platform/http/import.ts).
 */
export const COL = { code: '读数点编码', value: '读数', readAt: '读数时间', note: '备注' } as const;

export interface ReadingImportItem {
  code: string;
  value: number;
  /** local text or ISO, resolved with the site's zone in checkBatch */
  readAtText: string;
  note: string | null;
  pointId?: string;
  readAt?: Date;
  pointName?: string;
}

const LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const pad = (v: string) => v.padStart(2, '0');

/** An instant from local `YYYY-MM-DD HH:mm[:ss]` in a zone, or from ISO text that carries its own zone. */
export function parseReadAt(text: string, timeZone: string): Date | null {
  const m = text.trim().match(LOCAL);
  if (m) {
    const [, y, mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string | undefined];
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    const check = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date || Number(h) > 23) return null;
    const at = zonedInstant(date, `${pad(h)}:${mi}`, timeZone);
    return new Date(at.getTime() + Number(s ?? 0) * 1000);
  }
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) || ms < Date.UTC(1970, 0, 1) ? null : new Date(ms);
}

const CLOCK_SKEW_MS = 5 * 60_000;

export const readingImportSpec: ImportSpec<ReadingImportItem> = {
  sheet: '读数',
  columns: [
    { header: COL.code, required: true, example: 'CC-T-1F' },
    { header: COL.value, required: true, example: '24.3' },
    { header: COL.readAt, required: true, example: '2026-03-15 09:05', note: '场所当地时间，请以文本格式填写' },
    { header: COL.note, example: '' },
  ],
  parseRow(values, fail) {
    const code = values[COL.code] ?? '';
    const raw = (values[COL.value] ?? '').replace(/[,，\s]/g, '').replace(/^−/, '-');
    const value = Number(raw);
    if (raw && (!Number.isFinite(value) || Math.abs(value) > 1e12)) fail(COL.value, `读数“${values[COL.value]}”不是有效数值`);
    const note = values[COL.note]?.trim() || null;
    if (note && note.length > 500) fail(COL.note, '备注不能超过 500 个字');
    if (!code || !raw || !values[COL.readAt]) return null;
    return { code, value, readAtText: values[COL.readAt] as string, note };
  },
  async checkBatch(ctx: Ctx, rows, fail) {
    const codes = [...new Set(rows.map((r) => r.item.code))];
    const points = codes.length
      ? await ctx.db
          .selectFrom('reading_points as p')
          .innerJoin('sites as s', 's.id', 'p.site_id')
          .select(['p.id', 'p.code', 'p.name', 'p.site_id', 'p.active', 'p.kind', 'p.last_read_at', 'p.last_value', 'p.unit', 's.timezone'])
          .where('p.org_id', '=', ctx.actor.orgId)
          .where('p.code', 'in', codes)
          .execute()
      : [];
    const byCode = new Map(points.map((p) => [p.code, p]));
    const readable = siteScope(ctx.actor, 'readings:read');
    const now = ctx.clock.now().getTime();
    const seen = new Map<string, number>();
    for (const { row, item } of rows) {
      const p = byCode.get(item.code);
      if (!p || !inScope(readable, p.site_id)) {
        fail(row, COL.code, `读数点编码 ${item.code} 不存在或无权访问`);
        continue;
      }
      if (!hasPermission(ctx.actor, 'readings:manage', p.site_id)) fail(row, COL.code, `没有导入读数点 ${p.code} 读数的权限`);
      else if (p.active !== 1) fail(row, COL.code, `读数点 ${p.code} 已停用`);
      const at = parseReadAt(item.readAtText, p.timezone);
      if (!at) fail(row, COL.readAt, `读数时间“${item.readAtText}”格式不正确，应为 YYYY-MM-DD HH:mm`);
      else if (at.getTime() > now + CLOCK_SKEW_MS) fail(row, COL.readAt, '读数时间不能晚于当前时间');
      else {
        const key = `${p.id}|${at.toISOString()}`;
        const first = seen.get(key);
        if (first !== undefined) fail(row, COL.readAt, `与第 ${first} 行是同一读数点的同一时间`);
        else seen.set(key, row);
        if (p.kind === 'cumulative' && p.last_read_at && at.getTime() <= Date.parse(p.last_read_at)) {
          fail(row, COL.readAt, `累计表读数须晚于上次读数时间（${formatZoned(new Date(p.last_read_at), p.timezone)}）`);
        }
        item.readAt = at;
      }
      item.pointId = p.id;
      item.pointName = p.name;
    }
    // a meter's rows, in time order, may only go up from its last reading
    const meters = new Map(points.filter((p) => p.kind === 'cumulative').map((p) => [p.id, p]));
    const series = rows.filter((r) => r.item.readAt && r.item.pointId && meters.has(r.item.pointId));
    series.sort((a, b) => (a.item.readAt as Date).getTime() - (b.item.readAt as Date).getTime());
    const last = new Map([...meters.values()].map((p) => [p.id, p.last_value === null ? null : Number(p.last_value)]));
    for (const { row, item } of series) {
      const before = last.get(item.pointId as string) ?? null;
      if (before !== null && item.value < before)
        fail(row, COL.value, `读数小于上次读数（${fmtNumber(before)} ${meters.get(item.pointId as string)?.unit ?? ''}）`);
      else last.set(item.pointId as string, item.value);
    }
  },
  async commit(ctx, tx, items) {
    await importReadings(
      ctx,
      tx,
      items.map((i) => ({ pointId: i.pointId as string, value: i.value, readAt: i.readAt as Date, note: i.note })),
    );
  },
  preview: (i) => ({ code: i.code, pointName: i.pointName ?? null, value: i.value, readAt: i.readAt?.toISOString() ?? null, note: i.note }),
};
