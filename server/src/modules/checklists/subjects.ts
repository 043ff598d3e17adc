import type { ChecklistFinding, ChecklistFollowUp, ChecklistItem } from '../../../../contracts/checklists.js';
import type { Ctx, Tx } from '../../platform/context.js';
import type { ResultRow } from './checklists.repository.js';

/**
 * What a checklist can be filled for (a maintenance work order, a patrol round's point…).
 * The checklist core (results.service.ts) evaluates, checks photos, audits and answers 409
 * the same way for every subject; the subject's module says who may fill it, when, and
 * what a finding becomes.
 */
export interface ChecklistSubjectAccess {
  /** the subject's site (the result's site) */
  siteId: string;
  /** the actor is one of the people who fill it (otherwise a save answers 403) */
  mayFill: boolean;
  /** why the subject's state does not allow filling now (a save answers 409), null when it does */
  blocked: { message: string; details?: Record<string, unknown> } | null;
  /**
   * Turns the findings of a submitted checklist into the subject's follow-ups (repair work
   * orders, findings of the hazards module), in the saving transaction.
   */
  onFindings(tx: Tx, result: ResultRow, findings: ChecklistFinding[], items: ChecklistItem[]): Promise<ChecklistFollowUp[]>;
}

export interface ChecklistSubject {
  /** the 403 message when the actor is not one of the people who fill it */
  forbiddenMessage: string;
  /** Loads the subject for the actor; throws 404 when it is missing or out of the actor's scope. */
  resolve(ctx: Ctx, subjectId: string): Promise<ChecklistSubjectAccess>;
}

const subjects = new Map<string, ChecklistSubject>();

/** Modules register their subject types at start-up (idempotent: several test apps share a process). */
export function registerChecklistSubject(type: string, subject: ChecklistSubject): void {
  subjects.set(type, subject);
}

export function checklistSubject(type: string): ChecklistSubject | undefined {
  return subjects.get(type);
}
