import { TeamOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Grid, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, UserSelect, useDictionary } from '../../components';
import { CsvFilter, FilterRow, PeriodFilter, SelectFilter, SiteFilter, type UrlFilters, useUrlFilters } from '../hazards/Filters';
import { formatInZone } from '../maintenance/format';
import { AlertDrawer } from './AlertDrawer';
import { ALERT_FILTERS, OFFICER_NAME } from './logic';
import { OutcomeTag, useIncidentOptions } from './options';
import { ALERT_SOURCE_DICT, ALERT_TYPE_DICT, ALERTS, PATHS, type SecurityAlert } from './types';

/** One officer's alerts: a closable tag once chosen (the officers table links here with it set). */
export function OfficerFilter({ filters }: { filters: UrlFilters }) {
  const { t } = useTranslation('incidents');
  const officerId = filters.search.get('officerId');
  if (officerId) {
    return (
      <Form.Item>
        <Tag
          closable
          color="blue"
          onClose={() => filters.setMany({ officerId: undefined, [OFFICER_NAME]: undefined })}
          style={{ marginInlineEnd: 0 }}
          data-testid="filter-officer-tag"
        >
          {t('filters.officer', { name: filters.search.get(OFFICER_NAME) ?? '…' })}
        </Tag>
      </Form.Item>
    );
  }
  return (
    <Form.Item>
      <UserSelect
        placeholder={t('field.officer')}
        value={undefined}
        onChange={(v, option) => {
          const label = (Array.isArray(option) ? option[0] : option)?.label;
          if (typeof v === 'string') filters.setMany({ officerId: v, [OFFICER_NAME]: typeof label === 'string' ? label : undefined });
        }}
        style={{ width: 160 }}
        popupMatchSelectWidth={false}
        data-testid="filter-officer"
      />
    </Form.Item>
  );
}

/**
 * 接警记录: every alert of the person's sites — when, where from, what, how it ended, how
 * many were caught and by whom. Filters live in the URL (the safety overview and the
 * officers table link here). 登记接警 for security:log; a phone shows one card per alert.
 */
export default function AlertsPage() {
  const { t } = useTranslation('incidents');
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const filters = useUrlFilters(ALERT_FILTERS);
  const options = useIncidentOptions();
  const types = useDictionary(ALERT_TYPE_DICT);
  const sources = useDictionary(ALERT_SOURCE_DICT);
  const [creating, setCreating] = useState(false);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  const siteIds = filters.search.getAll('siteId');
  const officers = (r: SecurityAlert) => r.officers.map((o) => o.name).join('、') || '—';
  const commendations = (r: SecurityAlert) =>
    r.commendations.length ? <Tag color="gold">{t('alert.commended', { count: r.commendations.length })}</Tag> : null;

  const desktop: QueryColumn<SecurityAlert>[] = [
    { title: t('field.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`${PATHS.alerts}/${r.id}`}>{v}</Link> },
    {
      title: t('field.receivedAt'),
      dataIndex: 'receivedAt',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{formatInZone(v, zoneOf(r.siteId))}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sources.label(r.source)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.alertType'), dataIndex: 'type', render: (v: string) => types.label(v) },
    {
      title: t('field.description'),
      dataIndex: 'description',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 240 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }} ellipsis={{ tooltip: v }}>
            {v}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.locationPath ?? r.siteName, r.place].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('field.outcome'),
      dataIndex: 'outcome',
      render: (_: string, r) => (
        <Space size={4} wrap>
          <OutcomeTag outcome={r.outcome} />
          {r.apprehendedCount ? t('alert.caught', { count: r.apprehendedCount }) : null}
        </Space>
      ),
    },
    {
      title: t('field.officers'),
      key: 'officers',
      render: (_, r) => (
        <Space size={4} wrap>
          {officers(r)}
          {commendations(r)}
        </Space>
      ),
    },
  ];

  const phone: QueryColumn<SecurityAlert>[] = [
    {
      title: t('list.alert'),
      key: 'card',
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid="alert-card">
          <Space size={6} wrap>
            <Typography.Text strong>{types.label(r.type)}</Typography.Text>
            <OutcomeTag outcome={r.outcome} />
            {r.apprehendedCount ? (
              <Typography.Text type="danger">{t('alert.caught', { count: r.apprehendedCount })}</Typography.Text>
            ) : null}
          </Space>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{r.description}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[formatInZone(r.receivedAt, zoneOf(r.siteId)), sources.label(r.source), r.locationPath ?? r.siteName, r.place]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          <Space size={4} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {officers(r)}
            </Typography.Text>
            {commendations(r)}
          </Space>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('alerts.title')}
      subtitle={t('alerts.subtitle')}
      extra={
        <Button icon={<TeamOutlined />} onClick={() => navigate(PATHS.officers)} data-testid="alerts-officers">
          {t('officers.title')}
        </Button>
      }
    >
      <FilterRow filters={filters} testId="alert-filters">
        <SiteFilter filters={filters} />
        <SelectFilter filters={filters} name="type" placeholder={t('field.alertType')} options={types.options} width={120} />
        <SelectFilter filters={filters} name="source" placeholder={t('field.source')} options={sources.options} width={120} />
        <CsvFilter filters={filters} name="outcome" placeholder={t('field.outcome')} options={options.outcomes} width={180} />
        <OfficerFilter filters={filters} />
        <PeriodFilter filters={filters} fromLabel={t('filters.from')} toLabel={t('filters.to')} />
        <Form.Item>
          <Checkbox
            checked={filters.search.get('commended') === '1'}
            onChange={(e) => filters.set('commended', e.target.checked ? '1' : undefined)}
            data-testid="filter-commended"
          >
            {t('filters.commended')}
          </Checkbox>
        </Form.Item>
      </FilterRow>
      <QueryTable<SecurityAlert>
        resource={ALERTS}
        columns={screens.sm === false ? phone : desktop}
        // a phone's one-column cards wrap instead of scrolling sideways
        tableProps={screens.sm === false ? { scroll: undefined, showHeader: false, size: 'small' } : undefined}
        params={filters.params}
        searchPlaceholder={t('alerts.search')}
        onCreate={can('security:log') ? () => setCreating(true) : undefined}
        createLabel={t('alerts.create')}
        onRowClick={(r) => navigate(`${PATHS.alerts}/${r.id}`)}
      />
      <AlertDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        defaultSiteId={siteIds.length === 1 ? siteIds[0] : undefined}
        onSaved={(a) => navigate(`${PATHS.alerts}/${a.id}`)}
      />
    </PageContainer>
  );
}
