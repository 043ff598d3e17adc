import type { MeterKind, ReadingPointKind } from '../../../../contracts/readings.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Row } from '../../platform/db/schema.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { zonedDate, zonedInstant } from '../../platform/numbering/time.js';
import { generateFor, saveSchedule } from '../../platform/occurrences/engine.js';
import { bandOf, inBand } from './band.js';
import { POINT_OWNER, type PointRow } from './points.repository.js';
import { DEVIATION_NUMBERING } from './seed.defaults.js';

/**
 * Demo reading points on 长春店 and 沈阳店: the sales-floor temperature 24 ± 1 °C read at
 * 09:00 and 15:00, the cold room −21…−15 °C (the demo has no freezer asset, so it sits on
 * the storeroom floor), and an electricity and a water meter read daily at 08:00 — with 60
 * days of history inserted in bulk so the chart and the consumption show something, and
 * two deviations: one corrected on 长春店 (with its re-check), one still open on 沈阳店.
 * Like the rest of the demo data it writes no audit entries.
 */

const HISTORY_DAYS = 60;
const INSERT_BATCH = 100;

interface DemoPoint {
  code: string;
  name: string;
  location: string;
  kind: ReadingPointKind;
  quantity: string;
  unit: string;
  meterKind?: MeterKind;
  target?: number;
  tolerance?: number;
  min?: number;
  max?: number;
  times: string[];
  /** the value at a reading: index of the day (0 = oldest) and of the time */
  value: (day: number, slot: number, rnd: () => number) => number;
}

