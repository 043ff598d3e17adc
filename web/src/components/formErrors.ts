import type { FormInstance } from 'antd';
import { isApiError } from '../app/api';

/** `rows.3.phone` or `rows/3/phone` → ['rows', 3, 'phone'] (antd NamePath). */
export function toNamePath(field: string): (string | number)[] {
  return field
    .split(/[./]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors (VALIDATION, DUPLICATE…) under the matching form
 * fields. Returns true when every field error found a field on the form, so the
 * caller only needs a general message for the rest.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!isApiError(err) || err.fields.length === 0) return false;
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  let unmatched = 0;
  for (const f of err.fields) {
    const name = toNamePath(f.field);
    const key = name.join('.');
    if (!registered.has(key)) {
      unmatched++;
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const first = byField.values().next().value;
  if (first) form.scrollToField(first.name);
  return unmatched === 0;
}
