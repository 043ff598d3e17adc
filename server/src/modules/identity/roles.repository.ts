import type { Page } from '../../../../contracts/types.js';
import type { Db } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type RoleRow = Row<'roles'>;
export type RoleListRow = RoleRow & { member_count: number };

export interface RoleFilter extends PageQuery {
  q?: string;
  active?: boolean;
}

const SORT: SortSpec = { columns: { code: 'r.code', name: 'r.name', id: 'r.id' }, default: 'code', id: 'r.id' };

function rolesWithCount(db: Db, orgId: string) {
  return db
    .selectFrom('roles as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('memberships as m')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('m.role_id', '=', 'r.id')
        .as('member_count'),
    )
    .where('r.org_id', '=', orgId);
}

export function findRole(db: Db, orgId: string, id: string): Promise<RoleListRow | undefined> {
  return rolesWithCount(db, orgId).where('r.id', '=', id).executeTakeFirst() as Promise<RoleListRow | undefined>;
}

export function findRoleByCode(db: Db, orgId: string, code: string) {
  return db.selectFrom('roles').select('id').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export function listRoles(db: Db, orgId: string, f: RoleFilter): Promise<Page<RoleListRow>> {
  let q = rolesWithCount(db, orgId);
  if (f.active !== undefined) q = q.where('r.active', '=', f.active ? 1 : 0);
  if (f.q) {
    q = q.where(matchesAny(db, ['r.code', 'r.name', 'r.name_en'], f.q));
  }
  return keysetPage<RoleListRow>(q, SORT, f, (row, key) => row[key as keyof RoleRow]);
}
