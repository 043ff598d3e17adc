import { useTranslation } from 'react-i18next';
import { hasGlobalGrant, hasGrant, useMe } from '../../app/auth';
import { useList } from '../../components';
import { ALL_SITES } from './rules';
import type { Role } from './types';

export function useActiveOptions() {
  const { t } = useTranslation('common');
  return [
    { value: '1', label: t('status.active') },
    { value: '0', label: t('status.inactive') },
  ];
}

export function useLocaleOptions() {
  const { t } = useTranslation('identity');
  return [
    { value: 'zh-CN', label: t('users.localeZh') },
    { value: 'en-US', label: t('users.localeEn') },
  ];
}

/** The role's name in the current language. */
export function useRoleLabel(): (r: Pick<Role, 'name' | 'nameEn' | 'code'>) => string {
  const { i18n } = useTranslation();
  const english = !i18n.language.startsWith('zh');
  return (r) => (english ? r.nameEn || r.name : r.name);
}

/** Every role of the organisation (a short list: one page of 200). */
export function useRoles(activeOnly = false) {
  return useList<Role>('/roles', { limit: 200, sort: 'code', ...(activeOnly && { active: '1' }) });
}

/**
 * Sites on which the person may grant roles: each site where they hold users:manage,
 * and 全部场所 first when they hold it on every site.
 */
export function useGrantSiteOptions(): { value: string; label: string }[] {
  const { t } = useTranslation('identity');
  const me = useMe();
  const sites = me.sites.filter((s) => hasGrant(me, 'users:manage', s.id)).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }));
  return hasGlobalGrant(me, 'users:manage') ? [{ value: ALL_SITES, label: t('memberships.allSites') }, ...sites] : sites;
}
