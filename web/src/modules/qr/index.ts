import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const QrLandingPage = lazy(() => import('./QrLandingPage'));

/** The page a phone opens when it scans a QR label: public, no shell, 375 px first. */
const qr: AppModule = {
  id: 'qr',
  order: 990,
  routes: [],
  menu: [],
  publicRoutes: [{ path: 'q/:code', component: QrLandingPage }],
};
export default qr;
