import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Divider, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer, useErrorText, useInfiniteList } from '../../components';
import { InboxItem } from './InboxItem';
import { INBOX, useInboxActions, useUnreadCount } from './inbox';
import type { InboxNotification } from './types';

type Filter = 'unread' | 'all';

/** 消息中心: the person's own messages, unread first by default; mark read one by one or all at once. */
export default function InboxPage() {
  const { t } = useTranslation('notifications');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<Filter>('unread');
  const [marking, setMarking] = useState(false);
  const unread = useUnreadCount();
  const actions = useInboxActions();
  const list = useInfiniteList<InboxNotification>(INBOX, { unread: filter === 'unread' ? '1' : undefined, limit: 20 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unreadCount = unread.data ?? 0;

  const markAll = async () => {
    setMarking(true);
    const updated = await actions.markAllRead();
    setMarking(false);
    if (updated) message.success(t('inbox.allMarked', { count: updated }));
  };

  return (
    <PageContainer
      title={t('inbox.title')}
      subtitle={unreadCount ? t('inbox.unreadCount', { count: unreadCount }) : t('inbox.allRead')}
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={!unreadCount}
          loading={marking}
          onClick={() => void markAll()}
          data-testid="inbox-read-all"
        >
          {t('inbox.markAllRead')}
        </Button>
      }
    >
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'unread', label: t('inbox.unread') },
          { value: 'all', label: t('inbox.all') },
        ]}
        style={{ marginBottom: 8 }}
        data-testid="inbox-filter"
      />
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : list.error ? (
        <Typography.Text type="danger">{errorText(list.error)}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter === 'unread' ? t('inbox.noUnread') : t('inbox.empty')} />
      ) : (
        <div>
          {items.map((n, i) => (
            <Fragment key={n.id}>
              {i ? <Divider style={{ margin: 0 }} /> : null}
              <InboxItem item={n} onOpen={(x) => void actions.open(x)} onMarkRead={(x) => void actions.markRead(x)} />
            </Fragment>
          ))}
        </div>
      )}
      {list.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('common:table.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </PageContainer>
  );
}
