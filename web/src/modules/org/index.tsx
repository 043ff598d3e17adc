import { ApartmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const SitesPage = lazy(() => import('./SitesPage'));
const LocationsPage = lazy(() => import('./LocationsPage'));
const DepartmentsPage = lazy(() => import('./DepartmentsPage'));
const TeamsPage = lazy(() => import('./TeamsPage'));

/** 组织架构: sites, the location tree of each site, departments and teams. */
const org: AppModule = {
  id: 'org',
  order: 900,
  routes: [
    { path: 'org/sites', component: SitesPage, permission: 'org:read' },
    { path: 'org/locations', component: LocationsPage, permission: 'org:read' },
    { path: 'org/departments', component: DepartmentsPage, permission: 'org:read' },
    { path: 'org/teams', component: TeamsPage, permission: 'org:read' },
  ],
  menu: [
    {
      key: 'org',
      label: 'org:menu.group',
      icon: <ApartmentOutlined />,
      children: [
        { key: 'org/sites', label: 'org:menu.sites', permission: 'org:read' },
        { key: 'org/locations', label: 'org:menu.locations', permission: 'org:read' },
        { key: 'org/departments', label: 'org:menu.departments', permission: 'org:read' },
        { key: 'org/teams', label: 'org:menu.teams', permission: 'org:read' },
      ],
    },
  ],
};

export default org;
