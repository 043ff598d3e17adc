import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import type { Ctx } from '../../platform/context.js';
import { siteTimeZone } from '../../platform/numbering/time.js';
import { dictionaryLabels } from '../system/index.js';
import { type LabourList, labourOf } from './labour.service.js';
import { type MaterialList, materialsOf } from './materials.service.js';
import { getWorkOrder, getWorkOrderRow } from './service.js';

/**
 * Everything the printed 维修工单 shows, gathered after the same visibility check as the
 * detail page (404 for orders the actor cannot see).
 */
export interface ReturnVisitLine {
  visitedAt: string;
  visitorName: string | null;
  method: string | null;
  result: string;
  comment: string | null;
}

/** Return visits are recorded by the service desk; it tells the print how to read them. */
type ReturnVisitSource = (ctx: Ctx, workOrderId: string) => Promise<ReturnVisitLine[]>;
let returnVisitSource: ReturnVisitSource | null = null;

export function registerReturnVisitSource(source: ReturnVisitSource): void {
  returnVisitSource = source;
}

export interface PrintData {
  wo: WorkOrderDto;
  timeZone: string;
  categoryName: string;
  urgencyName: string;
  /** who dispatched (or 抢单 / 自动派单) and when: the latest assignment step */
  dispatch: { by: string | null; at: string } | null;
  /** the acceptance step: approve / auto_approve */
  acceptance: { by: string | null; at: string; auto: boolean } | null;
  materials: MaterialList;
  labour: LabourList;
  visits: ReturnVisitLine[];
}

const ASSIGN_ACTIONS = ['dispatch', 'transfer', 'claim'];

export async function printData(ctx: Ctx, id: string): Promise<PrintData> {
  const { row } = await getWorkOrderRow(ctx, id);
  const [wo, timeZone, categories, urgencies, events, materials, labour, visits] = await Promise.all([
    getWorkOrder(ctx, id),
    siteTimeZone(ctx.db, row.org_id, row.site_id),
    dictionaryLabels(ctx.db, row.org_id, 'repair_category'),
    dictionaryLabels(ctx.db, row.org_id, 'urgency'),
    ctx.db
      .selectFrom('work_order_events')
      .select(['action', 'at', 'actor_name'])
      .where('work_order_id', '=', id)
      .where('action', 'in', [...ASSIGN_ACTIONS, 'approve', 'auto_approve'])
      .orderBy('at')
      .orderBy('id')
      .execute(),
    materialsOf(ctx.db, id),
    labourOf(ctx.db, row),
    returnVisitSource ? returnVisitSource(ctx, id) : Promise.resolve([]),
  ]);
  const lastAssign = events.filter((e) => ASSIGN_ACTIONS.includes(e.action)).pop();
  const lastAcceptance = events.filter((e) => e.action === 'approve' || e.action === 'auto_approve').pop();
  return {
    wo,
    timeZone,
    categoryName: categories.get(wo.category)?.zh ?? wo.category,
    urgencyName: urgencies.get(wo.urgency)?.zh ?? wo.urgency,
    dispatch: lastAssign
      ? { by: lastAssign.action === 'claim' ? `${lastAssign.actor_name ?? ''}（抢单）` : lastAssign.actor_name, at: lastAssign.at }
      : null,
    acceptance: lastAcceptance
      ? { by: lastAcceptance.actor_name, at: lastAcceptance.at, auto: lastAcceptance.action === 'auto_approve' }
      : null,
    materials,
    labour,
    visits,
  };
}
