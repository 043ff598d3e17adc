import { SettingOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const AuditPage = lazy(() => import('./AuditPage'));
const DictionariesPage = lazy(() => import('./DictionariesPage'));
const NumberingRulesPage = lazy(() => import('./NumberingRulesPage'));

/**
 * 系统管理: audit log, dictionaries, numbering rules. The group also lists 通知渠道,
 * whose page belongs to the notifications module, so administrators find every
 * organisation-wide setting in one place.
 */
const system: AppModule = {
  id: 'system',
  order: 920,
  routes: [
    { path: 'system/audit', component: AuditPage, permission: 'audit:read' },
    { path: 'system/dictionaries', component: DictionariesPage, permission: 'dictionaries:manage' },
    { path: 'system/numbering-rules', component: NumberingRulesPage, permission: 'numbering:manage' },
  ],
  menu: [
    {
      key: 'system',
      label: 'system:menu.group',
      icon: <SettingOutlined />,
      children: [
        { key: 'system/audit', label: 'system:menu.audit', permission: 'audit:read' },
        { key: 'system/dictionaries', label: 'system:menu.dictionaries', permission: 'dictionaries:manage' },
        { key: 'system/numbering-rules', label: 'system:menu.numbering', permission: 'numbering:manage' },
        { key: 'notifications/channels', label: 'notifications:menu.channels', permission: 'notify:manage' },
      ],
    },
  ],
};

export default system;
