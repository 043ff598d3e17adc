import { useQuery } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { useErrorText, useInvalidate } from '../../components';
import type { InboxNotification } from './types';

export const INBOX = '/notifications';
const POLL_MS = 60_000;

/** The unread count, read again every 60 s while the page is open (and after any inbox change). */
export function useUnreadCount() {
  return useQuery({
    queryKey: [INBOX, 'unread-count'],
    queryFn: ({ signal }) => api.get<{ count: number }>(`${INBOX}/unread-count`, undefined, signal),
    refetchInterval: POLL_MS,
    staleTime: POLL_MS / 2,
    select: (d) => d.count,
  });
}

/** 标为已读 / 全部标为已读 / open a message (marks it read, then follows its link). */
export function useInboxActions() {
  const invalidate = useInvalidate();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const markRead = useCallback(
    async (n: InboxNotification) => {
      try {
        await api.post(`${INBOX}/${n.id}/read`);
        await invalidate(INBOX);
      } catch (err) {
        message.error(errorText(err));
      }
    },
    [invalidate, message, errorText],
  );

  const markAllRead = useCallback(async () => {
    try {
      const { updated } = await api.post<{ updated: number }>(`${INBOX}/read-all`);
      await invalidate(INBOX);
      return updated;
    } catch (err) {
      message.error(errorText(err));
      return 0;
    }
  }, [invalidate, message, errorText]);

  const open = useCallback(
    async (n: InboxNotification) => {
      if (!n.read) void markRead(n);
      if (!n.link) return;
      if (/^https?:\/\//i.test(n.link)) window.open(n.link, '_blank', 'noopener');
      else navigate(n.link.startsWith('/') ? n.link : `/${n.link}`);
    },
    [markRead, navigate],
  );

  return { markRead, markAllRead, open };
}
