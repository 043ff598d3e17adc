import { BellOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const InboxPage = lazy(() => import('./InboxPage'));
const ChannelsPage = lazy(() => import('./ChannelsPage'));

/**
 * Notifications: everyone's 消息中心 (also reached from the header bell, InboxBell)
 * and the organisation's channels, listed in the 系统管理 menu group of the system module.
 */
const notifications: AppModule = {
  id: 'notifications',
  order: 930,
  routes: [
    { path: 'notifications', component: InboxPage },
    { path: 'notifications/channels', component: ChannelsPage, permission: 'notify:manage' },
  ],
  menu: [{ key: 'notifications', label: 'notifications:menu.inbox', icon: <BellOutlined /> }],
};

export default notifications;
