import { CustomerServiceOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const WorkOrdersPage = lazy(() => import('./WorkOrdersPage'));
const WorkOrderDetailPage = lazy(() => import('./WorkOrderDetailPage'));

/**
 * 维修服务: the work-order list and detail live here; the dispatcher board and 我的工单
 * (workdesk), measures (repairstats) and settings (worksettings) are their own modules
 * whose pages this menu group links to.
 */
const workorders: AppModule = {
  id: 'workorders',
  order: 100,
  routes: [
    { path: 'work-orders', component: WorkOrdersPage },
    { path: 'work-orders/:id', component: WorkOrderDetailPage },
  ],
  menu: [
    {
      key: 'workorders',
      label: 'workorders:menu.group',
      icon: <CustomerServiceOutlined />,
      children: [
        { key: 'work-orders', label: 'workorders:menu.list', permission: 'workorders:report' },
        { key: 'work-orders/board', label: 'workorders:menu.board', permission: 'workorders:dispatch' },
        { key: 'my-work', label: 'workorders:menu.myWork', permission: 'workorders:work' },
        { key: 'work-orders/measures', label: 'workorders:menu.measures', permission: 'workorders:read' },
        { key: 'work-orders/sla-policies', label: 'workorders:menu.slaPolicies', permission: 'workorders:manage' },
        { key: 'work-orders/dispatch-rules', label: 'workorders:menu.dispatchRules', permission: 'workorders:manage' },
        { key: 'work-orders/standards', label: 'workorders:menu.standards', permission: 'workorders:manage' },
        { key: 'work-orders/settings', label: 'workorders:menu.settings', permission: 'workorders:manage' },
      ],
    },
  ],
};

export default workorders;
