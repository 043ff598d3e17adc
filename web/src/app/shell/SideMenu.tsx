import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { ModuleMenuItem } from '../modules';

type Item = Required<MenuProps>['items'][number];

function toItems(items: ModuleMenuItem[], t: (k: string) => string): Item[] {
  return items.map((m) =>
    m.children
      ? { key: m.key, icon: m.icon, label: t(m.label), children: toItems(m.children, t) }
      : { key: m.key, icon: m.icon, label: t(m.label) },
  );
}

function leaves(items: ModuleMenuItem[], parents: string[] = []): { key: string; parents: string[] }[] {
  return items.flatMap((m) => (m.children ? leaves(m.children, [...parents, m.key]) : [{ key: m.key, parents }]));
}

/** The side menu from the module registry; the leaf whose path prefixes the URL is selected. */
export function SideMenu({ items, onNavigate }: { items: ModuleMenuItem[]; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const all = useMemo(() => leaves(items), [items]);
  const current = pathname.replace(/^\//, '');
  const active = all.filter((l) => current === l.key || current.startsWith(`${l.key}/`)).sort((a, b) => b.key.length - a.key.length)[0];
  return (
    <Menu
      mode="inline"
      items={toItems(items, t)}
      selectedKeys={active ? [active.key] : []}
      defaultOpenKeys={active ? active.parents : items.filter((i) => i.children).map((i) => i.key)}
      onClick={({ key }) => {
        navigate(`/${key}`);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
