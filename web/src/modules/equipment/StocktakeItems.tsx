import { Button, Checkbox, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, useInfiniteList } from '../../components';
import type { StocktakeItem, StocktakeItemState } from './types';

export const ITEM_STATE_COLORS: Record<StocktakeItemState, string> = {
  pending: 'default',
  found: 'success',
  missing: 'error',
  unexpected: 'purple',
  misplaced: 'warning',
};

/**
 * The items of one state as a list that reads well on a phone: code and name, where
 * it should be and where it was found, with a tick box while the count is open.
 */
export function StocktakeItems(props: {
  stocktakeId: string;
  state: StocktakeItemState | undefined;
  q: string;
  open: boolean;
  /** show each item's state tag (on the 全部 tab) */
  showState: boolean;
  busyItem: string | null;
  onTick: (item: StocktakeItem, found: boolean) => void;
}) {
  const { t } = useTranslation('equipment');
  const list = useInfiniteList<StocktakeItem>(`/stocktakes/${props.stocktakeId}/items`, {
    state: props.state,
    q: props.q || undefined,
    limit: 50,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <>
      <List<StocktakeItem>
        loading={list.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stocktake.noItems')} /> }}
        renderItem={(item) => {
          const found = item.foundAt !== null;
          const action =
            props.open && item.expected ? (
              <Checkbox
                checked={found}
                disabled={props.busyItem === item.id}
                onChange={(e) => props.onTick(item, e.target.checked)}
                data-testid="stocktake-tick"
              >
                {t('stocktake.tick')}
              </Checkbox>
            ) : props.open ? (
              <Button size="small" type="link" danger disabled={props.busyItem === item.id} onClick={() => props.onTick(item, false)}>
                {t('stocktake.untick')}
              </Button>
            ) : null;
          return (
            <List.Item key={item.id} data-testid="stocktake-item">
              <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
                <Space orientation="vertical" size={2} style={{ minWidth: 0, flex: 1 }}>
                  <Flex wrap gap={6} align="center">
                    <Link to={`/equipment/assets/${item.assetId}`}>
                      <Typography.Text strong>{item.assetName}</Typography.Text>
                    </Link>
                    <Typography.Text type="secondary">{item.assetCode}</Typography.Text>
                    {props.showState ? <Tag color={ITEM_STATE_COLORS[item.state]}>{t(`stocktake.state.${item.state}`)}</Tag> : null}
                    {item.assetLost ? <Tag color="red">{t('asset.lost')}</Tag> : null}
                  </Flex>
                  {item.expected ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('stocktake.expectedAt', { place: item.expectedLocationPath ?? t('stocktake.noLocation') })}
                    </Typography.Text>
                  ) : null}
                  {found ? (
                    <Typography.Text
                      type={item.state === 'misplaced' || item.state === 'unexpected' ? 'warning' : 'secondary'}
                      style={{ fontSize: 12 }}
                    >
                      {t('stocktake.foundAt', {
                        place: item.foundLocationPath ?? t('stocktake.noLocation'),
                        time: dayjs(item.foundAt).format('MM-DD HH:mm'),
                        who: item.foundByName ?? '',
                      })}
                    </Typography.Text>
                  ) : null}
                  {item.note ? <Typography.Text style={{ fontSize: 12 }}>{item.note}</Typography.Text> : null}
                </Space>
                {action ? <div style={{ flex: 'none' }}>{action}</div> : null}
              </Flex>
            </List.Item>
          );
        }}
      />
      {list.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common:table.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </>
  );
}
