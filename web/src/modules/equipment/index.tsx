import { ToolOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const AssetsPage = lazy(() => import('./AssetsPage'));
const AssetDetailPage = lazy(() => import('./AssetDetailPage'));
const CategoriesPage = lazy(() => import('./CategoriesPage'));
const MyAssetsPage = lazy(() => import('./MyAssetsPage'));
const CustodyPage = lazy(() => import('./CustodyPage'));
const StocktakesPage = lazy(() => import('./StocktakesPage'));
const StocktakePage = lazy(() => import('./StocktakePage'));
const FireEquipmentPage = lazy(() => import('./FireEquipmentPage'));
const FireRulesPage = lazy(() => import('./FireRulesPage'));

/**
 * 设备管理: the equipment archive (台账, 分类与属性), custody (我的资产, 责任交接),
 * stocktakes (资产盘点) and portable fire equipment (灭火器台账, 规则).
 * 我的资产 and 责任交接 need no permission: anyone may hold and hand over assets.
 */
const equipment: AppModule = {
  id: 'equipment',
  order: 200,
  routes: [
    { path: 'equipment/assets', component: AssetsPage, permission: 'assets:read' },
    { path: 'equipment/assets/:id', component: AssetDetailPage, permission: 'assets:read' },
    { path: 'equipment/categories', component: CategoriesPage, permission: 'assets:read' },
    { path: 'equipment/my-assets', component: MyAssetsPage },
    { path: 'equipment/custody', component: CustodyPage },
    { path: 'equipment/stocktakes', component: StocktakesPage, permission: 'assets:read' },
    { path: 'equipment/stocktakes/:id', component: StocktakePage, permission: 'assets:read' },
    { path: 'equipment/fire', component: FireEquipmentPage, permission: 'assets:read' },
    { path: 'equipment/fire-rules', component: FireRulesPage, permission: 'assets:read' },
  ],
  menu: [
    {
      key: 'equipment',
      label: 'equipment:menu.group',
      icon: <ToolOutlined />,
      children: [
        { key: 'equipment/assets', label: 'equipment:menu.assets', permission: 'assets:read' },
        { key: 'equipment/categories', label: 'equipment:menu.categories', permission: 'assets:read' },
        { key: 'equipment/my-assets', label: 'equipment:menu.myAssets' },
        { key: 'equipment/custody', label: 'equipment:menu.custody' },
        { key: 'equipment/stocktakes', label: 'equipment:menu.stocktakes', permission: 'assets:stocktake' },
        { key: 'equipment/fire', label: 'equipment:menu.fire', permission: 'assets:read' },
        { key: 'equipment/fire-rules', label: 'equipment:menu.fireRules', permission: 'fire:manage' },
      ],
    },
  ],
};

export default equipment;
