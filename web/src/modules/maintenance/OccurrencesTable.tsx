import { Button, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueryParams } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { type QueryColumn, QueryTable, StatusTag } from '../../components';
import { STATUS_STYLES as WORK_ORDER_STYLES } from '../workorders/options';
import { formatInZone } from './format';
import { OCCURRENCE_STYLES, OnTimeTag } from './options';
import { SkipDialog, type SkippableOccurrence } from './SkipDialog';
import { OCCURRENCES, type Occurrence } from './types';

const skippable = (o: Occurrence): o is SkippableOccurrence =>
  o.status === 'open' && typeof (o as { version?: unknown }).version === 'number';

/**
 * The occurrences (保养任务) of a query: due time in the site's zone, status with 按时/逾期,
 * the work order it produced, and 跳过 for open ones. Used by the occurrence list and a
 * plan's detail page (with `planId` fixed and the plan column left out).
 */
export function OccurrencesTable({
  params,
  filters,
  hidePlan,
  title,
}: {
  params: QueryParams;
  filters?: ReactNode;
  hidePlan?: boolean;
  title?: ReactNode;
}) {
  const { t } = useTranslation('maintenance');
  const can = useCan();
  const me = useMe();
  const [skipping, setSkipping] = useState<SkippableOccurrence | null>(null);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;

  const columns: QueryColumn<Occurrence>[] = [
    {
      title: t('occurrence.dueAt'),
      dataIndex: 'dueAt',
      sorter: true,
      render: (v: string, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    ...(hidePlan
      ? []
      : [
          {
            title: t('occurrence.plan'),
            dataIndex: 'planName',
            render: (v: string, r: Occurrence) => <Link to={`/maintenance/plans/${r.planId}`}>{v}</Link>,
          },
          { title: t('field.site'), dataIndex: 'siteName' },
        ]),
    {
      title: t('occurrence.status'),
      dataIndex: 'status',
      render: (s: string, r) => (
        <Space size={4} wrap>
          <StatusTag status={s} map={OCCURRENCE_STYLES} />
          <OnTimeTag occurrence={r} />
        </Space>
      ),
    },
    {
      title: t('occurrence.windowEndAt'),
      dataIndex: 'windowEndAt',
      render: (v: string, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    {
      title: t('occurrence.workOrder'),
      key: 'workOrder',
      render: (_, r) =>
        r.workOrderId ? (
          <Space size={4} wrap>
            <Link to={`/work-orders/${r.workOrderId}`} onClick={(e) => e.stopPropagation()}>
              {r.workOrderNumber ?? t('occurrence.openWorkOrder')}
            </Link>
            {r.workOrderStatus ? <StatusTag status={r.workOrderStatus} map={WORK_ORDER_STYLES} /> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{r.status === 'open' ? t('occurrence.notYetCreated') : '—'}</Typography.Text>
        ),
    },
    {
      title: t('occurrence.doneAt'),
      key: 'doneAt',
      render: (_, r) =>
        r.doneAt ? (
          formatInZone(r.doneAt, zoneOf(r.siteId))
        ) : r.missedAt ? (
          <Typography.Text type="danger">{t('occurrence.missedAt', { at: formatInZone(r.missedAt, zoneOf(r.siteId)) })}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common:table.actions'),
      key: 'actions',
      render: (_, r) =>
        skippable(r) && can('maintenance:manage', r.siteId) ? (
          <Button size="small" type="link" danger onClick={() => setSkipping(r)} data-testid={`occurrence-skip-${r.id}`}>
            {t('skip.action')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <QueryTable<Occurrence>
        resource={OCCURRENCES}
        columns={columns}
        params={params}
        defaultSort="-dueAt"
        search={false}
        filters={filters}
        title={title}
        pageSize={20}
      />
      <SkipDialog
        occurrence={skipping}
        onClose={() => setSkipping(null)}
        dueText={skipping ? formatInZone(skipping.dueAt, zoneOf(skipping.siteId)) : ''}
      />
    </>
  );
}
