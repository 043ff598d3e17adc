import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailPage, useDictionary, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { CampaignDrawer } from './CampaignDrawer';
import { campaignTotals, onTimeRate } from './logic';
import { PHASE_COLORS } from './options';
import { CAMPAIGNS, type Campaign, type CampaignSiteResult, PATHS } from './types';

type Row = CampaignSiteResult & { total?: boolean };

/** A list link narrowed to the campaign (and a site, unless the 合计 row). */
function listLink(path: string, campaignId: string, siteId: string | null, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ campaignId, ...extra });
  if (siteId) q.set('siteId', siteId);
  return `${path}?${q.toString()}`;
}

/**
 * 专项检查详情: scope, dates and teams, then per site what the campaign found — findings,
 * hazards, rectified, on time, still open, overdue — each a link to the records behind it.
 */
export default function CampaignDetailPage() {
  const { t } = useTranslation('hazards');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<Campaign>(CAMPAIGNS, id);
  const c = record.data;
  const categories = useDictionary('hazard_category');
  const [editing, setEditing] = useState(false);

  const cell = (n: number, r: Row, path: string, extra?: Record<string, string>) =>
    c ? <Link to={listLink(path, c.id, r.total ? null : r.siteId, extra)}>{n}</Link> : n;
  const columns: ColumnsType<Row> = [
    { title: t('field.site'), dataIndex: 'siteName', fixed: 'left', render: (v: string, r) => (r.total ? <strong>{v}</strong> : v) },
    { title: t('campaign.findings'), dataIndex: 'findings', align: 'right', render: (v: number, r) => cell(v, r, PATHS.findings) },
    { title: t('campaign.hazards'), dataIndex: 'hazards', align: 'right', render: (v: number, r) => cell(v, r, PATHS.register) },
    {
      title: t('campaign.rectified'),
      dataIndex: 'rectified',
      align: 'right',
      render: (v: number, r) => cell(v, r, PATHS.register, { status: 'closed' }),
    },
    {
      title: t('campaign.onTime'),
      dataIndex: 'onTime',
      align: 'right',
      render: (v: number, r) => cell(v, r, PATHS.register, { onTime: '1' }),
    },
    {
      title: t('campaign.onTimeRate'),
      key: 'rate',
      align: 'right',
      render: (_, r) => {
        const rate = onTimeRate(r);
        return rate === null ? '—' : `${rate}%`;
      },
    },
    { title: t('campaign.open'), dataIndex: 'open', align: 'right', render: (v: number, r) => cell(v, r, PATHS.register) },
    {
      title: t('campaign.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (v: number, r) => (
        <Typography.Text type={v > 0 ? 'danger' : undefined}>{cell(v, r, PATHS.register, { overdue: '1' })}</Typography.Text>
      ),
    },
  ];
  const rows: Row[] = c
    ? [...c.results, { siteId: 'total', siteName: t('campaign.total'), ...campaignTotals(c.results), total: true }]
    : [];

  const items = c
    ? [
        { key: 'phase', label: t('field.phase'), children: <Tag color={PHASE_COLORS[c.phase]}>{t(`phase.${c.phase}`)}</Tag> },
        { key: 'dates', label: t('field.dates'), children: `${c.startDate} ~ ${c.endDate}` },
        { key: 'sites', label: t('field.sites'), children: c.siteNames.join('、') },
        {
          key: 'categories',
          label: t('field.categories'),
          children: c.categories.length ? c.categories.map((x) => categories.label(x)).join('、') : t('campaign.allCategories'),
        },
        { key: 'teams', label: t('field.teams'), children: c.teamNames.length ? c.teamNames.join('、') : '—' },
        {
          key: 'description',
          label: t('field.campaignDescription'),
          span: 'filled' as const,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description ?? '—'}</span>,
        },
      ]
    : [];

  return (
    <DetailPage
      title={c ? c.name : t('campaign.title')}
      backTo={PATHS.campaigns}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        c ? (
          <Space wrap>
            <Link to={listLink(PATHS.findings, c.id, null)}>
              <Button data-testid="campaign-findings">{t('campaign.viewFindings')}</Button>
            </Link>
            <Link to={listLink(PATHS.register, c.id, null)}>
              <Button data-testid="campaign-hazards">{t('campaign.viewHazards')}</Button>
            </Link>
            {c.canManage ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">
                {t('common:actions.edit')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
      items={items}
      history={c ? <HistoryPanel entity="inspection_campaign" entityId={c.id} version={c.version} /> : null}
    >
      {c ? (
        <Card size="small" title={t('campaign.bySite')}>
          <Table<Row>
            size="small"
            rowKey="siteId"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="campaign-results"
          />
        </Card>
      ) : null}
      {c ? <CampaignDrawer open={editing} onClose={() => setEditing(false)} record={c} onSaved={() => void record.refetch()} /> : null}
    </DetailPage>
  );
}
