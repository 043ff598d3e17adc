import { Button, Drawer, Flex, Grid, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText, useInfiniteList } from '../../components';
import { type Channel, DELIVERY_STATUSES, type Delivery } from './types';

export const STATUS_COLORS: Record<string, string> = { pending: 'default', sending: 'processing', sent: 'success', failed: 'error' };

/** 投递记录 of one channel, newest first, filterable by status; failures show the adapter's error. */
export function DeliveriesDrawer({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const { t } = useTranslation('notifications');
  const screens = Grid.useBreakpoint();
  const errorText = useErrorText();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const list = useInfiniteList<Delivery>(
    `/notification-channels/${channel?.id ?? ''}/deliveries`,
    { status, limit: 30 },
    { enabled: channel !== null },
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');

  return (
    <Drawer
      open={channel !== null}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={channel ? t('deliveries.title', { name: channel.name }) : ''}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (!o) setStatus(undefined);
      }}
      data-testid="deliveries-drawer"
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('deliveries.status')}
          style={{ width: 160 }}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`deliveries.statuses.${s}`) }))}
        />
        <Button onClick={() => void list.refetch()} loading={list.isFetching && !list.isFetchingNextPage}>
          {t('common:actions.refresh')}
        </Button>
      </Flex>
      <Table<Delivery>
        rowKey="id"
        size="small"
        dataSource={rows}
        loading={list.isPending && channel !== null}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={list.error ? { emptyText: <Typography.Text type="danger">{errorText(list.error)}</Typography.Text> } : undefined}
        columns={[
          { title: t('deliveries.createdAt'), dataIndex: 'createdAt', render: time, width: 160 },
          { title: t('deliveries.message'), dataIndex: 'title', width: 200 },
          {
            title: t('deliveries.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS_COLORS[s] ?? 'default'}>{t(`deliveries.statuses.${s}`, { defaultValue: s })}</Tag>,
          },
          { title: t('deliveries.attemptedAt'), dataIndex: 'attemptedAt', render: time, width: 160 },
          {
            title: t('deliveries.error'),
            dataIndex: 'error',
            render: (e: string | null) =>
              e ? (
                <Typography.Text
                  type="danger"
                  style={{ display: 'block', minWidth: 200, maxWidth: 320, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                >
                  {e}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {list.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common:table.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </Drawer>
  );
}
