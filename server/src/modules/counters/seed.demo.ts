import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import type { NoticeRow } from './notices.repository.js';
import { nextNoticeStatus } from './notices.state.js';
import { CLOSED, COUNTERS, notices, selfReports, VENDOR_COUNTER } from './seed.demo.data.js';
import {
  buildRepair,
  demoCalendar,
  insertRepairs,
  iso,
  MIN,
  minutesToApproval,
  type RepairInput,
  type RepairSpec,
} from './seed.demo.repairs.js';

/**
 * Demo vendor counters (专柜) at 长春店 and 沈阳店, the demo user `vendor` on the staff of
 * 悦颜化妆品专柜, and the rectification notices (整改通知) property staff issued to them
 * over the last three months in every state. Notices the counters let run out were
 * turned into paid repairs (专柜有偿维修); with two repairs the counters reported
 * themselves they give this month's and last month's statements (对账单) their lines.
 * Fixed tables, times relative to `now`; runs after the work-order demo.
 */
export async function seedCounterDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const [sites, users, locations, teams, policy] = await Promise.all([
    tx.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('users').select(['id', 'username', 'name']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('locations').select(['id', 'code']).where('org_id', '=', orgId).execute(),
    tx.selectFrom('teams').select(['id', 'code']).where('org_id', '=', orgId).execute(),
    // the one policy a normal repair of no particular category falls under (一般报修)
    tx
      .selectFrom('sla_policies')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('active', '=', 1)
      .where('urgency', '=', 'normal')
      .where('category', 'is', null)
      .where('site_id', 'is', null)
      .orderBy('id')
      .executeTakeFirst(),
  ]);
  const site = new Map(sites.map((s) => [s.code, s]));
  const cc = site.get('CC');
  if (!cc || !site.has('SY')) return;
  const user = new Map(users.map((u) => [u.username, u.id]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const loc = new Map(locations.map((l) => [l.code, l.id]));
  const team = new Map(teams.map((t) => [t.code, t.id]));
  const c = demoCalendar(now, cc.timezone);
  const need = (name: string) => user.get(name) ?? (user.get('admin') as string);
  const staff = {
    CC: { issuer: need('property'), clerk: need('dispatcher'), tech: need('tech'), team: team.get('CC-WX') ?? null },
    SY: { issuer: need('head'), clerk: need('head'), tech: need('tech_sy'), team: team.get('SY-WX') ?? null },
  };

  const counters = new Map<string, { id: string; site: string; location: string | null; contact: string; phone: string }>();
  const opened = iso(c.day(150, '09:00'));
  for (const [siteCode, code, name, location, contact, phone, notes] of COUNTERS) {
    const key = `${siteCode}:${code}`;
    const row = {
      id: newId(),
      org_id: orgId,
      site_id: (site.get(siteCode) as (typeof sites)[number]).id,
      location_id: loc.get(location) ?? null,
      code,
      name,
      contact_name: contact,
      contact_phone: phone,
      notes,
      active: CLOSED.has(key) ? (0 as const) : (1 as const),
      created_at: opened,
      updated_at: CLOSED.has(key) ? iso(c.day(42, '15:00')) : opened,
      version: CLOSED.has(key) ? 2 : 1,
    };
    await tx.insertInto('counters').values(row).execute();
    counters.set(key, { id: row.id, site: siteCode, location: row.location_id, contact, phone });
  }
  const vendor = user.get('vendor');
  const vendorCounter = counters.get(VENDOR_COUNTER);
  if (vendor && vendorCounter) await tx.insertInto('counter_members').values({ counter_id: vendorCounter.id, user_id: vendor }).execute();

  const repairs: Awaited<ReturnType<typeof buildRepair>>[] = [];
  const repair = async (
    key: string,
    spec: RepairSpec,
    x: Pick<RepairInput, 'created' | 'until' | 'channel' | 'source'> & { appointmentAt?: number },
  ) => {
    const counter = counters.get(key) as NonNullable<ReturnType<typeof counters.get>>;
    const who = staff[counter.site as 'CC' | 'SY'];
    const member = key === VENDOR_COUNTER ? (vendor ?? null) : null;
    const built = await buildRepair(tx, {
      ...spec,
      ...x,
      orgId,
      siteId: (site.get(counter.site) as (typeof sites)[number]).id,
      counterId: counter.id,
      locationId: counter.location,
      // a converted notice has no requester (the department raised it); the counter's own reports name who called
      requester:
        member && x.channel !== 'counter'
          ? { id: member, name: userName.get(member) as string, phone: counter.phone }
          : { id: null, name: counter.contact, phone: counter.phone },
      staff: member,
      ownerId: x.channel === 'counter' ? who.issuer : who.clerk,
      teamId: who.team,
      techId: who.tech,
      userName,
      policy: policy ?? null,
      nowMs: c.nowMs,
    });
    repairs.push(built);
    return built.order.id;
  };

  // numbered in the order they were issued, as the numbering rule would have handed them out
  const specs = notices(c).sort((a, b) => a.found - b.found);
  const rows: NoticeRow[] = [];
  for (const spec of specs) {
    const counter = counters.get(spec.counter) as NonNullable<ReturnType<typeof counters.get>>;
    const who = staff[counter.site as 'CC' | 'SY'];
    const issued = spec.found + 40 * MIN;
    const row: NoticeRow = {
      id: newId(),
      org_id: orgId,
      site_id: (site.get(counter.site) as (typeof sites)[number]).id,
      number: await nextNumber(tx, {
        orgId,
        ruleCode: 'ZG',
        siteId: (site.get(counter.site) as (typeof sites)[number]).id,
        at: new Date(issued),
      }),
      counter_id: counter.id,
      location_id: counter.location,
      found_at: iso(spec.found),
      description: spec.description,
      requirement: spec.requirement,
      deadline: iso(spec.deadline),
      status: 'issued',
      issued_by: who.issuer,
      rectified_at: null,
      rectified_by: null,
      rectify_note: null,
      verified_at: null,
      verified_by: null,
      reject_reason: null,
      overdue_at: null,
      converted_at: null,
      work_order_id: null,
      cancelled_at: null,
      cancel_reason: null,
      created_at: iso(issued),
      updated_at: iso(issued),
      version: 1,
    };
    let last = issued;
    for (const [action, at, note] of spec.steps) {
      if (at <= last || at > c.nowMs) throw new Error(`demo notice ${row.number}: ${action} out of order`);
      last = at;
      row.status = nextNoticeStatus(row.status, action);
      const t = iso(at);
      const member = spec.counter === VENDOR_COUNTER ? vendor : undefined;
      if (action === 'rectify') Object.assign(row, { rectified_at: t, rectified_by: member ?? who.issuer, rectify_note: note ?? null });
      if (action === 'reject') Object.assign(row, { reject_reason: note ?? null, rectified_at: null, rectified_by: null });
      if (action === 'verify') Object.assign(row, { verified_at: t, verified_by: who.issuer });
      if (action === 'mark_overdue') row.overdue_at = t;
      if (action === 'cancel') Object.assign(row, { cancelled_at: t, cancel_reason: note ?? null });
      if (action === 'convert' && spec.repair) {
        row.converted_at = t;
        const description = `专柜逾期未整改，有偿维修：${spec.description}（整改通知 ${row.number}）`;
        row.work_order_id = await repair(
          spec.counter,
          { ...spec.repair, description },
          {
            created: at,
            until: spec.repair.until,
            channel: 'counter',
            source: { type: 'counter_notice', id: row.id },
            appointmentAt: spec.repair.appointmentAt,
          },
        );
      }
      row.updated_at = t;
      row.version += 1;
    }
    rows.push(row);
  }
  for (const r of selfReports(c)) {
    await repair(r.counter, r, {
      created: r.approved - minutesToApproval(r.work) * MIN,
      until: 'approve',
      channel: r.channel,
      source: null,
    });
  }
  // the orders first: converted notices point at them
  await insertRepairs(tx, repairs);
  await tx.insertInto('counter_notices').values(rows).execute();
}
