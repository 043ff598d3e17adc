import { Card, Descriptions, Empty, Flex, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, PageContainer, useList } from '../../components';
import { CounterWorkOrders } from './CounterWorkOrders';
import { NoticesTable } from './NoticesTable';
import { StatementCard } from './StatementCard';
import type { Counter } from './types';

function CounterSection({ counter }: { counter: Counter }) {
  const { t } = useTranslation('counters');
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'site', label: t('counter.site'), children: counter.siteName },
            { key: 'location', label: t('counter.location'), children: counter.locationPath ?? '—' },
            { key: 'open', label: t('counter.openNotices'), children: counter.openNotices },
          ]}
        />
      </Card>
      <Card>
        <NoticesTable counterId={counter.id} title={t('my.notices')} />
      </Card>
      <Card>
        <CounterWorkOrders counterId={counter.id} />
      </Card>
      <StatementCard counter={counter} />
    </Flex>
  );
}

/** 我的专柜: what a counter's staff see — their notices (rectify with photos on the notice page), repairs and statements. */
export default function MyCounterPage() {
  const { t } = useTranslation('counters');
  const mine = useList<Counter>('/counters', { mine: '1', limit: 50 });
  const counters = (mine.data?.items ?? []).filter((c) => c.isMember);

  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <PageContainer title={t('my.title')} subtitle={t('my.subtitle')} card={false}>
      {mine.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : counters.length === 0 ? (
        <Card>
          <Empty description={t('my.none')} />
        </Card>
      ) : counters.length === 1 ? (
        <CounterSection counter={counters[0] as Counter} />
      ) : (
        <Tabs items={counters.map((c) => ({ key: c.id, label: c.name, children: <CounterSection counter={c} /> }))} />
      )}
    </PageContainer>
  );
}
