import type { FieldError } from '../../../../contracts/errors.js';
import type { Page } from '../../../../contracts/types.js';
import { hasGlobalPermission } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Row } from '../../platform/db/schema.js';
import { AppError, forbidden, notFound, validation } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { checkPermissionNames, permissionsHeldAnywhere } from './identity.rules.js';

/**
 * API tokens for integrations: `hq_` + 32 random bytes, shown once, stored as sha256.
 * A token acts as its owner, limited to the permissions chosen here (a subset of what
 * the owner holds); the owner's site scope still applies.
 */
export const TOKEN_PREFIX = 'hq_';

type TokenRow = Row<'api_tokens'> & { user_name: string; username: string };

export interface TokenInput {
  name: string;
  permissions: string[];
  expiresAt?: string | null;
}

export function toTokenDto(ctx: Ctx, t: TokenRow) {
  const now = ctx.clock.now().toISOString();
  const status = t.revoked_at ? 'revoked' : t.expires_at && t.expires_at <= now ? 'expired' : 'active';
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    permissions: JSON.parse(t.permissions) as string[],
    userId: t.user_id,
    userName: t.user_name,
    username: t.username,
    status,
    expiresAt: t.expires_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
    createdAt: t.created_at,
  };
}

function tokens(ctx: Ctx) {
  // an integration's token reaches the token list only if it was given tokens:manage
  if (ctx.actor.tokenPermissions && !ctx.actor.tokenPermissions.has('tokens:manage')) throw forbidden('此 API 令牌无权管理令牌');
  let q = ctx.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .selectAll('t')
    .select(['u.name as user_name', 'u.username'])
    .where('t.org_id', '=', ctx.actor.orgId);
  // everyone sees their own tokens; a token manager on every site sees all of them
  if (!hasGlobalPermission(ctx.actor, 'tokens:manage')) q = q.where('t.user_id', '=', ctx.actor.userId ?? '');
  return q;
}

const SORT: SortSpec = { columns: { createdAt: 't.id', name: 't.name' }, default: '-createdAt', id: 't.id' };

export function listTokens(ctx: Ctx, query: PageQuery & { userId?: string }): Promise<Page<TokenRow>> {
  let q = tokens(ctx);
  if (query.userId) q = q.where('t.user_id', '=', query.userId);
  return keysetPage<TokenRow>(q, SORT, query, (row, key) => (key === 'name' ? row.name : row.id));
}

export async function getToken(ctx: Ctx, id: string): Promise<TokenRow> {
  const row = await tokens(ctx).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('API 令牌');
  return row;
}

export async function createToken(ctx: Ctx, input: TokenInput): Promise<{ token: string; row: TokenRow }> {
  // a leaked token must not be able to mint fresh ones that outlive its revocation
  if (ctx.actor.kind !== 'user' || !ctx.actor.userId) throw forbidden('只能在登录后由本人创建 API 令牌');
  const { permissions, errors } = checkPermissionNames(input.permissions);
  const held = permissionsHeldAnywhere(ctx.actor);
  input.permissions.forEach((p, i) => {
    if (permissions.includes(p) && !held.has(p)) errors.push({ field: `permissions.${i}`, message: `你没有“${p}”权限，不能授予令牌` });
  });
  if (!permissions.length && !errors.length) errors.push({ field: 'permissions', message: '至少选择一项权限' });
  errors.push(...expiryProblems(ctx, input.expiresAt));
  if (errors.length) throw validation(errors);
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const row = {
    id: newId(),
    org_id: ctx.actor.orgId,
    user_id: ctx.actor.userId,
    name: input.name,
    prefix: token.slice(0, 10),
    token_hash: sha256(token),
    permissions: JSON.stringify(permissions),
    expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    last_used_at: null,
    revoked_at: null,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('api_tokens').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'api_token', entityId: row.id, action: 'create', after: { ...row, permissions } });
  });
  return { token, row: await getToken(ctx, row.id) };
}

function expiryProblems(ctx: Ctx, expiresAt: string | null | undefined): FieldError[] {
  if (!expiresAt) return [];
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return [{ field: 'expiresAt', message: '不是有效的时间（ISO 8601，例如 2026-12-31T16:00:00Z）' }];
  if (at <= ctx.clock.now().getTime()) return [{ field: 'expiresAt', message: '过期时间须晚于当前时间' }];
  return [];
}

export async function revokeToken(ctx: Ctx, id: string): Promise<TokenRow> {
  const before = await getToken(ctx, id);
  if (before.revoked_at) throw new AppError('CONFLICT', '该令牌已撤销');
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    await writeAudit(ctx, tx, {
      entity: 'api_token',
      entityId: id,
      action: 'revoke',
      before: { revoked_at: null },
      after: { revoked_at: now },
    });
  });
  return getToken(ctx, id);
}
