import { Form, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, useDictionary } from '../../components';
import { CsvFilter, FilterRow, PeriodFilter, SelectFilter, SiteFilter, useUrlFilters } from '../hazards/Filters';
import { formatInZone } from '../maintenance/format';
import { rateText } from '../patrols/logic';
import { DepartmentTag } from '../workorders/DepartmentTag';
import { SPOT_CHECK_FILTERS, scoreText } from './logic';
import { SpotCheckStatusTag, useTrainingOptions, useZoneOf } from './options';
import { SpotCheckDrawer } from './SpotCheckDrawer';
import { PATHS, SPOT_CHECKS, type SpotCheck, TRAINING_TYPE } from './types';

/**
 * 知识抽查: every spot check of the person's sites — the bank it draws from, who has
 * taken it by the due time, pass rate and average score. Filters live in the URL (the
 * safety page's figures link here); 发起抽查 for training:manage.
 */
export default function SpotChecksPage() {
  const { t } = useTranslation('training');
  const can = useCan();
  const navigate = useNavigate();
  const zoneOf = useZoneOf();
  const filters = useUrlFilters(SPOT_CHECK_FILTERS);
  const topics = useDictionary(TRAINING_TYPE);
  const options = useTrainingOptions();
  const [creating, setCreating] = useState(false);
  const siteIds = filters.search.getAll('siteId');
  const submittedFrom = filters.search.get('submittedFrom');
  const submittedTo = filters.search.get('submittedTo');
  const departmentId = filters.search.get('departmentId');

  const columns: QueryColumn<SpotCheck>[] = [
    { title: t('field.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`${PATHS.spotChecks}/${r.id}`}>{v}</Link> },
    {
      title: t('field.checkTitle'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 260 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.siteName, r.bankName].join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.topic'), dataIndex: 'topic', render: (v: string) => topics.label(v) },
    { title: t('field.dueAt'), dataIndex: 'dueAt', sorter: true, render: (v: string, r) => formatInZone(v, zoneOf(r.siteId)) },
    {
      title: t('field.taken'),
      key: 'taken',
      render: (_, r) => `${r.takenCount}/${r.participantCount}`,
    },
    { title: t('field.passRate'), dataIndex: 'passRate', render: (v: number | null) => rateText(v) },
    { title: t('field.averageScore'), dataIndex: 'averageScore', render: (v: number | null) => scoreText(v) },
    { title: t('field.status'), dataIndex: 'status', render: (_: string, r) => <SpotCheckStatusTag status={r.status} /> },
  ];

  return (
    <PageContainer title={t('spotChecks.title')} subtitle={t('spotChecks.subtitle')}>
      <FilterRow filters={filters} testId="spot-check-filters">
        <SiteFilter filters={filters} />
        <SelectFilter filters={filters} name="topic" placeholder={t('field.topic')} options={topics.options} width={140} />
        <CsvFilter filters={filters} name="status" placeholder={t('field.status')} options={options.spotCheckStatuses} width={160} />
        <PeriodFilter filters={filters} fromLabel={t('filters.createdFrom')} toLabel={t('filters.createdTo')} />
        {submittedFrom || submittedTo ? (
          // set by a figure of the measures: the checks with an answer submitted in its period
          <Form.Item>
            <Tag
              closable
              onClose={() => filters.setMany({ submittedFrom: undefined, submittedTo: undefined })}
              style={{ marginInlineEnd: 0, paddingBlock: 4 }}
              data-testid="filter-submitted"
            >
              {t('filters.submitted', {
                from: submittedFrom ? formatInZone(submittedFrom, undefined, false) : '…',
                to: submittedTo ? formatInZone(new Date(Date.parse(submittedTo) - 1).toISOString(), undefined, false) : '…',
              })}
            </Tag>
          </Form.Item>
        ) : null}
        {departmentId ? (
          // set by a department's figure: the checks its staff submitted answers to
          <Form.Item>
            <DepartmentTag
              id={departmentId}
              label={t('filters.answerDepartment')}
              onClose={() => filters.set('departmentId', undefined)}
              testId="filter-department"
            />
          </Form.Item>
        ) : null}
      </FilterRow>
      <QueryTable<SpotCheck>
        resource={SPOT_CHECKS}
        columns={columns}
        params={filters.params}
        defaultSort="-createdAt"
        searchPlaceholder={t('spotChecks.search')}
        onCreate={can('training:manage') ? () => setCreating(true) : undefined}
        createLabel={t('spotChecks.create')}
        onRowClick={(r) => navigate(`${PATHS.spotChecks}/${r.id}`)}
      />
      <SpotCheckDrawer
        open={creating}
        onClose={() => setCreating(false)}
        defaultSiteId={siteIds.length === 1 ? siteIds[0] : undefined}
        onSaved={(c) => navigate(`${PATHS.spotChecks}/${c.id}`)}
      />
    </PageContainer>
  );
}
