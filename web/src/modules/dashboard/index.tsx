import { FundOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const DashboardPage = lazy(() => import('./DashboardPage'));

/**
 * 数据看板: the figures of every module for a period, for the group (all the reader's
 * sites, compared site by site) or one site (compared with the previous period and the
 * same period last year); every figure and chart element opens the records behind it.
 * It opens the menu group 'reports' (报表与总结) that the work summaries join.
 */
const dashboard: AppModule = {
  id: 'dashboard',
  // first in the menu: the overview people open before any list
  order: 99,
  routes: [{ path: 'dashboard', component: DashboardPage, permission: 'reports:read' }],
  menu: [
    {
      key: 'reports',
      label: 'dashboard:menu.group',
      icon: <FundOutlined />,
      children: [{ key: 'dashboard', label: 'dashboard:menu.dashboard', permission: 'reports:read' }],
    },
  ],
};

export default dashboard;
