import type { ChecklistItem, ChecklistItemKind } from '../../../../contracts/checklists';
import type { FieldError } from '../../../../contracts/errors';

/** How a number item is judged: not at all, by a range (either end may be open), or by target ± tolerance. */
export type NumberBand = 'none' | 'range' | 'target';

/** One item as the template editor holds it (the band choice is the editor's own). */
export interface ItemValues {
  /** set once the item has been saved; new items get theirs on save */
  key?: string;
  label?: string;
  kind?: ChecklistItemKind;
  required?: boolean;
  hint?: string | null;
  unit?: string | null;
  band?: NumberBand;
  min?: number | null;
  max?: number | null;
  target?: number | null;
  tolerance?: number | null;
  options?: string[] | null;
  failOptions?: string[] | null;
  photoOnFail?: boolean;
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function bandOf(item: Pick<ChecklistItem, 'min' | 'max' | 'target'>): NumberBand {
  if (item.target != null) return 'target';
  if (item.min != null || item.max != null) return 'range';
  return 'none';
}

export function toValues(item: ChecklistItem): ItemValues {
  return { ...item, band: item.kind === 'number' ? bandOf(item) : undefined };
}

/**
 * Keys are stable once saved — results of earlier versions are compared item by item
 * through them — so an item keeps its key wherever it is moved. A new item is named
 * after its position (item_3), or the next free number when that one is taken.
 */
export function assignItemKeys(items: readonly ItemValues[]): string[] {
  const taken = new Set(items.map((i) => i.key).filter((k): k is string => Boolean(k)));
  let next = 1;
  return items.map((item, index) => {
    if (item.key) return item.key;
    let n = Math.max(index + 1, next);
    while (taken.has(`item_${n}`)) n++;
    taken.add(`item_${n}`);
    next = n + 1;
    return `item_${n}`;
  });
}

/** The item to store: only the fields its kind uses, trimmed, options without blanks or repeats. */
export function toItem(v: ItemValues, key: string): ChecklistItem {
  const kind = v.kind ?? 'pass_fail';
  const item: ChecklistItem = { key, label: (v.label ?? '').trim(), kind, required: Boolean(v.required), hint: text(v.hint) };
  if (kind === 'pass_fail') item.photoOnFail = Boolean(v.photoOnFail);
  if (kind === 'number') {
    item.unit = text(v.unit);
    const band = v.band ?? 'none';
    item.min = band === 'range' ? num(v.min) : null;
    item.max = band === 'range' ? num(v.max) : null;
    item.target = band === 'target' ? num(v.target) : null;
    item.tolerance = band === 'target' ? num(v.tolerance) : null;
  }
  if (kind === 'choice') {
    const options = [...new Set((v.options ?? []).map((o) => o.trim()).filter(Boolean))];
    item.options = options;
    item.failOptions = [...new Set((v.failOptions ?? []).map((o) => o.trim()))].filter((o) => options.includes(o));
  }
  return item;
}

export function toItems(values: readonly ItemValues[]): ChecklistItem[] {
  const keys = assignItemKeys(values);
  return values.map((v, i) => toItem(v, keys[i] as string));
}

/**
 * The server names list fields as `items[2].label`; the form's field paths are
 * `items.2.label`. Rewritten so each message lands under its own input.
 */
export function dottedFields(fields: readonly FieldError[]): FieldError[] {
  return fields.map((f) => ({ ...f, field: f.field.replace(/\[(\d+)\]/g, '.$1') }));
}
