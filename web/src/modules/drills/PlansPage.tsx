import { Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect } from '../../components';
import { recurrenceText, textLang } from '../../components/recurrenceText';
import { formatInZone } from '../maintenance/format';
import { DrillTypeTag, useDrillTypes } from './options';
import { PlanActiveSwitch } from './PlanActiveSwitch';
import { PlanDrawer } from './PlanDrawer';
import { type DrillPlan, PATHS, PLANS } from './types';

/** 演练计划: every drill plan of the person's sites — type, when it recurs, the window, the commander and the next drill. */
export default function PlansPage() {
  const { t, i18n } = useTranslation('drills');
  const lang = textLang(i18n.language);
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const types = useDrillTypes();
  const [creating, setCreating] = useState(false);
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;

  const columns: QueryColumn<DrillPlan>[] = [
    {
      title: t('field.planName'),
      dataIndex: 'name',
      sorter: true,
      render: (v: string, r) => (
        <Link to={`${PATHS.plans}/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    { title: t('field.site'), dataIndex: 'siteName' },
    { title: t('field.type'), dataIndex: 'type', render: (v: string) => <DrillTypeTag type={v} label={types.label(v)} /> },
    {
      title: t('field.recurrence'),
      key: 'recurrence',
      render: (_, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 260 }}>
          <span style={{ whiteSpace: 'normal' }}>{recurrenceText(r.recurrence, lang)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('plan.windowShort', { hours: r.windowHours })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.commander'), dataIndex: 'commanderName', render: (v: string | null) => v ?? '—' },
    {
      title: t('field.nextDueAt'),
      dataIndex: 'nextDueAt',
      render: (v: string | null, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    {
      title: t('common:status.label'),
      dataIndex: 'active',
      render: (_: boolean, r) => <PlanActiveSwitch plan={r} disabled={!can('drills:manage', r.siteId)} />,
    },
  ];

  return (
    <PageContainer title={t('plans.title')} subtitle={t('plans.subtitle')}>
      <QueryTable<DrillPlan>
        resource={PLANS}
        columns={columns}
        defaultSort="name"
        searchPlaceholder={t('plans.search')}
        initialFilters={{ active: '1' }}
        onCreate={can('drills:manage') ? () => setCreating(true) : undefined}
        createLabel={t('plans.create')}
        filters={
          <>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="type">
              <Select allowClear placeholder={t('field.type')} options={types.options} style={{ width: 130 }} data-testid="filter-type" />
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
        onRowClick={(r) => navigate(`${PATHS.plans}/${r.id}`)}
      />
      <PlanDrawer open={creating} onClose={() => setCreating(false)} record={null} onSaved={(p) => navigate(`${PATHS.plans}/${p.id}`)} />
    </PageContainer>
  );
}
