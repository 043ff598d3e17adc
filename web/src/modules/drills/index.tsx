import { SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const DrillsPage = lazy(() => import('./DrillsPage'));
const DrillDetailPage = lazy(() => import('./DrillDetailPage'));
const PlansPage = lazy(() => import('./PlansPage'));
const PlanDetailPage = lazy(() => import('./PlanDetailPage'));

/**
 * 应急演练 in the 安全管理 menu group: drills (演练记录: planned, done with their record and
 * report, missed) and the recurring drill plans (演练计划) on the occurrence engine.
 */
const drills: AppModule = {
  id: 'drills',
  // in the 安全管理 group after incidents (232), before training (245)
  order: 234,
  routes: [
    { path: 'drills', component: DrillsPage, permission: 'safety:read' },
    { path: 'drills/plans', component: PlansPage, permission: 'safety:read' },
    { path: 'drills/plans/:id', component: PlanDetailPage, permission: 'safety:read' },
    { path: 'drills/:id', component: DrillDetailPage, permission: 'safety:read' },
  ],
  menu: [
    {
      key: 'safety',
      label: 'safety:menu.group',
      icon: <SafetyOutlined />,
      children: [
        { key: 'drills', label: 'drills:menu.drills', permission: 'safety:read' },
        { key: 'drills/plans', label: 'drills:menu.plans', permission: 'safety:read' },
      ],
    },
  ],
};

export default drills;
