import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { LoadError } from '../../components';
import type { TimelineEntry } from './types';

const KIND_COLORS: Record<string, string> = {
  created: 'green',
  moved: 'blue',
  status: 'orange',
  custodian: 'purple',
  custody: 'purple',
  stocktake: 'cyan',
  fire_check: 'red',
  fire_service: 'volcano',
};

/** The asset's life, newest first, from every module that registered a timeline source. */
export function AssetTimeline({ assetId, version }: { assetId: string; version?: number }) {
  const { t } = useTranslation('equipment');
  const query = useQuery({
    queryKey: ['/assets', 'timeline', assetId, version],
    queryFn: ({ signal }) => api.get<TimelineEntry[] | { items: TimelineEntry[] }>(`/assets/${assetId}/timeline`, undefined, signal),
    select: (d) => (Array.isArray(d) ? d : d.items),
  });
  const items = query.data ?? [];
  return (
    <Card size="small" title={t('detail.timeline')} data-testid="asset-timeline">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : query.error ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.timelineEmpty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: KIND_COLORS[e.kind] ?? 'gray',
            content: (
              <div>
                <Flex wrap gap={6} align="center">
                  <Tag color={KIND_COLORS[e.kind] ?? 'default'}>{t(`timelineKind.${e.kind}`, { defaultValue: e.kind })}</Tag>
                  {e.link?.startsWith('/') ? <Link to={e.link}>{e.title}</Link> : <Typography.Text strong>{e.title}</Typography.Text>}
                </Flex>
                {e.detail ? <Typography.Paragraph style={{ margin: '4px 0 0' }}>{e.detail}</Typography.Paragraph> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
