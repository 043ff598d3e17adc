import type { MeResponse } from '../../../../contracts/types.js';
import type { Config } from '../../config.js';
import { type Actor, siteScope, systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { hashPassword, verifyPassword } from '../../platform/auth/secrets.js';
import { createSession, destroyUserSessions } from '../../platform/auth/sessions.js';
import type { Clock, Ctx, Db } from '../../platform/context.js';
import { AppError, validation } from '../../platform/http/errors.js';
import { passwordProblem } from './identity.rules.js';

// Verifying against a fixed hash when the user does not exist keeps the timing of
// "unknown user" and "wrong password" alike.
let dummyHash: Promise<string> | null = null;

export async function login(
  deps: { db: Db; clock: Clock; config: Config },
  input: { login: string; password: string },
  meta: { ip: string | null; userAgent: string | null; requestId: string },
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const { db, clock, config } = deps;
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', input.login), eb('phone', '=', input.login)]))
    .executeTakeFirst();
  const now = clock.now();
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(await dummyHash, input.password);
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定至 ${user.locked_until}`, { lockedUntil: user.locked_until });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  const ctx = { actor: { ...systemActor(user.org_id), userId: user.id, name: user.name }, requestId: meta.requestId, clock };
  if (!ok || user.active !== 1) {
    if (!ok) {
      const failures = user.failed_logins + 1;
      const lock = failures >= config.loginMaxFailures;
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({
            failed_logins: lock ? 0 : failures,
            locked_until: lock ? new Date(now.getTime() + config.loginLockMinutes * 60_000).toISOString() : user.locked_until,
          })
          .where('id', '=', user.id)
          .execute();
        if (lock) await writeAudit(ctx, tx, { entity: 'user', entityId: user.id, action: 'lock', after: { reason: 'failed_logins' } });
      });
    }
    throw new AppError('INVALID_CREDENTIALS', user.active !== 1 && ok ? '账号已停用' : '用户名或密码错误');
  }
  if (user.failed_logins > 0 || user.locked_until) {
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  }
  const session = await createSession(db, clock, user.id, config.sessionTtlHours, meta);
  await writeAudit(ctx, db, { entity: 'user', entityId: user.id, action: 'login', after: { ip: meta.ip } });
  return { ...session, userId: user.id };
}

export async function me(db: Db, actor: Actor, csrfToken: string): Promise<MeResponse> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  const user = await db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const org = await db.selectFrom('organizations').select(['id', 'name']).where('id', '=', actor.orgId).executeTakeFirstOrThrow();
  const scope = siteScope({ ...actor, selectedSiteId: null }, 'org:read');
  let sitesQ = db.selectFrom('sites').select(['id', 'code', 'name', 'timezone']).where('org_id', '=', actor.orgId).where('active', '=', 1);
  if (scope !== 'all') sitesQ = sitesQ.where('id', 'in', scope.length ? scope : ['']);
  const demo = await db.selectFrom('app_meta').select('value').where('key', '=', 'demo').executeTakeFirst();
  return {
    user: {
      id: user.id,
      username: user.username,
      name: user.name,
      locale: user.locale,
      mustChangePassword: user.must_change_password === 1,
    },
    csrfToken,
    grants: actor.grants.map((g) => ({ siteId: g.siteId, permissions: [...g.permissions] })),
    sites: await sitesQ.orderBy('code').execute(),
    organization: org,
    demo: demo?.value === '1',
  };
}

export function checkPasswordStrength(
  password: string,
  field = 'newPassword',
  owner: { username?: string | null; phone?: string | null } = {},
): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw validation([{ field, message: problem }]);
}

export async function changePassword(ctx: Ctx, current: string, next: string): Promise<void> {
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) {
    throw validation([{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  checkPasswordStrength(next, 'newPassword', user);
  const hashed = await hashPassword(next);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hashed, must_change_password: 0, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    // other sessions end; the current one stays so the person is not thrown out
    await tx
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id', '!=', ctx.actor.sessionId ?? '')
      .execute();
    await writeAudit(ctx, tx, { entity: 'user', entityId: userId, action: 'change_password' });
  });
}

export { destroyUserSessions };
