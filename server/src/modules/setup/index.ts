import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, validation } from '../../platform/http/errors.js';
import { passwordProblem, usernameProblem } from '../identity/index.js';

/**
 * First run without demo data (HOUQIN_DEMO=0): the web shows a page that creates the
 * administrator. Once any user exists these routes refuse (409 SETUP_DONE).
 */
export const setupModule: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['setup'];
  app.get('/setup', { config: { access: 'public' }, schema: { tags, summary: '首次运行状态' } }, async () => {
    const { db } = app.deps;
    const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    const org = await db.selectFrom('organizations').select(['id', 'name']).executeTakeFirst();
    const demo = await db.selectFrom('app_meta').select('value').where('key', '=', 'demo').executeTakeFirst();
    return { needsAdmin: !user, organization: org?.name ?? null, demo: demo?.value === '1' };
  });

  app.post(
    '/setup',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '创建第一个管理员',
        body: Type.Object({
          organizationName: Type.String({ minLength: 1, maxLength: 100 }),
          username: Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' }),
          name: Type.String({ minLength: 1, maxLength: 50 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
      },
    },
    async (req, reply) => {
      const { db, clock } = app.deps;
      const problems = [
        { field: 'username', message: usernameProblem(req.body.username) },
        { field: 'password', message: passwordProblem(req.body.password, { username: req.body.username }) },
      ].filter((p): p is { field: string; message: string } => p.message !== null);
      if (problems.length) throw validation(problems);
      const passwordHash = await hashPassword(req.body.password);
      const result = await db.transaction().execute(async (tx) => {
        const anyUser = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
        if (anyUser) throw new AppError('SETUP_DONE', '系统已初始化，请直接登录');
        const org = await tx.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
        const role = await tx
          .selectFrom('roles')
          .select('id')
          .where('org_id', '=', org.id)
          .where('code', '=', 'admin')
          .executeTakeFirstOrThrow();
        const now = clock.now().toISOString();
        const id = newId();
        await tx.updateTable('organizations').set({ name: req.body.organizationName, updated_at: now }).where('id', '=', org.id).execute();
        const user = {
          id,
          org_id: org.id,
          username: req.body.username,
          name: req.body.name,
          phone: null,
          employee_no: null,
          department_id: null,
          email: null,
          password_hash: passwordHash,
          locale: 'zh-CN',
          active: 1 as const,
          must_change_password: 0 as const,
          failed_logins: 0,
          locked_until: null,
          created_at: now,
          updated_at: now,
        };
        await tx.insertInto('users').values(user).execute();
        await tx
          .insertInto('memberships')
          .values({ id: newId(), org_id: org.id, user_id: id, role_id: role.id, site_id: null, created_at: now })
          .execute();
        await writeAudit({ actor: systemActor(org.id), requestId: req.id, clock }, tx, {
          entity: 'user',
          entityId: id,
          action: 'create',
          after: { ...user },
        });
        return { id, username: user.username };
      });
      reply.status(201);
      return result;
    },
  );
};
