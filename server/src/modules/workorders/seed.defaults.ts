import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { DEFAULT_AUTO_ACCEPT_DAYS } from './settings.service.js';
import { countPolicies } from './sla.repository.js';

/**
 * Idempotent per-organisation defaults of the work-order module, run when an
 * organisation is created and on every start: the settings row (auto-acceptance after
 * 3 days, public QR intake on) when missing, and — only while the organisation has no
 * deadline policy at all, so deleting or editing them is respected — the repair-speed
 * conventions of DOMAIN.md §4: emergency on site within 30 minutes and fixed within
 * 24 hours without leaving it overnight (急修不过夜); urgent answered in 30 minutes and
 * fixed within 24 hours; normal answered in 2 hours and fixed within 72 hours; fire
 * systems fixed the same day (消防不过夜) at every urgency.
 */
export interface DefaultPolicy {
  name: string;
  category: string | null;
  urgency: string | null;
  response: number | null;
  arrival: number | null;
  resolution: number | null;
  notOvernight: boolean;
  warnBefore: number;
}

const H = 60;

export const DEFAULT_SLA_POLICIES: DefaultPolicy[] = [
  {
    name: '紧急报修',
    category: null,
    urgency: 'emergency',
    response: null,
    arrival: 30,
    resolution: 24 * H,
    notOvernight: true,
    warnBefore: 10,
  },
  {
    name: '加急报修',
    category: null,
    urgency: 'urgent',
    response: 30,
    arrival: null,
    resolution: 24 * H,
    notOvernight: false,
    warnBefore: 10,
  },
  {
    name: '一般报修',
    category: null,
    urgency: 'normal',
    response: 2 * H,
    arrival: null,
    resolution: 72 * H,
    notOvernight: false,
    warnBefore: 30,
  },
  {
    name: '消防紧急报修',
    category: 'fire',
    urgency: 'emergency',
    response: null,
    arrival: 30,
    resolution: 24 * H,
    notOvernight: true,
    warnBefore: 10,
  },
  {
    name: '消防加急报修',
    category: 'fire',
    urgency: 'urgent',
    response: 30,
    arrival: null,
    resolution: 24 * H,
    notOvernight: true,
    warnBefore: 10,
  },
  {
    name: '消防一般报修',
    category: 'fire',
    urgency: 'normal',
    response: 2 * H,
    arrival: null,
    resolution: 72 * H,
    notOvernight: true,
    warnBefore: 30,
  },
];

export async function seedWorkOrderDefaults(tx: Tx, orgId: string, now: string): Promise<void> {
  await tx
    .insertInto('work_order_settings')
    .values({ org_id: orgId, auto_accept_days: DEFAULT_AUTO_ACCEPT_DAYS, public_intake: 1, updated_at: now, version: 1 })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  if ((await countPolicies(tx, orgId)) > 0) return;
  await tx
    .insertInto('sla_policies')
    .values(
      DEFAULT_SLA_POLICIES.map((p) => ({
        id: newId(),
        org_id: orgId,
        site_id: null,
        category: p.category,
        urgency: p.urgency,
        name: p.name,
        response_minutes: p.response,
        arrival_minutes: p.arrival,
        resolution_minutes: p.resolution,
        not_overnight: p.notOvernight ? (1 as const) : (0 as const),
        business_hours: 0 as const,
        exclude_paused: 1 as const,
        warn_before_minutes: p.warnBefore,
        active: 1 as const,
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    )
    .execute();
}
