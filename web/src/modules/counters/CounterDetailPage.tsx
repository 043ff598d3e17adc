import { Button, Card, Flex, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../app/auth';
import { ActiveToggle, DetailPage, StatusTag, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { CounterDrawer } from './CounterDrawer';
import { CounterWorkOrders } from './CounterWorkOrders';
import { IssueNoticeDrawer } from './IssueNoticeDrawer';
import { NoticesTable } from './NoticesTable';
import { StatementCard } from './StatementCard';
import type { Counter } from './types';

/** A counter: its details and staff, its notices and work orders, and the monthly statement. */
export default function CounterDetailPage() {
  const { t } = useTranslation('counters');
  const { id } = useParams();
  const can = useCan();
  const record = useRecord<Counter>('/counters', id);
  const c = record.data;
  const [editing, setEditing] = useState(false);
  const [issuing, setIssuing] = useState(false);

  return (
    <DetailPage
      title={c ? `${c.name}（${c.code}）` : t('counter.title')}
      subtitle={c ? <StatusTag active={c.active} /> : null}
      backTo={c && can('counters:read', c.siteId) ? '/counters' : '/my-counter'}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        c?.canManage ? (
          <Space wrap>
            <Button onClick={() => setEditing(true)}>{t('common:actions.edit')}</Button>
            <ActiveToggle resource="/counters" record={c} name={c.name} type="default" size="middle" />
          </Space>
        ) : null
      }
      items={
        c
          ? [
              { key: 'site', label: t('counter.site'), children: c.siteName },
              { key: 'location', label: t('counter.location'), children: c.locationPath ?? '—' },
              { key: 'contact', label: t('counter.contactName'), children: c.contactName ?? '—' },
              { key: 'phone', label: t('counter.contactPhone'), children: c.contactPhone ?? '—' },
              {
                key: 'members',
                label: t('counter.members'),
                children: c.members.length ? (
                  <Space size={[4, 4]} wrap>
                    {c.members.map((m) => (
                      <Tag key={m.userId} color={m.active ? 'blue' : 'default'}>{`${m.name}（${m.username}）`}</Tag>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
              },
              { key: 'notes', label: t('counter.notes'), children: c.notes ?? '—' },
            ]
          : []
      }
      history={c && can('audit:read', c.siteId) ? <HistoryPanel entity="counter" entityId={c.id} version={c.version} /> : null}
    >
      {c ? (
        <Flex vertical gap={16}>
          <Card>
            <NoticesTable
              counterId={c.id}
              title={t('notice.title')}
              onCreate={c.canManage && c.active ? () => setIssuing(true) : undefined}
            />
          </Card>
          <Card>
            <CounterWorkOrders counterId={c.id} />
          </Card>
          <StatementCard counter={c} />
        </Flex>
      ) : null}
      <CounterDrawer open={editing} onClose={() => setEditing(false)} record={c ?? null} />
      <IssueNoticeDrawer open={issuing} onClose={() => setIssuing(false)} counter={c} />
    </DetailPage>
  );
}
