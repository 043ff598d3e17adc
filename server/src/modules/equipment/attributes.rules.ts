import type { FieldError } from '../../../../contracts/errors.js';

/**
 * Pure validation of an asset's attribute values against the definitions that apply
 * to its category (its own and its ancestors'). Shared by the API and the import, so
 * both accept and refuse exactly the same values.
 */
export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'choice'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeDef {
  key: string;
  label: string;
  type: AttributeType;
  unit: string | null;
  options: string[];
  required: boolean;
  active: boolean;
}

export type AttributeValue = string | number;
export type AttributeValues = Record<string, AttributeValue>;

export const TEXT_MAX = 500;

/** `YYYY-MM-DD` of a real calendar day (2026-02-30 and 2026-13-01 are refused). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A date typed by a person: `2026-03-05`, `2026-3-5` or `2026/3/5` → `2026-03-05`;
 * null when it is not a real day.
 */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** A number typed by a person: `12`, `-3.5`, `1,200` (thousands separators) → number; null otherwise. */
export function parseNumber(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (typeof input !== 'string') return null;
  const text = input.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function checkValue(def: AttributeDef, raw: unknown): { value?: AttributeValue; message?: string } {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { message: '取值类型无效' };
  switch (def.type) {
    case 'number': {
      const n = parseNumber(raw);
      return n === null ? { message: `应为数字${def.unit ? `（单位 ${def.unit}）` : ''}` } : { value: n };
    }
    case 'date': {
      const d = typeof raw === 'string' ? parseDate(raw) : null;
      return d === null ? { message: '应为有效日期，格式 YYYY-MM-DD' } : { value: d };
    }
    case 'choice': {
      const text = String(raw).trim();
      return def.options.includes(text) ? { value: text } : { message: `不是可选值，可选：${def.options.join('、')}` };
    }
    default: {
      const text = String(raw).trim();
      return text.length > TEXT_MAX ? { message: `不能超过 ${TEXT_MAX} 个字符` } : { value: text };
    }
  }
}

/**
 * Validates `input` against `defs` (every definition that applies to the category,
 * active or not). Returns the normalised values (numbers as numbers, dates as
 * YYYY-MM-DD, empty values dropped) and one error per bad attribute, as field
 * `attributes.<key>`. Values of deactivated definitions are kept as they are: the
 * definition no longer asks for them, but the data stays.
 */
export function validateAttributes(
  defs: AttributeDef[],
  input: Record<string, unknown>,
): { values: AttributeValues; errors: FieldError[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const values: AttributeValues = {};
  const errors: FieldError[] = [];
  const fail = (key: string, message: string) => errors.push({ field: `attributes.${key}`, message });
  for (const [key, raw] of Object.entries(input)) {
    const def = byKey.get(key);
    if (!def) {
      if (!isEmpty(raw)) fail(key, '该分类没有此属性');
      continue;
    }
    if (isEmpty(raw)) continue;
    if (!def.active) {
      if (typeof raw === 'string' || typeof raw === 'number') values[key] = raw;
      continue;
    }
    const checked = checkValue(def, raw);
    if (checked.message) fail(key, `${def.label}${checked.message}`);
    else if (checked.value !== undefined) values[key] = checked.value;
  }
  for (const def of defs) {
    if (def.active && def.required && values[def.key] === undefined && !errors.some((e) => e.field === `attributes.${def.key}`)) {
      fail(def.key, `${def.label}必填`);
    }
  }
  return { values, errors };
}

/** Keeps only the values a category's definitions know (used when an asset changes category). */
export function keepKnownAttributes(defs: AttributeDef[], values: AttributeValues): AttributeValues {
  const keys = new Set(defs.map((d) => d.key));
  return Object.fromEntries(Object.entries(values).filter(([k]) => keys.has(k)));
}

/** The problems of a definition the schema cannot express (choice options). */
export function definitionProblems(def: Pick<AttributeDef, 'type' | 'options'>): FieldError[] {
  const errors: FieldError[] = [];
  if (def.type === 'choice') {
    const options = def.options.map((o) => o.trim());
    if (options.length === 0) errors.push({ field: 'options', message: '选择类型至少需要一个可选值' });
    if (options.some((o) => !o)) errors.push({ field: 'options', message: '可选值不能为空' });
    const dup = options.find((o, i) => o && options.indexOf(o) !== i);
    if (dup) errors.push({ field: 'options', message: `可选值「${dup}」重复` });
  } else if (def.options.length > 0) {
    errors.push({ field: 'options', message: '只有选择类型可以设置可选值' });
  }
  return errors;
}
