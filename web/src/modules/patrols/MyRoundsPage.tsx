import { ClockCircleOutlined, EnvironmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import { LoadError, PageContainer, useList } from '../../components';
import { roundTiming, routeProgress, shortTime } from './logic';
import { KindTag, LevelTag, RoundStatusTags } from './options';
import { ROUNDS, type Round } from './types';

const LIMIT = 50;

/** local midnight today and tomorrow, as instants: the page's "today" */
function today(): { start: string; end: string } {
  const now = new Date();
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

/** One round as a card: plan, level, due time against its window, progress along the route. */
function RoundCard({ round, timeZone, now }: { round: Round; timeZone: string | undefined; now: Date }) {
  const { t } = useTranslation('patrols');
  const navigate = useNavigate();
  const progress = routeProgress(round.points);
  const timing = roundTiming(round, now);
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(`/patrols/rounds/${round.id}`)}
      style={{ height: '100%', borderColor: timing === 'late' ? '#ff7875' : undefined }}
      data-testid={`my-round-${round.id}`}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 16, wordBreak: 'break-word', minWidth: 0 }}>
          {round.planName}
        </Typography.Text>
        <RoundStatusTags round={round} />
      </Flex>
      <Flex gap={4} wrap style={{ margin: '6px 0' }}>
        <LevelTag level={round.level} />
        <KindTag kind={round.kind} />
        {timing === 'late' ? (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {t('timing.late')}
          </Tag>
        ) : timing === 'due' ? (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('timing.due')}
          </Tag>
        ) : null}
      </Flex>
      <Flex gap={16} wrap>
        <Typography.Text>
          <ClockCircleOutlined /> {shortTime(round.dueAt, timeZone, now)}
          <Typography.Text type="secondary"> – {shortTime(round.windowEndAt, timeZone, now)}</Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary">
          <EnvironmentOutlined /> {round.siteName}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={8} style={{ marginTop: 6 }}>
        <Progress percent={progress.percent} size="small" showInfo={false} style={{ flex: 1, margin: 0 }} />
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="my-round-progress">
          {t('my.points', { done: progress.done, total: progress.total })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function Section({
  title,
  rounds,
  loading,
  error,
  onRetry,
  empty,
  testId,
}: {
  title: string;
  rounds: Round[];
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  empty: string;
  testId: string;
}) {
  const me = useMe();
  const now = new Date();
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  return (
    <section style={{ marginBottom: 20 }} data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
        {rounds.length ? <Typography.Text type="secondary"> · {rounds.length}</Typography.Text> : null}
      </Typography.Title>
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : error ? (
        <LoadError error={error} onRetry={onRetry} />
      ) : rounds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <Row gutter={[12, 12]}>
          {rounds.map((r) => (
            <Col key={r.id} xs={24} md={12} xl={8}>
              <RoundCard round={r} timeZone={zoneOf(r.siteId)} now={now} />
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}

/**
 * 我的巡检 on a phone: the rounds assigned to me (directly, through my team or my role)
 * that are in progress or due by the end of today — overdue ones included — and the
 * ones finished today. A card opens the round.
 */
export default function MyRoundsPage() {
  const { t } = useTranslation('patrols');
  const day = useMemo(today, []);
  const inProgress = useList<Round>(ROUNDS, { assignee: 'me', status: 'in_progress', sort: 'dueAt', limit: LIMIT });
  const pending = useList<Round>(ROUNDS, { assignee: 'me', status: 'pending', to: day.end, sort: 'dueAt', limit: LIMIT });
  const done = useList<Round>(ROUNDS, { assignee: 'me', status: 'done', from: day.start, to: day.end, sort: '-dueAt', limit: LIMIT });
  const todo = [...(inProgress.data?.items ?? []), ...(pending.data?.items ?? [])];

  return (
    <PageContainer
      title={t('my.title')}
      subtitle={t('my.subtitle')}
      card={false}
      extra={
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void Promise.all([inProgress.refetch(), pending.refetch(), done.refetch()])}
          aria-label={t('common:actions.refresh')}
        />
      }
    >
      <Section
        title={t('my.todo')}
        rounds={todo}
        loading={inProgress.isPending || pending.isPending}
        error={inProgress.error ?? pending.error}
        onRetry={() => void Promise.all([inProgress.refetch(), pending.refetch()])}
        empty={t('my.nothingToDo')}
        testId="my-todo"
      />
      <Section
        title={t('my.doneToday')}
        rounds={done.data?.items ?? []}
        loading={done.isPending}
        error={done.error}
        onRetry={() => void done.refetch()}
        empty={t('my.noneDone')}
        testId="my-done"
      />
    </PageContainer>
  );
}
