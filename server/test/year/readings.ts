import type { ReadingPointInput } from '../../../contracts/readings.js';
import { correctDeviation } from '../../src/modules/readings/deviations.service.js';
import { createPoint } from '../../src/modules/readings/points.service.js';
import { recordReading } from '../../src/modules/readings/readings.service.js';
import { weekday } from './dates.js';
import { HOUR, MINUTE, type Store, type World } from './world.js';

/**
 * Readings of both stores: the sales-floor temperature, the pump pressure and the main
 * electricity and water meters, read every Monday at 10:00. Most are read within the
 * two-hour window; a few are entered the next day with the time they were taken (late:
 * the missed sweep has run by then), a few never (missed). A value out of its band opens a deviation: the
 * technician writes the corrective action and re-checks; a few re-checks fail or come late.
 */

interface PointSpec {
  code: string;
  name: string;
  location: string;
  kind: 'instant' | 'cumulative';
  quantity: string;
  unit: string;
  meterKind?: 'electricity' | 'water';
  target?: number;
  tolerance?: number;
  min?: number;
  max?: number;
  /** the value read: a normal one, or one out of band */
  value: (w: World, month: number, out: boolean) => number;
}

const POINTS: PointSpec[] = [
  {
    code: 'Y-T-2F',
    name: '卖场温度（二层）',
    location: 'A-2F-01',
    kind: 'instant',
    quantity: '温度',
    unit: '°C',
    target: 24,
    tolerance: 2,
    value: (w, month, out) => {
      const summer = month >= 6 && month <= 8;
      if (out) return summer ? 26.5 + w.rng.int(0, 20) / 10 : 20.5 + w.rng.int(0, 10) / 10;
      return 23 + w.rng.int(0, 20) / 10;
    },
  },
  {
    code: 'Y-P-B1',
    name: '生活水泵出水压力',
    location: 'A-B1-02',
    kind: 'instant',
    quantity: '压力',
    unit: 'MPa',
    min: 0.3,
    max: 0.6,
    value: (w, _month, out) => (out ? 0.2 + w.rng.int(0, 8) / 100 : 0.35 + w.rng.int(0, 20) / 100),
  },
  {
    code: 'Y-E',
    name: '总电表（年度）',
    location: 'A-B1-01',
    kind: 'cumulative',
    quantity: '电量',
    unit: 'kWh',
    meterKind: 'electricity',
    value: (w, month) => (month >= 6 && month <= 8 ? 14_000 : month === 12 || month <= 2 ? 11_000 : 9_000) + w.rng.int(0, 1_500),
  },
  {
    code: 'Y-W',
    name: '总水表（年度）',
    location: 'A-B1-02',
    kind: 'cumulative',
    quantity: '水量',
    unit: 'm³',
    meterKind: 'water',
    value: (w, month) => (month >= 6 && month <= 8 ? 420 : 330) + w.rng.int(0, 60),
  },
];

const WINDOW_MINUTES = 120;
const RECHECK_MINUTES = 60;

export async function scheduleReadings(w: World, store: Store): Promise<void> {
  const ctx = await w.ctx(store.people.manager);
  for (const p of POINTS) {
    const input: ReadingPointInput = {
      siteId: store.id,
      code: `${store.code}-${p.code}`,
      name: p.name,
      targetType: 'location',
      targetId: store.locations.get(`${store.code}-${p.location}`) as string,
      kind: p.kind,
      quantity: p.quantity,
      unit: p.unit,
      meterKind: p.meterKind ?? null,
      target: p.target ?? null,
      tolerance: p.tolerance ?? null,
      min: p.min ?? null,
      max: p.max ?? null,
      recurrence: {
        freq: 'weekly',
        interval: 1,
        weekdays: [1],
        times: ['10:00'],
        startDate: `${w.year}-01-01`,
        endDate: `${w.year}-12-31`,
        anchor: 'calendar',
      },
      windowMinutes: WINDOW_MINUTES,
      recheckMinutes: RECHECK_MINUTES,
    };
    const point = await createPoint(ctx, input);
    w.count('readings.points');
    // a meter's running total: each reading adds the week's consumption
    let total = p.kind === 'cumulative' ? (p.meterKind === 'electricity' ? 1_250_000 : 86_000) : 0;
    for (const date of w.days) {
      if (weekday(date) !== 1) continue;
      const due = w.local(store, date, '10:00');
      const r = w.rng;
      const fate = r.weighted<'on_time' | 'late' | 'missed'>([
        ['on_time', 92],
        ['late', 4],
        ['missed', 4],
      ]);
      w.count(`readings.fate.${fate}`);
      if (fate === 'missed') continue;
      const month = Number(date.slice(5, 7));
      const out = p.kind === 'instant' && r.chance(0.07);
      const readAt = due + r.int(0, WINDOW_MINUTES - 10) * MINUTE;
      if (p.kind === 'cumulative') total += p.value(w, month, false);
      const value = p.kind === 'cumulative' ? total : p.value(w, month, out);
      // a late one is entered the next day, dated when it was taken
      const enteredAt = fate === 'late' ? readAt + r.int(24, 30) * HOUR : readAt;
      w.tl.at(enteredAt, `reading ${store.code}`, async () => {
        const reading = await recordReading(await w.ctx(store.people.technician), point.id, {
          value,
          readAt: new Date(readAt).toISOString(),
        });
        w.count('readings.taken');
        if (reading.deviationId && !reading.isRecheck) deviation(w, store, p, reading.deviationId, point.id, month);
      });
    }
  }
}

/** A deviation from its opening: corrective action, then the re-check (most pass in time). */
function deviation(w: World, store: Store, p: PointSpec, id: string, pointId: string, month: number): void {
  const r = w.rng;
  const fate = r.weighted<'in_time' | 'late' | 'failed_once' | 'left'>([
    ['in_time', 75],
    ['late', 10],
    ['failed_once', 8],
    ['left', 7],
  ]);
  w.count(`readings.deviation.${fate}`);
  if (fate === 'left') return;
  const tech = store.people.technician;
  const correctAt = w.tl.now() + r.int(10, 30) * MINUTE;
  const correct = async () => {
    const version = Number(
      (await w.db.selectFrom('reading_deviations').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version,
    );
    await correctDeviation(await w.ctx(tech), id, {
      note: r.pick(['已调整空调设定温度', '已调节水泵变频器', '已检查并复位设备']),
      version,
    });
  };
  const recheck = async (ok: boolean) => {
    await recordReading(await w.ctx(tech), pointId, { value: p.value(w, month, !ok), note: '复测' });
    w.count('readings.rechecks');
  };
  w.tl.at(correctAt, `deviation ${store.code}`, async () => {
    await correct();
    const first = correctAt + (fate === 'late' ? r.int(70, 150) : r.int(20, 50)) * MINUTE;
    w.tl.at(first, `recheck ${store.code}`, async () => {
      await recheck(fate !== 'failed_once');
      if (fate !== 'failed_once') return;
      // a failed re-check reopens the deviation: a new corrective action, a new re-check
      const again = w.tl.now() + r.int(10, 20) * MINUTE;
      w.tl.at(again, `deviation ${store.code}`, async () => {
        await correct();
        w.tl.at(again + r.int(20, 45) * MINUTE, `recheck ${store.code}`, () => recheck(true));
      });
    });
  });
}
