import type { DrillParticipantGroup, DrillStatus } from '../../../../contracts/drills.js';
import type { Ctx, Tx } from '../../platform/context.js';
import type { FieldCheck } from '../../platform/http/validators.js';
import { usersWithPermission } from '../identity/index.js';
import { isActiveDictionaryCode } from '../system/index.js';

/** Helpers the plan and drill services share. */

/** schedules.owner_type of drill plans */
export const PLAN_OWNER = 'drill_plan';
/** schedules.owner_type of a planned one-off drill's own event-driven schedule */
export const DRILL_OWNER = 'drill';
/** attachments and action items of a drill */
export const DRILL_ENTITY = 'drill';

/** numbering_rules of drills: YL-YYYYMMDD-01, per site and local day of the planned time */
export const DRILL_NUMBERING = {
  code: 'YL',
  name: '应急演练',
  prefix: 'YL',
  dateFormat: 'YYYYMMDD',
  seqWidth: 2,
  reset: 'daily',
  perSite: true,
} as const;

/** A one-off drill not recorded within this many hours after its planned time is missed (a plan sets its own window). */
export const ONE_OFF_WINDOW_HOURS = 24;
/** a record may end this far after the server's clock (a phone's clock runs ahead) */
export const CLOCK_SKEW_MS = 10 * 60_000;

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const DRILL_STATUS_LABELS: Record<DrillStatus, string> = {
  planned: '计划中',
  done: '已完成',
  missed: '未按期演练',
  cancelled: '已取消',
};

export const drillLink = (id: string) => `/drills/${id}`;
export const planLink = (id: string) => `/drills/plans/${id}`;

export const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** An ISO instant as stored, or null when it does not parse to a real time of years 1970–9999. */
export function instant(v: string | null | undefined): string | null {
  if (!v) return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms) || ms < Date.UTC(1970, 0, 1) || ms >= Date.UTC(10000, 0, 1)) return null;
  return new Date(ms).toISOString();
}

export const int = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export { attachmentIdsByOwner as attachmentIds } from '../../platform/files/listing.js';
export { locationPathsById as locationPaths } from '../org/index.js';

/** The drill type must be an active drill_type dictionary code. */
export async function checkType(ctx: Ctx, type: string, check: FieldCheck): Promise<void> {
  if (!(await isActiveDictionaryCode(ctx.db, ctx.actor.orgId, 'drill_type', type))) check.add('type', '请选择有效的演练类型');
}

/** The location must belong to the site. */
export async function checkLocation(ctx: Ctx, siteId: string, locationId: string | null, check: FieldCheck): Promise<void> {
  if (!locationId) return;
  const loc = await ctx.db
    .selectFrom('locations')
    .select('site_id')
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  if (loc?.site_id !== siteId) check.add('locationId', '位置不存在或不属于该场所');
}

/** The commander (总指挥) is one of the site's people: someone who reads its safety records. */
export async function checkCommander(ctx: Ctx, siteId: string, commanderId: string | null, check: FieldCheck): Promise<void> {
  if (!commanderId) return;
  const people = await usersWithPermission(ctx.db, ctx.actor.orgId, 'safety:read', siteId);
  if (!people.some((u) => u.id === commanderId)) check.add('commanderId', '总指挥须为该场所的在岗人员（可查看安全管理）');
}

const MAX_GROUPS = 50;
const MAX_COUNT = 100_000;

/** Participants by group: at least one group, each named once with a whole number of people. */
export function checkParticipants(groups: DrillParticipantGroup[] | undefined, check: FieldCheck): DrillParticipantGroup[] {
  const list = groups ?? [];
  if (!list.length) {
    check.add('participants', '请至少登记一组参演人员');
    return [];
  }
  if (list.length > MAX_GROUPS) check.add('participants', `参演小组最多 ${MAX_GROUPS} 组`);
  const seen = new Set<string>();
  const out: DrillParticipantGroup[] = [];
  list.forEach((g, i) => {
    const name = text(g.group);
    if (!name) check.add(`participants.${i}.group`, '请填写参演部门或小组');
    else if (name.length > 50) check.add(`participants.${i}.group`, '部门或小组名称不能超过 50 个字');
    else if (seen.has(name)) check.add(`participants.${i}.group`, `参演小组“${name}”重复`);
    if (name) seen.add(name);
    if (!int(g.count, 1, MAX_COUNT)) check.add(`participants.${i}.count`, `人数须为 1–${MAX_COUNT} 的整数`);
    const names = text(g.names);
    if (names && names.length > 2000) check.add(`participants.${i}.names`, '名单不能超过 2000 个字');
    out.push({ group: name ?? '', count: g.count, names });
  });
  return out;
}

export const participantTotal = (groups: DrillParticipantGroup[]) => groups.reduce((a, g) => a + g.count, 0);

/** Who hears of a missed drill: its commander, or else the site's drill managers. */
export async function missedRecipients(tx: Tx, orgId: string, siteId: string, commanderId: string | null): Promise<string[]> {
  if (commanderId) {
    const active = await tx.selectFrom('users').select('id').where('id', '=', commanderId).where('active', '=', 1).executeTakeFirst();
    if (active) return [commanderId];
  }
  return (await usersWithPermission(tx, orgId, 'drills:manage', siteId)).map((u) => u.id);
}
