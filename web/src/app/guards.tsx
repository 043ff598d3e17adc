import { useQueryClient } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../../../contracts/permissions';
import { ForbiddenResult } from '../components/ErrorResult';
import { PageLoading } from '../components/PageLoading';
import { setUnauthorizedHandler } from './api';
import { hasGrant, ME_KEY, MeProvider, useMe, useMeQuery } from './auth';
import { getSelectedSite, setSelectedSite } from './site';

/**
 * Renders children only for a signed-in person: signed out → /login (remembering
 * where they were going); a forced password change → /change-password first.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const client = useQueryClient();
  const { data: me, isPending, isError, refetch } = useMeQuery();

  useEffect(() => {
    setUnauthorizedHandler(() => client.setQueryData(ME_KEY, null));
    return () => setUnauthorizedHandler(null);
  }, [client]);

  useEffect(() => {
    // a remembered site that is no longer visible (deactivated, grant removed) falls back to all sites
    const site = getSelectedSite();
    if (me && site && !me.sites.some((s) => s.id === site)) setSelectedSite(null);
  }, [me]);

  if (isPending) return <PageLoading fullscreen />;
  if (isError) {
    return (
      <Result
        status="500"
        title={t('shell:serverUnreachable')}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            {t('common:actions.retry')}
          </Button>
        }
      />
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <MeProvider me={me}>{children}</MeProvider>;
}

/** 403 page unless the person holds `permission` on at least one site. */
export function RequirePermission({ permission, children }: { permission?: Permission | undefined; children: ReactNode }) {
  const me = useMe();
  if (permission && !hasGrant(me, permission)) return <ForbiddenResult />;
  return <>{children}</>;
}
