import { BuildOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const ProjectsPage = lazy(() => import('./ProjectsPage'));
const ProjectDetailPage = lazy(() => import('./ProjectDetailPage'));

/** 改造项目: renovation and construction projects — list, detail with progress log, acceptance and files. */
const projects: AppModule = {
  id: 'projects',
  order: 130,
  routes: [
    { path: 'projects', component: ProjectsPage, permission: 'projects:read' },
    { path: 'projects/:id', component: ProjectDetailPage, permission: 'projects:read' },
  ],
  menu: [
    {
      key: 'projects-group',
      label: 'projects:menu.group',
      icon: <BuildOutlined />,
      children: [{ key: 'projects', label: 'projects:menu.list', permission: 'projects:read' }],
    },
  ],
};

export default projects;
