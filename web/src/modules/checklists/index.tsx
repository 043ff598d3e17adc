import { CheckSquareOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const TemplatesPage = lazy(() => import('./TemplatesPage'));
const TemplateDetailPage = lazy(() => import('./TemplateDetailPage'));

/**
 * 检查表模板: the versioned checklists that maintenance orders, patrols, readings and
 * acceptance checks are filled against. Filling happens where the work is (the work
 * order, the patrol point), through components/ChecklistForm.
 */
const checklists: AppModule = {
  id: 'checklists',
  order: 215,
  routes: [
    { path: 'checklists/templates', component: TemplatesPage, permission: 'checklists:manage' },
    { path: 'checklists/templates/:id', component: TemplateDetailPage, permission: 'checklists:manage' },
  ],
  menu: [
    {
      key: 'checklist-templates',
      label: 'checklists:menu.group',
      icon: <CheckSquareOutlined />,
      children: [{ key: 'checklists/templates', label: 'checklists:menu.templates', permission: 'checklists:manage' }],
    },
  ],
};

export default checklists;
