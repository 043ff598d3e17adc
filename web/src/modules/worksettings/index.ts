import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const SlaPoliciesPage = lazy(() => import('./SlaPoliciesPage'));
const SettingsPage = lazy(() => import('./SettingsPage'));
const DispatchRulesPage = lazy(() => import('./DispatchRulesPage'));
const StandardsPage = lazy(() => import('./StandardsPage'));

/** Work-order settings: deadline policies, automatic dispatch rules, standard hours, auto-acceptance. */
const worksettings: AppModule = {
  id: 'worksettings',
  order: 102,
  routes: [
    { path: 'work-orders/sla-policies', component: SlaPoliciesPage, permission: 'workorders:manage' },
    { path: 'work-orders/settings', component: SettingsPage, permission: 'workorders:manage' },
    { path: 'work-orders/dispatch-rules', component: DispatchRulesPage, permission: 'workorders:manage' },
    { path: 'work-orders/standards', component: StandardsPage, permission: 'workorders:manage' },
  ],
  menu: [],
};
export default worksettings;
