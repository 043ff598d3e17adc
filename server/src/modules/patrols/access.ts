import type { PatrolAssigneeType } from '../../../../contracts/patrols.js';
import { hasPermission } from '../../platform/access/actor.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';

/**
 * Who the actor is for rounds: their teams and the roles they hold (site by site), read
 * once per request so a list decides `canDo` for every row without more queries.
 */
export interface DoerView {
  userId: string | null;
  teamIds: Set<string>;
  /** role codes held on every site ('*') and on each site */
  roles: { code: string; siteId: string | null }[];
}

export async function doerView(db: Db | Tx, ctx: Ctx): Promise<DoerView> {
  const userId = ctx.actor.userId;
  if (!userId) return { userId: null, teamIds: new Set(), roles: [] };
  const [teams, roles] = await Promise.all([
    db
      .selectFrom('team_members as m')
      .innerJoin('teams as t', 't.id', 'm.team_id')
      .select('t.id')
      .where('m.user_id', '=', userId)
      .where('t.active', '=', 1)
      .execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('roles as r', 'r.id', 'm.role_id')
      .select(['r.code', 'm.site_id'])
      .where('m.user_id', '=', userId)
      .where('r.active', '=', 1)
      .execute(),
  ]);
  return { userId, teamIds: new Set(teams.map((t) => t.id)), roles: roles.map((r) => ({ code: r.code, siteId: r.site_id })) };
}

export interface Assigned {
  site_id: string;
  assignee_type: PatrolAssigneeType;
  assignee_id: string | null;
  assignee_role: string | null;
}

/** The round's assignee is the actor: the person, a member of the team, or a holder of the role on the site. */
export function isAssignee(view: DoerView, a: Assigned): boolean {
  if (a.assignee_type === 'user') return a.assignee_id !== null && a.assignee_id === view.userId;
  if (a.assignee_type === 'team') return a.assignee_id !== null && view.teamIds.has(a.assignee_id);
  return view.roles.some((r) => r.code === a.assignee_role && (r.siteId === null || r.siteId === a.site_id));
}

/** Who may do a round: patrols:do on its site, and its assignee. */
export function mayDo(ctx: Ctx, view: DoerView, a: Assigned): boolean {
  return hasPermission(ctx.actor, 'patrols:do', a.site_id) && isAssignee(view, a);
}
