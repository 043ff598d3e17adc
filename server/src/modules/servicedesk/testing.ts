import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import type { Client, TestApp } from '../../../test/harness.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { orgIdOf, userIdOf } from '../equipment/testing.js';
import { seedServiceDeskDefaults } from './seed.defaults.js';

/**
 * Test fixtures of the service desk: its defaults (until the bootstrap runs them, the
 * tests seed them — the seeder is idempotent), a work order driven through the real
 * API to 已完成, and a system context for the summary facts.
 */
export async function seedDefaults(t: TestApp): Promise<void> {
  const orgId = await orgIdOf(t.db);
  await t.db.transaction().execute((tx) => seedServiceDeskDefaults(tx, orgId, t.clock.now().toISOString()));
}

/**
 * Removes the demo's complaints, hotline calls and return visits (seed.demo.ts) and the
 * complaint numbers they took, for tests that list and count from an empty service desk.
 */
export async function clearServiceDeskDemo(t: TestApp): Promise<void> {
  await t.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('hotline_calls').execute();
    await tx.deleteFrom('return_visits').execute();
    await tx.deleteFrom('complaint_events').execute();
    await tx.deleteFrom('complaints').execute();
    await tx
      .deleteFrom('numbering_counters')
      .where('rule_id', 'in', (eb) => eb.selectFrom('numbering_rules').select('id').where('code', '=', 'TS'))
      .execute();
  });
}

type Step = [action: string, body?: Record<string, unknown>];

/** A work order reported by phone at `siteId` and taken by `clerk` (a dispatcher there) through every step to 已完成. */
export async function completedWorkOrder(t: TestApp, clerk: Client, siteId: string, techUsername: string): Promise<WorkOrderDto> {
  const created = await clerk.post<WorkOrderDto>('/api/v1/work-orders', {
    siteId,
    channel: 'phone',
    category: 'plumbing',
    urgency: 'normal',
    description: '卫生间水龙头漏水',
    requesterName: '王女士',
    requesterPhone: '13800000001',
  });
  if (created.status !== 201) throw new Error(`work order: ${created.status} ${JSON.stringify(created.body)}`);
  const techId = await userIdOf(t.db, techUsername);
  const next: Partial<Record<WorkOrderDto['status'], Step>> = {
    pending: ['dispatch', { assigneeId: techId }],
    dispatched: ['accept'],
    accepted: ['arrive'],
    arrived: ['start'],
    in_progress: ['finish', { cause: 'ageing', result: '更换阀芯' }],
    resolved: ['approve'],
  };
  let wo = created.body;
  while (wo.status !== 'completed') {
    const step = next[wo.status];
    if (!step) throw new Error(`work order stuck in ${wo.status}`);
    const res = await clerk.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/${step[0]}`, { version: wo.version, ...step[1] });
    if (res.status !== 200) throw new Error(`${step[0]}: ${res.status} ${JSON.stringify(res.body)}`);
    wo = res.body;
  }
  return wo;
}

/** A context acting as the system, for calling service functions directly. */
export async function systemCtx(t: TestApp): Promise<Ctx> {
  const { notifier, config } = t.app.deps;
  return { db: t.db, actor: systemActor(await orgIdOf(t.db)), requestId: null, clock: t.clock, config, notifier };
}
