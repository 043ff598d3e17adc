import { Alert, Button, Checkbox, Form, Input, Progress, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect, StatusTag, UserSelect } from '../../components';
import { formatMoney, linkFilters } from './format';
import { DateRangeFilter, STATUS_STYLES, useStatusOptions, useTypeOptions } from './options';
import { ProjectDrawer } from './ProjectDrawer';
import type { Project } from './types';

/** 改造施工项目: every project of the person's sites with filters, export and 新建. */
export default function ProjectsPage() {
  const { t } = useTranslation('projects');
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const typeOptions = useTypeOptions();
  const statusOptions = useStatusOptions();
  // a figure of the work summary links here with its own filters (started / accepted / due in a period)
  const fromLink = useMemo(() => linkFilters(search), [search]);
  const linked = Object.keys(fromLink).length > 0;

  const columns: QueryColumn<Project>[] = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      sorter: true,
      render: (n: string, r) => <Link to={`/projects/${r.id}`}>{n}</Link>,
    },
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Link to={`/projects/${r.id}`}>{v}</Link>
          {r.overdue ? <Tag color="error">{t('overdue')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('field.type'), dataIndex: 'type', render: (v: string) => t(`type.${v}`) },
    { title: t('field.site'), key: 'site', render: (_, r) => r.locationPath ?? r.siteName },
    { title: t('field.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} map={STATUS_STYLES} /> },
    {
      title: t('field.progress'),
      dataIndex: 'progress',
      sorter: true,
      render: (v: number, r) => (
        <Progress percent={v} size="small" style={{ minWidth: 100 }} status={r.overdue ? 'exception' : v === 100 ? 'success' : 'active'} />
      ),
    },
    { title: t('field.budget'), dataIndex: 'budget', sorter: true, align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('field.manager'), key: 'manager', render: (_, r) => r.managerName ?? '—' },
    { title: t('field.plannedEnd'), dataIndex: 'plannedEnd', sorter: true, render: (v: string | null) => v ?? '—' },
    { title: t('field.contractor'), dataIndex: 'contractor', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <PageContainer title={t('list.title')} subtitle={t('list.subtitle')}>
      {linked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('list.fromSummary')}
          action={
            <Button size="small" onClick={() => setSearch({})}>
              {t('list.clearSummary')}
            </Button>
          }
        />
      ) : null}
      <QueryTable<Project>
        resource="/projects"
        columns={columns}
        params={fromLink}
        defaultSort="-createdAt"
        searchPlaceholder={t('list.search')}
        onCreate={can('projects:manage') ? () => setCreating(true) : undefined}
        createLabel={t('list.create')}
        filters={
          <>
            {fromLink.siteId ? null : (
              <Form.Item name="siteId">
                <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 150 }} />
              </Form.Item>
            )}
            <Form.Item name="status">
              <Select allowClear placeholder={t('field.status')} options={statusOptions} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="type">
              <Select allowClear placeholder={t('field.type')} options={typeOptions} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="managerId">
              <UserSelect allowClear placeholder={t('field.manager')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="plannedFrom">
              <DateRangeFilter toName="plannedTo" placeholder={[t('list.plannedFrom'), t('list.plannedTo')]} />
            </Form.Item>
            <Form.Item name="plannedTo" hidden>
              <Input />
            </Form.Item>
            <Form.Item name="actualFrom">
              <DateRangeFilter toName="actualTo" placeholder={[t('list.actualFrom'), t('list.actualTo')]} />
            </Form.Item>
            <Form.Item name="actualTo" hidden>
              <Input />
            </Form.Item>
            <Form.Item
              name="overdue"
              valuePropName="checked"
              getValueProps={(v) => ({ checked: v === '1' })}
              getValueFromEvent={(e) => (e.target.checked ? '1' : undefined)}
            >
              <Checkbox>
                <Typography.Text type="danger">{t('list.overdueOnly')}</Typography.Text>
              </Checkbox>
            </Form.Item>
          </>
        }
        onRowClick={(r) => navigate(`/projects/${r.id}`)}
      />
      <ProjectDrawer open={creating} onClose={() => setCreating(false)} record={null} onSaved={(p) => navigate(`/projects/${p.id}`)} />
    </PageContainer>
  );
}
