import type {
  AlertOutcome,
  CommendationDto,
  CommendationInput,
  OfficerRecordDto,
  SecurityAlertDto,
  SecurityAlertInput,
} from '../../../../contracts/incidents.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { activeDictionaryPairs } from '../system/index.js';
import {
  type AlertFilter,
  type AlertListRow,
  type AlertRow,
  type CommendationListRow,
  commendationsOf,
  findAlert,
  listAlerts,
  officersOf,
} from './alerts.repository.js';
import { CLOCK_SKEW_MS, instant, locationOnSite, locationPaths, readScope, siteMembers, text } from './common.js';
import { findReadableIncident } from './incidents.service.js';

/** 接警 numbers: JJ-20260312-0001, per site, daily (seeded by seedIncidentDefaults). */
export const ALERT_NUMBERING = {
  code: 'JJ',
  name: '接警记录',
  prefix: 'JJ',
  dateFormat: 'YYYYMMDD',
  seqWidth: 4,
  reset: 'daily',
  perSite: true,
} as const;

export const ALERT_OUTCOME_LABELS: Record<AlertOutcome, string> = {
  resolved: '已处置',
  apprehended: '抓获',
  handed_to_police: '移交公安',
};

/** outcomes in which people were caught: they carry the number caught */
export const CAUGHT_OUTCOMES: AlertOutcome[] = ['apprehended', 'handed_to_police'];
/** more officers than this on one alert is a form gone wrong */
export const MAX_OFFICERS = 20;
const MAX_APPREHENDED = 1000;

/** the web list has no page per alert: its search finds the alert by number */
export const alertLink = (number: string) => `/security-alerts?q=${encodeURIComponent(number)}`;

const me = (ctx: Ctx) => ctx.actor.userId;

function mayRead(ctx: Ctx, row: AlertRow): boolean {
  return (me(ctx) !== null && row.recorded_by === me(ctx)) || inScope(readScope(ctx), row.site_id);
}

/** An alert the actor may see; 404 otherwise. */
export async function readableAlert(ctx: Ctx, id: string): Promise<AlertListRow> {
  const row = await findAlert(ctx.db, ctx.actor.orgId, id);
  if (!row || !mayRead(ctx, row)) throw notFound('接警记录');
  return row;
}

function toCommendationDto(c: CommendationListRow): CommendationDto {
  return {
    id: c.id,
    alertId: c.alert_id,
    alertNumber: c.alert_number,
    officerId: c.officer_id,
    officerName: c.officer_name,
    note: c.note,
    commendedAt: c.commended_at,
    commendedBy: c.commended_by,
    commendedByName: c.commended_by_name,
  };
}

export async function toAlertDtos(ctx: Ctx, rows: AlertListRow[]): Promise<SecurityAlertDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [paths, officers, commendations] = await Promise.all([
    locationPaths(
      ctx.db,
      ctx.actor.orgId,
      rows.map((r) => r.location_id),
    ),
    officersOf(ctx.db, ids),
    commendationsOf(ctx.db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    siteName: r.site_name,
    receivedAt: r.received_at,
    source: r.source,
    type: r.type,
    locationId: r.location_id,
    locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
    place: r.place,
    description: r.description,
    handling: r.handling,
    outcome: r.outcome,
    apprehendedCount: Number(r.apprehended_count),
    officers: officers.get(r.id) ?? [],
    closedAt: r.closed_at,
    incidentId: r.incident_id,
    incidentNumber: r.incident_number,
    commendations: (commendations.get(r.id) ?? []).map(toCommendationDto),
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  }));
}

export async function searchAlerts(ctx: Ctx, filter: AlertFilter): Promise<Page<SecurityAlertDto>> {
  // stored instants are UTC text on SQLite: a bound with an offset (+08:00) compares only once normalised
  const f = { ...filter, from: instant(filter.from) ?? undefined, to: instant(filter.to) ?? undefined };
  const page = await listAlerts(ctx.db, ctx.actor.orgId, readScope(ctx), me(ctx), f);
  return { items: await toAlertDtos(ctx, page.items), nextCursor: page.nextCursor };
}

