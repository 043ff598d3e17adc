import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Empty, Flex, Row, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkOrderDto } from '../../../../contracts/workorders';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, PageLoading, useDictionary } from '../../components';
import { useStep } from './useStep';
import { WorkOrderCard } from './WorkOrderCard';

interface TechnicianLoad {
  userId: string;
  name: string;
  dispatched: number;
  accepted: number;
  arrived: number;
  inProgress: number;
  paused: number;
  overdue: number;
  total: number;
}

interface Board {
  pending: WorkOrderDto[];
  pool: WorkOrderDto[];
  overdue: WorkOrderDto[];
  load: TechnicianLoad[];
}

/** 调度台: what waits for dispatch, the claim pool, what is late, and who carries how much — refreshed every 30 s. */
export default function DispatchBoardPage() {
  const { t } = useTranslation('workdesk');
  const tw = useTranslation('workorders').t;
  const site = useSelectedSite();
  const category = useDictionary('repair_category');
  const urgency = useDictionary('urgency');
  const step = useStep();
  const [pick, setPick] = useState<Record<string, string>>({});
  const board = useQuery({
    queryKey: ['/work-orders/board', site],
    queryFn: ({ signal }) => api.get<Board>('/work-orders/board', undefined, signal),
    refetchInterval: 30_000,
  });
  if (board.isLoading) return <PageLoading />;
  if (board.error || !board.data) return <LoadError error={board.error} onRetry={() => board.refetch()} />;
  const { pending, pool, overdue, load } = board.data;
  const technicians = load.map((l) => ({ value: l.userId, label: `${l.name}（${l.total}）` }));

  const dispatchControls = (wo: WorkOrderDto) => (
    <>
      <Select
        size="small"
        placeholder={t('board.pickTechnician')}
        options={technicians}
        value={pick[wo.id]}
        onChange={(v) => setPick((p) => ({ ...p, [wo.id]: v }))}
        style={{ minWidth: 140, flex: 1 }}
        data-testid={`pick-${wo.number}`}
      />
      <Button
        size="small"
        type="primary"
        disabled={!pick[wo.id]}
        loading={step.pending}
        onClick={() => step.run({ order: wo, action: 'dispatch', body: { assigneeId: pick[wo.id] } })}
        data-testid={`dispatch-${wo.number}`}
      >
        {tw('action.dispatch')}
      </Button>
      {wo.actions.includes('pool') ? (
        <Button size="small" loading={step.pending} onClick={() => step.run({ order: wo, action: 'pool' })}>
          {tw('action.pool')}
        </Button>
      ) : null}
    </>
  );

  const column = (key: string, items: WorkOrderDto[], actions?: (wo: WorkOrderDto) => React.ReactNode) => (
    <Col xs={24} lg={8}>
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            {t(`board.${key}`)}
            <Badge count={items.length} showZero color={key === 'overdue' ? 'red' : 'blue'} />
          </Flex>
        }
        styles={{ body: { padding: 8, maxHeight: 640, overflowY: 'auto' } }}
        data-testid={`board-${key}`}
      >
        {items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.none')} />
        ) : (
          <Flex vertical gap={8}>
            {items.map((wo) => (
              <WorkOrderCard key={wo.id} order={wo} category={category} urgency={urgency} actions={actions?.(wo)} />
            ))}
          </Flex>
        )}
      </Card>
    </Col>
  );

  return (
    <PageContainer
      title={t('board.title')}
      subtitle={t('board.subtitle')}
      card={false}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => board.refetch()} loading={board.isFetching}>
          {t('board.refresh')}
        </Button>
      }
    >
      <Row gutter={[12, 12]}>
        {column('pending', pending, dispatchControls)}
        {column('pool', pool)}
        {column('overdue', overdue)}
      </Row>
      <Card size="small" title={t('board.load')} style={{ marginTop: 12 }}>
        <Table<TechnicianLoad>
          rowKey="userId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={load}
          data-testid="board-load"
          columns={[
            {
              title: t('load.name'),
              dataIndex: 'name',
              render: (name: string, r) => <Link to={`/work-orders?assigneeId=${r.userId}`}>{name}</Link>,
            },
            { title: tw('status.dispatched'), dataIndex: 'dispatched', align: 'right' },
            { title: tw('status.accepted'), dataIndex: 'accepted', align: 'right' },
            { title: tw('status.arrived'), dataIndex: 'arrived', align: 'right' },
            { title: tw('status.in_progress'), dataIndex: 'inProgress', align: 'right' },
            { title: tw('status.paused'), dataIndex: 'paused', align: 'right' },
            {
              title: t('load.overdue'),
              dataIndex: 'overdue',
              align: 'right',
              render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
            },
            { title: t('load.total'), dataIndex: 'total', align: 'right' },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
