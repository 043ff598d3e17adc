import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Grid, Input, Row, Space, Spin, Table, Tag, Tree, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { ActiveToggle, LoadError, PageContainer, StatusTag } from '../../components';
import { AttributeDrawer } from './AttributeDrawer';
import { CategoryDrawer } from './CategoryDrawer';
import { useAttributeTypeOptions, useCategoryAttributes, useCategoryTree, useLocalName } from './options';
import { ancestry, filterNodes, findById } from './tree';
import type { AttributeDef, CategoryNode } from './types';

interface CategoryTreeNode {
  key: string;
  title: string;
  node: CategoryNode;
  children: CategoryTreeNode[];
}

function toCategoryTreeData(list: CategoryNode[]): CategoryTreeNode[] {
  return list.map((n) => ({ key: n.id, title: n.name, node: n, children: toCategoryTreeData(n.children) }));
}

/**
 * 设备分类: the organisation's category tree and, for the chosen category, the
 * attribute definitions its assets carry — its own and those inherited from above.
 */
export default function CategoriesPage() {
  const { t } = useTranslation('equipment');
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const localName = useLocalName();
  const typeOptions = useAttributeTypeOptions();
  const manage = can.everywhere('assets:manage');
  const tree = useCategoryTree();
  const nodes = tree.data ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const [catDrawer, setCatDrawer] = useState<{ record: CategoryNode | null; parentId: string | null } | null>(null);
  const [attrDrawer, setAttrDrawer] = useState<{ record: AttributeDef | null } | null>(null);
  const filtered = useMemo(() => filterNodes(nodes, filter), [nodes, filter]);
  const selected = findById(nodes, selectedId);
  const attributes = useCategoryAttributes(selected?.id);

  useEffect(() => {
    if (tree.data && expanded.length === 0) setExpanded(tree.data.map((n) => n.id));
  }, [tree.data, expanded.length]);

  // start on the first category so the attributes panel is never empty without reason
  useEffect(() => {
    if (tree.data?.[0] && selectedId === null) setSelectedId(tree.data[0].id);
  }, [tree.data, selectedId]);

  const treeData = useMemo(() => toCategoryTreeData(filtered.nodes), [filtered.nodes]);

  const treeCard = (
    <Card
      size="small"
      title={t('categories.tree')}
      extra={
        manage ? (
          <Button
            size="small"
            type="link"
            icon={<PlusOutlined />}
            onClick={() => setCatDrawer({ record: null, parentId: null })}
            data-testid="category-create-root"
          >
            {t('categories.createRoot')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 8 } }}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('categories.search')}
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {tree.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : tree.error ? (
        <LoadError error={tree.error} onRetry={() => void tree.refetch()} />
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('categories.empty')} />
      ) : (
        <Tree<CategoryTreeNode>
          blockNode
          showLine
          height={screens.md ? 560 : 260}
          treeData={treeData}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={filter ? filtered.expand : expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => keys.length && setSelectedId(String(keys[0]))}
          titleRender={(n) => (
            <Typography.Text type={n.node.active ? undefined : 'secondary'} delete={!n.node.active}>
              {localName(n.node)}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                {n.node.code}
                {n.node.assetCount ? ` · ${t('categories.assetCount', { count: n.node.assetCount })}` : ''}
              </Typography.Text>
            </Typography.Text>
          )}
          data-testid="category-tree"
        />
      )}
    </Card>
  );

  const own = (a: AttributeDef) => !a.inheritedFrom;
  const attrCard = selected ? (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>
            {ancestry(nodes, selected.id)
              .map((n) => localName(n))
              .join(' / ')}
          </span>
          <Typography.Text type="secondary">{selected.code}</Typography.Text>
          <StatusTag active={selected.active} />
        </Space>
      }
      extra={
        manage ? (
          <Space wrap size={0}>
            <Button
              type="link"
              size="small"
              disabled={!selected.active}
              onClick={() => setCatDrawer({ record: null, parentId: selected.id })}
            >
              {t('categories.createChild')}
            </Button>
            <Button type="link" size="small" onClick={() => setCatDrawer({ record: selected, parentId: selected.parentId })}>
              {t('common:actions.edit')}
            </Button>
            <ActiveToggle resource="/asset-categories" record={selected} name={selected.name} />
          </Space>
        ) : null
      }
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t('attributes.title')}</Typography.Text>
        {manage && selected.active ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAttrDrawer({ record: null })} data-testid="attribute-create">
            {t('attributes.add')}
          </Button>
        ) : null}
      </Flex>
      <Table<AttributeDef>
        rowKey="id"
        size="small"
        loading={attributes.isFetching}
        dataSource={attributes.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: attributes.error ? <LoadError error={attributes.error} /> : t('attributes.empty') }}
        columns={[
          {
            title: t('attributes.label'),
            key: 'label',
            render: (_, a) => (
              <Space wrap size={4}>
                {localName({ name: a.label, nameEn: a.labelEn })}
                {a.inheritedFrom ? <Tag color="purple">{t('attributes.inheritedFrom', { name: a.inheritedFrom.name })}</Tag> : null}
              </Space>
            ),
          },
          { title: t('attributes.key'), dataIndex: 'key' },
          {
            title: t('attributes.type'),
            key: 'type',
            render: (_, a) => (
              <Space size={4} wrap>
                {typeOptions.find((o) => o.value === a.type)?.label ?? a.type}
                {a.type === 'number' && a.unit ? <Typography.Text type="secondary">（{a.unit}）</Typography.Text> : null}
                {a.type === 'choice' ? <Typography.Text type="secondary">{a.options.join(' / ')}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t('attributes.required'),
            dataIndex: 'required',
            render: (r: boolean) => (r ? <Tag color="red">{t('attributes.requiredYes')}</Tag> : t('common:no')),
          },
          { title: t('common:status.label'), dataIndex: 'active', render: (v: boolean) => <StatusTag active={v} /> },
          ...(manage
            ? [
                {
                  title: t('common:table.actions'),
                  key: 'actions',
                  render: (_: unknown, a: AttributeDef) =>
                    own(a) ? (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => setAttrDrawer({ record: a })}>
                          {t('common:actions.edit')}
                        </Button>
                        <ActiveToggle resource="/asset-attributes" record={a} name={a.label} />
                      </Space>
                    ) : (
                      <Button type="link" size="small" onClick={() => a.inheritedFrom && setSelectedId(a.inheritedFrom.id)}>
                        {t('attributes.gotoOwner')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
        data-testid="attribute-table"
      />
    </Card>
  ) : (
    <Card>
      <Empty description={t('categories.pick')} />
    </Card>
  );

  return (
    <PageContainer title={t('categories.title')} subtitle={t('categories.subtitle')} card={false}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} lg={7}>
          {treeCard}
        </Col>
        <Col xs={24} md={15} lg={17}>
          {attrCard}
        </Col>
      </Row>
      <CategoryDrawer
        open={catDrawer !== null}
        onClose={() => setCatDrawer(null)}
        record={catDrawer?.record ?? null}
        parentId={catDrawer?.parentId ?? null}
        tree={nodes}
        onSaved={(c) => setSelectedId(c.id)}
      />
      {selected ? (
        <AttributeDrawer
          open={attrDrawer !== null}
          onClose={() => setAttrDrawer(null)}
          category={selected}
          record={attrDrawer?.record ?? null}
        />
      ) : null}
    </PageContainer>
  );
}
