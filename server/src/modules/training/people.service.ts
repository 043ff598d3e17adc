import type { MyTrainingDto, PersonTrainingRecordDto } from '../../../../contracts/training.js';
import { siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { zonedDate, zonedDayStart } from '../../platform/numbering/time.js';
import { inScopeRead, scopeFilter } from './common.js';
import { sessionsOfPerson } from './sessions.repository.js';
import { sessionDtos } from './sessions.service.js';
import { spotCheckDtos, spotChecksByIds } from './spotchecks.service.js';
import '../checklists/schema.js';
import './etiquette.schema.js';
import './schema.js';

const DAY = 86_400_000;
/** closed spot checks stay on "my training" this long, so the person sees their result */
const RECENT_DAYS = 7;
const MY_LIMIT = 50;
const RECORD_LIMIT = 1000;

/**
 * GET /training/my: today's and upcoming sessions of the signed-in person (invited, signed
 * in, or open to a site where they attend training) and their spot checks — open ones and
 * those closed in the last week. Colleagues' results are left out unless the person reads
 * training on the site.
 */
export async function myTraining(ctx: Ctx): Promise<MyTrainingDto> {
  const me = ctx.actor.userId;
  if (!me) return { sessions: [], spotChecks: [] };
  const now = ctx.clock.now();
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  // a day back covers the start of "today" in any zone; each site's own today is applied below
  const rows = await sessionsOfPerson(
    db,
    orgId,
    me,
    scopeFilter(siteScope(ctx.actor, 'training:attend')),
    new Date(now.getTime() - DAY).toISOString(),
    MY_LIMIT,
  );
  const today = rows.filter((r) => Date.parse(r.ends_at) >= zonedDayStart(zonedDate(now, r.site_timezone), r.site_timezone).getTime());
  const sessions = await sessionDtos(ctx, today);

  const named = await db
    .selectFrom('spot_check_participants as p')
    .innerJoin('spot_checks as c', 'c.id', 'p.spot_check_id')
    .select('c.id')
    .where('p.user_id', '=', me)
    .where('c.org_id', '=', orgId)
    .where('c.due_at', '>=', new Date(now.getTime() - RECENT_DAYS * DAY).toISOString())
    .orderBy('c.due_at')
    .limit(MY_LIMIT)
    .execute();
  const checks = await spotCheckDtos(
    ctx,
    await spotChecksByIds(
      db,
      orgId,
      named.map((n) => n.id),
    ),
  );
  return {
    sessions,
    spotChecks: checks.map((c) => {
      const own = c.participants.find((p) => p.userId === me);
      return {
        spotCheck: inScopeRead(ctx, c.siteId) ? c : { ...c, participants: own ? [own] : [] },
        attemptId: own?.attemptId ?? null,
        submittedAt: own?.submittedAt ?? null,
        score: own?.score ?? null,
        passed: own?.passed ?? null,
      };
    }),
  };
}

/**
 * The sites of a person's record the actor may see: every site for the person themself;
 * otherwise the sites where the actor manages training and the person works (a membership
 * there or on every site). Null: every site.
 */
async function recordSites(ctx: Ctx, userId: string): Promise<string[] | null> {
  if (ctx.actor.userId === userId) return null;
  const managed = siteScope(ctx.actor, 'training:manage');
  const memberships = await ctx.db.selectFrom('memberships').select('site_id').where('user_id', '=', userId).execute();
  const everywhere = memberships.some((m) => m.site_id === null);
  const theirs = memberships.map((m) => m.site_id).filter((s): s is string => s !== null);
  if (managed === 'all') return everywhere ? null : theirs;
  return everywhere ? managed : managed.filter((s) => theirs.includes(s));
}

/** GET /training/people/:userId — the person themself, or someone managing training on a site they share; 404 otherwise. */
export async function personRecord(ctx: Ctx, userId: string): Promise<PersonTrainingRecordDto> {
  const db = ctx.db;
  const user = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw notFound('人员');
  const sites = await recordSites(ctx, userId);
  if (sites !== null && sites.length === 0) throw notFound('人员');

  let sessions = db
    .selectFrom('training_attendees as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .select(['s.id', 's.number', 's.title', 's.type', 's.starts_at', 'a.signed_in_at'])
    .where('a.user_id', '=', userId)
    .where('s.status', '<>', 'cancelled')
    .orderBy('s.starts_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(RECORD_LIMIT);
  if (sites !== null) sessions = sessions.where('s.site_id', 'in', sites);
  let attempts = db
    .selectFrom('quiz_attempts as q')
    .innerJoin('spot_checks as c', 'c.id', 'q.spot_check_id')
    .select(['q.id', 'q.spot_check_id', 'c.title', 'q.submitted_at', 'q.score', 'q.passed'])
    .where('q.user_id', '=', userId)
    .orderBy('q.started_at', 'desc')
    .orderBy('q.id', 'desc')
    .limit(RECORD_LIMIT);
  if (sites !== null) attempts = attempts.where('q.site_id', 'in', sites);
  // the person's etiquette checks, on the same sites as the rest of the record (themself: all of them)
  let etiquette = db
    .selectFrom('etiquette_checks as e')
    .innerJoin('checklist_templates as tpl', 'tpl.id', 'e.template_id')
    .select(['e.id', 'e.number', 'tpl.name as template_name', 'e.checked_at', 'e.score'])
    .where('e.person_id', '=', userId)
    .orderBy('e.checked_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(RECORD_LIMIT);
  if (sites !== null) etiquette = etiquette.where('e.site_id', 'in', sites);
  const [sessionRows, attemptRows, etiquetteRows] = await Promise.all([sessions.execute(), attempts.execute(), etiquette.execute()]);
  return {
    userId: user.id,
    name: user.name,
    sessions: sessionRows.map((s) => ({
      id: s.id,
      number: s.number,
      title: s.title,
      type: s.type,
      startsAt: s.starts_at,
      signedInAt: s.signed_in_at,
    })),
    attempts: attemptRows.map((a) => ({
      id: a.id,
      spotCheckId: a.spot_check_id,
      title: a.title,
      submittedAt: a.submitted_at,
      score: a.submitted_at && a.score !== null ? Number(a.score) : null,
      passed: a.submitted_at && a.passed !== null ? a.passed === 1 : null,
    })),
    etiquette: etiquetteRows.map((e) => ({
      id: e.id,
      number: e.number,
      templateName: e.template_name,
      checkedAt: e.checked_at,
      score: Number(e.score),
    })),
  };
}
