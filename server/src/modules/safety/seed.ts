import type { Actor } from '../../platform/access/actor.js';
import { type StepInput, stepPatch } from '../../platform/actions/actions.state.js';
import { ACTION_NUMBER_RULE, type ActionItemRow } from '../../platform/actions/index.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Tx } from '../../platform/context.js';
import { zonedDate } from '../../platform/numbering/time.js';
import { usersWithPermission } from '../identity/index.js';
import { ensureNumberingRule } from '../system/index.js';

/** 整改措施 numbers (CS-20260315-0001): one counter for the organisation, reset daily. */
export const ACTION_NUMBERING = {
  code: ACTION_NUMBER_RULE,
  name: '整改措施',
  prefix: 'CS',
  dateFormat: 'YYYYMMDD',
  seqWidth: 4,
  reset: 'daily',
  perSite: false,
} as const;

/** Organisation defaults, idempotent (run on every start): 整改措施 (CS) numbering. */
export async function seedSafetyDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await ensureNumberingRule(tx, orgId, { ...ACTION_NUMBERING }, now);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One step taken by `userId` at `at`, as the service takes it: the state machine's patch and an audit row. */
async function takeStep(tx: Tx, item: ActionItemRow, step: 'submit' | 'verify', input: StepInput, userId: string, at: Date, zone: string) {
  const user = await tx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
  const actor: Actor = { kind: 'user', userId, name: user.name, orgId: item.org_id, grants: [], selectedSiteId: null };
  const patch = stepPatch(item, step, input, { userId, at: at.toISOString(), today: zonedDate(at, zone) });
  await tx
    .updateTable('action_items')
    .set({ ...patch, updated_at: at.toISOString(), version: Number(item.version) + 1 })
    .where('id', '=', item.id)
    .execute();
  const after = { ...item, ...patch, version: Number(item.version) + 1, updated_at: at.toISOString() };
  await writeAudit({ actor, requestId: null, clock: { now: () => at } }, tx, {
    entity: 'action_item',
    entityId: item.id,
    action: step,
    siteId: item.site_id,
    before: item,
    after,
  });
  return after;
}

/**
 * The demo's action items (made by the incident and drill demos, which run first) carried
 * on through the loop, so the lists, the calendar and the figures show every stage: every
 * third item stays open (overdue once its day has passed); of the others made at least a
 * day ago, each is carried out by its assignee a day after it was made, and — unless it
 * was made in the last fortnight, when it still awaits verification — verified that
 * afternoon by someone else who may verify on the site. Nothing is sent: the demo is history.
 */
export async function seedSafetyDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const end = Date.parse(now) - HOUR;
  const items = await tx
    .selectFrom('action_items as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .selectAll('i')
    .select('s.timezone')
    .where('i.org_id', '=', orgId)
    .where('i.status', '=', 'open')
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
  for (const [index, { timezone, ...item }] of items.entries()) {
    const submittedAt = new Date(Date.parse(item.created_at) + DAY);
    if (index % 3 === 2 || submittedAt.getTime() > end) continue;
    const submitted = await takeStep(
      tx,
      item,
      'submit',
      { note: '已按措施要求落实，现场已核对。' },
      item.assignee_id,
      submittedAt,
      timezone,
    );
    if (Date.parse(item.created_at) > end - 14 * DAY) continue;
    const verifiedAt = new Date(Math.min(submittedAt.getTime() + 4 * HOUR, end));
    const verifiers = (await usersWithPermission(tx, orgId, 'actions:verify', item.site_id)).map((u) => u.id);
    const verifier = [item.verifier_id, ...verifiers].find((u): u is string => u !== null && u !== item.assignee_id);
    if (verifier) await takeStep(tx, submitted, 'verify', { note: '现场验证，措施有效。' }, verifier, verifiedAt, timezone);
  }
}
