import { Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect } from '../../components';
import { textLang } from '../../components/recurrenceText';
import { formatInZone, minutesToHours, scheduleText } from './format';
import { SystemTag, useSystemOptions, useTriggerOptions } from './options';
import { PlanActiveSwitch } from './PlanActiveSwitch';
import { PlanDrawer } from './PlanDrawer';
import { PLANS, type Plan } from './types';

/** 保养计划: every plan of the person's sites with its schedule in words, next due and last done. */
export default function PlansPage() {
  const { t, i18n } = useTranslation('maintenance');
  const lang = textLang(i18n.language);
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const systemOptions = useSystemOptions();
  const triggerOptions = useTriggerOptions();
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;

  const columns: QueryColumn<Plan>[] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      sorter: true,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Link to={`/maintenance/plans/${r.id}`}>{v}</Link>
          {r.system !== 'general' ? <SystemTag system={r.system} /> : null}
        </Space>
      ),
    },
    { title: t('field.site'), dataIndex: 'siteName' },
    {
      title: t('field.target'),
      key: 'target',
      render: (_, r) =>
        r.target === 'asset' ? (
          <span>{`${r.assetCode ?? ''} ${r.assetName ?? ''}`.trim() || '—'}</span>
        ) : (
          <Space size={0} orientation="vertical">
            <span>{t('target.categoryOf', { name: r.categoryName ?? '—' })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.locationNames.length ? r.locationNames.join('、') : t('form.wholeSite')}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('field.schedule'),
      key: 'schedule',
      render: (_, r) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 260 }}>{scheduleText(r, lang)}</span>,
    },
    {
      title: t('field.team'),
      key: 'team',
      render: (_, r) => [r.teamName, r.assigneeName].filter(Boolean).join(' / ') || '—',
    },
    {
      title: t('field.estimatedHours'),
      dataIndex: 'estimatedMinutes',
      align: 'right',
      render: (v: number) => minutesToHours(v),
    },
    {
      title: t('field.nextDueAt'),
      dataIndex: 'nextDueAt',
      render: (v: string | null, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    {
      title: t('field.lastDoneAt'),
      dataIndex: 'lastDoneAt',
      render: (v: string | null, r) => formatInZone(v, zoneOf(r.siteId)),
    },
    {
      title: t('common:status.label'),
      dataIndex: 'active',
      render: (_: boolean, r) => <PlanActiveSwitch plan={r} disabled={!can('maintenance:manage', r.siteId)} />,
    },
  ];

  return (
    <PageContainer title={t('plans.title')} subtitle={t('plans.subtitle')}>
      <QueryTable<Plan>
        resource={PLANS}
        columns={columns}
        defaultSort="name"
        searchPlaceholder={t('plans.search')}
        initialFilters={{ active: '1' }}
        onCreate={can('maintenance:manage') ? () => setCreating(true) : undefined}
        createLabel={t('plans.create')}
        filters={
          <>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="system">
              <Select allowClear placeholder={t('field.system')} options={systemOptions} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="trigger">
              <Select allowClear placeholder={t('field.trigger')} options={triggerOptions} style={{ width: 120 }} />
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
        onRowClick={(r) => navigate(`/maintenance/plans/${r.id}`)}
      />
      <PlanDrawer
        open={creating}
        onClose={() => setCreating(false)}
        record={null}
        onSaved={(p) => navigate(`/maintenance/plans/${p.id}`)}
      />
    </PageContainer>
  );
}
