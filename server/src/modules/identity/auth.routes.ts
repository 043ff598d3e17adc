import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SESSION_COOKIE } from '../../../../contracts/types.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { actorFromSession, destroySession } from '../../platform/auth/sessions.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { AppError } from '../../platform/http/errors.js';
import { changePassword, login, me } from './auth.service.js';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '用户名或手机号 + 密码登录',
        body: Type.Object({ login: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
      },
    },
    async (req, reply) => {
      const { deps } = app;
      const session = await login(deps, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.publicUrl.startsWith('https://'),
        maxAge: deps.config.sessionTtlHours * 3600,
      });
      req.cookies[SESSION_COOKIE] = session.token;
      const actor = await actorFromSession(deps.db, deps.clock, session.token);
      if (!actor) throw new AppError('INTERNAL', '会话创建失败');
      return me(deps.db, actor, session.csrfToken);
    },
  );

  app.post('/auth/logout', { config: { access: 'authenticated' }, schema: { tags } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const ctx = ctxOf(req);
    const userId = ctx.actor.userId;
    if (token && userId) {
      // sign-outs belong in the trail next to sign-ins
      await ctx.db.transaction().execute(async (tx) => {
        await destroySession(tx, token);
        await writeAudit(ctx, tx, { entity: 'user', entityId: userId, action: 'logout' });
      });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { config: { access: 'authenticated' }, schema: { tags } }, async (req) => {
    const actor = ctxOf(req).actor;
    return me(app.deps.db, actor, actor.csrfToken ?? '');
  });

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '修改自己的密码',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
          newPassword: Type.String({ minLength: 1, maxLength: 200 }),
        }),
      },
    },
    async (req) => {
      await changePassword(ctxOf(req), req.body.currentPassword, req.body.newPassword);
      return { ok: true };
    },
  );
};
