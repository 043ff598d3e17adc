import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { OPEN_STATUSES, type WorkOrderDto, type WorkOrderStatus } from '../../../../contracts/workorders.js';
import { type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id } from '../../platform/http/schemas.js';
import { usersWithPermission } from '../identity/index.js';
import { actorView } from './policy.js';
import { listWorkOrders, type WorkOrderFilter } from './repository.js';
import { toWorkOrderDtos } from './service.js';

export interface TechnicianLoad {
  userId: string;
  name: string;
  /** open orders by status */
  dispatched: number;
  accepted: number;
  arrived: number;
  inProgress: number;
  paused: number;
  /** open orders with a breached deadline */
  overdue: number;
  total: number;
}

export interface BoardDto {
  /** waiting for a dispatcher */
  pending: WorkOrderDto[];
  /** in the pool, waiting for a technician to claim */
  pool: WorkOrderDto[];
  /** open with a breached deadline */
  overdue: WorkOrderDto[];
  load: TechnicianLoad[];
}

const BOARD_LIMIT = 100;

/**
 * The dispatcher board (调度台) in one answer: what waits for dispatch, the claim pool,
 * what is late, and each technician's open work. Technicians are the people who hold
 * workorders:work on the board's sites but not workorders:manage (supervisors can work
 * orders too, but are not loaded like crew), plus anyone who has open work assigned.
 */
async function board(ctx: Ctx, siteId: string | undefined): Promise<BoardDto> {
  const view = await actorView(ctx);
  const dispatchSites = siteScope(ctx.actor, 'workorders:dispatch');
  const sites: SiteScope = dispatchSites === 'all' ? 'all' : dispatchSites.filter((s) => !siteId || s === siteId);
  const boardView = { ...view, sites, counterIds: [], userId: null };
  const page = (f: WorkOrderFilter) =>
    listWorkOrders(ctx.db, ctx.actor.orgId, boardView, { ...f, siteId, limit: BOARD_LIMIT, sort: 'createdAt' }).then((p) => p.items);
  const [pending, pool, overdue] = await Promise.all([
    page({ status: ['pending'], inPool: false }),
    page({ status: ['pending'], inPool: true }),
    page({ status: [...OPEN_STATUSES], overdue: true }),
  ]);
  const [pendingDtos, poolDtos, overdueDtos, load] = await Promise.all([
    toWorkOrderDtos(ctx, view, pending),
    toWorkOrderDtos(ctx, view, pool),
    toWorkOrderDtos(ctx, view, overdue),
    technicianLoad(ctx, sites, siteId),
  ]);
  return { pending: pendingDtos, pool: poolDtos, overdue: overdueDtos, load };
}

async function technicianLoad(ctx: Ctx, sites: 'all' | string[], siteId: string | undefined): Promise<TechnicianLoad[]> {
  const orgId = ctx.actor.orgId;
  const siteIds =
    sites === 'all'
      ? (
          await ctx.db
            .selectFrom('sites')
            .select('id')
            .where('org_id', '=', orgId)
            .where('active', '=', 1)
            .$if(!!siteId, (q) => q.where('id', '=', siteId as string))
            .execute()
        ).map((s) => s.id)
      : sites;
  if (!siteIds.length) return [];
  const counts = await ctx.db
    .selectFrom('work_orders as w')
    .innerJoin('users as u', 'u.id', 'w.assignee_id')
    .select(['w.assignee_id', 'u.name', 'w.status'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .count<number>('w.id')
        .filterWhere((e) =>
          e.exists(
            e
              .selectFrom('work_order_timers as tm')
              .select('tm.kind')
              .whereRef('tm.work_order_id', '=', 'w.id')
              .where('tm.met_at', 'is', null)
              .where('tm.breached_at', 'is not', null),
          ),
        )
        .as('late'),
    ])
    .where('w.org_id', '=', orgId)
    .where('w.site_id', 'in', siteIds)
    .where('w.status', 'in', [...OPEN_STATUSES])
    .groupBy(['w.assignee_id', 'u.name', 'w.status'])
    .execute();
  const byUser = new Map<string, TechnicianLoad>();
  const entry = (userId: string, name: string) => {
    let e = byUser.get(userId);
    if (!e) {
      e = { userId, name, dispatched: 0, accepted: 0, arrived: 0, inProgress: 0, paused: 0, overdue: 0, total: 0 };
      byUser.set(userId, e);
    }
    return e;
  };
  const holders = await Promise.all(
    siteIds.map(async (s) => {
      const [workers, managers] = await Promise.all([
        usersWithPermission(ctx.db, orgId, 'workorders:work', s),
        usersWithPermission(ctx.db, orgId, 'workorders:manage', s),
      ]);
      const managerIds = new Set(managers.map((m) => m.id));
      return workers.filter((w) => !managerIds.has(w.id));
    }),
  );
  for (const u of holders.flat()) entry(u.id, u.name);
  const FIELD: Partial<Record<WorkOrderStatus, keyof TechnicianLoad>> = {
    dispatched: 'dispatched',
    accepted: 'accepted',
    arrived: 'arrived',
    in_progress: 'inProgress',
    paused: 'paused',
  };
  for (const c of counts) {
    const e = entry(c.assignee_id as string, c.name);
    const field = FIELD[c.status];
    const n = Number(c.n);
    if (field) (e[field] as number) += n;
    e.total += n;
    e.overdue += Number(c.late);
  }
  return [...byUser.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
}

export const boardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-orders/board',
    {
      config: { access: 'workorders:dispatch' },
      schema: {
        tags: ['workorders'],
        summary: '调度台：待派单、抢单池、超时工单、维修人员负荷',
        querystring: Type.Object({ siteId: Type.Optional(Id) }),
      },
    },
    async (req) => board(ctxOf(req), req.query.siteId),
  );
};
