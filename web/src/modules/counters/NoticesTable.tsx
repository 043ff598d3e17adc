import { Form, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type QueryColumn, QueryTable, StatusTag } from '../../components';
import { isLate } from './format';
import { NOTICE_STYLES, useNoticeStatusOptions } from './options';
import type { Notice } from './types';

/** The notice list used by 整改通知, a counter's page and 我的专柜; `counterId` narrows it to one counter. */
export function NoticesTable({ counterId, onCreate, title }: { counterId?: string; onCreate?: () => void; title?: string }) {
  const { t } = useTranslation('counters');
  const statusOptions = useNoticeStatusOptions();
  const now = new Date();
  const columns: QueryColumn<Notice>[] = [
    {
      title: t('notice.number'),
      dataIndex: 'number',
      sorter: true,
      render: (v: string, r) => <Link to={`/counters/notices/${r.id}`}>{v}</Link>,
    },
    ...(counterId ? [] : [{ title: t('notice.counter'), key: 'counter', render: (_: unknown, r: Notice) => r.counterName }]),
    {
      title: t('notice.description'),
      dataIndex: 'description',
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, maxWidth: 320 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('notice.deadline'),
      dataIndex: 'deadline',
      sorter: true,
      render: (v: string, r) => (
        <Typography.Text type={isLate(r, now) ? 'danger' : undefined}>{dayjs(v).format('YYYY-MM-DD HH:mm')}</Typography.Text>
      ),
    },
    { title: t('common:status.label'), dataIndex: 'status', render: (s: Notice['status']) => <StatusTag status={s} map={NOTICE_STYLES} /> },
    { title: t('notice.issuedBy'), dataIndex: 'issuedByName', render: (v: string | null) => v ?? '—' },
    {
      title: t('notice.workOrder'),
      key: 'workOrder',
      render: (_, r) => (r.workOrderId ? <Link to={`/work-orders/${r.workOrderId}`}>{r.workOrderNumber}</Link> : '—'),
    },
  ];
  return (
    <QueryTable<Notice>
      resource="/counter-notices"
      title={title}
      columns={columns}
      params={counterId ? { counterId } : undefined}
      searchPlaceholder={t('notice.search')}
      onCreate={onCreate}
      createLabel={t('notice.issue')}
      filters={
        <Form.Item name="status">
          <Select allowClear style={{ width: 130 }} placeholder={t('common:status.label')} options={statusOptions} />
        </Form.Item>
      }
    />
  );
}
