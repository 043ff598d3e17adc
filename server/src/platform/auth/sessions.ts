import { CompiledQuery } from 'kysely';
import type { Actor } from '../access/actor.js';
import { grantsOf, loadGrants } from '../access/grants.js';
import type { Clock, Db } from '../context.js';
import { newId } from '../db/ids.js';
import { randomToken, sha256 } from './secrets.js';

/** Server-side sessions: the cookie holds a random token; the table holds only its hash. */
export async function createSession(
  db: Db,
  clock: Clock,
  userId: string,
  ttlHours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = clock.now();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlHours * 3600_000).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

export async function destroyUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The session, its user and one row per membership with its role's permissions (inactive roles joined as nothing). */
function sessionActorQuery(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('memberships as m', 'm.user_id', 'u.id')
    .leftJoin('roles as r', (join) => join.onRef('r.id', '=', 'm.role_id').on('r.active', '=', 1))
    .select([
      's.id as sid',
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.org_id',
      'u.name',
      'u.active',
      'u.must_change_password',
      'm.site_id',
      'r.permissions',
    ])
    .where('s.id', '=', sessionId);
}

type SessionActorRow = Awaited<ReturnType<ReturnType<typeof sessionActorQuery>['execute']>>[number];

/** Stands in for the session id in the compiled query; no real id (a sha256 hex) can equal it. */
const SESSION_ID_SLOT = '\u0000session-id';
const compiledSessionQuery = new WeakMap<Db, CompiledQuery>();

/**
 * Every request runs this query, and building and compiling a four-table join cost more
 * than SQLite takes to answer it: it is compiled once per database handle, then only
 * its parameters change.
 */
async function sessionActorRows(db: Db, sessionId: string): Promise<SessionActorRow[]> {
  let compiled = compiledSessionQuery.get(db);
  if (!compiled) {
    compiled = sessionActorQuery(db, SESSION_ID_SLOT).compile();
    compiledSessionQuery.set(db, compiled);
  }
  const parameters = compiled.parameters.map((p) => (p === SESSION_ID_SLOT ? sessionId : p));
  return (await db.executeQuery<SessionActorRow>(CompiledQuery.raw(compiled.sql, parameters))).rows;
}

/**
 * Resolves a session cookie to an actor in one query. Nothing is cached across
 * requests: a deleted session (logout, deactivation, password reset) or a changed
 * membership or role takes effect on the next request, in every process.
 */
export async function actorFromSession(db: Db, clock: Clock, token: string): Promise<Actor | null> {
  const rows = await sessionActorRows(db, sha256(token));
  const row = rows[0];
  if (row?.active !== 1 || row.expires_at <= clock.now().toISOString()) return null;
  return {
    kind: 'user',
    userId: row.id,
    name: row.name,
    orgId: row.org_id,
    grants: grantsOf(rows),
    selectedSiteId: null,
    sessionId: row.sid,
    mustChangePassword: row.must_change_password === 1,
    csrfToken: row.csrf_token,
  };
}

/** Resolves `Authorization: Bearer hq_…` to an actor limited to the token's permissions. */
export async function actorFromApiToken(db: Db, clock: Clock, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as tid', 't.permissions', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id', 'u.org_id', 'u.name', 'u.active'])
    .where('t.token_hash', '=', sha256(token))
    .executeTakeFirst();
  const now = clock.now().toISOString();
  if (!row || row.revoked_at || row.active !== 1 || (row.expires_at && row.expires_at <= now)) return null;
  // last_used_at is advisory; write it at most once a minute to keep the hot path read-only
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.tid).execute();
  }
  return {
    kind: 'token',
    userId: row.id,
    name: row.name,
    orgId: row.org_id,
    grants: await loadGrants(db, row.id),
    selectedSiteId: null,
    tokenPermissions: new Set(JSON.parse(row.permissions) as string[]),
  };
}

export { newId };
