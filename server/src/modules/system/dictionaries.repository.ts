import type { Page } from '../../../../contracts/types.js';
import type { Db } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type DictionaryRow = Row<'dictionaries'>;

export interface DictionaryFilter extends PageQuery {
  type?: string;
  active?: boolean;
  q?: string;
}

const SORT: SortSpec = {
  columns: { sort: 'sort', code: 'code', labelZh: 'label_zh', labelEn: 'label_en', type: 'type', id: 'id' },
  default: 'sort',
  id: 'id',
};
const SORT_FIELDS: Record<string, keyof DictionaryRow> = {
  sort: 'sort',
  code: 'code',
  labelZh: 'label_zh',
  labelEn: 'label_en',
  type: 'type',
};

export function findDictionary(db: Db, orgId: string, id: string): Promise<DictionaryRow | undefined> {
  return db.selectFrom('dictionaries').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listDictionaries(db: Db, orgId: string, f: DictionaryFilter): Promise<Page<DictionaryRow>> {
  let q = db.selectFrom('dictionaries').selectAll().where('org_id', '=', orgId);
  if (f.type) q = q.where('type', '=', f.type);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) {
    q = q.where(matchesAny(db, ['code', 'label_zh', 'label_en'], f.q));
  }
  return keysetPage<DictionaryRow>(q, SORT, f, (row, key) => row[SORT_FIELDS[key] ?? 'id']);
}

/** Per type: how many entries, how many active. */
export async function countByType(db: Db, orgId: string): Promise<{ type: string; total: number; active: number }[]> {
  const rows = await db
    .selectFrom('dictionaries')
    .select((eb) => [
      'type',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('active', '=', 1).then(1).else(0).end()).as('active'),
    ])
    .where('org_id', '=', orgId)
    .groupBy('type')
    .execute();
  return rows.map((r) => ({ type: r.type, total: Number(r.total), active: Number(r.active ?? 0) }));
}

/** One type's entries in display order (for pickers and label lookups). */
export function entriesOfType(db: Db, orgId: string, type: string): Promise<DictionaryRow[]> {
  return db
    .selectFrom('dictionaries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('type', '=', type)
    .orderBy('sort')
    .orderBy('code')
    .execute();
}
