import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Grid, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, useDictionary } from '../../components';
import { CsvFilter, FilterRow, PeriodFilter, SelectFilter, SiteFilter, useUrlFilters } from '../hazards/Filters';
import { formatInZone } from '../maintenance/format';
import { IncidentDrawer } from './IncidentDrawer';
import { IncidentSettingsDialog } from './IncidentSettingsDialog';
import { INCIDENT_FILTERS } from './logic';
import { DeadlineTag, IncidentStatusTag, useIncidentOptions } from './options';
import { INCIDENT_TYPE_DICT, INCIDENTS, type Incident, PATHS } from './types';

/**
 * 意外事件: the reports of the person's sites with their type, status, the 不过夜 state of
 * fire-alarm faults and the open action items. Filters live in the URL (the safety
 * overview's figures link here); 我填报的 and 待我审核 narrow to one's own work. A phone
 * shows one card per report.
 */
export default function IncidentsPage() {
  const { t } = useTranslation('incidents');
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const filters = useUrlFilters(INCIDENT_FILTERS);
  const options = useIncidentOptions();
  const types = useDictionary(INCIDENT_TYPE_DICT);
  const [creating, setCreating] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  const siteIds = filters.search.getAll('siteId');
  const fixedInTime = filters.search.get('fixedInTime');

  const actionsCell = (r: Incident) =>
    r.actionsTotal ? (
      <Typography.Text type={r.actionsOpen ? 'warning' : 'success'}>
        {t('list.actions', { open: r.actionsOpen, total: r.actionsTotal })}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const desktop: QueryColumn<Incident>[] = [
    { title: t('field.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`${PATHS.incidents}/${r.id}`}>{v}</Link> },
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 240 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[types.label(r.type), r.locationPath ?? r.siteName, r.place].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.occurredAt'), dataIndex: 'occurredAt', sorter: true, render: (v: string, r) => formatInZone(v, zoneOf(r.siteId)) },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (_: string, r) => (
        <Space size={4} wrap>
          <IncidentStatusTag status={r.status} />
          <DeadlineTag incident={r} zone={zoneOf(r.siteId)} />
        </Space>
      ),
    },
    {
      title: t('list.people'),
      key: 'people',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{r.responsibleName ?? '—'}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('list.author', { name: r.authorName })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.actions'), key: 'actions', render: (_, r) => actionsCell(r) },
  ];

  // a phone reads one card per report: what, where and when, then its state
  const phone: QueryColumn<Incident>[] = [
    {
      title: t('list.report'),
      key: 'card',
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid="incident-card">
          <Space size={6} wrap>
            <Typography.Text strong>{r.title}</Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>{types.label(r.type)}</Tag>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.number, formatInZone(r.occurredAt, zoneOf(r.siteId))].join(' · ')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.locationPath ?? r.siteName, r.place].filter(Boolean).join(' · ')}
          </Typography.Text>
          <Space size={4} wrap>
            <IncidentStatusTag status={r.status} />
            <DeadlineTag incident={r} zone={zoneOf(r.siteId)} />
            {r.actionsTotal ? actionsCell(r) : null}
          </Space>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('incidents.title')}
      subtitle={t('incidents.subtitle')}
      extra={
        can('incidents:review') ? (
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="incident-settings">
            {t('settings.open')}
          </Button>
        ) : null
      }
    >
      <FilterRow filters={filters} testId="incident-filters">
        {fixedInTime ? (
          <Form.Item>
            <Tag closable color="blue" onClose={() => filters.set('fixedInTime', undefined)} style={{ marginInlineEnd: 0 }}>
              {t(fixedInTime === '1' ? 'filters.fixedInTime' : 'filters.notFixedInTime')}
            </Tag>
          </Form.Item>
        ) : null}
        <SiteFilter filters={filters} />
        <SelectFilter filters={filters} name="type" placeholder={t('field.type')} options={types.options} width={150} />
        <CsvFilter filters={filters} name="status" placeholder={t('field.status')} options={options.statuses} width={180} />
        <PeriodFilter filters={filters} fromLabel={t('filters.from')} toLabel={t('filters.to')} />
        <Form.Item>
          <Checkbox
            checked={filters.search.get('author') === 'me'}
            onChange={(e) => filters.set('author', e.target.checked ? 'me' : undefined)}
            data-testid="filter-mine"
          >
            {t('filters.mine')}
          </Checkbox>
        </Form.Item>
        {can('incidents:review') ? (
          <Form.Item>
            <Checkbox
              checked={filters.search.get('awaitingReview') === '1'}
              onChange={(e) => filters.set('awaitingReview', e.target.checked ? '1' : undefined)}
              data-testid="filter-review"
            >
              {t('filters.toReview')}
            </Checkbox>
          </Form.Item>
        ) : null}
      </FilterRow>
      <QueryTable<Incident>
        resource={INCIDENTS}
        columns={screens.sm === false ? phone : desktop}
        // a phone's one-column cards wrap instead of scrolling sideways
        tableProps={screens.sm === false ? { scroll: undefined, showHeader: false, size: 'small' } : undefined}
        params={filters.params}
        searchPlaceholder={t('incidents.search')}
        onCreate={can('incidents:report') ? () => setCreating(true) : undefined}
        createLabel={t('incidents.create')}
        onRowClick={(r) => navigate(`${PATHS.incidents}/${r.id}`)}
      />
      <IncidentDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        defaultSiteId={siteIds.length === 1 ? siteIds[0] : undefined}
        onSaved={(i) => navigate(`${PATHS.incidents}/${i.id}`)}
      />
      <IncidentSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </PageContainer>
  );
}
