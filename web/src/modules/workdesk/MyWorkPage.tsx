import { Button, Empty, Flex, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { OPEN_STATUSES, type WorkOrderAction, type WorkOrderDto } from '../../../../contracts/workorders';
import { useMe } from '../../app/auth';
import { PageContainer, useDictionary, useInfiniteList } from '../../components';
import { useStep } from './useStep';
import { WorkOrderCard } from './WorkOrderCard';

/** steps a technician takes with one tap; the others need a form on the order's page (photos, hours, reasons) */
const ONE_TAP: WorkOrderAction[] = ['claim', 'accept', 'arrive', 'start', 'resume'];
const ON_PAGE: WorkOrderAction[] = ['pause', 'finish'];

type Tab = 'mine' | 'pool' | 'done';

/** 我的工单: a technician's phone page — my open orders, the claim pool, what I finished lately. */
export default function MyWorkPage() {
  const { t } = useTranslation('workdesk');
  const tw = useTranslation('workorders').t;
  const me = useMe();
  const navigate = useNavigate();
  const [tab, setTab] = useState<Tab>('mine');
  const category = useDictionary('repair_category');
  const urgency = useDictionary('urgency');
  const step = useStep();
  const params =
    tab === 'mine'
      ? { assigneeId: me.user.id, status: OPEN_STATUSES.join(','), sort: 'createdAt', limit: 20 }
      : tab === 'pool'
        ? { inPool: '1', status: 'pending', sort: 'createdAt', limit: 20 }
        : { assigneeId: me.user.id, status: 'resolved,completed,rated', sort: '-updatedAt', limit: 20 };
  const list = useInfiniteList<WorkOrderDto>('/work-orders', params);
  const orders = list.data?.pages.flatMap((p) => p.items) ?? [];

  const actionsOf = (wo: WorkOrderDto) => (
    <>
      {wo.actions
        .filter((a) => ONE_TAP.includes(a))
        .map((a) => (
          <Button key={a} type="primary" loading={step.pending} onClick={() => step.run({ order: wo, action: a })} data-testid={`do-${a}`}>
            {tw(`action.${a}`)}
          </Button>
        ))}
      {wo.actions
        .filter((a) => ON_PAGE.includes(a))
        .map((a) => (
          <Button key={a} onClick={() => navigate(`/work-orders/${wo.id}`)} data-testid={`open-${a}`}>
            {tw(`action.${a}`)}
          </Button>
        ))}
    </>
  );

  return (
    <PageContainer title={t('my.title')} subtitle={t('my.subtitle')} card={false}>
      <Segmented<Tab>
        block
        value={tab}
        onChange={setTab}
        options={[
          { value: 'mine', label: t('my.mine') },
          { value: 'pool', label: t('my.pool') },
          { value: 'done', label: t('my.done') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="my-work-tabs"
      />
      {list.isLoading ? (
        <Skeleton active />
      ) : orders.length === 0 ? (
        <Empty description={t(`my.empty.${tab}`)} />
      ) : (
        <Flex vertical gap={12}>
          {orders.map((wo) => (
            <WorkOrderCard key={wo.id} order={wo} category={category} urgency={urgency} actions={actionsOf(wo)} />
          ))}
          {list.hasNextPage ? (
            <Button block loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              {t('more')}
            </Button>
          ) : null}
        </Flex>
      )}
    </PageContainer>
  );
}