export async function getAlert(ctx: Ctx, id: string): Promise<SecurityAlertDto> {
  const [dto] = await toAlertDtos(ctx, [await readableAlert(ctx, id)]);
  return dto as SecurityAlertDto;
}

type Written = Omit<AlertRow, 'id' | 'org_id' | 'site_id' | 'number' | 'recorded_by' | 'created_at' | 'updated_at' | 'version'>;

/** Checks the form together (every problem listed) and answers the columns to store and the officers. */
async function checkInput(
  ctx: Ctx,
  siteId: string,
  input: Partial<SecurityAlertInput>,
  check: FieldCheck,
): Promise<{ written: Written; officers: string[] }> {
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const now = ctx.clock.now().getTime();
  const receivedAt = instant(input.receivedAt);
  if (!receivedAt) check.add('receivedAt', '请填写接警时间');
  else if (new Date(receivedAt).getTime() > now + CLOCK_SKEW_MS) check.add('receivedAt', '接警时间不能晚于当前时间');
  const closedAt = input.closedAt ? instant(input.closedAt) : null;
  if (input.closedAt && !closedAt) check.add('closedAt', '处置结束时间格式无效');
  else if (closedAt && receivedAt && closedAt < receivedAt) check.add('closedAt', '处置结束时间不能早于接警时间');
  else if (closedAt && new Date(closedAt).getTime() > now + CLOCK_SKEW_MS) check.add('closedAt', '处置结束时间不能晚于当前时间');
  const source = input.source ?? '';
  const type = input.type ?? '';
  const active = await activeDictionaryPairs(db, orgId, [
    { type: 'security_alert_source', code: source },
    { type: 'security_alert_type', code: type },
  ]);
  if (!active.has(`security_alert_source:${source}`)) check.add('source', '请选择有效的接警来源');
  if (!active.has(`security_alert_type:${type}`)) check.add('type', '请选择有效的警情类型');
  const description = text(input.description);
  if (!description) check.add('description', '请填写警情描述');
  const locationId = input.locationId ?? null;
  if (locationId && !(await locationOnSite(db, orgId, siteId, locationId))) check.add('locationId', '位置不存在或不属于该场所');
  const count = input.apprehendedCount ?? 0;
  const outcome = input.outcome;
  if (!outcome) check.add('outcome', '请选择处置结果');
  if (!Number.isInteger(count) || count < 0 || count > MAX_APPREHENDED) {
    check.add('apprehendedCount', `抓获人数须为 0–${MAX_APPREHENDED} 的整数`);
  } else if (outcome && CAUGHT_OUTCOMES.includes(outcome) && count < 1) {
    check.add('apprehendedCount', `处置结果为“${ALERT_OUTCOME_LABELS[outcome]}”时请填写抓获人数（至少 1 人）`);
  } else if (outcome === 'resolved' && count > 0) {
    check.add('apprehendedCount', '处置结果为“已处置”时抓获人数应为 0；有人员被抓获请选择“抓获”或“移交公安”');
  }
  const officers = [...new Set(input.officerIds ?? [])];
  if (!officers.length) check.add('officerIds', '请选择出警人员');
  else if (officers.length > MAX_OFFICERS) check.add('officerIds', `出警人员最多 ${MAX_OFFICERS} 人`);
  else {
    const members = await siteMembers(db, orgId, siteId, officers);
    if (officers.some((u) => !members.has(u))) check.add('officerIds', '出警人员须为该场所的在职人员');
  }
  const incidentId = input.incidentId ?? null;
  if (incidentId) {
    const incident = await findReadableIncident(ctx, db, incidentId);
    if (incident?.site_id !== siteId) check.add('incidentId', '意外事件报告不存在或不属于该场所');
  }
  return {
    written: {
      received_at: receivedAt ?? '',
      source,
      type,
      location_id: locationId,
      place: text(input.place),
      description: description ?? '',
      handling: text(input.handling),
      outcome: outcome ?? 'resolved',
      apprehended_count: Number.isInteger(count) ? count : 0,
      closed_at: closedAt,
      incident_id: incidentId,
    },
    officers,
  };
}

