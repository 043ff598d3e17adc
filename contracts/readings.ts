/**
 * Readings (抄表与读数): reading points on a location or an asset with a band (24 ± 1 °C, or
 * min–max), read on a schedule of the occurrence engine (09:00 and 15:00); an out-of-band
 * value opens a deviation (偏差) that needs a corrective note and an in-band re-check within
 * a set time. Cumulative points are meters (electricity, water, gas) whose consumption is
 * the difference between readings. Readings come from a phone, a bulk form, an Excel
 * import or a device pushing with an API token.
 */
import type { Recurrence } from './occurrences.js';

/** `instant`: a value read now (temperature); `cumulative`: a meter whose increase is the consumption */
export const READING_POINT_KINDS = ['instant', 'cumulative'] as const;
export type ReadingPointKind = (typeof READING_POINT_KINDS)[number];

/** what a cumulative meter measures, for consumption per site */
export const METER_KINDS = ['electricity', 'water', 'gas', 'heat', 'other'] as const;
export type MeterKind = (typeof METER_KINDS)[number];

export const READING_SOURCES = ['manual', 'bulk', 'import', 'device'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

export interface ReadingPointDto {
  id: string;
  siteId: string;
  siteName: string;
  /** unique in the organisation; devices and the import name points by it */
  code: string;
  name: string;
  targetType: 'location' | 'asset';
  targetId: string;
  targetName: string;
  targetPath: string | null;
  kind: ReadingPointKind;
  /** 温度, 湿度, 电量… */
  quantity: string;
  unit: string;
  meterKind: MeterKind | null;
  target: number | null;
  tolerance: number | null;
  min: number | null;
  max: number | null;
  /** the band as text, e.g. "24 ± 1 °C", "2–8 °C" or "−21 至 −15 °C"; null when the point has none */
  bandText: string | null;
  /** when readings are due; null = read whenever (a device, a meter read at month end) */
  recurrence: Recurrence | null;
  /** a reading within this many minutes after the due time counts for it */
  windowMinutes: number;
  /** a deviation's re-check reading is due within this many minutes */
  recheckMinutes: number;
  /** the route (patrol plan) the bulk form groups it by, if any */
  patrolPlanId: string | null;
  /** that route's name */
  patrolPlanName: string | null;
  active: boolean;
  lastValue: number | null;
  lastReadAt: string | null;
  /** whether the last reading was in band (null: no band or no reading) */
  lastInBand: boolean | null;
  nextDueAt: string | null;
  openDeviations: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ReadingPointInput {
  siteId: string;
  code: string;
  name: string;
  targetType: 'location' | 'asset';
  targetId: string;
  kind: ReadingPointKind;
  quantity: string;
  unit: string;
  meterKind?: MeterKind | null;
  target?: number | null;
  tolerance?: number | null;
  min?: number | null;
  max?: number | null;
  recurrence?: Recurrence | null;
  windowMinutes: number;
  recheckMinutes: number;
  patrolPlanId?: string | null;
}

export interface ReadingDto {
  id: string;
  pointId: string;
  pointCode: string;
  pointName: string;
  siteId: string;
  value: number;
  unit: string;
  readAt: string;
  readBy: string | null;
  readByName: string | null;
  source: ReadingSource;
  /** null when the point has no band (meters) */
  inBand: boolean | null;
  /** cumulative points: the increase since the previous reading */
  consumption: number | null;
  /** the occurrence it fulfilled, if it was read within a due window */
  occurrenceId: string | null;
  /** the deviation it opened, or (a re-check) the deviation it re-checked */
  deviationId: string | null;
  isRecheck: boolean;
  note: string | null;
  createdAt: string;
}

/** POST /reading-points/:id/readings (phone), and one line of the bulk form */
export interface ReadingInput {
  value: number;
  /** default: now; a reading may not be in the future */
  readAt?: string | null;
  note?: string | null;
}

/** POST /readings/bulk: a whole route at once */
export interface BulkReadingsInput {
  readAt?: string | null;
  lines: ({ pointId: string } & Omit<ReadingInput, 'readAt'>)[];
}

/** POST /readings/device (Authorization: Bearer <API token with readings:push>) */
export interface DeviceReadingInput {
  pointCode: string;
  value: number;
  readAt?: string | null;
}

export const DEVIATION_STATUSES = ['open', 'awaiting_recheck', 'corrected'] as const;
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number];

export interface DeviationDto {
  id: string;
  /** PC-YYYYMMDD-0001 */
  number: string;
  pointId: string;
  pointCode: string;
  pointName: string;
  siteId: string;
  siteName: string;
  readingId: string;
  value: number;
  unit: string;
  bandText: string | null;
  openedAt: string;
  /** the re-check must be read by then */
  recheckDueAt: string;
  status: DeviationStatus;
  correctiveNote: string | null;
  correctedBy: string | null;
  correctedByName: string | null;
  /** the in-band re-check reading that closed it */
  recheckReadingId: string | null;
  recheckValue: number | null;
  closedAt: string | null;
  /** out-of-band re-checks so far */
  failedRechecks: number;
  /** the re-check is overdue (not closed by recheckDueAt) */
  overdue: boolean;
  updatedAt: string;
  version: number;
}

/** POST /reading-deviations/:id/correct */
export interface DeviationCorrectInput {
  note: string;
  version: number;
}

/** GET /reading-points/:id/chart: one series (downsampled to at most `maxPoints` buckets with min/max/avg) and the band */
export interface ReadingChartDto {
  pointId: string;
  unit: string;
  from: string;
  to: string;
  band: { low: number | null; high: number | null; target: number | null };
  /** false: one entry per reading (min = max = value); true: one per time bucket with its average */
  bucketed: boolean;
  points: { at: string; value: number; min: number; max: number; count: number; inBand: boolean | null }[];
}

/** GET /meters/consumption */
export interface ConsumptionRow {
  siteId: string;
  siteName: string;
  meterKind: MeterKind;
  unit: string;
  /** local day YYYY-MM-DD or month YYYY-MM in the site's zone */
  period: string;
  consumption: number;
}

/** POST /readings/bulk answers the readings in line order */
export interface BulkReadingsResult {
  items: ReadingDto[];
}

/** POST /readings/device answers how many were recorded, in input order */
export interface DeviceReadingsResult {
  accepted: number;
  items: ReadingDto[];
}
