import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Grid, List, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, useList } from '../../components';
import { ActionItemDrawer } from './ActionItemDrawer';
import { ItemActions } from './ItemActions';
import { DueDate, ItemStatus } from './ItemDetails';
import { ItemDrawer } from './ItemDrawer';
import { KindTag } from './options';
import { ACTIONS, type ActionItem, type ActionOwnerType } from './types';

export interface ActionItemsPanelProps {
  ownerType: ActionOwnerType;
  ownerId: string;
  /** the owner's site: assignees and verifiers are chosen among its people */
  siteId: string;
  /** the person may add, edit and cancel the owner's items (the owner's mayManage) */
  canManage: boolean;
  /** the card's title (default 整改措施) */
  title?: ReactNode;
}

/** how many items one owner may have at most on one page; owners carry a handful */
const LIMIT = 200;

/** 📎 2 · what was done — the evidence in one line. */
function Evidence({ item }: { item: ActionItem }) {
  if (!item.evidenceNote && !item.evidenceIds.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} style={{ maxWidth: 180 }}>
      {item.evidenceIds.length ? (
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          <PaperClipOutlined /> {item.evidenceIds.length}
        </Typography.Text>
      ) : null}
      {item.evidenceNote ? (
        <Typography.Text ellipsis={{ tooltip: item.evidenceNote }} style={{ maxWidth: 150 }}>
          {item.evidenceNote}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * 整改措施 of one owner (an incident report's corrective and preventive measures, a drill
 * report's improvements): number, kind, what, who, by when (red when overdue), status and
 * evidence; a row opens the item with every step the person may take. Those who manage
 * the owner add and edit items; the assignee submits what was done with evidence; a
 * verifier other than the submitter verifies or sends it back. Cards on a phone.
 */
export default function ActionItemsPanel({ ownerType, ownerId, siteId, canManage, title }: ActionItemsPanelProps) {
  const { t } = useTranslation('safety');
  const screens = Grid.useBreakpoint();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useList<ActionItem>(ACTIONS, { ownerType, ownerId, limit: LIMIT }, { enabled: Boolean(ownerId) });
  const items = list.data?.items ?? [];
  const opened = items.find((i) => i.id === openId) ?? null;
  const open = items.filter((i) => i.status === 'open' || i.status === 'submitted').length;

  const columns: ColumnsType<ActionItem> = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      render: (v: string, r) => (
        <Typography.Link onClick={() => setOpenId(r.id)} type={r.overdue ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {v}
        </Typography.Link>
      ),
    },
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 300 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }}>
            <KindTag kind={r.kind} />
            {v}
          </Typography.Text>
          {r.description ? (
            <Typography.Text type="secondary" ellipsis={{ tooltip: r.description }} style={{ fontSize: 12, maxWidth: 300 }}>
              {r.description}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('field.assignee'), dataIndex: 'assigneeName' },
    { title: t('field.dueDate'), dataIndex: 'dueDate', render: (_: string, r) => <DueDate item={r} /> },
    { title: t('field.status'), dataIndex: 'status', render: (_: string, r) => <ItemStatus item={r} /> },
    // only when some item has evidence: the column would otherwise push the steps out of a narrow panel
    ...(items.some((i) => i.evidenceNote || i.evidenceIds.length)
      ? [{ title: t('field.evidence'), key: 'evidence', render: (_: unknown, r: ActionItem) => <Evidence item={r} /> }]
      : []),
    // fixed at the right edge: the steps stay in reach when the panel is narrower than the table
    { title: t('common:table.actions'), key: 'actions', fixed: 'right', render: (_: unknown, r) => <ItemActions item={r} size="small" /> },
  ];

  const body = list.error ? (
    <LoadError error={list.error} onRetry={() => void list.refetch()} />
  ) : screens.sm === false ? (
    <List<ActionItem>
      loading={list.isPending}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.empty')} /> }}
      renderItem={(r) => (
        <List.Item key={r.id} style={{ display: 'block', cursor: 'pointer' }} onClick={() => setOpenId(r.id)} data-testid="action-card">
          <Flex justify="space-between" align="flex-start" gap={8}>
            <Typography.Text strong style={{ wordBreak: 'break-word' }}>
              {r.title}
            </Typography.Text>
            <KindTag kind={r.kind} />
          </Flex>
          <Flex wrap gap={8} align="center" style={{ marginTop: 4 }}>
            <ItemStatus item={r} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.number}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 13 }}>
            {r.assigneeName} · {t('field.dueDate')} <DueDate item={r} />
          </Typography.Text>
          {r.evidenceNote || r.evidenceIds.length ? (
            <div style={{ marginTop: 4 }}>
              <Evidence item={r} />
            </div>
          ) : null}
          <div style={{ marginTop: 8 }}>
            <ItemActions item={r} size="small" />
          </div>
        </List.Item>
      )}
      data-testid="action-list"
    />
  ) : (
    <Table<ActionItem>
      rowKey="id"
      size="small"
      loading={list.isPending}
      columns={columns}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.empty')} /> }}
      data-testid="action-table"
    />
  );

  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          {title ?? t('panel.title')}
          {items.length ? (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('panel.count', { open, total: items.length })}
            </Typography.Text>
          ) : null}
        </Space>
      }
      extra={
        canManage ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="action-add">
            {t('panel.add')}
          </Button>
        ) : null
      }
      data-testid="action-items-panel"
    >
      {body}
      <ActionItemDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        ownerType={ownerType}
        ownerId={ownerId}
        siteId={siteId}
      />
      <ItemDrawer item={opened} onClose={() => setOpenId(null)} showOwner={false} />
    </Card>
  );
}