/** POST /security-alerts: security:log on the site. */
export async function createAlert(ctx: Ctx, input: SecurityAlertInput): Promise<SecurityAlertDto> {
  const user = me(ctx);
  if (!user || !hasPermission(ctx.actor, 'security:log', input.siteId)) {
    throw new AppError('VALIDATION', '场所不存在或无权登记接警记录', {
      fields: [{ field: 'siteId', message: '请选择您可登记接警记录的场所' }],
    });
  }
  const check = new FieldCheck();
  const { written, officers } = await checkInput(ctx, input.siteId, input, check);
  check.throwIfAny();
  const orgId = ctx.actor.orgId;
  const at = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row: AlertRow = {
      ...written,
      id: newId(),
      org_id: orgId,
      site_id: input.siteId,
      // the day it was received: JJ-20260312-0001 is an alert of 12 March
      number: await nextNumber(tx, { orgId, ruleCode: ALERT_NUMBERING.code, siteId: input.siteId, at: new Date(written.received_at) }),
      recorded_by: user,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('security_alerts').values(row).execute();
    await tx
      .insertInto('security_alert_officers')
      .values(officers.map((u) => ({ alert_id: row.id, user_id: u })))
      .execute();
    await writeAudit(ctx, tx, {
      entity: 'security_alert',
      entityId: row.id,
      action: 'create',
      siteId: row.site_id,
      after: { ...row, officers: [...officers].sort() },
    });
    return row.id;
  });
  return getAlert(ctx, id);
}

function stored(r: AlertListRow): AlertRow {
  const { site_name: _a, site_timezone: _b, recorded_by_name: _c, incident_number: _d, ...row } = r;
  return row;
}

/** PUT /security-alerts/:id: security:log on the site; officers who were commended for it stay on it. */
export async function updateAlert(
  ctx: Ctx,
  id: string,
  input: Partial<SecurityAlertInput> & { version: number },
): Promise<SecurityAlertDto> {
  const before = await readableAlert(ctx, id);
  if (!hasPermission(ctx.actor, 'security:log', before.site_id)) throw forbidden('没有在该场所登记接警记录的权限');
  const check = new FieldCheck();
  if (input.siteId !== undefined && input.siteId !== before.site_id) check.add('siteId', '接警记录的场所不能更改');
  const { written, officers } = await checkInput(ctx, before.site_id, input, check);
  const was = (await officersOf(ctx.db, [id])).get(id)?.map((o) => o.userId) ?? [];
  const commended = new Set(((await commendationsOf(ctx.db, [id])).get(id) ?? []).map((c) => c.officer_id));
  const dropped = [...commended].filter((u) => !officers.includes(u));
  if (dropped.length) check.add('officerIds', '已受表扬的出警人员不能从记录中移除');
  check.throwIfAny();
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'security_alerts', id, input.version, written, at);
    await tx.deleteFrom('security_alert_officers').where('alert_id', '=', id).execute();
    await tx
      .insertInto('security_alert_officers')
      .values(officers.map((u) => ({ alert_id: id, user_id: u })))
      .execute();
    await writeAudit(ctx, tx, {
      entity: 'security_alert',
      entityId: id,
      action: 'update',
      siteId: before.site_id,
      before: { ...stored(before), officers: [...was].sort() },
      after: { ...stored(before), ...written, officers: [...officers].sort() },
    });
  });
  return getAlert(ctx, id);
}

/**
 * POST /security-alerts/:id/commendations (表扬): incidents:review or security:log on the
 * alert's site; the officer must be one of the alert's officers, and nobody commends
 * themselves. The officer is told.
 */
