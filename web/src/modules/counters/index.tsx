import { ShopOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const CountersPage = lazy(() => import('./CountersPage'));
const CounterDetailPage = lazy(() => import('./CounterDetailPage'));
const NoticesPage = lazy(() => import('./NoticesPage'));
const NoticeDetailPage = lazy(() => import('./NoticeDetailPage'));
const ChargeRulesPage = lazy(() => import('./ChargeRulesPage'));
const MyCounterPage = lazy(() => import('./MyCounterPage'));

/**
 * 专柜管理: vendor counters, rectification notices (整改通知), charge rules and monthly
 * statements. Counter staff hold no counters permission: 我的专柜 shows their own
 * counter, and a notice's detail page opens for them from their inbox, so those two
 * routes need none (the server decides what each person sees).
 */
const counters: AppModule = {
  id: 'counters',
  order: 120,
  routes: [
    { path: 'counters', component: CountersPage, permission: 'counters:read' },
    { path: 'counters/notices', component: NoticesPage, permission: 'counters:read' },
    { path: 'counters/notices/:id', component: NoticeDetailPage },
    { path: 'counters/charge-rules', component: ChargeRulesPage, permission: 'counters:read' },
    { path: 'counters/:id', component: CounterDetailPage },
    { path: 'my-counter', component: MyCounterPage },
  ],
  menu: [
    {
      key: 'counters-group',
      label: 'counters:menu.group',
      icon: <ShopOutlined />,
      children: [
        { key: 'counters', label: 'counters:menu.counters', permission: 'counters:read' },
        { key: 'counters/notices', label: 'counters:menu.notices', permission: 'counters:read' },
        { key: 'counters/charge-rules', label: 'counters:menu.chargeRules', permission: 'counters:read' },
        { key: 'my-counter', label: 'counters:menu.myCounter', permission: 'workorders:report' },
      ],
    },
  ],
};

export default counters;
