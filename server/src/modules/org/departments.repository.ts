import type { Page } from '../../../../contracts/types.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type DepartmentRow = Row<'departments'>;
export type DepartmentListRow = DepartmentRow & { parent_code: string | null; parent_name: string | null };

export interface DepartmentFilter extends PageQuery {
  q?: string;
  active?: boolean;
  /** a department id, or `none` for the top level */
  parentId?: string;
}

const SORT: SortSpec = { columns: { code: 'd.code', name: 'd.name', id: 'd.id' }, default: 'code', id: 'd.id' };

export function findDepartment(db: Db | Tx, orgId: string, id: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findDepartmentByCode(db: Db | Tx, orgId: string, code: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export function listDepartments(db: Db, orgId: string, f: DepartmentFilter): Promise<Page<DepartmentListRow>> {
  let q = db
    .selectFrom('departments as d')
    .leftJoin('departments as p', 'p.id', 'd.parent_id')
    .selectAll('d')
    .select(['p.code as parent_code', 'p.name as parent_name'])
    .where('d.org_id', '=', orgId);
  if (f.parentId === 'none') q = q.where('d.parent_id', 'is', null);
  else if (f.parentId) q = q.where('d.parent_id', '=', f.parentId);
  if (f.active !== undefined) q = q.where('d.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['d.code', 'd.name'], f.q));
  return keysetPage<DepartmentListRow>(q, SORT, f, (row, key) => row[key as keyof DepartmentListRow]);
}

/** Every department's parent, for loop checks (an organisation has tens, not millions). */
export async function departmentParents(db: Db | Tx, orgId: string): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('departments').select(['id', 'parent_id']).where('org_id', '=', orgId).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function countActiveSubDepartments(db: Db | Tx, id: string): Promise<number> {
  const row = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('parent_id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Serialises re-parenting within one organisation (a no-op update holds the
 * organisation row's lock on PostgreSQL), so two concurrent moves cannot form a loop.
 */
export async function lockDepartmentTree(tx: Tx, orgId: string): Promise<void> {
  await tx
    .updateTable('organizations')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', orgId)
    .execute();
}
