/** The incidents and security-log API as the pages use it, declared once in contracts/incidents.ts. */

export type {
  AlertOfficerDto as AlertOfficer,
  AlertOutcome,
  CommendationDto as Commendation,
  CommendationInput,
  IncidentDto as Incident,
  IncidentInput,
  IncidentReviewInput,
  IncidentSettingsDto as IncidentSettings,
  IncidentStatus,
  OfficerRecordDto as OfficerRecord,
  SecurityAlertDto as SecurityAlert,
  SecurityAlertInput,
} from '../../../../contracts/incidents';
export { ALERT_OUTCOMES, INCIDENT_STATUSES } from '../../../../contracts/incidents';

/** the resources of GET/POST …, relative to /api/v1 */
export const INCIDENTS = '/incidents';
export const INCIDENT_SETTINGS = '/incidents/settings';
export const ALERTS = '/security-alerts';
export const OFFICERS = '/security-alerts/officers';
/** the action items of an incident live in the safety module's resource */
export const ACTIONS = '/actions';

/** attachment owner type and action-item owner type registered by the server module */
export const OWNER_INCIDENT = 'incident';

/** dictionaries the forms and filters read */
export const INCIDENT_TYPE_DICT = 'incident_type';
export const ALERT_TYPE_DICT = 'security_alert_type';
export const ALERT_SOURCE_DICT = 'security_alert_source';

/** web paths of the pages */
export const PATHS = {
  incidents: '/incidents',
  alerts: '/security-alerts',
  officers: '/security-alerts/officers',
} as const;
