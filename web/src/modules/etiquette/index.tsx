import { SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const ChecksPage = lazy(() => import('./ChecksPage'));
const NewCheckPage = lazy(() => import('./NewCheckPage'));
const CheckDetailPage = lazy(() => import('./CheckDetailPage'));

/**
 * 礼仪检查 in the 安全管理 menu group: etiquette and appearance checks (仪容仪表, 礼貌礼仪)
 * of one person as checklist inspections with a score, filled on a phone.
 */
const etiquette: AppModule = {
  id: 'etiquette',
  // in the 安全管理 group right after training (245)
  order: 246,
  routes: [
    { path: 'etiquette', component: ChecksPage, permission: 'safety:read' },
    { path: 'etiquette/new', component: NewCheckPage, permission: 'training:manage' },
    { path: 'etiquette/:id', component: CheckDetailPage, permission: 'safety:read' },
  ],
  menu: [
    {
      key: 'safety',
      label: 'safety:menu.group',
      icon: <SafetyOutlined />,
      children: [{ key: 'etiquette', label: 'etiquette:menu.checks', permission: 'safety:read' }],
    },
  ],
};

export default etiquette;
