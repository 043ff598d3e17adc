import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type QueryColumn, QueryTable } from '../../components';
import type { CounterWorkOrder } from './types';

/** The counter's work orders (its staff see them through the work-order list's own rules). */
export function CounterWorkOrders({ counterId }: { counterId: string }) {
  const { t } = useTranslation('counters');
  const columns: QueryColumn<CounterWorkOrder>[] = [
    { title: t('workOrder.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/work-orders/${r.id}`}>{v}</Link> },
    { title: t('workOrder.description'), dataIndex: 'description', ellipsis: true },
    { title: t('workOrder.status'), dataIndex: 'status', render: (s: string) => t(`workorders:status.${s}`, { defaultValue: s }) },
    { title: t('workOrder.assignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
    { title: t('workOrder.createdAt'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: t('workOrder.completedAt'),
      dataIndex: 'completedAt',
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
    },
  ];
  return (
    <QueryTable<CounterWorkOrder>
      resource="/work-orders"
      title={t('workOrder.title')}
      columns={columns}
      params={{ counterId }}
      paging="more"
      pageSize={10}
    />
  );
}
