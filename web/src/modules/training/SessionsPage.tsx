import { Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, useDictionary } from '../../components';
import { CsvFilter, FilterRow, PeriodFilter, SelectFilter, SiteFilter, useUrlFilters } from '../hazards/Filters';
import { DepartmentTag } from '../workorders/DepartmentTag';
import { attendanceText, SESSION_FILTERS, sessionTimeText } from './logic';
import { SessionStatusTag, useTrainingOptions, useZoneOf } from './options';
import { SessionDrawer } from './SessionDrawer';
import { PATHS, SESSIONS, type Session, TRAINING_TYPE } from './types';

/**
 * 培训记录: every training session of the person's sites — type, trainer, time, how many
 * of the invited signed in, status. Filters live in the URL (the safety page's figures
 * link here); 新建培训 for training:manage.
 */
export default function SessionsPage() {
  const { t } = useTranslation('training');
  const can = useCan();
  const navigate = useNavigate();
  const zoneOf = useZoneOf();
  const filters = useUrlFilters(SESSION_FILTERS);
  const types = useDictionary(TRAINING_TYPE);
  const options = useTrainingOptions();
  const [creating, setCreating] = useState(false);
  const siteIds = filters.search.getAll('siteId');
  const departmentId = filters.search.get('departmentId');

  const columns: QueryColumn<Session>[] = [
    { title: t('field.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`${PATHS.sessions}/${r.id}`}>{v}</Link> },
    {
      title: t('field.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 280 }}>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.siteName, r.locationPath, r.place].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.type'), dataIndex: 'type', render: (v: string) => types.label(v) },
    { title: t('field.trainer'), dataIndex: 'trainerName', render: (v: string | null) => v ?? '—' },
    {
      title: t('field.time'),
      dataIndex: 'startsAt',
      sorter: true,
      render: (_: string, r) => sessionTimeText(r.startsAt, r.endsAt, zoneOf(r.siteId)),
    },
    { title: t('field.attendance'), key: 'attendance', render: (_, r) => attendanceText(r) },
    { title: t('field.status'), dataIndex: 'status', render: (_: string, r) => <SessionStatusTag session={r} /> },
  ];

  return (
    <PageContainer title={t('sessions.title')} subtitle={t('sessions.subtitle')}>
      <FilterRow filters={filters} testId="session-filters">
        <SiteFilter filters={filters} />
        <SelectFilter filters={filters} name="type" placeholder={t('field.type')} options={types.options} width={140} />
        <CsvFilter filters={filters} name="status" placeholder={t('field.status')} options={options.sessionStatuses} width={180} />
        <PeriodFilter filters={filters} fromLabel={t('filters.from')} toLabel={t('filters.to')} />
        {departmentId ? (
          // set by a department's attendance figure: the sessions its staff signed in to
          <Form.Item>
            <DepartmentTag
              id={departmentId}
              label={t('filters.attendeeDepartment')}
              onClose={() => filters.set('departmentId', undefined)}
              testId="filter-department"
            />
          </Form.Item>
        ) : null}
      </FilterRow>
      <QueryTable<Session>
        resource={SESSIONS}
        columns={columns}
        params={filters.params}
        defaultSort="-startsAt"
        searchPlaceholder={t('sessions.search')}
        onCreate={can('training:manage') ? () => setCreating(true) : undefined}
        createLabel={t('sessions.create')}
        onRowClick={(r) => navigate(`${PATHS.sessions}/${r.id}`)}
      />
      <SessionDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        defaultSiteId={siteIds.length === 1 ? siteIds[0] : undefined}
        onSaved={(s) => navigate(`${PATHS.sessions}/${s.id}`)}
      />
    </PageContainer>
  );
}
