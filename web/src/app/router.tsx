import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoading } from '../components/PageLoading';
import { RequireAuth, RequirePermission } from './guards';
import { modulePublicRoutes, moduleRoutes } from './modules';
import { AppLayout } from './shell/AppLayout';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const SetupPage = lazy(() => import('./pages/SetupPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const ForbiddenPage = lazy(() => import('./pages/ForbiddenPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const page = (node: React.ReactNode) => <Suspense fallback={<PageLoading />}>{node}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  { path: '/setup', element: page(<SetupPage />) },
  // pages modules declare public (no login, no shell), e.g. the QR landing page
  ...modulePublicRoutes.map((r) => ({ path: `/${r.path}`, element: page(<r.component />) })),
  {
    path: '/change-password',
    element: <RequireAuth>{page(<ChangePasswordPage />)}</RequireAuth>,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: page(<HomePage />) },
      ...moduleRoutes.map((r) => ({
        path: r.path,
        element: page(
          <RequirePermission permission={r.permission}>
            <r.component />
          </RequirePermission>,
        ),
      })),
      { path: '403', element: page(<ForbiddenPage />) },
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
