import { ApartmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Form, Grid, Input, Row, Select, Space, Spin, Tree, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import {
  ActiveToggle,
  ImportDialog,
  LoadError,
  PageContainer,
  type QueryColumn,
  QueryTable,
  SiteSelect,
  StatusTag,
} from '../../components';
import { LocationDrawer } from './LocationDrawer';
import { filterTree, findNode, toTreeData } from './locationTree';
import { MoveLocationDialog } from './MoveLocationDialog';
import { useActiveOptions, useLocationKindOptions } from './options';
import type { Location, LocationListItem, LocationTree } from './types';

/**
 * 位置: one site's location tree beside the list; choosing a node narrows the list
 * to its subtree (`under`). Create child, edit, move, deactivate; import and export.
 */
export default function LocationsPage() {
  const { t } = useTranslation('org');
  const me = useMe();
  const can = useCan();
  const selectedSite = useSelectedSite();
  const screens = Grid.useBreakpoint();
  const kindOptions = useLocationKindOptions();
  const activeOptions = useActiveOptions();
  const [siteId, setSiteId] = useState<string | undefined>(selectedSite ?? me.sites[0]?.id);
  const [nodeId, setNodeId] = useState<string | null>(null);
  const [treeFilter, setTreeFilter] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const [drawer, setDrawer] = useState<{ record: Location | null; parentId: string | null } | null>(null);
  const [moving, setMoving] = useState<Location | null>(null);
  const [importOpen, setImportOpen] = useState(false);

  const changeSite = (id: string | undefined) => {
    setSiteId(id);
    setNodeId(null);
    setTreeFilter('');
  };

  // follow the header's site switcher
  // biome-ignore lint/correctness/useExhaustiveDependencies: changeSite only sets state
  useEffect(() => {
    if (selectedSite) changeSite(selectedSite);
  }, [selectedSite]);

  const tree = useQuery({
    queryKey: ['/locations/tree', siteId, selectedSite],
    queryFn: ({ signal }) => api.get<LocationTree>('/locations/tree', { siteId }, signal),
    enabled: Boolean(siteId),
  });
  const nodes = tree.data?.nodes ?? [];
  const filtered = useMemo(() => filterTree(nodes, treeFilter), [nodes, treeFilter]);
  const treeData = useMemo(() => toTreeData(filtered.nodes), [filtered.nodes]);
  const selectedNode = findNode(nodes, nodeId);
  const site = me.sites.find((s) => s.id === siteId);
  const manage = siteId ? can('org:manage', siteId) : false;
  const kindLabel = (k: string) => kindOptions.find((o) => o.value === k)?.label ?? k;

  useEffect(() => {
    // open the first level when a tree arrives
    if (tree.data) setExpanded(tree.data.nodes.map((n) => n.id));
  }, [tree.data]);

  const columns: QueryColumn<LocationListItem>[] = [
    { title: t('locations.code'), dataIndex: 'code', sorter: true },
    { title: t('locations.name'), dataIndex: 'name', sorter: true },
    { title: t('locations.kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k) },
    { title: t('locations.pathName'), dataIndex: 'pathName', sortKey: 'path', sorter: true },
    { title: t('common:status.label'), dataIndex: 'active', render: (a: boolean) => <StatusTag active={a} /> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      fixed: screens.md ? 'right' : undefined,
      render: (_, r) =>
        manage ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDrawer({ record: null, parentId: r.id })} disabled={!r.active}>
              {t('locations.createChild')}
            </Button>
            <Button type="link" size="small" onClick={() => setDrawer({ record: r, parentId: r.parentId })}>
              {t('common:actions.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setMoving(r)}>
              {t('locations.move')}
            </Button>
            <ActiveToggle resource="/locations" record={r} name={r.name} invalidate={['/locations/tree']} />
          </Space>
        ) : null,
    },
  ];

  const treeCard = (
    <Card
      size="small"
      title={
        <Space>
          <ApartmentOutlined />
          {t('locations.tree')}
        </Space>
      }
      extra={
        nodeId ? (
          <Button type="link" size="small" onClick={() => setNodeId(null)}>
            {t('locations.allLocations')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 8 } }}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('locations.treeSearch')}
        onChange={(e) => setTreeFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {tree.isPending && siteId ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : tree.error ? (
        <LoadError error={tree.error} onRetry={() => void tree.refetch()} />
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('locations.emptyTree')} />
      ) : (
        <Tree
          blockNode
          showLine
          height={screens.md ? 560 : 280}
          treeData={treeData}
          selectedKeys={nodeId ? [nodeId] : []}
          expandedKeys={treeFilter ? filtered.expand : expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => setNodeId(keys.length ? String(keys[0]) : null)}
          titleRender={(n) => (
            <Typography.Text type={n.node.active ? undefined : 'secondary'} delete={!n.node.active}>
              {n.node.name}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                {n.node.code}
              </Typography.Text>
            </Typography.Text>
          )}
          data-testid="location-tree"
        />
      )}
    </Card>
  );

  return (
    <PageContainer
      title={t('locations.title')}
      subtitle={t('locations.subtitle')}
      card={false}
      extra={
        <SiteSelect
          value={siteId}
          onChange={setSiteId}
          style={{ minWidth: 200 }}
          placeholder={t('locations.site')}
          data-testid="location-site"
        />
      }
    >
      {!siteId || !site ? (
        <Card>
          <Empty description={t('locations.noSite')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={9} lg={7}>
            {treeCard}
          </Col>
          <Col xs={24} md={15} lg={17}>
            <Card styles={{ body: { padding: 'clamp(12px, 3vw, 24px)' } }}>
              <QueryTable<LocationListItem>
                resource="/locations"
                title={selectedNode ? t('locations.under', { name: selectedNode.name }) : site.name}
                columns={manage ? columns : columns.filter((col) => col.key !== 'actions')}
                defaultSort="path"
                params={{ siteId, under: nodeId ?? undefined }}
                searchPlaceholder={t('locations.search')}
                onCreate={manage ? () => setDrawer({ record: null, parentId: nodeId }) : undefined}
                createLabel={selectedNode ? t('locations.createChild') : t('locations.create')}
                onImport={manage ? () => setImportOpen(true) : undefined}
                filters={
                  <>
                    <Form.Item name="kind">
                      <Select allowClear placeholder={t('locations.kind')} options={kindOptions} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name="active">
                      <Select allowClear placeholder={t('common:status.label')} options={activeOptions} style={{ width: 110 }} />
                    </Form.Item>
                  </>
                }
              />
            </Card>
          </Col>
        </Row>
      )}
      {site ? (
        <LocationDrawer
          open={drawer !== null}
          onClose={() => setDrawer(null)}
          site={site}
          tree={nodes}
          record={drawer?.record ?? null}
          parentId={drawer?.parentId ?? null}
        />
      ) : null}
      <MoveLocationDialog record={moving} tree={nodes} onClose={() => setMoving(null)} />
      <ImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        title={t('locations.import')}
        templatePath="/locations/import-template"
        importPath="/locations/import"
        invalidate={['/locations', '/locations/tree']}
        previewColumns={[
          { key: 'siteCode', title: t('locations.siteCode') },
          { key: 'code', title: t('locations.code') },
          { key: 'name', title: t('locations.name') },
          { key: 'kind', title: t('locations.kind'), render: (v) => kindLabel(String(v)) },
          { key: 'parentCode', title: t('locations.parentCode') },
        ]}
      />
    </PageContainer>
  );
}
