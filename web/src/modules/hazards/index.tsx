import { AlertOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const FindingsPage = lazy(() => import('./FindingsPage'));
const FindingDetailPage = lazy(() => import('./FindingDetailPage'));
const HazardsPage = lazy(() => import('./HazardsPage'));
const HazardDetailPage = lazy(() => import('./HazardDetailPage'));
const CampaignsPage = lazy(() => import('./CampaignsPage'));
const CampaignDetailPage = lazy(() => import('./CampaignDetailPage'));
const MeasuresPage = lazy(() => import('./MeasuresPage'));

/**
 * 隐患排查: findings (发现问题) and how each was handled, the hazard register (隐患台账)
 * with its rectification loop and 整改通知单, special inspection campaigns (专项检查) and
 * the patrol / hazard / reading measures (巡检与隐患指标).
 */
const hazards: AppModule = {
  id: 'hazards',
  order: 220,
  routes: [
    { path: 'hazards/findings', component: FindingsPage, permission: 'hazards:read' },
    { path: 'hazards/findings/:id', component: FindingDetailPage, permission: 'hazards:read' },
    { path: 'hazards/register', component: HazardsPage, permission: 'hazards:read' },
    { path: 'hazards/register/:id', component: HazardDetailPage, permission: 'hazards:read' },
    { path: 'hazards/campaigns', component: CampaignsPage, permission: 'patrols:read' },
    { path: 'hazards/campaigns/:id', component: CampaignDetailPage, permission: 'patrols:read' },
    { path: 'hazards/measures', component: MeasuresPage, permission: 'hazards:read' },
  ],
  menu: [
    {
      key: 'hazards',
      label: 'hazards:menu.group',
      icon: <AlertOutlined />,
      children: [
        { key: 'hazards/findings', label: 'hazards:menu.findings', permission: 'hazards:read' },
        { key: 'hazards/register', label: 'hazards:menu.register', permission: 'hazards:read' },
        // campaigns are the patrols' (GET /inspection-campaigns needs patrols:read)
        { key: 'hazards/campaigns', label: 'hazards:menu.campaigns', permission: 'patrols:read' },
        { key: 'hazards/measures', label: 'hazards:menu.measures', permission: 'hazards:read' },
      ],
    },
  ],
};

export default hazards;
