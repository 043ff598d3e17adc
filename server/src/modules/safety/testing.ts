import type { ActionItemDto } from '../../../../contracts/actions.js';
import type { Client } from '../../../test/harness.js';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { registerActionOwner } from '../../platform/actions/index.js';
import { actionOwnerHandler } from '../../platform/actions/owners.js';

/** Test fixtures of the action items: a stand-in owner, and items driven through the API. */

export interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[]; status?: string; action?: string } };
}

/**
 * Stand-in incidents `test-<site>-<n>` on the given sites, registered in the test process
 * (the app runs in it): seen by whoever holds safety:read on the site, managed by whoever
 * holds incidents:review there — as the incident module's own rule reads. Other ids go to
 * the incident module's handler, so the demo's real incidents keep their numbers.
 */
export function registerTestOwner(sites: Record<string, string>): void {
  const real = actionOwnerHandler('incident');
  registerActionOwner({
    ownerType: 'incident',
    async load(ctx, db, ownerId) {
      const m = /^test-([a-z]+)-\d+$/.exec(ownerId);
      if (!m) return real?.load(ctx, db, ownerId);
      const siteId = sites[m[1] as string];
      if (!siteId || !inScope(siteScope(ctx.actor, 'safety:read'), siteId)) return undefined;
      return {
        siteId,
        number: `SJ-TEST-${ownerId}`,
        title: `测试事件 ${ownerId}`,
        link: `/incidents/${ownerId}`,
        mayManage: hasPermission(ctx.actor, 'incidents:review', siteId),
      };
    },
  });
}

export async function addItem(c: Client, ownerId: string, fields: Record<string, unknown>): Promise<ActionItemDto> {
  const res = await c.post<ActionItemDto & ErrorBody>('/api/v1/actions', { ownerType: 'incident', ownerId, kind: 'corrective', ...fields });
  if (res.status !== 201) throw new Error(`action item: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function step(c: Client, item: Pick<ActionItemDto, 'id' | 'version'>, name: string, body: Record<string, unknown> = {}) {
  return c.post<ActionItemDto & ErrorBody>(`/api/v1/actions/${item.id}/${name}`, { version: item.version, ...body });
}
