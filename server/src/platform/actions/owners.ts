import type { ActionOwnerType } from '../../../../contracts/actions.js';
import type { Ctx, Db } from '../context.js';
import { notFound } from '../http/errors.js';
import { ACTION_OWNER_LABELS } from './actions.state.js';

/**
 * The records that carry action items (an incident report, a drill) as the engine sees
 * them. Each owner module registers a handler at start-up (idempotent: several app
 * instances in one process — the tests — register the same owner type again).
 */
export interface ActionOwner {
  siteId: string;
  /** SJ-20260312-0002 */
  number: string;
  title: string;
  /** web path of the owner's page (its action-items panel) */
  link: string;
  /** the actor may add, edit and cancel the owner's items (and submit on the assignee's behalf) */
  mayManage: boolean;
}

export interface ActionOwnerHandler {
  ownerType: ActionOwnerType;
  /**
   * The owner as the actor sees it; undefined when it does not exist or lies outside the
   * actor's scope (answered 404). `db` may be the caller's transaction, so an owner created
   * in that transaction is found.
   */
  load(ctx: Ctx, db: Db, ownerId: string): Promise<ActionOwner | undefined>;
}

const handlers = new Map<ActionOwnerType, ActionOwnerHandler>();

export function registerActionOwner(handler: ActionOwnerHandler): void {
  handlers.set(handler.ownerType, handler);
}

export function actionOwnerHandler(ownerType: ActionOwnerType): ActionOwnerHandler | undefined {
  return handlers.get(ownerType);
}

/** The owner for the actor, or 404 naming its kind (also when no module registered the type). */
export async function loadActionOwner(ctx: Ctx, db: Db, ownerType: ActionOwnerType, ownerId: string): Promise<ActionOwner> {
  const owner = await handlers.get(ownerType)?.load(ctx, db, ownerId);
  if (!owner) throw notFound(ACTION_OWNER_LABELS[ownerType] ?? '记录');
  return owner;
}
