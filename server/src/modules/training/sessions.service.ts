import { randomInt } from 'node:crypto';
import type {
  TrainingAttendeeDto,
  TrainingCheckinResultDto,
  TrainingSessionDto,
  TrainingSessionInput,
  TrainingStatus,
} from '../../../../contracts/training.js';
import type { Page } from '../../../../contracts/types.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound, staleVersion } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { qrPng, qrSvg } from '../../platform/print/qr.js';
import { QR_ALPHABET } from '../equipment/index.js';
import { usersWithPermission } from '../identity/index.js';
import { activeDictionaryPairs } from '../system/index.js';
import { attachmentIds, instant, locationPaths, mayAttend, mayManage, period, readScope, scopeFilter, text } from './common.js';
import {
  type AttendeeRow,
  attendeesOf,
  findSession,
  findSessionByCode,
  listSessions,
  type SessionFilter,
  type SessionListRow,
  type SessionRow,
} from './sessions.repository.js';

/** 培训 numbers: PX-20260315-01, per site, by the day the session starts. */
export const SESSION_NUMBERING = {
  code: 'PX',
  name: '培训',
  prefix: 'PX',
  dateFormat: 'YYYYMMDD',
  seqWidth: 2,
  reset: 'daily',
  perSite: true,
} as const;

/** attachments.owner_type of a session's course materials */
export const SESSION_MATERIALS = 'training_session';
/** sign-in opens this long before the start and closes at the end */
export const SIGN_IN_LEAD_MINUTES = 30;
const MINUTE = 60_000;
const MAX_DAYS = 7;
const MAX_PEOPLE = 500;
const CODE_LENGTH = 10;

/** planned before the end, done once ended or marked done, cancelled as stored */
export function sessionStatus(row: Pick<SessionRow, 'status' | 'ends_at'>, nowMs: number): TrainingStatus {
  if (row.status === 'cancelled') return 'cancelled';
  return row.status === 'done' || Date.parse(row.ends_at) <= nowMs ? 'done' : 'planned';
}

/** Why a person may not sign in now by QR, or null when they may (the window, a cancellation, a session marked done). */
export function signInRefusal(row: Pick<SessionRow, 'status' | 'starts_at' | 'ends_at'>, nowMs: number, timeZone: string): string | null {
  if (row.status === 'cancelled') return '该培训已取消，无需签到';
  const opens = Date.parse(row.starts_at) - SIGN_IN_LEAD_MINUTES * MINUTE;
  if (nowMs < opens) {
    const start = formatZoned(new Date(row.starts_at), timeZone);
    return `签到尚未开始：培训 ${start} 开始，开始前 ${SIGN_IN_LEAD_MINUTES} 分钟起可以签到`;
  }
  if (row.status === 'done' || nowMs > Date.parse(row.ends_at)) return '培训已结束，不能再扫码签到，请联系培训负责人补签';
  return null;
}

/** A random sign-in code (the QR alphabet: no 0/O, 1/I/L), long enough not to be guessed. */
export function newCheckinCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += QR_ALPHABET[randomInt(QR_ALPHABET.length)];
  return code;
}

