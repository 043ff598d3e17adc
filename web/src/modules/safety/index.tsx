import { SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const OverviewRedirect = lazy(() => import('./OverviewRedirect'));
const OverviewPage = lazy(() => import('./OverviewPage'));
const CalendarPage = lazy(() => import('./CalendarPage'));
const ActionsPage = lazy(() => import('./ActionsPage'));
const ActionDetailPage = lazy(() => import('./ActionDetailPage'));
const MeasuresPage = lazy(() => import('./MeasuresPage'));

/**
 * 安全管理: the safety page (安全总览: counts per site and period, what comes next, the
 * overdue action items), the safety calendar, the action items (整改措施) of incident and
 * drill reports and the safety measures (安全指标). It opens the menu group 'safety' that
 * the incident, drill, training and etiquette modules fill after it (their orders are higher).
 */
const safety: AppModule = {
  id: 'safety',
  // after 隐患排查 (220) and 抄表 (225); the other safety modules take 231…239 to join this group
  order: 230,
  routes: [
    { path: 'safety', component: OverviewRedirect, permission: 'safety:read' },
    { path: 'safety/overview', component: OverviewPage, permission: 'safety:read' },
    { path: 'safety/calendar', component: CalendarPage, permission: 'safety:read' },
    // no route permission: an item's assignee or verifier may lack safety:read, and the server lists them their own items
    { path: 'safety/actions', component: ActionsPage },
    { path: 'safety/actions/:id', component: ActionDetailPage },
    { path: 'safety/measures', component: MeasuresPage, permission: 'safety:read' },
  ],
  menu: [
    {
      key: 'safety',
      label: 'safety:menu.group',
      icon: <SafetyOutlined />,
      children: [
        { key: 'safety/overview', label: 'safety:menu.overview', permission: 'safety:read' },
        { key: 'safety/calendar', label: 'safety:menu.calendar', permission: 'safety:read' },
        { key: 'safety/actions', label: 'safety:menu.actions', permission: 'safety:read' },
        { key: 'safety/measures', label: 'safety:menu.measures', permission: 'safety:read' },
      ],
    },
  ],
};

export default safety;
