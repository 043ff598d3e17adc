import { BarChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const SummariesPage = lazy(() => import('./SummariesPage'));
const NewSummaryPage = lazy(() => import('./NewSummaryPage'));
const SummaryDetailPage = lazy(() => import('./SummaryDetailPage'));

/**
 * 工作总结: summaries written by Houqin from the records of a period and a scope, edited in
 * the browser with every figure still linked to the records behind it, versioned,
 * approved by the head and exported as Word, PDF and Excel. Its item joins the
 * 报表与总结 group of the dashboard (same order, after it by id).
 */
const summaries: AppModule = {
  id: 'summaries',
  order: 99,
  routes: [
    { path: 'summaries', component: SummariesPage, permission: 'reports:read' },
    { path: 'summaries/new', component: NewSummaryPage, permission: 'summaries:write' },
    { path: 'summaries/:id', component: SummaryDetailPage, permission: 'reports:read' },
  ],
  menu: [
    {
      key: 'reports',
      label: 'summaries:menu.group',
      icon: <BarChartOutlined />,
      children: [{ key: 'summaries', label: 'summaries:menu.list', permission: 'reports:read' }],
    },
  ],
};

export default summaries;
