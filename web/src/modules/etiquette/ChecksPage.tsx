import { Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, UserSelect } from '../../components';
import { FilterRow, PeriodFilter, SelectFilter, SiteFilter, useUrlFilters } from '../hazards/Filters';
import { formatInZone } from '../maintenance/format';
import { DepartmentTag } from '../workorders/DepartmentTag';
import { CHECK_FILTERS } from './logic';
import { ScoreTag, useTemplateOptions } from './options';
import { CHECKS, type EtiquetteCheck, PATHS } from './types';

/**
 * 礼仪检查: every etiquette check (仪容仪表, 礼貌礼仪) of the person's sites — who was
 * checked, against which checklist, the score and what failed — filtered by site, person,
 * checklist and period (in the URL: summary facts and a person's record link here).
 */
export default function ChecksPage() {
  const { t } = useTranslation('etiquette');
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const filters = useUrlFilters(CHECK_FILTERS);
  const templates = useTemplateOptions();
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  const personId = filters.search.get('personId');
  const departmentId = filters.search.get('departmentId');

  const columns: QueryColumn<EtiquetteCheck>[] = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      render: (v: string, r) => (
        <Link to={`${PATHS.list}/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: t('field.person'),
      dataIndex: 'personName',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.personUnit, r.siteName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    // beside the person, so that a phone sees it without scrolling the table
    { title: t('field.score'), dataIndex: 'score', sorter: true, align: 'right', render: (v: number) => <ScoreTag score={v} /> },
    { title: t('field.template'), dataIndex: 'templateName' },
    {
      title: t('field.failedItems'),
      dataIndex: 'failedItems',
      render: (v: string[]) =>
        v.length ? (
          <Typography.Text type="danger" style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 240 }}>
            {v.join('、')}
          </Typography.Text>
        ) : (
          <Typography.Text type="success">{t('check.allPassed')}</Typography.Text>
        ),
    },
    { title: t('field.checkedAt'), dataIndex: 'checkedAt', sorter: true, render: (v: string, r) => formatInZone(v, zoneOf(r.siteId)) },
    { title: t('field.checkedBy'), dataIndex: 'checkedByName' },
  ];

  return (
    <PageContainer title={t('list.title')} subtitle={t('list.subtitle')}>
      <FilterRow filters={filters} testId="etiquette-filters">
        <SiteFilter filters={filters} />
        <Form.Item>
          <UserSelect
            placeholder={t('field.person')}
            value={personId ?? undefined}
            onChange={(v) => filters.set('personId', (v as string | undefined) ?? undefined)}
            popupMatchSelectWidth={false}
            style={{ width: 160 }}
            data-testid="filter-personId"
          />
        </Form.Item>
        <SelectFilter filters={filters} name="templateId" placeholder={t('field.template')} options={templates.options} width={160} />
        <PeriodFilter filters={filters} fromLabel={t('filters.from')} toLabel={t('filters.to')} />
        {departmentId ? (
          // set by a department's figures: the checks of its staff
          <Form.Item>
            <DepartmentTag
              id={departmentId}
              label={t('filters.department')}
              onClose={() => filters.set('departmentId', undefined)}
              testId="filter-department"
            />
          </Form.Item>
        ) : null}
      </FilterRow>
      <QueryTable<EtiquetteCheck>
        resource={CHECKS}
        columns={columns}
        params={filters.params}
        defaultSort="-checkedAt"
        searchPlaceholder={t('list.search')}
        onCreate={can('training:manage') ? () => navigate(PATHS.create) : undefined}
        createLabel={t('list.create')}
        onRowClick={(r) => navigate(`${PATHS.list}/${r.id}`)}
      />
    </PageContainer>
  );
}
