import { FileSearchOutlined, ReloadOutlined, SmileOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useMeQuery } from '../../app/auth';
import { useErrorText } from '../../components/useErrorText';
import { PublicFrame } from '../qr/PublicFrame';
import { newestFirst, progressOf, STATUS_COLORS, STEPS } from './steps';
import { TrackActions } from './TrackActions';
import type { PublicTrack } from './types';

const TIME = 'YYYY-MM-DD HH:mm';

/**
 * `/track/:token` — the reporter's follow-up without login: where the request stands,
 * who is on it, what was done, and acceptance and rating when it is their turn.
 * 375 px first.
 */
export default function TrackPage() {
  const { t } = useTranslation('track');
  const { token = '' } = useParams();
  const client = useQueryClient();
  // a signed-in visitor's session needs its CSRF token for the actions; signed out is the normal case
  useMeQuery();
  const key = ['public-track', token];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<PublicTrack>(`/public/track/${encodeURIComponent(token)}`),
    retry: false,
  });

  return (
    <PublicFrame>
      {query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : query.isError ? (
        <TrackError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Overview view={query.data} onRefresh={() => void query.refetch()} refreshing={query.isFetching} />
          {query.data.status === 'cancelled' ? <Alert type="warning" showIcon title={t('cancelled')} /> : null}
          {query.data.rated ? <Alert type="success" showIcon icon={<SmileOutlined />} title={t('ratedThanks')} /> : null}
          <TrackActions
            token={token}
            view={query.data}
            onChanged={(next) => client.setQueryData(key, next)}
            onStale={() => void query.refetch()}
          />
          <History view={query.data} />
        </Flex>
      )}
    </PublicFrame>
  );
}

function Overview({ view, onRefresh, refreshing }: { view: PublicTrack; onRefresh: () => void; refreshing: boolean }) {
  const { t, i18n } = useTranslation('track');
  const progress = progressOf(view);
  const place = [view.locationPath, view.assetName].filter(Boolean).join(' · ');
  return (
    <Card data-testid="track-overview">
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{t('fields.number')}</Typography.Text>
          <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-all' }} data-testid="track-number">
            {view.number}
          </Typography.Title>
        </div>
        <Flex vertical align="end" gap={4}>
          <Tag color={STATUS_COLORS[view.status]} style={{ marginInlineEnd: 0 }} data-testid="track-status">
            {t(`status.${view.status}`)}
          </Tag>
          <Button size="small" type="text" icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh} aria-label={t('refresh')} />
        </Flex>
      </Flex>
      <Steps
        orientation="vertical"
        size="small"
        current={progress.current}
        status={progress.status}
        style={{ marginTop: 16 }}
        items={STEPS.map((s) => ({ key: s, title: t(`steps.${s}`) }))}
      />
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 84 } }}
        items={[
          { key: 'site', label: t('fields.site'), children: view.siteName },
          ...(place ? [{ key: 'place', label: t('fields.place'), children: place }] : []),
          {
            key: 'category',
            label: t('fields.category'),
            children: i18n.language.startsWith('zh') ? view.categoryName.zh : view.categoryName.en,
          },
          {
            key: 'description',
            label: t('fields.description'),
            children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{view.description}</span>,
          },
          { key: 'createdAt', label: t('fields.createdAt'), children: dayjs(view.createdAt).format(TIME) },
          { key: 'assignee', label: t('fields.assignee'), children: view.assigneeName ?? t('notAssigned') },
          ...(view.result ? [{ key: 'result', label: t('fields.result'), children: view.result }] : []),
          ...(view.resolvedAt ? [{ key: 'resolvedAt', label: t('fields.resolvedAt'), children: dayjs(view.resolvedAt).format(TIME) }] : []),
          ...(view.completedAt
            ? [{ key: 'completedAt', label: t('fields.completedAt'), children: dayjs(view.completedAt).format(TIME) }]
            : []),
        ]}
      />
    </Card>
  );
}

function History({ view }: { view: PublicTrack }) {
  const { t } = useTranslation('track');
  return (
    <Card title={t('timeline')} data-testid="track-timeline">
      <Timeline
        items={newestFirst(view.events).map((e, i) => ({
          key: `${e.at}-${i}`,
          color: e.toStatus === 'cancelled' || e.action === 'reject' ? 'red' : i === 0 ? 'blue' : 'gray',
          // no title: a titled timeline splits into two columns, too narrow on a phone
          content: (
            <Flex vertical>
              <Typography.Text>{t(`event.${e.action}`, { defaultValue: t('event.other') })}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(e.at).format(TIME)}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}

function TrackError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('track');
  const navigate = useNavigate();
  const errorText = useErrorText();
  if (isApiError(error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title={t('notFound')}
        subTitle={t('notFoundHint')}
        extra={
          <Button type="primary" icon={<FileSearchOutlined />} onClick={() => navigate('/track')}>
            {t('lookup.title')}
          </Button>
        }
      />
    );
  }
  return (
    <Result
      status={isApiError(error, 'RATE_LIMITED') ? 'warning' : 'error'}
      title={isApiError(error, 'RATE_LIMITED') ? t('rateLimited') : t('loadFailed')}
      subTitle={isApiError(error, 'RATE_LIMITED') ? undefined : errorText(error)}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common:actions.retry')}
        </Button>
      }
    />
  );
}
