import type { FieldError } from '../../../../contracts/errors.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound, validation } from '../../platform/http/errors.js';
import type { PageQuery } from '../../platform/http/paging.js';
import type { ChannelAdapter, DeliveryResult, Notifier } from '../../platform/notify/notifier.js';
import {
  type ChannelFilter,
  type ChannelRow,
  type DeliveryRow,
  findChannel,
  insertChannel,
  listChannels,
  listDeliveries,
} from './channels.repository.js';

/** Channels belong to the organisation (not a site): managing them needs notify:manage on every site. */
export interface ChannelInput {
  kind: string;
  name: string;
  config: Record<string, unknown>;
}

/** Stands in for a stored secret in responses; sending it back unchanged keeps the stored value. */
export const SECRET_MASK = '******';

export function toChannelDto(notifier: Notifier, r: ChannelRow) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    config: masked(notifier.adapter(r.kind), JSON.parse(r.config) as Record<string, unknown>),
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toDeliveryDto(r: DeliveryRow) {
  return {
    id: r.id,
    channelId: r.channel_id,
    title: r.title,
    status: r.status,
    error: r.error,
    createdAt: r.created_at,
    attemptedAt: r.attempted_at,
  };
}

function masked(adapter: ChannelAdapter | undefined, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const f of adapter?.secretFields ?? []) if (out[f]) out[f] = SECRET_MASK;
  return out;
}

function auditView(notifier: Notifier, r: ChannelRow) {
  const { kind, name, active } = r;
  return { kind, name, active, config: masked(notifier.adapter(kind), JSON.parse(r.config) as Record<string, unknown>) };
}

/** Validates the kind-specific settings; `previous` supplies secrets the client sent back masked. */
function checkedConfig(
  notifier: Notifier,
  kind: string,
  name: string | undefined,
  raw: Record<string, unknown>,
  previous?: Record<string, unknown>,
) {
  const errors: FieldError[] = [];
  if (name !== undefined && !name.trim()) errors.push({ field: 'name', message: '不能为空' });
  const adapter = notifier.adapter(kind);
  if (!adapter) {
    errors.push({ field: 'kind', message: `不支持的渠道类型，可选：${notifier.kinds.join('、')}` });
    throw validation(errors);
  }
  const input = { ...raw };
  for (const f of adapter.secretFields) if (input[f] === SECRET_MASK) input[f] = previous?.[f];
  const { config, errors: configErrors } = adapter.validate(input);
  errors.push(...configErrors);
  if (errors.length) throw validation(errors);
  return config;
}

async function getChannel(ctx: Ctx, id: string): Promise<ChannelRow> {
  assertCan(ctx, 'notify:manage', null);
  const row = await findChannel(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('通知渠道');
  return row;
}

export function searchChannels(ctx: Ctx, filter: ChannelFilter) {
  assertCan(ctx, 'notify:manage', null);
  return listChannels(ctx.db, ctx.actor.orgId, filter);
}

export async function createChannel(ctx: Ctx, notifier: Notifier, input: ChannelInput): Promise<ChannelRow> {
  assertCan(ctx, 'notify:manage', null);
  const config = checkedConfig(notifier, input.kind, input.name, input.config);
  const now = ctx.clock.now().toISOString();
  const row: ChannelRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    kind: input.kind,
    name: input.name.trim(),
    config: JSON.stringify(config),
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await insertChannel(tx, row);
    await writeAudit(ctx, tx, { entity: 'notification_channel', entityId: row.id, action: 'create', after: auditView(notifier, row) });
  });
  return row;
}

export async function updateChannel(
  ctx: Ctx,
  notifier: Notifier,
  id: string,
  version: number,
  input: { name?: string; config?: Record<string, unknown> },
): Promise<ChannelRow> {
  const before = await getChannel(ctx, id);
  const patch: Partial<ChannelRow> = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.config !== undefined || input.name !== undefined) {
    const previous = JSON.parse(before.config) as Record<string, unknown>;
    const config = checkedConfig(notifier, before.kind, input.name, input.config ?? previous, previous);
    if (input.config !== undefined) patch.config = JSON.stringify(config);
  }
  return save(ctx, notifier, before, version, patch, 'update');
}

export async function setChannelActive(ctx: Ctx, notifier: Notifier, id: string, version: number, active: boolean) {
  const before = await getChannel(ctx, id);
  return save(ctx, notifier, before, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate');
}

async function save(ctx: Ctx, notifier: Notifier, before: ChannelRow, version: number, patch: Partial<ChannelRow>, action: string) {
  const now = ctx.clock.now().toISOString();
  const after: ChannelRow = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'notification_channels', before.id, version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'notification_channel',
      entityId: before.id,
      action,
      before: auditView(notifier, before),
      after: auditView(notifier, after),
    });
  });
  return after;
}

/** Sends a test message to the acting user (and the channel's extra addresses) and answers the outcome. */
export async function testChannel(ctx: Ctx, notifier: Notifier, id: string): Promise<DeliveryResult> {
  const channel = await getChannel(ctx, id);
  return notifier.deliverNow(ctx.db, channel, {
    orgId: ctx.actor.orgId,
    userIds: ctx.actor.userId ? [ctx.actor.userId] : [],
    kind: 'channel_test',
    title: '后勤平台通知测试',
    body: `这是一条来自通知渠道「${channel.name}」的测试消息，由 ${ctx.actor.name} 发送。收到即表示该渠道配置正确。`,
    link: '/notifications',
  });
}

export async function channelDeliveries(ctx: Ctx, id: string, f: PageQuery & { status?: string }) {
  const channel = await getChannel(ctx, id);
  return listDeliveries(ctx.db, ctx.actor.orgId, channel.id, f);
}
