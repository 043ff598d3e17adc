import { Badge, Button, Flex, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { InboxNotification } from './types';
import './inbox.css';

/** When a message arrived: time only for today, else the date. */
export function arrivedAt(iso: string): string {
  const d = dayjs(iso);
  if (d.isSame(dayjs(), 'day')) return d.format('HH:mm');
  if (d.isSame(dayjs(), 'year')) return d.format('MM-DD HH:mm');
  return d.format('YYYY-MM-DD HH:mm');
}

export interface InboxItemProps {
  item: InboxNotification;
  onOpen: (n: InboxNotification) => void;
  onMarkRead?: (n: InboxNotification) => void;
  /** one-line body (the bell's popover) */
  compact?: boolean;
}

/** One message: unread dot, title, body, time; clicking follows its link. */
export function InboxItem({ item, onOpen, onMarkRead, compact = false }: InboxItemProps) {
  const { t } = useTranslation('notifications');
  const { token } = theme.useToken();
  return (
    <Flex
      gap={10}
      align="flex-start"
      role="button"
      tabIndex={0}
      onClick={() => onOpen(item)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(item);
      }}
      style={{ padding: compact ? '8px 4px' : '12px 4px', cursor: 'pointer', borderRadius: token.borderRadius }}
      className="hq-inbox-item"
      data-testid="inbox-item"
    >
      <Badge status={item.read ? 'default' : 'processing'} style={{ marginTop: 6, visibility: item.read ? 'hidden' : 'visible' }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Flex justify="space-between" gap={8}>
          <Typography.Text strong={!item.read} ellipsis style={{ minWidth: 0 }}>
            {item.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
            {arrivedAt(item.createdAt)}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: compact ? 1 : 2 }}
          style={{ marginBottom: 0, fontSize: compact ? 12 : undefined }}
        >
          {item.body}
        </Typography.Paragraph>
        {!compact && !item.read && onMarkRead ? (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            onClick={(e) => {
              e.stopPropagation();
              onMarkRead(item);
            }}
            data-testid="inbox-mark-read"
          >
            {t('inbox.markRead')}
          </Button>
        ) : null}
      </div>
    </Flex>
  );
}
