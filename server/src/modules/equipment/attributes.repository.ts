import type { Db, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import type { AttributeDef } from './attributes.rules.js';
import './schema.js';

export type AttributeRow = Row<'asset_attributes'>;

export function findAttribute(db: Db | Tx, orgId: string, id: string): Promise<AttributeRow | undefined> {
  return db.selectFrom('asset_attributes').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Definitions of the given categories, in display order. */
export function attributesOfCategories(db: Db | Tx, orgId: string, categoryIds: string[]): Promise<AttributeRow[]> {
  if (categoryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('asset_attributes')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('category_id', 'in', categoryIds)
    .orderBy('sort')
    .orderBy('key')
    .execute();
}

/** Every definition of the organisation (for import templates, imports and exports). */
export function allAttributes(db: Db | Tx, orgId: string): Promise<AttributeRow[]> {
  return db.selectFrom('asset_attributes').selectAll().where('org_id', '=', orgId).orderBy('sort').orderBy('key').execute();
}

export function toAttributeDef(r: AttributeRow): AttributeDef {
  return {
    key: r.key,
    label: r.label,
    type: r.type,
    unit: r.unit,
    options: parseOptions(r.options),
    required: r.required === 1,
    active: r.active === 1,
  };
}

export function parseOptions(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}
