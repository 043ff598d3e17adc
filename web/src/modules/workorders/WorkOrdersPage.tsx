import { Alert, Button, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { WorkOrderDto } from '../../../../contracts/workorders';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { PageContainer, type QueryColumn, QueryTable, StatusTag, useDictionary } from '../../components';
import { DepartmentTag } from './DepartmentTag';
import {
  assignedTo,
  isQuickTab,
  linkedFilters,
  QUICK_TABS,
  type QuickTab,
  STATUS_STYLES,
  tabParams,
  URGENCY_COLORS,
  withoutLinked,
} from './options';
import { SlaBadge } from './SlaBadge';
import { WorkOrderDrawer } from './WorkOrderDrawer';
import { WorkOrderFilters } from './WorkOrderFilters';

/**
 * 维修工单: quick tabs (全部 / 待派单 / 进行中 / 待验收 / 超时 / 我受理的 / 我报修的) over
 * one filtered, exportable list; 报修 opens the intake form. The tab lives in the URL
 * (?tab=overdue) so other pages can link straight to it.
 */
export default function WorkOrdersPage() {
  const { t } = useTranslation('workorders');
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const selectedSite = useSelectedSite();
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const categories = useDictionary('repair_category');
  const urgencies = useDictionary('urgency');
  const requested = search.get('tab');
  const tab: QuickTab = isQuickTab(requested) ? requested : 'all';
  // filters in the URL come from links elsewhere (维修统计 figures, the board's load table)
  const linked = useMemo(() => linkedFilters(search), [search]);
  const params = useMemo(() => ({ ...tabParams(tab, me.user.id), ...linked }), [tab, me.user.id, linked]);
  const dispatcher = can('workorders:dispatch');
  const tabs = QUICK_TABS.filter((k) => k !== 'owned' || dispatcher);

  const columns: QueryColumn<WorkOrderDto>[] = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      sorter: true,
      fixed: 'left',
      render: (n: string, r) => (
        <Link to={`/work-orders/${r.id}`} data-testid="work-order-link">
          {n}
        </Link>
      ),
    },
    {
      title: t('field.status'),
      key: 'status',
      render: (_, r) => (
        <>
          <StatusTag status={r.status} map={STATUS_STYLES} />
          {r.pauseReason && r.status === 'paused' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`pauseReason.${r.pauseReason}`)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t('field.urgency'),
      dataIndex: 'urgency',
      render: (u: string) => <Tag color={URGENCY_COLORS[u] ?? 'default'}>{urgencies.label(u)}</Tag>,
    },
    { title: t('field.category'), dataIndex: 'category', render: (c: string) => categories.label(c) },
    {
      title: t('field.description'),
      dataIndex: 'description',
      render: (d: string) => (
        <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: d }}>
          {d}
        </Typography.Text>
      ),
    },
    ...(selectedSite ? [] : [{ title: t('field.site'), dataIndex: 'siteName' } as QueryColumn<WorkOrderDto>]),
    {
      title: t('field.location'),
      key: 'location',
      render: (_, r) => (
        <Typography.Text style={{ maxWidth: 200 }} ellipsis={{ tooltip: r.locationPath }}>
          {r.locationPath ?? '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('field.asset'),
      key: 'asset',
      render: (_, r) =>
        r.assetId ? (
          <Typography.Text style={{ maxWidth: 180 }} ellipsis={{ tooltip: `${r.assetCode} ${r.assetName}` }}>
            {r.assetName}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('field.requester'), key: 'requester', render: (_, r) => r.requesterName ?? '—' },
    {
      title: t('field.assignedTo'),
      key: 'assignedTo',
      render: (_, r) => {
        const who = assignedTo(r);
        return who.name ?? (who.pool ? <Tag color="magenta">{t('field.pool')}</Tag> : '—');
      },
    },
    { title: t('field.timeLeft'), key: 'sla', render: (_, r) => <SlaBadge workOrder={r} /> },
    {
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <PageContainer title={t('list.title')} subtitle={t('list.subtitle')}>
      {Object.keys(linked).length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('list.linked', { count: Object.keys(linked).length })}
          description={
            linked.assigneeDepartmentId ? (
              // a department's figures count only its staff's orders: say which, and let it go
              <DepartmentTag
                id={linked.assigneeDepartmentId}
                label={t('filters.assigneeDepartment')}
                onClose={() => setSearch(withoutLinked(search, 'assigneeDepartmentId'), { replace: true })}
                testId="linked-assignee-department"
              />
            ) : undefined
          }
          action={
            <Button size="small" onClick={() => setSearch(tab === 'all' ? {} : { tab }, { replace: true })} data-testid="clear-linked">
              {t('list.showAll')}
            </Button>
          }
          data-testid="linked-filters"
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch(k === 'all' ? {} : { tab: k }, { replace: true })}
        items={tabs.map((k) => ({ key: k, label: t(`tabs.${k}`) }))}
        data-testid="work-order-tabs"
      />
      <QueryTable<WorkOrderDto>
        // each tab and site starts from a clean filter form
        key={`${tab}:${selectedSite ?? 'all'}:${search.toString()}`}
        resource="/work-orders"
        columns={columns}
        params={params}
        defaultSort="-createdAt"
        searchPlaceholder={t('list.search')}
        filters={<WorkOrderFilters fixed={params} />}
        onCreate={can('workorders:report') ? () => setCreating(true) : undefined}
        createLabel={t('list.create')}
        onRowClick={(r) => navigate(`/work-orders/${r.id}`)}
      />
      <WorkOrderDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        defaultSiteId={selectedSite}
        onSaved={(wo) => navigate(`/work-orders/${wo.id}`, { state: { created: wo.number } })}
      />
    </PageContainer>
  );
}