/** `${PUBLIC_URL}/training/checkin/<code>`: what a session's QR encodes (the web sign-in page). */
export function checkinUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/training/checkin/${code}`;
}

/** The DTOs of sessions as the actor sees them (their own sign-in state, the code only for managers). */
export async function sessionDtos(ctx: Ctx, rows: SessionListRow[]): Promise<TrainingSessionDto[]> {
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const ids = rows.map((r) => r.id);
  const [attendees, materials, paths] = await Promise.all([
    attendeesOf(db, ids),
    attachmentIds(db, orgId, SESSION_MATERIALS, ids),
    locationPaths(
      db,
      orgId,
      rows.map((r) => r.location_id),
    ),
  ]);
  const bySession = new Map<string, AttendeeRow[]>();
  for (const a of attendees) bySession.set(a.session_id, [...(bySession.get(a.session_id) ?? []), a]);
  const now = ctx.clock.now().getTime();
  const me = ctx.actor.userId;
  return rows.map((r): TrainingSessionDto => {
    const list = bySession.get(r.id) ?? [];
    const mine = list.find((a) => a.user_id === me);
    const invitedCount = list.filter((a) => a.invited === 1).length;
    const open = invitedCount === 0 || mine?.invited === 1;
    const signedIn = mine?.signed_in_at != null;
    return {
      id: r.id,
      number: r.number,
      siteId: r.site_id,
      siteName: r.site_name,
      title: r.title,
      type: r.type,
      trainerId: r.trainer_id,
      trainerName: r.trainer_id ? r.trainer_user_name : r.trainer_name,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      locationId: r.location_id,
      locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
      place: r.place,
      description: r.description,
      materialIds: materials.get(r.id) ?? [],
      attendees: list.map(
        (a): TrainingAttendeeDto => ({
          userId: a.user_id,
          name: a.name,
          invited: a.invited === 1,
          signedInAt: a.signed_in_at,
          method: a.signed_in_at ? a.method : null,
        }),
      ),
      invitedCount,
      signedInCount: list.filter((a) => a.signed_in_at !== null).length,
      status: sessionStatus(r, now),
      cancelReason: r.cancel_reason,
      checkinCode: mayManage(ctx, r.site_id) ? r.checkin_code : null,
      canSignIn: me !== null && !signedIn && open && mayAttend(ctx, r.site_id) && signInRefusal(r, now, r.site_timezone) === null,
      signedIn,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

/**
 * A session the actor may read: on a site where they read training (safety:read or
 * training:manage), or — with training:attend there — one they are invited to or signed
 * in to, or one open to the whole site. 404 otherwise, also for other sites' ids.
 */
export async function readableSession(ctx: Ctx, id: string): Promise<SessionListRow> {
  const row = await findSession(ctx.db, ctx.actor.orgId, id);
  if (!row || !(await readsSession(ctx, row))) throw notFound('培训');
  return row;
}

/** The rule of readableSession for a session already found. */
async function readsSession(ctx: Ctx, row: SessionListRow): Promise<boolean> {
  if (inScope(readScope(ctx), row.site_id)) return true;
  const me = ctx.actor.userId;
  if (!me || !mayAttend(ctx, row.site_id)) return false;
  const people = await ctx.db.selectFrom('training_attendees').select(['user_id', 'invited']).where('session_id', '=', row.id).execute();
  return people.some((p) => p.user_id === me) || !people.some((p) => p.invited === 1);
}

export async function getSession(ctx: Ctx, id: string): Promise<TrainingSessionDto> {
  const [dto] = await sessionDtos(ctx, [await readableSession(ctx, id)]);
  return dto as TrainingSessionDto;
}

export type SessionSearch = Omit<SessionFilter, 'sites' | 'attendee' | 'now'>;

export async function searchSessions(ctx: Ctx, filter: SessionSearch): Promise<Page<TrainingSessionDto>> {
  const me = ctx.actor.userId;
  const page = await listSessions(ctx.db, ctx.actor.orgId, {
    ...filter,
    ...period(filter),
    sites: scopeFilter(readScope(ctx)),
    ...(me && { attendee: { userId: me, sites: scopeFilter(siteScope(ctx.actor, 'training:attend')) } }),
    now: ctx.clock.now().toISOString(),
  });
  return { items: await sessionDtos(ctx, page.items), nextCursor: page.nextCursor };
}

// ── create / edit ──────────────────────────────────────────────────────────────

type SessionFields = Pick<
  SessionRow,
  'site_id' | 'title' | 'type' | 'trainer_id' | 'trainer_name' | 'starts_at' | 'ends_at' | 'location_id' | 'place' | 'description'
>;

/** People who may attend training on the site (training:attend there), the only ones invited or signed in by hand. */
async function attendSet(ctx: Ctx, siteId: string): Promise<Set<string>> {
  return new Set((await usersWithPermission(ctx.db, ctx.actor.orgId, 'training:attend', siteId)).map((u) => u.id));
}

/** Each id must name someone who may attend on the site; answers the ids without repeats. */
export async function checkPeople(ctx: Ctx, siteId: string, ids: string[], field: string, check: FieldCheck): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_PEOPLE) {
    check.add(field, `一次最多 ${MAX_PEOPLE} 人`);
    return [];
  }
  if (!unique.length) return unique;
  const allowed = await attendSet(ctx, siteId);
  ids.forEach((id, i) => {
    if (!allowed.has(id)) check.add(`${field}.${i}`, '人员不存在、已停用，或在该场所没有参加培训的权限');
  });
  return unique;
}

async function checkSession(ctx: Ctx, input: TrainingSessionInput): Promise<{ fields: SessionFields; invitees: string[] }> {
  const check = new FieldCheck();
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const site = await db.selectFrom('sites').select('id').where('org_id', '=', orgId).where('id', '=', input.siteId).executeTakeFirst();
  const siteOk = site !== undefined && mayManage(ctx, site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理培训');
  const title = text(input.title);
  if (!title) check.add('title', '请填写培训主题');
  const types = await activeDictionaryPairs(db, orgId, [{ type: 'training_type', code: input.type }]);
  if (!types.has(`training_type:${input.type}`)) check.add('type', '请选择有效的培训类型');
  const trainerId = input.trainerId ?? null;
  const trainerName = trainerId ? null : text(input.trainerName);
  if (trainerId) {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', trainerId)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!user) check.add('trainerId', '讲师不存在或已停用');
  } else if (!trainerName) check.add('trainerId', '请选择讲师，或填写外部讲师姓名');
  const startsAt = instant(check, 'startsAt', input.startsAt, '开始时间');
  const endsAt = instant(check, 'endsAt', input.endsAt, '结束时间');
  if (startsAt && endsAt) {
    const span = Date.parse(endsAt) - Date.parse(startsAt);
    if (span <= 0) check.add('endsAt', '结束时间须晚于开始时间');
    else if (span > MAX_DAYS * 24 * 60 * MINUTE) check.add('endsAt', `一次培训不能超过 ${MAX_DAYS} 天`);
  }
  const locationId = input.locationId ?? null;
  if (locationId && siteOk) {
    const loc = await db
      .selectFrom('locations')
      .select('site_id')
      .where('org_id', '=', orgId)
      .where('id', '=', locationId)
      .executeTakeFirst();
    if (loc?.site_id !== input.siteId) check.add('locationId', '位置不存在或不属于所选场所');
  }
  const invitees = siteOk ? await checkPeople(ctx, input.siteId, input.inviteeIds ?? [], 'inviteeIds', check) : [];
  check.throwIfAny();
  return {
    fields: {
      site_id: input.siteId,
      title: title as string,
      type: input.type,
      trainer_id: trainerId,
      trainer_name: trainerName,
      starts_at: startsAt as string,
      ends_at: endsAt as string,
      location_id: locationId,
      place: text(input.place),
      description: text(input.description),
    },
    invitees,
  };
}

export async function createSession(ctx: Ctx, input: TrainingSessionInput): Promise<TrainingSessionDto> {
  const { fields, invitees } = await checkSession(ctx, input);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx, {
      orgId: ctx.actor.orgId,
      ruleCode: SESSION_NUMBERING.code,
      siteId: fields.site_id,
      at: new Date(fields.starts_at),
    });
    const row = {
      id,
      org_id: ctx.actor.orgId,
      number,
      ...fields,
      status: 'planned' as const,
      cancel_reason: null,
      checkin_code: newCheckinCode(),
      created_by: ctx.actor.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('training_sessions').values(row).execute();
    await invite(tx, ctx.actor.orgId, id, invitees, at);
    const { checkin_code: _code, ...audited } = row;
    await writeAudit(ctx, tx, {
      entity: 'training_session',
      entityId: id,
      siteId: fields.site_id,
      action: 'create',
      after: { ...audited, invitee_ids: invitees },
    });
  });
  return getSession(ctx, id);
}

async function invite(tx: Tx, orgId: string, sessionId: string, userIds: string[], at: string): Promise<void> {
  if (!userIds.length) return;
  await tx
    .insertInto('training_attendees')
    .values(
      userIds.map((userId) => ({
        id: newId(),
        org_id: orgId,
        session_id: sessionId,
        user_id: userId,
        invited: 1 as const,
        signed_in_at: null,
        method: null,
        signed_in_by: null,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doUpdateSet({ invited: 1 }))
    .execute();
}

/** A session the actor manages: readable (404), on a site they manage training (403), at the version read (409). */
async function sessionToManage(ctx: Ctx, id: string, version: number): Promise<SessionListRow> {
  const row = await readableSession(ctx, id);
  if (!mayManage(ctx, row.site_id)) throw forbidden('您无权管理该场所的培训');
  if (Number(row.version) !== version) throw staleVersion();
  return row;
}

const invitedIds = (people: AttendeeRow[]) => people.filter((p) => p.invited === 1).map((p) => p.user_id);

export async function updateSession(ctx: Ctx, id: string, input: TrainingSessionInput & { version: number }): Promise<TrainingSessionDto> {
  const before = await sessionToManage(ctx, id, input.version);
  if (before.status === 'cancelled') throw new AppError('CONFLICT', '培训已取消，不能修改', { status: before.status });
  const { fields, invitees } = await checkSession(ctx, input);
  const people = await attendeesOf(ctx.db, [id]);
  if (fields.site_id !== before.site_id && people.some((p) => p.signed_in_at !== null)) {
    new FieldCheck().add('siteId', '已有人签到，不能更换场所').throwIfAny();
  }
  const at = ctx.clock.now().toISOString();
  const wanted = new Set(invitees);
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'training_sessions', id, input.version, fields, at);
    // uninvited: the invitation goes, a sign-in stays (as a walk-in)
    const dropped = people.filter((p) => p.invited === 1 && !wanted.has(p.user_id));
    const unsigned = dropped.filter((p) => p.signed_in_at === null).map((p) => p.id);
    const signed = dropped.filter((p) => p.signed_in_at !== null).map((p) => p.id);
    if (unsigned.length) await tx.deleteFrom('training_attendees').where('id', 'in', unsigned).execute();
    if (signed.length) await tx.updateTable('training_attendees').set({ invited: 0 }).where('id', 'in', signed).execute();
    await invite(tx, ctx.actor.orgId, id, invitees, at);
    const { checkin_code: _a, site_name: _b, site_timezone: _c, trainer_user_name: _d, ...old } = before;
    await writeAudit(ctx, tx, {
      entity: 'training_session',
      entityId: id,
      siteId: fields.site_id,
      action: 'update',
      before: { ...old, invitee_ids: invitedIds(people) },
      after: { ...old, ...fields, invitee_ids: invitees },
    });
  });
  return getSession(ctx, id);
}

export async function cancelSession(ctx: Ctx, id: string, input: { reason: string; version: number }): Promise<TrainingSessionDto> {
  const row = await sessionToManage(ctx, id, input.version);
  const status = sessionStatus(row, ctx.clock.now().getTime());
  if (status !== 'planned') {
    throw new AppError('CONFLICT', status === 'cancelled' ? '培训已取消' : '培训已结束，不能取消', { status });
  }
  const reason = text(input.reason);
  if (!reason) new FieldCheck().add('reason', '请填写取消原因').throwIfAny();
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'training_sessions', id, input.version, { status: 'cancelled', cancel_reason: reason }, at);
    await writeAudit(ctx, tx, {
      entity: 'training_session',
      entityId: id,
      siteId: row.site_id,
      action: 'cancel',
      before: { status: row.status },
      after: { status: 'cancelled', cancel_reason: reason },
    });
  });
  return getSession(ctx, id);
}

/** Marked done by hand (a session that ended early); a session is done by time anyway once it has ended. */
export async function markSessionDone(ctx: Ctx, id: string, version: number): Promise<TrainingSessionDto> {
  const row = await sessionToManage(ctx, id, version);
  const now = ctx.clock.now();
  if (row.status !== 'planned') {
    throw new AppError('CONFLICT', row.status === 'cancelled' ? '培训已取消' : '培训已标记为完成', { status: row.status });
  }
  if (now.getTime() < Date.parse(row.starts_at)) throw new AppError('CONFLICT', '培训尚未开始，不能标记为完成', { status: row.status });
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'training_sessions', id, version, { status: 'done' }, at);
    await writeAudit(ctx, tx, {
      entity: 'training_session',
      entityId: id,
      siteId: row.site_id,
      action: 'done',
      before: { status: row.status },
      after: { status: 'done' },
    });
  });
  return getSession(ctx, id);
}

// ── sign-in ────────────────────────────────────────────────────────────────────

/**
 * Signs people in by hand (no phone, a late sign-in after the end): anyone who may attend
 * on the site; those already signed in keep their first time.
 */
export async function signInByHand(ctx: Ctx, id: string, input: { userIds: string[]; version: number }): Promise<TrainingSessionDto> {
  const row = await sessionToManage(ctx, id, input.version);
  if (row.status === 'cancelled') throw new AppError('CONFLICT', '培训已取消，不能签到', { status: row.status });
  const check = new FieldCheck();
  const ids = await checkPeople(ctx, row.site_id, input.userIds, 'userIds', check);
  if (!input.userIds.length) check.add('userIds', '请选择签到人员');
  check.throwIfAny();
  const people = await attendeesOf(ctx.db, [id]);
  const already = new Set(people.filter((p) => p.signed_in_at !== null).map((p) => p.user_id));
  const fresh = ids.filter((u) => !already.has(u));
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'training_sessions', id, input.version, {}, at);
    for (const userId of fresh) await signIn(tx, ctx, row.id, userId, 'manual', at);
    await writeAudit(ctx, tx, {
      entity: 'training_session',
      entityId: id,
      siteId: row.site_id,
      action: 'sign_in_manual',
      before: { signed_in: [...already] },
      after: { signed_in: [...already, ...fresh] },
    });
  });
  return getSession(ctx, id);
}

/** Signs one person in unless they already are; answers whether this call did it (concurrent scans: one wins). */
async function signIn(tx: Tx, ctx: Ctx, sessionId: string, userId: string, method: 'qr' | 'manual', at: string): Promise<boolean> {
  const set = { signed_in_at: at, method, signed_in_by: ctx.actor.userId };
  const inserted = await tx
    .insertInto('training_attendees')
    .values({ id: newId(), org_id: ctx.actor.orgId, session_id: sessionId, user_id: userId, invited: 0, created_at: at, ...set })
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  // invited (or a concurrent scan): the time is set once
  const updated = await tx
    .updateTable('training_attendees')
    .set(set)
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('signed_in_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * The session a sign-in code names, for someone with training:attend on its site; 404 for
 * an unknown code, another organisation's, or a site the actor does not attend on (the
 * code is case-blind and may come with spaces, as typed off a printed QR).
 */
async function sessionOfCode(ctx: Ctx, code: string): Promise<{ row: SessionListRow; me: string }> {
  const me = ctx.actor.userId;
  const row = await findSessionByCode(ctx.db, code.trim().toUpperCase());
  if (!row || row.org_id !== ctx.actor.orgId || !me || !mayAttend(ctx, row.site_id)) throw notFound('签到码对应的培训');
  return { row, me };
}

/**
 * The session behind a scanned code as the scanning person sees it (what the sign-in page
 * shows before the 签到 button: canSignIn, signedIn). Holding the code shows the session
 * to anyone who attends on its site; the attendee list only to those who read the session
 * anyway (an uninvited person sees that it is by invitation, not who is invited).
 */
export async function sessionForCheckin(ctx: Ctx, code: string): Promise<TrainingSessionDto> {
  const { row } = await sessionOfCode(ctx, code);
  const [dto] = (await sessionDtos(ctx, [row])) as [TrainingSessionDto];
  return (await readsSession(ctx, row)) ? dto : { ...dto, attendees: [] };
}

/**
 * QR sign-in by the person scanning: the code names the session; allowed for people with
 * training:attend on its site from 30 minutes before the start to the end; a session with
 * an invitation list admits the invited only. A second scan changes nothing and says so.
 */
export async function checkIn(ctx: Ctx, code: string): Promise<TrainingCheckinResultDto> {
  const { row, me } = await sessionOfCode(ctx, code);
  const people = await ctx.db.selectFrom('training_attendees').selectAll().where('session_id', '=', row.id).execute();
  const mine = people.find((p) => p.user_id === me);
  if (mine?.signed_in_at) {
    return { session: await getSession(ctx, row.id), alreadySignedIn: true, signedInAt: mine.signed_in_at };
  }
  const now = ctx.clock.now();
  const refusal = signInRefusal(row, now.getTime(), row.site_timezone);
  if (refusal) throw new AppError('CONFLICT', refusal, { status: sessionStatus(row, now.getTime()) });
  if (people.some((p) => p.invited === 1) && mine?.invited !== 1) throw forbidden('本次培训仅限受邀人员签到，请联系培训负责人');
  const at = now.toISOString();
  const done = await ctx.db.transaction().execute(async (tx) => {
    const signed = await signIn(tx, ctx, row.id, me, 'qr', at);
    if (signed) {
      await writeAudit(ctx, tx, {
        entity: 'training_session',
        entityId: row.id,
        siteId: row.site_id,
        action: 'sign_in',
        after: { user_id: me, signed_in_at: at, method: 'qr' },
      });
    }
    return signed;
  });
  const after = await ctx.db
    .selectFrom('training_attendees')
    .select('signed_in_at')
    .where('session_id', '=', row.id)
    .where('user_id', '=', me)
    .executeTakeFirstOrThrow();
  return { session: await getSession(ctx, row.id), alreadySignedIn: !done, signedInAt: after.signed_in_at ?? at };
}

/** The session's sign-in QR, for those who manage training on its site (the code is theirs to show). */
export async function sessionQr(
  ctx: Ctx,
  id: string,
  format: 'svg' | 'png',
  width: number,
): Promise<{ type: string; body: Buffer | string }> {
  const row = await readableSession(ctx, id);
  if (!mayManage(ctx, row.site_id)) throw forbidden('只有培训管理人员可以查看签到二维码');
  const url = checkinUrl(ctx.config.publicUrl, row.checkin_code);
  return format === 'png' ? { type: 'image/png', body: await qrPng(url, width) } : { type: 'image/svg+xml', body: await qrSvg(url) };
}
