import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const UsersPage = lazy(() => import('./UsersPage'));
const UserDetailPage = lazy(() => import('./UserDetailPage'));
const RolesPage = lazy(() => import('./RolesPage'));
const ApiTokensPage = lazy(() => import('./ApiTokensPage'));

/** 用户与权限: users and their memberships (role × site), roles, API tokens. */
const identity: AppModule = {
  id: 'identity',
  order: 910,
  routes: [
    { path: 'identity/users', component: UsersPage, permission: 'users:read' },
    { path: 'identity/users/:id', component: UserDetailPage, permission: 'users:read' },
    // the role catalogue is readable by whoever sees users; changing it needs roles:manage on every site
    { path: 'identity/roles', component: RolesPage, permission: 'users:read' },
    { path: 'identity/api-tokens', component: ApiTokensPage, permission: 'tokens:manage' },
  ],
  menu: [
    {
      key: 'identity',
      label: 'identity:menu.group',
      icon: <TeamOutlined />,
      children: [
        { key: 'identity/users', label: 'identity:menu.users', permission: 'users:read' },
        { key: 'identity/roles', label: 'identity:menu.roles', permission: 'users:read' },
        { key: 'identity/api-tokens', label: 'identity:menu.tokens', permission: 'tokens:manage' },
      ],
    },
  ],
};

export default identity;
