import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PAUSE_REASONS, type WorkOrderEventDto } from '../../../../contracts/workorders';
import { api } from '../../app/api';
import { LoadError, StatusTag } from '../../components';
import { DANGER_ACTIONS, STATUS_STYLES } from './options';

/** Timeline dot colours: the start green, steps back or out red, everything else blue. */
function dotColor(action: string): string {
  if (action === 'create') return 'green';
  if ((DANGER_ACTIONS as ReadonlySet<string>).has(action)) return 'red';
  if (action === 'pause') return 'orange';
  return 'blue';
}

const num = (v: unknown) => (typeof v === 'number' ? v : '—');

/**
 * 流转记录: every step of the order, oldest first — what was done, by whom, when, why,
 * and the status it moved from and to. Reloaded whenever the order's version changes.
 */
export function EventsTimeline({ workOrderId, version }: { workOrderId: string; version: number }) {
  const { t } = useTranslation('workorders');
  const query = useQuery({
    queryKey: ['/work-orders', 'events', workOrderId, version],
    queryFn: ({ signal }) => api.get<WorkOrderEventDto[]>(`/work-orders/${workOrderId}/events`, undefined, signal),
  });
  const items = [...(query.data ?? [])].sort((a, b) => a.at.localeCompare(b.at));

  const reasonText = (e: WorkOrderEventDto) => {
    if (!e.reason) return null;
    // a pause without a written reason carries its reason code
    if (e.action === 'pause' && (PAUSE_REASONS as readonly string[]).includes(e.reason)) return t(`pauseReason.${e.reason}`);
    return e.reason;
  };

  return (
    <Card size="small" title={t('detail.events')} data-testid="work-order-events">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : query.error ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.eventsEmpty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((e) => {
            const reason = reasonText(e);
            const data = e.data ?? {};
            return {
              key: e.id,
              color: dotColor(e.action),
              content: (
                <div data-testid="work-order-event">
                  <Flex wrap gap={6} align="center">
                    <Typography.Text strong>{t(`action.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                    {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
                      <span>
                        <StatusTag status={e.fromStatus} map={STATUS_STYLES} />
                        <Typography.Text type="secondary">→ </Typography.Text>
                        <StatusTag status={e.toStatus} map={STATUS_STYLES} />
                      </span>
                    ) : null}
                    {data.rework ? <Tag color="volcano">{t('detail.rework')}</Tag> : null}
                  </Flex>
                  {reason ? (
                    <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{reason}</Typography.Paragraph>
                  ) : null}
                  {e.action === 'rate' ? (
                    <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                      {t('detail.ratings', { a: num(data.attitude), q: num(data.quality), e: num(data.efficiency) })}
                    </Typography.Paragraph>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(e.at).format('YYYY-MM-DD HH:mm')} · {e.actorName ?? t('detail.system')}
                  </Typography.Text>
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
