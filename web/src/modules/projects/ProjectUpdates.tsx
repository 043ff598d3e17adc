import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Progress, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import { LoadError } from '../../components';
import type { ProjectUpdate } from './types';

const KIND_COLORS: Record<string, string> = {
  create: 'green',
  start: 'blue',
  progress: 'cyan',
  suspend: 'orange',
  resume: 'blue',
  submit: 'purple',
  accept: 'green',
  reject: 'red',
  cancel: 'gray',
};

/** 进展记录: progress reports and every step, newest first. */
export function ProjectUpdates({ projectId, version }: { projectId: string; version: number }) {
  const { t } = useTranslation('projects');
  const site = useSelectedSite();
  const query = useQuery({
    // the resource key is what the dialogs invalidate; the version refetches after any change of the record
    queryKey: [`/projects/${projectId}/updates`, 'list', version, site],
    queryFn: ({ signal }) => api.get<ProjectUpdate[]>(`/projects/${projectId}/updates`, undefined, signal),
  });
  const items = query.data ?? [];
  return (
    <Card size="small" title={t('detail.updates')} data-testid="project-updates">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : query.error ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noUpdates')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((u) => ({
            key: u.id,
            color: KIND_COLORS[u.kind] ?? 'gray',
            content: (
              <div>
                <Flex wrap gap={6} align="center">
                  <Tag color={KIND_COLORS[u.kind] ?? 'default'}>{t(`kind.${u.kind}`, { defaultValue: u.kind })}</Tag>
                  {u.toStatus && u.fromStatus ? (
                    <Typography.Text type="secondary">
                      {t(`status.${u.fromStatus}`)} → {t(`status.${u.toStatus}`)}
                    </Typography.Text>
                  ) : null}
                  {u.kind === 'progress' && u.progress !== null ? (
                    <Progress percent={u.progress} size="small" style={{ width: 140, margin: 0 }} />
                  ) : null}
                </Flex>
                {u.note ? (
                  <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{u.note}</Typography.Paragraph>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(u.at).format('YYYY-MM-DD HH:mm')}
                  {u.authorName ? ` · ${u.authorName}` : ''}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