function pointsOf(p: 'CC' | 'SY'): DemoPoint[] {
  const cc = p === 'CC';
  let meterE = cc ? 1_284_000 : 962_500;
  let meterW = cc ? 38_400 : 27_150;
  return [
    {
      code: `${p}-T-1F`,
      name: '卖场温度（一层）',
      location: `${p}-A-1F`,
      kind: 'instant',
      quantity: '温度',
      unit: '°C',
      target: 24,
      tolerance: 1,
      times: ['09:00', '15:00'],
      value: (_d, slot, rnd) => round1(23.4 + slot * 0.6 + rnd() * 0.9),
    },
    {
      code: `${p}-T-LK`,
      name: '冷库温度',
      location: `${p}-B-1F`,
      kind: 'instant',
      quantity: '温度',
      unit: '°C',
      min: -21,
      max: -15,
      times: ['09:00', '15:00'],
      value: (_d, _s, rnd) => round1(-18.8 + rnd() * 2.4),
    },
    {
      code: `${p}-E-01`,
      name: '总电表',
      location: `${p}-A-B1-01`,
      kind: 'cumulative',
      quantity: '电量',
      unit: 'kWh',
      meterKind: 'electricity',
      times: ['08:00'],
      value: (_d, _s, rnd) => {
        meterE += Math.round((cc ? 5200 : 3900) + rnd() * 900);
        return meterE;
      },
    },
    {
      code: `${p}-W-01`,
      name: '总水表',
      location: `${p}-A-B1-02`,
      kind: 'cumulative',
      quantity: '用水量',
      unit: 'm³',
      meterKind: 'water',
      times: ['08:00'],
      value: (_d, _s, rnd) => {
        meterW += round1((cc ? 62 : 48) + rnd() * 14);
        return round1(meterW);
      },
    },
  ];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** A small deterministic generator: the demo is the same on every install. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export async function seedReadingsDemo(tx: Tx, orgId: string, now: string): Promise<void> {
  const nowDate = new Date(now);
  const sites = await tx
    .selectFrom('sites')
    .select(['id', 'code', 'timezone'])
    .where('org_id', '=', orgId)
    .where('code', 'in', ['CC', 'SY'])
    .execute();
  const users = await tx
    .selectFrom('users')
    .select(['id', 'username'])
    .where('org_id', '=', orgId)
    .where('username', 'in', ['tech', 'tech_sy'])
    .execute();
  const userOf = new Map(users.map((u) => [u.username, u.id]));
  for (const site of sites) {
    const p = site.code as 'CC' | 'SY';
    const readBy = userOf.get(p === 'CC' ? 'tech' : 'tech_sy') ?? null;
    const today = zonedDate(nowDate, site.timezone);
    const start = dayBefore(today, HISTORY_DAYS);
    const rnd = lcg(p === 'CC' ? 7 : 11);
    for (const spec of pointsOf(p)) {
      const loc = await tx
        .selectFrom('locations')
        .select('id')
        .where('org_id', '=', orgId)
        .where('site_id', '=', site.id)
        .where('code', '=', spec.location)
        .executeTakeFirst();
      if (!loc) continue;
      const point: PointRow = {
        id: newId(),
        org_id: orgId,
        site_id: site.id,
        code: spec.code,
        name: spec.name,
        target_type: 'location',
        target_id: loc.id,
        kind: spec.kind,
        quantity: spec.quantity,
        unit: spec.unit,
        meter_kind: spec.meterKind ?? null,
        target: spec.target ?? null,
        tolerance: spec.tolerance ?? null,
        min: spec.min ?? null,
        max: spec.max ?? null,
        window_minutes: spec.kind === 'cumulative' ? 240 : 60,
        recheck_minutes: 60,
        patrol_plan_id: null,
        active: 1,
        last_value: null,
        last_read_at: null,
        last_in_band: null,
        missed_notified_on: null,
        created_by: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      const band = bandOf(point);
      const readings: Row<'readings'>[] = [];
      let previous: number | null = null;
      for (let d = 0; d < HISTORY_DAYS; d++) {
        const date = dayBefore(today, HISTORY_DAYS - d);
        spec.times.forEach((time, slot) => {
          const at = zonedInstant(date, time, site.timezone);
          // a reading or two a month is taken a little late, as on a real floor
          const readAt = new Date(at.getTime() + Math.round(rnd() * 20) * 60_000);
          const value = spec.value(d, slot, rnd);
          readings.push({
            id: newId(),
            org_id: orgId,
            site_id: site.id,
            point_id: point.id,
            value,
            read_at: readAt.toISOString(),
            read_by: readBy,
            source: 'manual',
            in_band: toBool(inBand(value, band)),
            consumption: spec.kind === 'cumulative' && previous !== null ? round1(value - previous) : null,
            occurrence_id: null,
            deviation_id: null,
            is_recheck: 0,
            note: null,
            created_at: readAt.toISOString(),
          });
          previous = value;
        });
      }
      const deviations = await demoDeviations(tx, p, point, readings, readBy);
      const last = readings[readings.length - 1];
      if (last) {
        point.last_value = last.value;
        point.last_read_at = last.read_at;
        point.last_in_band = last.in_band;
      }
      await tx.insertInto('reading_points').values(point).execute();
      for (let i = 0; i < readings.length; i += INSERT_BATCH) {
        await tx
          .insertInto('readings')
          .values(readings.slice(i, i + INSERT_BATCH))
          .execute();
      }
      if (deviations.length) await tx.insertInto('reading_deviations').values(deviations).execute();
      const schedule = await saveSchedule(
        tx,
        {
          orgId,
          siteId: site.id,
          ownerType: POINT_OWNER,
          ownerId: point.id,
          recurrence: { freq: 'daily', interval: 1, times: spec.times, startDate: start, anchor: 'calendar' },
          windowMinutes: point.window_minutes,
          active: true,
        },
        nowDate,
      );
      await generateFor(tx, schedule, nowDate);
    }
  }
}

const toBool = (v: boolean | null) => (v === null ? null : v ? (1 as const) : (0 as const));

/**
 * 长春店's sales floor ran hot one afternoon 20 days ago (26.2 °C): corrected with a note
 * and an in-band re-check an hour later. 沈阳店's cold room read −12.5 °C this morning and
 * waits for its corrective note.
 */
async function demoDeviations(
  tx: Tx,
  p: 'CC' | 'SY',
  point: PointRow,
  readings: Row<'readings'>[],
  readBy: string | null,
): Promise<Row<'reading_deviations'>[]> {
  const wanted = p === 'CC' ? point.code === 'CC-T-1F' : point.code === 'SY-T-LK';
  if (!wanted || readings.length < 2) return [];
  const index = p === 'CC' ? readings.length - 40 + 1 : readings.length - 2;
  const reading = readings[index];
  if (!reading) return [];
  reading.value = p === 'CC' ? 26.2 : -12.5;
  reading.in_band = 0;
  const opened = new Date(reading.read_at);
  const at = opened.toISOString();
  const id = newId();
  reading.deviation_id = id;
  const base = {
    id,
    org_id: point.org_id,
    site_id: point.site_id,
    point_id: point.id,
    number: await nextNumber(tx, { orgId: point.org_id, ruleCode: DEVIATION_NUMBERING.code, siteId: point.site_id, at: opened }),
    reading_id: reading.id,
    opened_at: at,
    recheck_due_at: new Date(opened.getTime() + point.recheck_minutes * 60_000).toISOString(),
    failed_rechecks: 0,
    overdue_notified_at: null,
    created_at: at,
    version: 1,
  };
  if (p === 'SY') {
    return [
      {
        ...base,
        status: 'open',
        corrective_note: null,
        corrected_by: null,
        corrected_at: null,
        recheck_reading_id: null,
        closed_at: null,
        updated_at: at,
      },
    ];
  }
  const recheckAt = new Date(opened.getTime() + 50 * 60_000).toISOString();
  const recheck: Row<'readings'> = {
    ...reading,
    id: newId(),
    value: 24.6,
    read_at: recheckAt,
    in_band: 1,
    is_recheck: 1,
    deviation_id: id,
    note: '关闭卖场东侧出入口热风幕后复测',
    created_at: recheckAt,
  };
  readings.splice(index + 1, 0, recheck);
  const correctedAt = new Date(opened.getTime() + 20 * 60_000).toISOString();
  return [
    {
      ...base,
      status: 'corrected',
      corrective_note: '热风幕温度设定过高，已调至 22 °C 并关闭东侧出入口热风幕',
      corrected_by: readBy,
      corrected_at: correctedAt,
      recheck_reading_id: recheck.id,
      closed_at: recheckAt,
      updated_at: recheckAt,
      version: 3,
    },
  ];
}
