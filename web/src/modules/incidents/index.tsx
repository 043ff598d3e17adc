import { SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const IncidentsPage = lazy(() => import('./IncidentsPage'));
const IncidentDetailPage = lazy(() => import('./IncidentDetailPage'));
const AlertsPage = lazy(() => import('./AlertsPage'));
const AlertDetailPage = lazy(() => import('./AlertDetailPage'));
const OfficersPage = lazy(() => import('./OfficersPage'));

/**
 * 意外事件处理报告单 (reports with their review and corrective/preventive action items, the
 * 不过夜 deadline of fire-alarm faults) and the security log 接警记录 (alerts, people caught,
 * commendations per officer). Its menu items join the 安全管理 group of the other safety modules.
 */
const incidents: AppModule = {
  id: 'incidents',
  order: 232,
  routes: [
    { path: 'incidents', component: IncidentsPage, permission: 'safety:read' },
    { path: 'incidents/:id', component: IncidentDetailPage, permission: 'safety:read' },
    { path: 'security-alerts', component: AlertsPage, permission: 'safety:read' },
    { path: 'security-alerts/officers', component: OfficersPage, permission: 'safety:read' },
    { path: 'security-alerts/:id', component: AlertDetailPage, permission: 'safety:read' },
  ],
  menu: [
    {
      key: 'safety',
      label: 'safety:menu.group',
      icon: <SafetyOutlined />,
      children: [
        { key: 'incidents', label: 'incidents:menu.incidents', permission: 'safety:read' },
        { key: 'security-alerts', label: 'incidents:menu.alerts', permission: 'safety:read' },
        { key: 'security-alerts/officers', label: 'incidents:menu.officers', permission: 'safety:read' },
      ],
    },
  ],
};

export default incidents;
