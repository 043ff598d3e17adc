import { type Client, login, type TestApp } from '../../../test/harness.js';
import { orgIdOf } from '../equipment/testing.js';
import { PROJECT_NUMBERING, seedProjectDefaults } from './projects.seed.js';
import type { ProjectDetailDto } from './projects.service.js';

/**
 * Test fixtures of the projects module. The demo has no site-limited project manager
 * (head manages every site), so `projectManager` creates one: a role with
 * projects:manage granted on one site only.
 */
export type ErrorBody = {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[]; status?: string; action?: string } };
};
export type Project = ProjectDetailDto & ErrorBody;

/** The GC numbering rule, whether or not the start-up defaults already include the module's seeder. */
export async function ensureProjectDefaults(t: TestApp): Promise<void> {
  const orgId = await orgIdOf(t.db);
  await t.db.transaction().execute((tx) => seedProjectDefaults(tx, orgId, t.clock.now().toISOString()));
}

/**
 * Removes the demo's projects (seed.demo.ts) and the GC numbers they took, for tests
 * that list, number and count from an empty project register.
 */
export async function clearProjectDemo(t: TestApp): Promise<void> {
  await t.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('project_updates').execute();
    await tx.deleteFrom('projects').execute();
    await tx
      .deleteFrom('numbering_counters')
      .where('rule_id', 'in', (eb) => eb.selectFrom('numbering_rules').select('id').where('code', '=', PROJECT_NUMBERING.code))
      .execute();
  });
}

export async function projectManager(t: TestApp, admin: Client, siteId: string, username: string): Promise<Client> {
  const role = await admin.post<{ id: string }>('/api/v1/roles', {
    code: `pm_${username}`,
    name: `项目经理 ${username}`,
    nameEn: `Project manager ${username}`,
    permissions: ['org:read', 'users:read', 'files:upload', 'projects:read', 'projects:manage'],
  });
  if (role.status !== 201) throw new Error(`role: ${role.status} ${JSON.stringify(role.body)}`);
  const password = 'Pm2026proj';
  const user = await admin.post<{ id: string }>('/api/v1/users', { username, name: `项目经理${username}`, password });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const grant = await admin.post(`/api/v1/users/${user.body.id}/memberships`, { roleId: role.body.id, siteId });
  if (grant.status !== 201) throw new Error(`membership: ${grant.status} ${JSON.stringify(grant.body)}`);
  return login(t.app, username, password);
}

export function createProject(c: Client, body: Record<string, unknown>) {
  return c.post<Project>('/api/v1/projects', { name: '一层卫生间改造', type: 'renovation', ...body });
}

export function act(c: Client, p: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) {
  return c.post<Project>(`/api/v1/projects/${p.id}/actions/${action}`, { version: p.version, ...body });
}

/** Runs steps in order, each with the version the previous one returned; fails loudly on any refusal. */
export async function steps(c: Client, p: Project, list: [string, Record<string, unknown>?][]): Promise<Project> {
  let current = p;
  for (const [action, body] of list) {
    const res = await act(c, current, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    current = res.body;
  }
  return current;
}
