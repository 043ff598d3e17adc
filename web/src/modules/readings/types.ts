/** The readings API as the pages use it, declared once in contracts/readings.ts. */

export type { Recurrence } from '../../../../contracts/occurrences';
export type {
  BulkReadingsInput,
  BulkReadingsResult,
  ConsumptionRow,
  DeviationCorrectInput,
  DeviationDto as Deviation,
  DeviationStatus,
  MeterKind,
  ReadingChartDto,
  ReadingDto as Reading,
  ReadingInput,
  ReadingPointDto as ReadingPoint,
  ReadingPointInput,
  ReadingPointKind,
  ReadingSource,
} from '../../../../contracts/readings';
export { DEVIATION_STATUSES, METER_KINDS, READING_POINT_KINDS, READING_SOURCES } from '../../../../contracts/readings';

/** the resources of GET/POST …, relative to /api/v1 */
export const POINTS = '/reading-points';
export const READINGS = '/readings';
export const DEVIATIONS = '/reading-deviations';
export const CONSUMPTION = '/meters/consumption';
/** the routes (巡检计划) a point may be grouped by */
export const PATROL_PLANS = '/patrols/plans';
