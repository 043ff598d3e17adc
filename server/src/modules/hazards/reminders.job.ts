import { systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Tx } from '../../platform/context.js';
import type { Job, JobDeps } from '../../platform/jobs/scheduler.js';
import { usersWithPermission } from '../identity/index.js';
import { addDays, chineseDate, localDate } from './dates.js';
import type { HazardRow } from './hazards.repository.js';
import { hazardLink } from './hazards.service.js';
import { hazardSettings } from './settings.js';

/**
 * Scheduler job of the register. Each notice goes out once per hazard:
 * - remind: the responsible person, `remindDaysBefore` days before the deadline;
 * - overdue: the responsible person and the site's heads (hazards:manage on the site)
 *   once the deadline day has passed with the rectification still owed;
 * - acceptance overdue: the verifier, once the acceptance due date has passed.
 * Each is claimed with a conditional update of its *_notified_at column in the
 * transaction that sends it, so two processes ticking together send it once.
 */

type Stage = 'remind' | 'overdue' | 'acceptance';
const COLUMN = { remind: 'remind_notified_at', overdue: 'overdue_notified_at', acceptance: 'acceptance_notified_at' } as const;
const BATCH = 200;

export interface ReminderResult {
  reminded: number;
  overdue: number;
  acceptanceOverdue: number;
}

/** The hazards of one site due a notice of `stage`, not yet claimed. */
async function due(deps: JobDeps, siteId: string, stage: Stage, today: string, days: { remind: number; acceptance: number }) {
  let q = deps.db
    .selectFrom('hazards')
    .selectAll()
    .where('site_id', '=', siteId)
    .where(COLUMN[stage], 'is', null)
    .where('deadline', 'is not', null);
  if (stage === 'remind') {
    q = q.where('status', '=', 'rectifying').where('deadline', '>=', today).where('deadline', '<=', addDays(today, days.remind));
  } else if (stage === 'overdue') {
    q = q.where('status', 'in', ['registered', 'rectifying']).where('deadline', '<', today);
  } else {
    // acceptance is due `acceptance` days after the deadline: overdue once that day has passed
    q = q.where('status', '=', 'submitted').where('deadline', '<', addDays(today, -days.acceptance));
  }
  return q.orderBy('id').limit(BATCH).execute();
}

async function claim(tx: Tx, id: string, stage: Stage, at: string): Promise<boolean> {
  const res = await tx
    .updateTable('hazards')
    .set({ [COLUMN[stage]]: at })
    .where('id', '=', id)
    .where(COLUMN[stage], 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

async function send(deps: JobDeps, tx: Tx, h: HazardRow, stage: Stage, acceptanceDays: number): Promise<void> {
  const deadline = chineseDate(h.deadline as string);
  const what = `${h.title}：${h.description.slice(0, 60)}`;
  let userIds: (string | null)[];
  let title: string;
  let body: string;
  if (stage === 'remind') {
    userIds = [h.responsible_id];
    title = `隐患 ${h.number} 整改期限将到`;
    body = `${what}。请于 ${deadline} 前完成整改并上传整改后照片。`;
  } else if (stage === 'overdue') {
    const heads = await usersWithPermission(tx, h.org_id, 'hazards:manage', h.site_id);
    userIds = [h.responsible_id, ...heads.map((u) => u.id)];
    title = `隐患 ${h.number} 已逾期未整改`;
    body = `${what}。整改期限 ${deadline} 已过，请督办。`;
  } else {
    userIds = [h.verifier_id];
    title = `隐患 ${h.number} 验收已超期`;
    body = `${what}。整改已提交，应于 ${chineseDate(addDays(h.deadline as string, acceptanceDays))} 前完成现场验收。`;
  }
  const to = [...new Set(userIds.filter((u): u is string => u !== null))];
  const ctx = { actor: systemActor(h.org_id), requestId: null, clock: deps.clock };
  await writeAudit(ctx, tx, {
    entity: 'hazard',
    entityId: h.id,
    action: `notify_${stage}`,
    siteId: h.site_id,
    before: { [COLUMN[stage]]: null },
    after: { [COLUMN[stage]]: deps.clock.now().toISOString(), notified: to },
  });
  if (to.length) await deps.notifier.send(tx, { orgId: h.org_id, userIds: to, kind: 'hazard', title, body, link: hazardLink(h.id) });
}

export async function runHazardReminders(deps: JobDeps): Promise<ReminderResult> {
  const result: ReminderResult = { reminded: 0, overdue: 0, acceptanceOverdue: 0 };
  const key = { remind: 'reminded', overdue: 'overdue', acceptance: 'acceptanceOverdue' } as const;
  const now = deps.clock.now();
  const at = now.toISOString();
  const sites = await deps.db.selectFrom('sites').select(['id', 'org_id', 'timezone']).execute();
  const settings = new Map<string, { remind: number; acceptance: number }>();
  for (const site of sites) {
    if (!settings.has(site.org_id)) {
      const s = await hazardSettings(deps.db, site.org_id);
      settings.set(site.org_id, { remind: s.remindDaysBefore, acceptance: s.acceptanceDays });
    }
    const days = settings.get(site.org_id) as { remind: number; acceptance: number };
    const today = localDate(now, site.timezone);
    for (const stage of ['overdue', 'remind', 'acceptance'] as const) {
      for (;;) {
        const batch = await due(deps, site.id, stage, today, days);
        let claimed = 0;
        for (const h of batch) {
          const won = await deps.db.transaction().execute(async (tx) => {
            if (!(await claim(tx, h.id, stage, at))) return false;
            await send(deps, tx, h, stage, days.acceptance);
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

export const hazardRemindersJob: Job = { name: 'hazards.reminders', run: runHazardReminders };
