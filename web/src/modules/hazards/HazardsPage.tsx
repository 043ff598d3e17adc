import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, useDictionary } from '../../components';
import { formatInZone } from '../maintenance/format';
import { CampaignFilter, CsvFilter, FilterRow, PeriodFilter, SelectFilter, SiteFilter, useUrlFilters } from './Filters';
import { HazardDrawer } from './HazardDrawer';
import { HazardSettingsDialog } from './HazardSettingsDialog';
import { HAZARD_FILTERS } from './logic';
import { GradeTag, HazardStatusTag, OverdueTag, useHazardOptions } from './options';
import { HAZARDS, type Hazard, PATHS } from './types';

/**
 * 隐患台账: every hazard of the person's sites with its grade, status, responsible person
 * and deadline; overdue ones in red. Filters live in the URL (the measures page and the
 * campaigns link here). 隐患设置 (acceptance and reminder days) for hazards:manage.
 */
export default function HazardsPage() {
  const { t } = useTranslation('hazards');
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const filters = useUrlFilters(HAZARD_FILTERS);
  const options = useHazardOptions();
  const categories = useDictionary('hazard_category');
  const subGrades = useDictionary('hazard_subgrade');
  const [creating, setCreating] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  const siteIds = filters.search.getAll('siteId');

  const columns: QueryColumn<Hazard>[] = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      render: (v: string, r) => (
        <Link to={`${PATHS.register}/${r.id}`} style={r.overdue ? { color: '#cf1322' } : undefined}>
          {v}
        </Link>
      ),
    },
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 260 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }} type={r.overdue ? 'danger' : undefined}>
            {v}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.siteName, r.locationPath, r.assetName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.category'), dataIndex: 'category', render: (v: string) => categories.label(v) },
    {
      title: t('field.grade'),
      dataIndex: 'grade',
      render: (_: string, r) => (
        <Space size={2} wrap>
          <GradeTag grade={r.grade} />
          {r.subGrade ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {subGrades.label(r.subGrade)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (_: string, r) => (
        <Space size={2} wrap>
          <HazardStatusTag status={r.status} />
          <OverdueTag overdue={r.overdue} />
        </Space>
      ),
    },
    { title: t('field.responsible'), dataIndex: 'responsibleName', render: (v: string | null) => v ?? '—' },
    {
      title: t('field.deadline'),
      dataIndex: 'deadline',
      render: (v: string | null, r) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{v ?? '—'}</Typography.Text>,
    },
    {
      title: t('field.source'),
      dataIndex: 'source',
      render: (v: string, r) => [t(`source.${v}`), r.campaignName].filter(Boolean).join(' · '),
    },
    { title: t('field.foundAt'), dataIndex: 'foundAt', render: (v: string, r) => formatInZone(v, zoneOf(r.siteId), false) },
  ];

  return (
    <PageContainer
      title={t('hazards.title')}
      subtitle={t('hazards.subtitle')}
      extra={
        can('hazards:manage') ? (
          <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="hazard-settings">
            {t('settings.open')}
          </Button>
        ) : null
      }
    >
      <FilterRow filters={filters} testId="hazard-filters">
        <SiteFilter filters={filters} />
        <CsvFilter filters={filters} name="status" placeholder={t('field.status')} options={options.statuses} />
        <SelectFilter filters={filters} name="category" placeholder={t('field.category')} options={categories.options} />
        <SelectFilter filters={filters} name="grade" placeholder={t('field.grade')} options={options.grades} width={100} />
        <SelectFilter filters={filters} name="source" placeholder={t('field.source')} options={options.sources} width={110} />
        <CampaignFilter filters={filters} />
        <PeriodFilter filters={filters} fromLabel={t('filters.foundFrom')} toLabel={t('filters.foundTo')} />
        <Form.Item>
          <Checkbox
            checked={filters.search.get('overdue') === '1'}
            onChange={(e) => filters.set('overdue', e.target.checked ? '1' : undefined)}
            data-testid="filter-overdue"
          >
            <Typography.Text type="danger">{t('filters.overdueOnly')}</Typography.Text>
          </Checkbox>
        </Form.Item>
      </FilterRow>
      <QueryTable<Hazard>
        resource={HAZARDS}
        columns={columns}
        params={filters.params}
        searchPlaceholder={t('hazards.search')}
        onCreate={can('hazards:report') ? () => setCreating(true) : undefined}
        createLabel={t('hazards.create')}
        onRowClick={(r) => navigate(`${PATHS.register}/${r.id}`)}
      />
      <HazardDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        defaultSiteId={siteIds.length === 1 ? siteIds[0] : undefined}
        onSaved={(h) => navigate(`${PATHS.register}/${h.id}`)}
      />
      <HazardSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </PageContainer>
  );
}
