import { useTranslation } from 'react-i18next';

/** Record types the platform audits; feature modules add theirs to system.json `entities` as they arrive. */
export const AUDIT_ENTITIES = [
  'site',
  'location',
  'department',
  'team',
  'user',
  'role',
  'membership',
  'api_token',
  'dictionary',
  'numbering_rule',
  'notification_channel',
  'attachment',
] as const;

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'deactivate',
  'activate',
  'delete',
  'import',
  'move',
  'login',
  'lock',
  'unlock',
  'change_password',
  'reset_password',
  'revoke',
] as const;

export function useAuditFilterOptions() {
  const { t } = useTranslation('system');
  return {
    entities: AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`entities.${e}`) })),
    actions: AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`actions.${a}`) })),
  };
}
