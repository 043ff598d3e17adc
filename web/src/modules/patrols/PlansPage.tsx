import { Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect } from '../../components';
import { textLang } from '../../components/recurrenceText';
import { formatInZone } from '../maintenance/format';
import { planScheduleText } from './logic';
import { KindTag, LevelTag, useKindOptions, usePatrolLevels } from './options';
import { PlanActiveSwitch } from './PlanActiveSwitch';
import { PlanDrawer } from './PlanDrawer';
import { type PatrolPlan, PLANS } from './types';

/** 巡检计划: every patrol plan of the person's sites — level, route length, schedule, who does it, next round. */
export default function PlansPage() {
  const { t, i18n } = useTranslation('patrols');
  const lang = textLang(i18n.language);
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const levels = usePatrolLevels();
  const kindOptions = useKindOptions();
  const [creating, setCreating] = useState(false);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;

  const columns: QueryColumn<PatrolPlan>[] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      sorter: true,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Link to={`/patrols/plans/${r.id}`}>{v}</Link>
          <KindTag kind={r.kind} />
        </Space>
      ),
    },
    { title: t('field.site'), dataIndex: 'siteName' },
    { title: t('field.level'), dataIndex: 'level', render: (v: string) => <LevelTag level={v} /> },
    {
      title: t('field.points'),
      key: 'points',
      align: 'right',
      render: (_, r) => (r.kind === 'random' ? t('plans.drawOf', { n: r.randomCount ?? 0, total: r.points.length }) : r.points.length),
    },
    {
      title: t('field.schedule'),
      key: 'schedule',
      render: (_, r) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 260 }}>{planScheduleText(r, lang)}</span>,
    },
    {
      title: t('field.assignee'),
      key: 'assignee',
      render: (_, r) => (
        <Space size={0} orientation="vertical">
          <span>{r.assigneeName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`assigneeType.${r.assigneeType}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('field.nextDueAt'),
      dataIndex: 'nextDueAt',
      render: (v: string | null, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    {
      title: t('common:status.label'),
      dataIndex: 'active',
      render: (_: boolean, r) => <PlanActiveSwitch plan={r} disabled={!can('patrols:manage', r.siteId)} />,
    },
  ];

  return (
    <PageContainer title={t('plans.title')} subtitle={t('plans.subtitle')}>
      <QueryTable<PatrolPlan>
        resource={PLANS}
        columns={columns}
        defaultSort="name"
        searchPlaceholder={t('plans.search')}
        initialFilters={{ active: '1' }}
        onCreate={can('patrols:manage') ? () => setCreating(true) : undefined}
        createLabel={t('plans.create')}
        filters={
          <>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="level">
              <Select
                allowClear
                placeholder={t('field.level')}
                options={levels.options}
                loading={levels.loading}
                popupMatchSelectWidth={false}
                style={{ width: 150 }}
                data-testid="filter-level"
              />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('field.kind')} options={kindOptions} style={{ width: 120 }} data-testid="filter-kind" />
            </Form.Item>
            <Form.Item name="active">
              <Select
                allowClear
                placeholder={t('common:status.label')}
                style={{ width: 100 }}
                options={[
                  { value: '1', label: t('common:status.active') },
                  { value: '0', label: t('common:status.inactive') },
                ]}
              />
            </Form.Item>
          </>
        }
        onRowClick={(r) => navigate(`/patrols/plans/${r.id}`)}
      />
      <PlanDrawer open={creating} onClose={() => setCreating(false)} record={null} onSaved={(p) => navigate(`/patrols/plans/${p.id}`)} />
    </PageContainer>
  );
}
