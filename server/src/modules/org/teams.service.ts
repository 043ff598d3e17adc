import { inScope, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { duplicate, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { findSite } from './sites.repository.js';
import {
  activeUserIds,
  findTeam,
  findTeamByCode,
  findUserBrief,
  listTeams,
  memberIdsOf,
  replaceMembers,
  type TeamFilter,
  type TeamListRow,
  type TeamRow,
  teamMembers,
  teamsWithMember,
} from './teams.repository.js';

/**
 * Teams (班组) work on one site or, without a site, across the organisation. A
 * site-bound team is visible and manageable like that site's records; a site-less team
 * is read with org:read anywhere and changed with org:manage on every site.
 */
export interface TeamInput {
  code: string;
  name: string;
  siteId?: string | null;
  leaderId?: string | null;
  memberIds?: string[];
}

export function toTeamDto(r: TeamRow & Partial<Pick<TeamListRow, 'site_code' | 'site_name' | 'leader_name' | 'member_count'>>) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    siteId: r.site_id,
    leaderId: r.leader_id,
    ...(r.site_name !== undefined && { siteCode: r.site_code ?? null, siteName: r.site_name }),
    ...(r.leader_name !== undefined && { leaderName: r.leader_name }),
    ...(r.member_count !== undefined && { memberCount: Number(r.member_count) }),
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getTeam(ctx: Ctx, id: string): Promise<TeamRow> {
  const row = await findTeam(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('班组');
  assertReadable(ctx, 'org:read', row.site_id, '班组');
  return row;
}

/** A team with its site, leader and members (id, name, username). */
export async function getTeamDetail(ctx: Ctx, id: string) {
  const row = await getTeam(ctx, id);
  const site = row.site_id ? await findSite(ctx.db, ctx.actor.orgId, row.site_id) : undefined;
  const members = await teamMembers(ctx.db, id);
  const leader = row.leader_id ? await findUserBrief(ctx.db, ctx.actor.orgId, row.leader_id) : undefined;
  return {
    ...toTeamDto(row),
    site: site ? { id: site.id, code: site.code, name: site.name } : null,
    leader: leader ?? null,
    members: members.map((m) => ({ id: m.id, name: m.name, username: m.username, active: m.active === 1 })),
  };
}

/** Ids of the team's members (for dispatch and notifications in other modules). */
export function teamMemberIds(db: Db, teamId: string): Promise<string[]> {
  return memberIdsOf(db, teamId);
}

/** The active teams a user belongs to. */
export function teamsOfUser(db: Db, orgId: string, userId: string): Promise<TeamRow[]> {
  return teamsWithMember(db, orgId, userId);
}

export async function searchTeams(ctx: Ctx, filter: TeamFilter) {
  const page = await listTeams(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'org:read'), filter);
  return { items: page.items.map(toTeamDto), nextCursor: page.nextCursor };
}

export async function createTeam(ctx: Ctx, input: TeamInput): Promise<TeamRow> {
  const siteId = input.siteId ?? null;
  const memberIds = [...new Set(input.memberIds ?? [])].sort();
  await checkReferences(ctx, { siteId, leaderId: input.leaderId ?? null, memberIds });
  assertCan(ctx, 'org:manage', siteId);
  if (await findTeamByCode(ctx.db, ctx.actor.orgId, input.code)) throw duplicate('code', `班组编码 ${input.code} 已存在`);
  const now = ctx.clock.now().toISOString();
  const row: TeamRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: siteId,
    code: input.code,
    name: input.name,
    leader_id: input.leaderId ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('teams').values(row).execute();
    await replaceMembers(tx, row.id, memberIds);
    await writeAudit(ctx, tx, { entity: 'team', entityId: row.id, siteId, action: 'create', after: { ...row, member_ids: memberIds } });
  });
  return row;
}

/** Edits a team; `memberIds`, when given, replaces the whole member list. */
export async function updateTeam(ctx: Ctx, id: string, version: number, input: Partial<TeamInput>): Promise<TeamRow> {
  const before = await getTeam(ctx, id);
  assertCan(ctx, 'org:manage', before.site_id);
  const siteId = input.siteId === undefined ? before.site_id : input.siteId;
  const memberIds = input.memberIds === undefined ? undefined : [...new Set(input.memberIds)].sort();
  await checkReferences(ctx, {
    siteId: siteId !== before.site_id ? siteId : undefined,
    leaderId: input.leaderId !== undefined && input.leaderId !== before.leader_id ? input.leaderId : undefined,
    memberIds,
  });
  // moving a team to another site (or making it organisation-wide) needs the right there too
  if (siteId !== before.site_id) assertCan(ctx, 'org:manage', siteId);
  if (input.code !== undefined && input.code !== before.code && (await findTeamByCode(ctx.db, ctx.actor.orgId, input.code))) {
    throw duplicate('code', `班组编码 ${input.code} 已存在`);
  }
  const patch: Partial<TeamRow> = {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.siteId !== undefined && { site_id: siteId }),
    ...(input.leaderId !== undefined && { leader_id: input.leaderId }),
  };
  const now = ctx.clock.now().toISOString();
  const after: TeamRow = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    const oldMembers = await memberIdsOf(tx, id);
    await updateVersioned(tx, 'teams', id, version, patch, now);
    if (memberIds) await replaceMembers(tx, id, memberIds);
    await writeAudit(ctx, tx, {
      entity: 'team',
      entityId: id,
      siteId: after.site_id,
      action: 'update',
      before: { ...before, member_ids: oldMembers },
      after: { ...after, member_ids: memberIds ?? oldMembers },
    });
  });
  return after;
}

export async function setTeamActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<TeamRow> {
  const before = await getTeam(ctx, id);
  assertCan(ctx, 'org:manage', before.site_id);
  const now = ctx.clock.now().toISOString();
  const after: TeamRow = { ...before, active: active ? 1 : 0, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'teams', id, version, { active: active ? 1 : 0 }, now);
    await writeAudit(ctx, tx, {
      entity: 'team',
      entityId: id,
      siteId: before.site_id,
      action: active ? 'activate' : 'deactivate',
      before,
      after,
    });
  });
  return after;
}

/**
 * Every bad reference at once: an unknown, foreign or inactive site; a leader or
 * members that are not active users of the organisation (listing the bad ids).
 * `undefined` means "unchanged, do not check".
 */
async function checkReferences(ctx: Ctx, refs: { siteId?: string | null; leaderId?: string | null; memberIds?: string[] }): Promise<void> {
  const check = new FieldCheck();
  if (refs.siteId) {
    const site = await findSite(ctx.db, ctx.actor.orgId, refs.siteId);
    if (!site || !inScope(siteScope(ctx.actor, 'org:read'), site.id)) check.add('siteId', '场所不存在或无权访问');
    else if (site.active !== 1) check.add('siteId', `场所「${site.name}」已停用`);
  }
  const userIds = [...(refs.memberIds ?? []), ...(refs.leaderId ? [refs.leaderId] : [])];
  const valid = await activeUserIds(ctx.db, ctx.actor.orgId, userIds);
  if (refs.leaderId && !valid.has(refs.leaderId)) check.add('leaderId', `班组长不是本组织的在职用户：${refs.leaderId}`);
  const badMembers = (refs.memberIds ?? []).filter((m) => !valid.has(m));
  if (badMembers.length) check.add('memberIds', `以下成员不是本组织的在职用户：${badMembers.join(', ')}`);
  check.throwIfAny();
}
