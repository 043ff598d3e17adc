import type { PublicWorkOrderDto } from '../../../../contracts/workorders.js';
import type { Db } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { dictionaryLabels } from '../system/index.js';
import { applyAction } from './actions.js';
import type { ActorView } from './policy.js';
import { asSystem, type PublicBase } from './public.intake.js';
import { findWorkOrderListRow, findWorkOrderRow, listEvents, type WorkOrderListRow } from './repository.js';
import { toWorkOrderDtos } from './service.js';
import { canTransition } from './state.js';

/**
 * The reporter's follow-up without login: the secret token of the link (or number +
 * phone to find it again) shows progress, and lets them accept, reject or rate — the
 * same life-cycle steps a signed-in requester takes, recorded under the name
 * '报修人（扫码）'. Nothing internal leaves here: no phone numbers, no clerk or team
 * names, only the assignee's display name.
 */
export const PUBLIC_ACTIONS = ['approve', 'reject', 'rate'] as const;
export type PublicAction = (typeof PUBLIC_ACTIONS)[number];
export const PUBLIC_ACTOR_NAME = '报修人（扫码）';

/** Nobody's own view: the system actor sees the row as it is; what it may do is decided here. */
const NO_VIEW: ActorView = { sites: 'all', userId: null, counterIds: [], teamIds: [] };
const WHAT = '报修记录';

async function byToken(db: Db, token: string): Promise<{ id: string; org_id: string }> {
  const row = await db.selectFrom('work_orders').select(['id', 'org_id']).where('tracking_token', '=', token).executeTakeFirst();
  if (!row) throw notFound(WHAT);
  return row;
}

async function publicView(base: PublicBase, orgId: string, id: string): Promise<PublicWorkOrderDto> {
  const ctx = asSystem(base, orgId);
  const row = await findWorkOrderListRow(ctx.db, orgId, id);
  if (!row) throw notFound(WHAT);
  const [[dto], events, categories] = await Promise.all([
    toWorkOrderDtos(ctx, NO_VIEW, [row as WorkOrderListRow]),
    listEvents(ctx.db, id),
    dictionaryLabels(ctx.db, orgId, 'repair_category'),
  ]);
  if (!dto) throw notFound(WHAT);
  const category = categories.get(row.category);
  return {
    number: dto.number,
    status: dto.status,
    siteName: dto.siteName,
    locationPath: dto.locationPath,
    assetName: dto.assetName,
    category: dto.category,
    categoryName: { zh: category?.zh ?? row.category, en: category?.en ?? row.category },
    description: dto.description,
    createdAt: dto.createdAt,
    assigneeName: dto.assigneeName,
    resolvedAt: dto.resolvedAt,
    completedAt: dto.completedAt,
    result: dto.result,
    rated: dto.ratedAt !== null,
    actions: PUBLIC_ACTIONS.filter((a) => canTransition(dto.status, a)),
    events: events.map((e) => ({ at: e.at, action: e.action, toStatus: e.to_status })),
  };
}

export async function publicTrack(base: PublicBase, token: string): Promise<PublicWorkOrderDto> {
  const { id, org_id } = await byToken(base.db, token);
  return publicView(base, org_id, id);
}

export interface PublicActionInput {
  reason?: string | null;
  ratingAttitude?: number;
  ratingQuality?: number;
  ratingEfficiency?: number;
  comment?: string | null;
}

/**
 * Accept, reject (with a reason) or rate through the link. The visitor holds no version,
 * so the current row's is used; the state machine still decides (409 ILLEGAL_TRANSITION
 * when the status does not allow it) and a concurrent change still answers 409.
 */
export async function publicAct(
  base: PublicBase,
  token: string,
  action: PublicAction,
  input: PublicActionInput,
): Promise<PublicWorkOrderDto> {
  const { id, org_id } = await byToken(base.db, token);
  const ctx = asSystem(base, org_id);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await findWorkOrderRow(tx, org_id, id);
    if (!row) throw notFound(WHAT);
    await applyAction(ctx, tx, row, null, action, { ...input, version: Number(row.version) }, PUBLIC_ACTOR_NAME);
  });
  return publicView(base, org_id, id);
}

/** Digits only, so '138-0000-1111' and '13800001111' are the same phone. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

export interface PublicLookupItem {
  token: string;
  number: string;
  siteName: string;
  status: PublicWorkOrderDto['status'];
  createdAt: string;
}

/**
 * The follow-up links of the requests with this number whose contact phone matches
 * (numbers repeat across sites and organisations). A wrong number and a wrong phone
 * answer the same 404, so the phone of a number cannot be probed.
 */
export async function publicLookup(base: PublicBase, number: string, phone: string): Promise<{ items: PublicLookupItem[] }> {
  const wanted = phoneDigits(phone);
  const rows = await base.db
    .selectFrom('work_orders as w')
    .innerJoin('sites as s', 's.id', 'w.site_id')
    .select(['w.tracking_token', 'w.number', 'w.status', 'w.created_at', 'w.requester_phone', 's.name as site_name'])
    // organisation first, so the (org_id, number) index serves the look-up
    .where('w.org_id', 'in', base.db.selectFrom('organizations').select('id'))
    .where('w.number', '=', number.trim().toUpperCase())
    .execute();
  const items = rows
    .filter((r) => wanted.length >= 5 && r.requester_phone !== null && phoneDigits(r.requester_phone) === wanted)
    .map((r) => ({ token: r.tracking_token, number: r.number, siteName: r.site_name, status: r.status, createdAt: r.created_at }));
  if (!items.length) throw notFound(WHAT);
  return { items };
}