export async function commendOfficer(ctx: Ctx, alertId: string, input: Partial<CommendationInput>): Promise<SecurityAlertDto> {
  const alert = await readableAlert(ctx, alertId);
  const may = hasPermission(ctx.actor, 'incidents:review', alert.site_id) || hasPermission(ctx.actor, 'security:log', alert.site_id);
  const user = me(ctx);
  if (!may || !user) throw forbidden('没有在该场所表扬出警人员的权限');
  if (input.officerId === user) throw forbidden('不能表扬自己');
  const officerId = input.officerId ?? '';
  const check = new FieldCheck();
  const officers = (await officersOf(ctx.db, [alertId])).get(alertId) ?? [];
  if (!officers.some((o) => o.userId === officerId)) check.add('officerId', '被表扬人须为该接警记录的出警人员');
  const note = text(input.note);
  if (!note) check.add('note', '请填写表扬事由');
  check.throwIfAny();
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const row = {
      id: newId(),
      org_id: ctx.actor.orgId,
      alert_id: alertId,
      officer_id: officerId,
      note: note as string,
      commended_at: at,
      commended_by: user,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('security_commendations').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'security_commendation', entityId: row.id, action: 'create', siteId: alert.site_id, after: row });
    await ctx.notifier.send(tx, {
      orgId: ctx.actor.orgId,
      userIds: [officerId],
      kind: 'security_commendation',
      title: `您因接警 ${alert.number} 受到表扬`,
      body: `${ctx.actor.name}：${(note as string).slice(0, 120)}`,
      link: alertLink(alert.number),
    });
  });
  return getAlert(ctx, alertId);
}

export interface OfficerQuery {
  from: string;
  to: string;
  siteId?: string[];
}

/**
 * GET /security-alerts/officers: per officer, the alerts received in the period that they
 * attended, the people caught on those alerts, and the commendations they received for
 * them — on the readable sites, narrowed by `siteId` (a site outside them answers 404).
 */
export async function officerRecords(ctx: Ctx, q: OfficerQuery): Promise<OfficerRecordDto[]> {
  const period = checkPeriod(q.from, q.to);
  const readable = readScope(ctx);
  const wanted = q.siteId?.length ? [...new Set(q.siteId)] : null;
  if (wanted?.some((id) => !inScope(readable, id))) throw notFound('场所');
  const sites = wanted ?? readable;
  if (sites !== 'all' && !sites.length) return [];
  const alertsQuery = (db: Db) => {
    let qb = db
      .selectFrom('security_alert_officers as o')
      .innerJoin('security_alerts as a', 'a.id', 'o.alert_id')
      .innerJoin('users as u', 'u.id', 'o.user_id')
      .select([
        'o.user_id',
        'u.name',
        (eb) => eb.fn.countAll<number>().as('alerts'),
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('a.apprehended_count'), eb.lit(0)).as('apprehended'),
      ])
      .where('a.org_id', '=', ctx.actor.orgId)
      .where('a.received_at', '>=', period.from)
      .where('a.received_at', '<', period.to)
      .groupBy(['o.user_id', 'u.name']);
    if (sites !== 'all') qb = qb.where('a.site_id', 'in', sites);
    return qb;
  };
  let cq = ctx.db
    .selectFrom('security_commendations as c')
    .innerJoin('security_alerts as a', 'a.id', 'c.alert_id')
    .select(['c.officer_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.org_id', '=', ctx.actor.orgId)
    .where('a.received_at', '>=', period.from)
    .where('a.received_at', '<', period.to)
    .groupBy('c.officer_id');
  if (sites !== 'all') cq = cq.where('a.site_id', 'in', sites);
  const [attended, commended] = await Promise.all([alertsQuery(ctx.db).execute(), cq.execute()]);
  const commendations = new Map(commended.map((c) => [c.officer_id, Number(c.n)]));
  return attended
    .map((r) => ({
      userId: r.user_id,
      name: r.name,
      alerts: Number(r.alerts),
      apprehended: Number(r.apprehended),
      commendations: commendations.get(r.user_id) ?? 0,
    }))
    .sort(
      (a, b) =>
        b.alerts - a.alerts || b.apprehended - a.apprehended || a.name.localeCompare(b.name, 'zh-CN') || a.userId.localeCompare(b.userId),
    );
}
