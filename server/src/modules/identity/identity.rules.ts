import type { FieldError } from '../../../../contracts/errors.js';
import { isPermission } from '../../../../contracts/permissions.js';
import { type Actor, hasGlobalPermission, hasPermission, type SiteScope } from '../../platform/access/actor.js';

/**
 * Pure rules of the identity module: formats, password strength, who may see and
 * manage which user, and which permissions an actor may hand on.
 */

/** Mainland China mobile number (11 digits, 13x–19x). */
export const CN_MOBILE = '^1[3-9]\\d{9}$';
export const USERNAME = '^[A-Za-z0-9_.-]{2,32}$';
export const EMPLOYEE_NO = '^[A-Za-z0-9_-]{1,32}$';
export const EMAIL = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';
export const ROLE_CODE = '^[A-Za-z][A-Za-z0-9_-]{0,31}$';
// optional fields of the user form: empty clears them
export const CN_MOBILE_OR_EMPTY = '^(1[3-9]\\d{9})?$';
export const EMPLOYEE_NO_OR_EMPTY = '^[A-Za-z0-9_-]*$';
export const EMAIL_OR_EMPTY = '^([^\\s@]+@[^\\s@]+\\.[^\\s@]+)?$';

const mobileRe = new RegExp(CN_MOBILE);
const usernameRe = new RegExp(USERNAME);
const employeeNoRe = new RegExp(EMPLOYEE_NO);
const emailRe = new RegExp(EMAIL);

export const isMobile = (v: string) => mobileRe.test(v);
export const isEmail = (v: string) => emailRe.test(v);
export const isEmployeeNo = (v: string) => employeeNoRe.test(v);

/** A problem with a username, or null. People sign in by username or phone, so a username must not look like a phone. */
export function usernameProblem(username: string): string | null {
  if (!usernameRe.test(username)) return '用户名为 2–32 位字母、数字、下划线、点或横线';
  if (mobileRe.test(username)) return '用户名不能是手机号格式（手机号本身即可用于登录）';
  return null;
}

/**
 * Passwords that pass the length and letter-and-digit rule but are among the first guesses
 * of any attacker (leaked-password lists, keyboard walks, the product's own name), compared
 * in lower case.
 */
const COMMON_PASSWORDS = new Set([
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword1',
  'abc12345',
  'abc123456',
  'abcd1234',
  'abcde12345',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'aa123456789',
  'qq123456',
  'qwe12345',
  'qwe123456',
  'qwer1234',
  'qwerty123',
  'qwerty12',
  'asd12345',
  'asdf1234',
  'zxc12345',
  'zxc123456',
  'zxcv1234',
  '1qaz2wsx',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'q1w2e3r4',
  'q1w2e3r4t5',
  '12345678a',
  '123456789a',
  '123456abc',
  '12345abc',
  '123qwe123',
  'woaini1314',
  'woaini520',
  'iloveyou1',
  'admin123',
  'admin1234',
  'admin12345',
  'administrator1',
  'root1234',
  'test1234',
  'welcome1',
  'welcome123',
  'houqin123',
  'houqin2026',
  'houqin1234',
  'houqin888',
]);

/**
 * A problem with a new password, or null. `owner` is the account it is for: a password
 * must not be, or contain, its username or phone number.
 */
export function passwordProblem(password: string, owner: { username?: string | null; phone?: string | null } = {}): string | null {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码至少 8 位，且须同时包含字母和数字';
  if (password.length > 200) return '密码不能超过 200 个字符';
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return '密码过于简单：请勿只用一两个字符反复组成（如 aaaa1111、a1a1a1a1）';
  if (COMMON_PASSWORDS.has(lower)) return '该密码过于常见，容易被猜中，请换一个';
  const username = owner.username?.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username)) return '密码不能与用户名相同或包含用户名';
  if (owner.phone && password.includes(owner.phone)) return '密码不能包含手机号';
  return null;
}

/** Known permissions without duplicates, plus one field error per unknown name. */
export function checkPermissionNames(names: string[], field = 'permissions'): { permissions: string[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const permissions: string[] = [];
  names.forEach((name, i) => {
    if (!isPermission(name)) errors.push({ field: `${field}.${i}`, message: `未知权限：${name}` });
    else if (!permissions.includes(name)) permissions.push(name);
  });
  return { permissions, errors };
}

/** The sites of a user's memberships; null stands for "every site". */
export type MembershipSites = (string | null)[];

/** Whether an actor with `scope` may see a user holding memberships on `sites`. */
export function userVisible(scope: SiteScope, sites: MembershipSites): boolean {
  if (scope === 'all') return true;
  return sites.some((s) => s === null || scope.includes(s));
}

/** Union of two scopes (a user is visible to whoever may read or manage them). */
export function mergeScopes(a: SiteScope, b: SiteScope): SiteScope {
  if (a === 'all' || b === 'all') return 'all';
  return [...new Set([...a, ...b])];
}

/** users:manage on one site, or on every site when `siteId` is null. */
export function managesSite(actor: Actor, siteId: string | null): boolean {
  return siteId === null ? hasGlobalPermission(actor, 'users:manage') : hasPermission(actor, 'users:manage', siteId);
}

/**
 * Changing a user (profile, password, activation) touches every site they work on, so
 * it needs users:manage on each of them; a user with an all-sites membership, or with
 * none at all, only by a holder of users:manage on every site.
 */
export function managesUser(actor: Actor, sites: MembershipSites): boolean {
  if (sites.length === 0 || sites.includes(null)) return hasGlobalPermission(actor, 'users:manage');
  return sites.every((s) => managesSite(actor, s));
}

/**
 * Granting (or removing) a role on a site: users:manage there, global when the user
 * already holds an all-sites membership.
 */
export function managesMembership(actor: Actor, siteId: string | null, userSites: MembershipSites): boolean {
  if (userSites.includes(null) && !hasGlobalPermission(actor, 'users:manage')) return false;
  return managesSite(actor, siteId);
}

/** Permissions of a role the actor does not hold on that site (null = every site); nobody hands on more than they hold. */
export function permissionsNotHeld(actor: Actor, permissions: string[], siteId: string | null): string[] {
  return permissions.filter((p) => {
    if (!isPermission(p)) return true;
    return siteId === null ? !hasGlobalPermission(actor, p) : !hasPermission(actor, p, siteId);
  });
}

/** Permissions the actor holds on at least one site — the most an API token of theirs may carry. */
export function permissionsHeldAnywhere(actor: Actor): Set<string> {
  const held = new Set<string>();
  for (const g of actor.grants) for (const p of g.permissions) if (!actor.tokenPermissions || actor.tokenPermissions.has(p)) held.add(p);
  return held;
}

/** Splits a list for `in (…)` queries, keeping each statement under the engines' parameter limits. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
