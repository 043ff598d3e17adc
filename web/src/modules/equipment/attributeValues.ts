import dayjs, { type Dayjs } from 'dayjs';
import type { AttributeDef, AttributeValue } from './types';

export type AttributeFormValue = string | number | Dayjs | null | undefined;

/** Stored attribute values → form values (dates become dayjs for the picker). */
export function attributesToForm(
  defs: AttributeDef[],
  values: Record<string, AttributeValue> | undefined,
): Record<string, AttributeFormValue> {
  const out: Record<string, AttributeFormValue> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    const def = defs.find((d) => d.key === key);
    out[key] = def?.type === 'date' && typeof value === 'string' && value ? dayjs(value) : value;
  }
  return out;
}

/** Form values → the body's `attributes`: only the category's definitions, empty values left out. */
export function attributesToBody(
  defs: AttributeDef[],
  values: Record<string, AttributeFormValue> | undefined,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const def of defs) {
    const v = values?.[def.key];
    if (v === null || v === undefined || v === '') continue;
    if (dayjs.isDayjs(v)) out[def.key] = v.format('YYYY-MM-DD');
    else if (typeof v === 'string') {
      if (v.trim()) out[def.key] = v.trim();
    } else out[def.key] = v;
  }
  return out;
}
