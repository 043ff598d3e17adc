import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { chunks } from './identity.rules.js';

export type UserRow = Row<'users'>;
export type UserListRow = UserRow & { department_name: string | null; department_code: string | null };

export interface MembershipView {
  id: string;
  user_id: string;
  role_id: string;
  role_code: string;
  role_name: string;
  role_active: number;
  site_id: string | null;
  site_code: string | null;
  site_name: string | null;
  created_at: string;
}

export interface UserFilter extends PageQuery {
  q?: string;
  departmentId?: string;
  active?: boolean;
  roleId?: string;
  siteId?: string;
}

const SORT_COLUMNS = { username: 'u.username', name: 'u.name', employeeNo: 'u.employee_no', createdAt: 'u.created_at', id: 'u.id' };
const SORT_KEYS: Record<string, keyof UserRow> = {
  username: 'username',
  name: 'name',
  employeeNo: 'employee_no',
  createdAt: 'created_at',
  id: 'id',
};
const SORT: SortSpec = { columns: SORT_COLUMNS, default: 'username', id: 'u.id' };

function usersWithDepartment(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .selectAll('u')
    .select(['d.name as department_name', 'd.code as department_code'])
    .where('u.org_id', '=', orgId);
}

export function findUser(db: Db | Tx, orgId: string, id: string): Promise<UserListRow | undefined> {
  return usersWithDepartment(db, orgId).where('u.id', '=', id).executeTakeFirst();
}

/**
 * Users visible in `scope`: those holding a membership on one of its sites or on
 * every site. Filters on role and site look at one membership holding both.
 */
export function listUsers(db: Db, orgId: string, scope: SiteScope, f: UserFilter): Promise<Page<UserListRow>> {
  let q = usersWithDepartment(db, orgId);
  if (scope !== 'all') {
    const sites = scope.length ? scope : [''];
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('memberships as ms')
          .select('ms.id')
          .whereRef('ms.user_id', '=', 'u.id')
          .where((eb) => eb.or([eb('ms.site_id', 'in', sites), eb('ms.site_id', 'is', null)])),
      ),
    );
  }
  if (f.roleId || f.siteId) {
    const { roleId, siteId } = f;
    q = q.where(({ exists, selectFrom }) => {
      let m = selectFrom('memberships as mf').select('mf.id').whereRef('mf.user_id', '=', 'u.id');
      if (roleId) m = m.where('mf.role_id', '=', roleId);
      if (siteId) m = m.where((eb) => eb.or([eb('mf.site_id', '=', siteId), eb('mf.site_id', 'is', null)]));
      return exists(m);
    });
  }
  if (f.departmentId) q = q.where('u.department_id', '=', f.departmentId);
  if (f.active !== undefined) q = q.where('u.active', '=', f.active ? 1 : 0);
  if (f.q) {
    q = q.where(matchesAny(db, ['u.name', 'u.username', 'u.phone', 'u.employee_no'], f.q));
  }
  return keysetPage<UserListRow>(q, SORT, f, (row, key) => row[SORT_KEYS[key] ?? 'id']);
}

function membershipViews(db: Db | Tx) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('roles as r', 'r.id', 'm.role_id')
    .leftJoin('sites as s', 's.id', 'm.site_id')
    .select([
      'm.id',
      'm.user_id',
      'm.role_id',
      'r.code as role_code',
      'r.name as role_name',
      'r.active as role_active',
      'm.site_id',
      's.code as site_code',
      's.name as site_name',
      'm.created_at',
    ]);
}

/** Memberships of several users in one query per 500 users (a list page asks once). */
export async function membershipsOf(db: Db | Tx, userIds: string[]): Promise<MembershipView[]> {
  const out: MembershipView[] = [];
  for (const ids of chunks(userIds)) {
    if (!ids.length) continue;
    out.push(...(await membershipViews(db).where('m.user_id', 'in', ids).orderBy('m.id').execute()));
  }
  return out;
}

export function findMembership(db: Db | Tx, orgId: string, id: string): Promise<MembershipView | undefined> {
  return membershipViews(db).where('m.org_id', '=', orgId).where('m.id', '=', id).executeTakeFirst();
}

export async function membershipSites(db: Db | Tx, userId: string): Promise<(string | null)[]> {
  const rows = await db.selectFrom('memberships').select('site_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.site_id);
}

/** Which of the given unique values are taken by other users: username and phone across the installation, employee number in the org. */
export async function takenValues(
  db: Db | Tx,
  orgId: string,
  values: { usernames?: string[]; phones?: string[]; employeeNos?: string[] },
  exceptUserId?: string,
): Promise<{ usernames: Set<string>; phones: Set<string>; employeeNos: Set<string> }> {
  const result = { usernames: new Set<string>(), phones: new Set<string>(), employeeNos: new Set<string>() };
  const base = () => {
    let q = db.selectFrom('users').select(['username', 'phone', 'employee_no', 'org_id']);
    if (exceptUserId) q = q.where('id', '!=', exceptUserId);
    return q;
  };
  for (const part of chunks(values.usernames ?? [])) {
    for (const r of await base().where('username', 'in', part).execute()) result.usernames.add(r.username);
  }
  for (const part of chunks(values.phones ?? [])) {
    for (const r of await base().where('phone', 'in', part).execute()) if (r.phone) result.phones.add(r.phone);
  }
  for (const part of chunks(values.employeeNos ?? [])) {
    for (const r of await base().where('org_id', '=', orgId).where('employee_no', 'in', part).execute()) {
      if (r.employee_no) result.employeeNos.add(r.employee_no);
    }
  }
  return result;
}

export function findDepartment(db: Db | Tx, orgId: string, id: string) {
  return db
    .selectFrom('departments')
    .select(['id', 'code', 'name', 'active'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Lookup tables an import needs: active departments, roles and sites by code. */
export async function codeMaps(db: Db | Tx, orgId: string) {
  const [departments, roles, sites] = await Promise.all([
    db.selectFrom('departments').select(['id', 'code']).where('org_id', '=', orgId).where('active', '=', 1).execute(),
    db.selectFrom('roles').select(['id', 'code', 'permissions']).where('org_id', '=', orgId).where('active', '=', 1).execute(),
    db.selectFrom('sites').select(['id', 'code']).where('org_id', '=', orgId).where('active', '=', 1).execute(),
  ]);
  return {
    departments: new Map(departments.map((d) => [d.code, d.id])),
    roles: new Map(roles.map((r) => [r.code, { id: r.id, permissions: JSON.parse(r.permissions) as string[] }])),
    sites: new Map(sites.map((s) => [s.code, s.id])),
  };
}
