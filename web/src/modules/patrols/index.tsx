import { CompassOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const MyRoundsPage = lazy(() => import('./MyRoundsPage'));
const RoundPage = lazy(() => import('./RoundPage'));
const PlansPage = lazy(() => import('./PlansPage'));
const PlanDetailPage = lazy(() => import('./PlanDetailPage'));
const RoundsPage = lazy(() => import('./RoundsPage'));
const CompliancePage = lazy(() => import('./CompliancePage'));

/**
 * 巡检管理: my rounds on a phone (我的巡检, QR check-in at every point), patrol plans
 * on the occurrence engine (巡检计划), every round (巡检记录) and whether inspection
 * duties were carried out (履职情况).
 */
const patrols: AppModule = {
  id: 'patrols',
  order: 215,
  routes: [
    { path: 'patrols/my', component: MyRoundsPage, permission: 'patrols:do' },
    // a round is read by patrols:read and done by patrols:do: the server decides which
    { path: 'patrols/rounds/:id', component: RoundPage },
    { path: 'patrols/plans', component: PlansPage, permission: 'patrols:read' },
    { path: 'patrols/plans/:id', component: PlanDetailPage, permission: 'patrols:read' },
    { path: 'patrols/rounds', component: RoundsPage, permission: 'patrols:read' },
    { path: 'patrols/compliance', component: CompliancePage, permission: 'patrols:read' },
  ],
  menu: [
    {
      key: 'patrols',
      label: 'patrols:menu.group',
      icon: <CompassOutlined />,
      children: [
        { key: 'patrols/my', label: 'patrols:menu.my', permission: 'patrols:do' },
        { key: 'patrols/plans', label: 'patrols:menu.plans', permission: 'patrols:read' },
        { key: 'patrols/rounds', label: 'patrols:menu.rounds', permission: 'patrols:read' },
        { key: 'patrols/compliance', label: 'patrols:menu.compliance', permission: 'patrols:read' },
      ],
    },
  ],
};

export default patrols;
