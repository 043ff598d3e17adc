import { useTranslation } from 'react-i18next';
import { LOCATION_KINDS, SITE_KINDS } from '../../../../contracts/types';

export function useSiteKindOptions() {
  const { t } = useTranslation('org');
  return SITE_KINDS.map((k) => ({ value: k, label: t(`siteKind.${k}`) }));
}

export function useLocationKindOptions() {
  const { t } = useTranslation('org');
  return LOCATION_KINDS.map((k) => ({ value: k, label: t(`locationKind.${k}`) }));
}

export function useActiveOptions() {
  const { t } = useTranslation('common');
  return [
    { value: '1', label: t('status.active') },
    { value: '0', label: t('status.inactive') },
  ];
}

/** Every IANA zone the browser knows, Asia/Shanghai first. */
export function timezoneOptions(): { value: string; label: string }[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    zones = [];
  }
  const first = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Urumqi'];
  return [...new Set([...first, ...zones, 'UTC'])].map((z) => ({ value: z, label: z }));
}

/** Code fields: letters, digits, `_ - .` as the server accepts. */
export const CODE_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const SITE_CODE_PATTERN = /^[A-Za-z0-9_-]+$/;
export const OPENING_HOURS_PATTERN = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
