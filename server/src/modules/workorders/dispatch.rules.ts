import { systemActor } from '../../platform/access/actor.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { applyAction } from './actions.js';
import { type CandidateRule, nextInRotation, pathIds, rankRules } from './dispatch.match.js';
import type { WorkOrderRow } from './repository.js';

const ACTOR_NAME = '自动派单';
/** compare-and-set attempts on the rotation pointer before giving up on the rule */
const ROTATION_ATTEMPTS = 5;

/**
 * Automatic dispatch (category × site × location → team or person, round-robin in a team).
 * Returns the dispatched row, or null when no rule matches (the request stays 待派单).
 *
 * The step runs as the system under the name 自动派单 rather than as the reporter: a QR
 * reporter or requester may not see the team, and the event should say who decided.
 */
export async function autoDispatch(ctx: Ctx, tx: Tx, row: WorkOrderRow): Promise<WorkOrderRow | null> {
  if (row.status !== 'pending') return null;
  const locationIds = row.location_id ? await ancestorIds(tx, row.location_id) : [];
  const candidates = await tx
    .selectFrom('dispatch_rules as r')
    .leftJoin('locations as l', 'l.id', 'r.location_id')
    .select(['r.id', 'r.category', 'r.location_id', 'l.depth', 'r.team_id', 'r.assignee_id', 'r.sort'])
    .where('r.site_id', '=', row.site_id)
    .where('r.active', '=', 1)
    .where((eb) => eb.or([eb('r.category', 'is', null), eb('r.category', '=', row.category)]))
    .where((eb) =>
      locationIds.length
        ? eb.or([eb('r.location_id', 'is', null), eb('r.location_id', 'in', locationIds)])
        : eb('r.location_id', 'is', null),
    )
    .execute();
  const ranked = rankRules(
    candidates.map(
      (c): CandidateRule => ({
        id: c.id,
        category: c.category,
        locationId: c.location_id,
        locationDepth: c.depth === null ? null : Number(c.depth),
        teamId: c.team_id,
        assigneeId: c.assignee_id,
        sort: Number(c.sort),
      }),
    ),
    { category: row.category, locationIds },
  );
  // ctx.db is the transaction too: SQLite has one connection, so a read through the
  // outer handle while this transaction holds it would wait for ever
  const system: Ctx = { ...ctx, db: tx, actor: { ...systemActor(row.org_id), name: ACTOR_NAME } };
  for (const rule of ranked) {
    const target = await targetOf(tx, rule);
    if (!target) continue; // person left, team stood down: the next rule may still fit
    return applyAction(system, tx, row, null, 'dispatch', { version: row.version, ...target }, ACTOR_NAME);
  }
  return null;
}

async function ancestorIds(tx: Tx, locationId: string): Promise<string[]> {
  const loc = await tx.selectFrom('locations').select('path').where('id', '=', locationId).executeTakeFirst();
  return pathIds(loc?.path);
}

type Target = { assigneeId: string | null; teamId: string | null };

async function targetOf(tx: Tx, rule: CandidateRule): Promise<Target | null> {
  if (rule.assigneeId) {
    const user = await tx.selectFrom('users').select('active').where('id', '=', rule.assigneeId).executeTakeFirst();
    return user?.active === 1 ? { assigneeId: rule.assigneeId, teamId: null } : null;
  }
  if (!rule.teamId) return null;
  const team = await tx.selectFrom('teams').select('active').where('id', '=', rule.teamId).executeTakeFirst();
  if (team?.active !== 1) return null;
  const assigneeId = await takeTurn(tx, rule.id, rule.teamId);
  // a team without active members still gets the order: its leader or anyone joining later sees it
  return { assigneeId, teamId: rule.teamId };
}

/**
 * Moves the rule's rotation pointer to the next active member and returns them. The
 * update is conditional on the pointer read, so two requests dispatched at the same
 * moment by the same rule never land on the same person: the loser re-reads and takes
 * the following turn (on PostgreSQL the second update waits for the first commit).
 */
async function takeTurn(tx: Tx, ruleId: string, teamId: string): Promise<string | null> {
  const members = (
    await tx
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id')
      .where('m.team_id', '=', teamId)
      .where('u.active', '=', 1)
      .execute()
  ).map((m) => m.user_id);
  for (let attempt = 0; attempt < ROTATION_ATTEMPTS; attempt++) {
    const rule = await tx.selectFrom('dispatch_rules').select('last_assignee_id').where('id', '=', ruleId).executeTakeFirstOrThrow();
    const next = nextInRotation(members, rule.last_assignee_id);
    if (next === null) return null;
    const last = rule.last_assignee_id;
    const res = await tx
      .updateTable('dispatch_rules')
      .set({ last_assignee_id: next })
      .where('id', '=', ruleId)
      .where((eb) => (last === null ? eb('last_assignee_id', 'is', null) : eb('last_assignee_id', '=', last)))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) return next;
  }
  return null;
}
