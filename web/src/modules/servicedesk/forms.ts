import type { Dayjs } from 'dayjs';
import type { ComplaintAction, ComplaintCategory, HotlineOutcome, Satisfaction, VisitMethod } from './types';

/** Pure helpers of the service-desk forms: form values → request bodies, URL → filters, time left. */

/** what the server accepts as a phone number */
export const PHONE = /^[0-9+\-() ]{5,20}$/;

const text = (v: string | null | undefined): string | null => v?.trim() || null;

/** The filters a summary link (or a shared URL) carries, limited to those the list understands. */
export function filtersFromSearch(search: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = search.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** Field names follow the request body, so the server's `workOrder.category` lands under its field. */
export interface HotlineValues {
  siteId: string;
  receivedAt?: Dayjs | null;
  callerName?: string;
  callerPhone?: string;
  content: string;
  outcome: HotlineOutcome;
  note?: string;
  workOrder?: {
    category?: string;
    urgency?: string;
    locationId?: string | null;
    appointmentAt?: Dayjs | null;
    requesterDepartment?: string;
  };
  complaint?: { subject?: string; category?: ComplaintCategory };
}

/** Only the part the chosen outcome needs: repair fields for a work order, complaint fields for a complaint. */
export function hotlineBody(v: HotlineValues) {
  const w = v.workOrder ?? {};
  return {
    siteId: v.siteId,
    receivedAt: v.receivedAt ? v.receivedAt.toISOString() : null,
    callerName: text(v.callerName),
    callerPhone: text(v.callerPhone),
    content: v.content.trim(),
    outcome: v.outcome,
    note: text(v.note),
    workOrder:
      v.outcome === 'work_order'
        ? {
            category: w.category ?? '',
            urgency: w.urgency ?? '',
            locationId: w.locationId ?? null,
            appointmentAt: w.appointmentAt ? w.appointmentAt.toISOString() : null,
            requesterDepartment: text(w.requesterDepartment),
          }
        : null,
    complaint: v.outcome === 'complaint' ? { subject: text(v.complaint?.subject), category: v.complaint?.category ?? 'other' } : null,
  };
}

export interface VisitValues {
  method: VisitMethod;
  result: Satisfaction;
  visitedAt?: Dayjs | null;
  comment?: string;
  followUpNeeded?: boolean;
  raiseComplaint?: boolean;
  complaintCategory?: ComplaintCategory;
  complaintSubject?: string;
}

/** A complaint goes with the visit only when the visit was dissatisfied and the clerk asked for one. */
export function visitBody(v: VisitValues) {
  const raise = v.result === 'dissatisfied' && v.raiseComplaint === true;
  return {
    method: v.method,
    result: v.result,
    visitedAt: v.visitedAt ? v.visitedAt.toISOString() : null,
    comment: text(v.comment),
    followUpNeeded: Boolean(v.followUpNeeded),
    complaint: raise ? { category: v.complaintCategory ?? 'quality', subject: text(v.complaintSubject) } : null,
  };
}

export interface ActionValues {
  note?: string;
  handlerId?: string;
  resolution?: string;
  satisfaction?: Satisfaction;
}

/** The body of one complaint step: the fields that step reads, and the version read. */
export function actionBody(action: ComplaintAction, v: ActionValues, version: number) {
  switch (action) {
    case 'assign':
      return { version, handlerId: v.handlerId ?? null, note: text(v.note) };
    case 'resolve':
      return { version, resolution: text(v.resolution) };
    case 'close':
      return { version, satisfaction: v.satisfaction ?? null, note: text(v.note) };
    default:
      return { version, note: text(v.note) };
  }
}

/** Time to a deadline in whole days and hours (negative side as `late`). */
export function timeLeft(deadlineAt: string, now: Date): { late: boolean; days: number; hours: number } {
  const ms = Date.parse(deadlineAt) - now.getTime();
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  return { late: ms < 0, days: Math.floor(hours / 24), hours: hours % 24 };
}
