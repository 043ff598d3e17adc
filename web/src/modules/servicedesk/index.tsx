import { PhoneOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const ComplaintsPage = lazy(() => import('./ComplaintsPage'));
const ComplaintDetailPage = lazy(() => import('./ComplaintDetailPage'));
const HotlinePage = lazy(() => import('./HotlinePage'));
const ReturnVisitsPage = lazy(() => import('./ReturnVisitsPage'));

/**
 * 客户服务: complaints (投诉), the 24-hour hotline log (热线记录) and return visits (回访).
 * The return-visit dialog is also embedded in the work-order detail page
 * (ReturnVisitButton).
 */
const servicedesk: AppModule = {
  id: 'servicedesk',
  order: 110,
  routes: [
    { path: 'complaints', component: ComplaintsPage, permission: 'complaints:manage' },
    { path: 'complaints/:id', component: ComplaintDetailPage, permission: 'complaints:manage' },
    { path: 'hotline-calls', component: HotlinePage, permission: 'complaints:manage' },
    { path: 'return-visits', component: ReturnVisitsPage, permission: 'workorders:read' },
  ],
  menu: [
    {
      key: 'servicedesk',
      label: 'servicedesk:menu.group',
      icon: <PhoneOutlined />,
      children: [
        { key: 'hotline-calls', label: 'servicedesk:menu.hotline', permission: 'complaints:manage' },
        { key: 'complaints', label: 'servicedesk:menu.complaints', permission: 'complaints:manage' },
        { key: 'return-visits', label: 'servicedesk:menu.visits', permission: 'workorders:read' },
      ],
    },
  ],
};

export default servicedesk;
