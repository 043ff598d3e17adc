import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const TrackPage = lazy(() => import('./TrackPage'));
const TrackLookupPage = lazy(() => import('./TrackLookupPage'));

/** The repair follow-up without login: by the link's token, or found again by number and phone. 375 px first, no shell. */
const track: AppModule = {
  id: 'track',
  order: 991,
  routes: [],
  menu: [],
  publicRoutes: [
    { path: 'track', component: TrackLookupPage },
    { path: 'track/:token', component: TrackPage },
  ],
};
export default track;
