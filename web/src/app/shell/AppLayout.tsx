import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Grid, Layout, Typography, theme } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { PageLoading } from '../../components/PageLoading';
import { InboxBell } from '../../modules/notifications/InboxBell';
import { hasGrant, useMe } from '../auth';
import { moduleMenu, visibleMenu } from '../modules';
import { LanguageSwitch } from './LanguageSwitch';
import { SideMenu } from './SideMenu';
import { SiteSwitcher } from './SiteSwitcher';
import { UserMenu } from './UserMenu';

const { Header, Sider, Content } = Layout;

function Brand({ collapsed = false, name }: { collapsed?: boolean; name: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, paddingInline: collapsed ? 24 : 20, overflow: 'hidden' }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {collapsed ? null : (
        <Typography.Text strong ellipsis style={{ fontSize: 16 }}>
          {name}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * The signed-in frame: side menu (a Drawer below the md breakpoint), header with
 * organisation, site switcher, language and user menu, and the demo-data banner.
 */
export function AppLayout() {
  const { t } = useTranslation('shell');
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const menu = useMemo(() => visibleMenu(moduleMenu, (perm) => hasGrant(me, perm)), [me]);
  const brand = t('brand');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          <Brand name={brand} />
          <SideMenu items={menu} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Sider
          width={220}
          collapsedWidth={80}
          collapsed={collapsed}
          theme="light"
          style={{ borderInlineEnd: `1px solid ${token.colorSplit}`, position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand name={brand} collapsed={collapsed} />
          <SideMenu items={menu} />
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorSplit}`,
            paddingInline: mobile ? 8 : 16,
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            gap: mobile ? 4 : 12,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Button
            type="text"
            aria-label={t('menu.toggle')}
            data-testid="menu-toggle"
            icon={mobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (mobile ? setDrawerOpen(true) : setCollapsed(!collapsed))}
          />
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }} data-testid="org-name">
            {me.organization.name}
          </Typography.Text>
          <SiteSwitcher compact={mobile} />
          <InboxBell />
          <LanguageSwitch compact={mobile} />
          <UserMenu compact={mobile} />
        </Header>
        {me.demo ? <Alert banner type="warning" showIcon title={t('demoBanner')} data-testid="demo-banner" /> : null}
        <Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Suspense key={pathname} fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
