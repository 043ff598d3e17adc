import type { ActionOwnerType } from '../../../../contracts/actions.js';
import { systemActor } from '../../platform/access/actor.js';
import { ACTION_KIND_LABELS, ACTION_OWNER_LABELS, type ActionItemRow } from '../../platform/actions/index.js';
import { actionOwnerHandler } from '../../platform/actions/owners.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import type { Job, JobDeps } from '../../platform/jobs/scheduler.js';
import { addDays, localDate } from '../hazards/dates.js';
import { usersWithPermission } from '../identity/index.js';

/**
 * Scheduler job of action items. Each notice goes out once per item:
 * - remind: the assignee, the day before the due date (or on the day itself, should the
 *   day before have passed without a tick) while the item is open;
 * - overdue: the assignee and the site's heads (actions:verify on the site: the people who
 *   verify its measures) once the due day has passed with nothing submitted.
 * Each is claimed with a conditional update of its *_notified_at column as the first
 * statement of the transaction that sends it, so two processes ticking together send it
 * once. Editing an item's assignee or due date clears both claims (a new reminder is owed).
 */

type Stage = 'remind' | 'overdue';
const COLUMN = { remind: 'remind_notified_at', overdue: 'overdue_notified_at' } as const;
const BATCH = 200;

export interface ActionReminderResult {
  reminded: number;
  overdue: number;
}

/** The open items of one site due a notice of `stage`, not yet claimed. */
function due(deps: JobDeps, siteId: string, stage: Stage, today: string) {
  let q = deps.db
    .selectFrom('action_items')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', 'open')
    .where(COLUMN[stage], 'is', null);
  q = stage === 'remind' ? q.where('due_date', '>=', today).where('due_date', '<=', addDays(today, 1)) : q.where('due_date', '<', today);
  return q.orderBy('id').limit(BATCH).execute();
}

async function claim(tx: Tx, id: string, stage: Stage, at: string): Promise<boolean> {
  const res = await tx
    .updateTable('action_items')
    .set({ [COLUMN[stage]]: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where(COLUMN[stage], 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The owner's number and page, read as the system (a job has no user); a missing owner still gets its notice. */
async function ownerOf(deps: JobDeps, item: ActionItemRow): Promise<{ number: string; link: string }> {
  const ctx: Ctx = {
    db: deps.db,
    actor: systemActor(item.org_id),
    requestId: null,
    clock: deps.clock,
    config: deps.config,
    notifier: deps.notifier,
  };
  const owner = await actionOwnerHandler(item.owner_type as ActionOwnerType)?.load(ctx, deps.db, item.owner_id);
  return owner ?? { number: '', link: `/safety/actions?ownerType=${item.owner_type}&ownerId=${item.owner_id}` };
}

async function send(deps: JobDeps, tx: Tx, item: ActionItemRow, stage: Stage, owner: { number: string; link: string }): Promise<void> {
  const what = `${ACTION_OWNER_LABELS[item.owner_type]} ${owner.number} 的${ACTION_KIND_LABELS[item.kind]}：${item.title}`;
  let userIds: string[];
  let title: string;
  let body: string;
  if (stage === 'remind') {
    userIds = [item.assignee_id];
    title = `整改措施 ${item.number} 完成期限将到`;
    body = `${what}。请于 ${item.due_date} 前完成并提交落实情况。`;
  } else {
    const heads = await usersWithPermission(tx, item.org_id, 'actions:verify', item.site_id);
    userIds = [item.assignee_id, ...heads.map((u) => u.id)];
    title = `整改措施 ${item.number} 已逾期未落实`;
    body = `${what}。完成期限 ${item.due_date} 已过，尚未提交落实情况，请督办。`;
  }
  const to = [...new Set(userIds)];
  const ctx = { actor: systemActor(item.org_id), requestId: null, clock: deps.clock };
  await writeAudit(ctx, tx, {
    entity: 'action_item',
    entityId: item.id,
    action: `notify_${stage}`,
    siteId: item.site_id,
    before: { [COLUMN[stage]]: null },
    after: { [COLUMN[stage]]: deps.clock.now().toISOString(), notified: to },
  });
  await deps.notifier.send(tx, { orgId: item.org_id, userIds: to, kind: 'action_item', title, body, link: owner.link });
}

export async function runActionReminders(deps: JobDeps): Promise<ActionReminderResult> {
  const result: ActionReminderResult = { reminded: 0, overdue: 0 };
  const key = { remind: 'reminded', overdue: 'overdue' } as const;
  const now = deps.clock.now();
  const at = now.toISOString();
  const sites = await deps.db.selectFrom('sites').select(['id', 'timezone']).execute();
  for (const site of sites) {
    const today = localDate(now, site.timezone);
    // overdue first: an item past its day is escalated, not reminded
    for (const stage of ['overdue', 'remind'] as const) {
      for (;;) {
        const batch = await due(deps, site.id, stage, today);
        let claimed = 0;
        for (const item of batch) {
          // read before the transaction, whose first statement must be the claim
          const owner = await ownerOf(deps, item);
          const won = await deps.db.transaction().execute(async (tx) => {
            if (!(await claim(tx, item.id, stage, at))) return false;
            await send(deps, tx, item, stage, owner);
            return true;
          });
          if (won) claimed++;
        }
        result[key[stage]] += claimed;
        // a short batch was the last; a batch nobody could claim means another process is on it
        if (batch.length < BATCH || claimed === 0) break;
      }
    }
  }
  return result;
}

export const actionRemindersJob: Job = { name: 'actions.reminders', run: runActionReminders };
