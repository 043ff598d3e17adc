import { bandOf, belowLast, inBand } from './band';
import type { ReadingPoint } from './types';

/**
 * The entry forms' rules (phone page, quick entry, bulk form), pure so they are tested
 * without a browser (entry.test.ts): what the person still has to fix before sending, the
 * lines a bulk submit sends, and which row a server error `lines.3.value` belongs to.
 */

/** What is typed for one point. */
export interface Draft {
  value: number | null;
  note: string;
}

export const EMPTY_DRAFT: Draft = { value: null, note: '' };

type EntryPoint = Pick<ReadingPoint, 'target' | 'tolerance' | 'min' | 'max' | 'kind' | 'lastValue'>;

/** An out-of-band value opens a deviation, so the person says what they see (the note). */
export function needsNote(point: EntryPoint, value: number | null): boolean {
  return inBand(value, bandOf(point)) === false;
}

export type DraftIssue = 'noteRequired' | 'belowLast';

/** Problems to show before sending: a meter running backwards, an out-of-band value without a note. */
export function draftIssues(point: EntryPoint, draft: Draft): { value?: DraftIssue; note?: DraftIssue } {
  if (draft.value === null) return {};
  if (belowLast(draft.value, point)) return { value: 'belowLast' };
  if (needsNote(point, draft.value) && !draft.note.trim()) return { note: 'noteRequired' };
  return {};
}

export interface Line {
  pointId: string;
  value: number;
  note: string | null;
}

/** The typed values in the order of the points, empty ones left out (a bulk form need not be complete). */
export function filledLines(points: Pick<ReadingPoint, 'id'>[], drafts: Record<string, Draft | undefined>): Line[] {
  const lines: Line[] = [];
  for (const p of points) {
    const d = drafts[p.id];
    if (!d || d.value === null) continue;
    lines.push({ pointId: p.id, value: d.value, note: d.note.trim() || null });
  }
  return lines;
}

export interface RowErrors {
  value?: string;
  note?: string;
  /** an error about the line as a whole (`lines.3`) */
  line?: string;
}

/**
 * The server names a bulk line by its index in what was sent (`lines.3.value`, or
 * `lines/3/value`); this puts each message on that line's point. Messages about the
 * whole request (`readAt`) are returned apart.
 */
export function lineErrors(lines: Pick<Line, 'pointId'>[], fields: { field: string; message: string }[]) {
  const rows: Record<string, RowErrors> = {};
  const other: { field: string; message: string }[] = [];
  for (const f of fields) {
    const m = /^\/?lines[./](\d+)(?:[./](\w+))?$/.exec(f.field);
    const line = m ? lines[Number(m[1])] : undefined;
    if (!m || !line) {
      other.push(f);
      continue;
    }
    const part = m[2] === 'value' || m[2] === 'note' ? m[2] : 'line';
    const row = rows[line.pointId] ?? {};
    row[part] = row[part] ? `${row[part]}；${f.message}` : f.message;
    rows[line.pointId] = row;
  }
  return { rows, other };
}

/**
 * Where a point is, in words: a location's path already ends with its name ("长春店 / A座主楼 /
 * 一层"); an asset's path is the location it stands in, so its name follows.
 */
export function targetText(p: Pick<ReadingPoint, 'targetType' | 'targetName' | 'targetPath'>): string {
  if (!p.targetPath) return p.targetName;
  return p.targetType === 'asset' ? `${p.targetPath} ${p.targetName}` : p.targetPath;
}
