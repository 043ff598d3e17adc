import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useList } from '../../components';
import { InboxItem } from './InboxItem';
import { INBOX, useInboxActions, useUnreadCount } from './inbox';
import type { InboxNotification } from './types';

const LATEST = 5;

/**
 * The header's bell: the unread count (polled every 60 s) and, on click, the latest
 * five messages with 全部已读 and a way to the inbox page.
 */
export function InboxBell() {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const actions = useInboxActions();
  const latest = useList<InboxNotification>(INBOX, { limit: LATEST }, { enabled: open });
  const items = latest.data?.items ?? [];
  const count = unread.data ?? 0;

  const content = (
    <div style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }} data-testid="inbox-popover">
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button type="link" size="small" disabled={!count} onClick={() => void actions.markAllRead()}>
          {t('inbox.markAllRead')}
        </Button>
      </Flex>
      {latest.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        items.map((n, i) => (
          <Fragment key={n.id}>
            {i ? <Divider style={{ margin: 0 }} /> : null}
            <InboxItem
              compact
              item={n}
              onOpen={(x) => {
                setOpen(false);
                void actions.open(x);
              }}
            />
          </Fragment>
        ))
      )}
      <Divider style={{ margin: '4px 0' }} />
      <Button
        block
        type="link"
        onClick={() => {
          setOpen(false);
          navigate('/notifications');
        }}
        data-testid="inbox-see-all"
      >
        {t('inbox.seeAll')}
      </Button>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content} arrow={false}>
      <Button
        type="text"
        aria-label={count ? t('inbox.bellUnread', { count }) : t('inbox.title')}
        data-testid="inbox-bell"
        icon={
          <Badge count={count} size="small" overflowCount={99} offset={[2, -2]}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}

export default InboxBell;
