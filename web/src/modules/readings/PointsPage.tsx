import { Form, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth';
import { PageContainer, type QueryColumn, QueryTable, SiteSelect } from '../../components';
import { recurrenceText, textLang } from '../../components/recurrenceText';
import { valueText } from './band';
import { targetText } from './entry';
import { ActiveFilter, InBandTag, PointActiveSwitch, useKindOptions, useSiteTime } from './options';
import { PointDrawer } from './PointDrawer';
import { POINTS, type ReadingPoint } from './types';

/** 读数点: every point of the person's sites with its band, last value, next due time and open deviations. */
export default function PointsPage() {
  const { t, i18n } = useTranslation('readings');
  const lang = textLang(i18n.language);
  const can = useCan();
  const navigate = useNavigate();
  const siteTime = useSiteTime();
  const kindOptions = useKindOptions();
  const [search] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const initialFilters: Record<string, string> = { active: '1' };
  for (const key of ['siteId', 'kind', 'active', 'patrolPlanId'] as const) {
    const v = search.get(key);
    if (v !== null) initialFilters[key] = v;
  }

  const columns: QueryColumn<ReadingPoint>[] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      sorter: true,
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/readings/points/${r.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.site'), dataIndex: 'siteName' },
    {
      title: t('field.target'),
      key: 'target',
      render: (_, r) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 220 }}>{targetText(r)}</span>,
    },
    {
      title: t('field.kind'),
      dataIndex: 'kind',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <span>{t(`kind.${v}`)}</span>
          {r.meterKind ? <Tag>{t(`meterKind.${r.meterKind}`)}</Tag> : null}
        </Space>
      ),
    },
    { title: t('field.band'), dataIndex: 'bandText', render: (v: string | null, r) => v ?? (r.unit ? `— (${r.unit})` : '—') },
    {
      title: t('field.lastValue'),
      key: 'last',
      render: (_, r) =>
        r.lastReadAt ? (
          <Space orientation="vertical" size={0}>
            <Space size={4}>
              <Typography.Text type={r.lastInBand === false ? 'danger' : undefined}>{valueText(r.lastValue, r.unit)}</Typography.Text>
              <InBandTag inBand={r.lastInBand} />
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {siteTime(r.lastReadAt, r.siteId)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('field.schedule'),
      key: 'schedule',
      render: (_, r) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 220, whiteSpace: 'normal' }}>
          <span>{r.recurrence ? recurrenceText(r.recurrence, lang) : t('point.unscheduled')}</span>
          {r.nextDueAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('point.nextDue', { at: siteTime(r.nextDueAt, r.siteId) })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('field.openDeviations'),
      dataIndex: 'openDeviations',
      align: 'right',
      render: (v: number, r) =>
        v > 0 ? (
          <Link to={`/readings/deviations?pointId=${r.id}`} onClick={(e) => e.stopPropagation()}>
            <Tag color="error">{v}</Tag>
          </Link>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      title: t('common:status.label'),
      dataIndex: 'active',
      render: (_: boolean, r) => <PointActiveSwitch point={r} disabled={!can('readings:manage', r.siteId)} />,
    },
  ];

  return (
    <PageContainer title={t('points.title')} subtitle={t('points.subtitle')}>
      <QueryTable<ReadingPoint>
        resource={POINTS}
        columns={columns}
        defaultSort="code"
        searchPlaceholder={t('points.search')}
        initialFilters={initialFilters}
        onCreate={can('readings:manage') ? () => setCreating(true) : undefined}
        createLabel={t('point.create')}
        filters={
          <>
            <Form.Item name="siteId">
              <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="kind">
              <Select allowClear placeholder={t('field.kind')} options={kindOptions} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="active">
              <ActiveFilter />
            </Form.Item>
          </>
        }
        onRowClick={(r) => navigate(`/readings/points/${r.id}`)}
      />
      <PointDrawer open={creating} onClose={() => setCreating(false)} record={null} onSaved={(p) => navigate(`/readings/points/${p.id}`)} />
    </PageContainer>
  );
}
