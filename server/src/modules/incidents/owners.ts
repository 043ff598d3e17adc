import { registerActionOwner } from '../../platform/actions/index.js';
import { forbidden } from '../../platform/http/errors.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import { findReadableIncident, incidentLink, mayEdit, mayManageActions, readableIncident } from './incidents.service.js';

/**
 * An incident report as the owner of other records: its attachments (photos, the
 * scene's documents) and its corrective and preventive measures (action items).
 * Registered at start-up and by the demo seed, which runs before the app is built.
 */
export function registerIncidentOwners(): void {
  registerAttachmentOwner('incident', {
    label: '意外事件报告',
    readPermission: 'safety:read',
    writePermission: 'incidents:report',
    async resolve(ctx, ownerId, mode) {
      const row = await readableIncident(ctx, ownerId);
      if (mode === 'read') return { siteId: row.site_id, self: row.author_id === ctx.actor.userId };
      // the files are part of the report: they change only while the report may be edited
      if (!mayEdit(ctx, row)) throw forbidden(row.status === 'reviewed' ? '报告已审核，附件不能再更改' : '只有报告人或审核人可以更改附件');
      return { siteId: row.site_id, self: true };
    },
  });
  registerActionOwner({
    ownerType: 'incident',
    async load(ctx, db, ownerId) {
      const row = await findReadableIncident(ctx, db, ownerId);
      if (!row) return undefined;
      return {
        siteId: row.site_id,
        number: row.number,
        title: row.title,
        link: incidentLink(row.id),
        mayManage: mayManageActions(ctx, row),
      };
    },
  });
}
