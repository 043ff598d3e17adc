import { Card, Col, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SummaryFact, SummaryFactsResponse } from '../../../../contracts/summary';
import { useUnits } from './KpiCards';
import { factByKey, factsUnder, formatValue, labelOf } from './period';

/** per-site figures shown in the table by site, in this order */
const SITE_COLUMNS = [
  'workorders.received',
  'workorders.completed',
  'workorders.timelyRepairRate',
  'workorders.mttr',
  'workorders.reworkRate',
  'workorders.effectiveHoursRatio',
  'workorders.satisfaction',
  'workorders.backlog',
] as const;

function siteLink(link: string, siteId: string): string {
  const [path, query = ''] = link.split('?');
  const params = new URLSearchParams(query);
  params.set('siteId', siteId);
  return `${path}?${params.toString()}`;
}

/** Counts by channel or category: one row per fact, the total and each site, each cell a link to its records. */
function GroupTable({ title, facts, sites }: { title: string; facts: SummaryFact[]; sites: SummaryFactsResponse['scope']['sites'] }) {
  const { t, i18n } = useTranslation('repairstats');
  const columns: ColumnsType<SummaryFact> = [
    { title: t('table.item'), key: 'label', render: (_, f) => labelOf(f, i18n.language), fixed: 'left' },
    { title: t('table.total'), key: 'total', align: 'right', render: (_, f) => <Link to={f.link}>{f.value ?? '—'}</Link> },
    ...sites.map((s, i) => ({
      title: s.name,
      key: s.id,
      align: 'right' as const,
      render: (_: unknown, f: SummaryFact) => <Link to={siteLink(f.link, s.id)}>{f.bySite?.[i]?.value ?? '—'}</Link>,
    })),
  ];
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Table<SummaryFact>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={facts}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('table.empty') }}
      />
    </Card>
  );
}

interface SiteRow {
  siteId: string;
  siteName: string;
  index: number;
}

export function FactTables({ data }: { data: SummaryFactsResponse }) {
  const { t, i18n } = useTranslation('repairstats');
  const units = useUnits();
  const { facts, scope } = data;
  const siteFacts = SITE_COLUMNS.map((k) => factByKey(facts, k)).filter((f): f is SummaryFact => f !== undefined);
  const siteColumns: ColumnsType<SiteRow> = [
    { title: t('table.site'), dataIndex: 'siteName', fixed: 'left' },
    ...siteFacts.map((f) => ({
      title: labelOf(f, i18n.language),
      key: f.key,
      align: 'right' as const,
      render: (_: unknown, r: SiteRow) => (
        <Link to={siteLink(f.link, r.siteId)}>{formatValue(f.bySite?.[r.index]?.value, f.unit, units)}</Link>
      ),
    })),
  ];
  const allColumns: ColumnsType<SummaryFact> = [
    { title: t('table.item'), key: 'label', render: (_, f) => <Link to={f.link}>{labelOf(f, i18n.language)}</Link> },
    { title: t('table.total'), key: 'value', align: 'right', render: (_, f) => formatValue(f.value, f.unit, units) },
    {
      title: t('table.formula'),
      dataIndex: 'formula',
      render: (v: string | undefined) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {v}
        </Typography.Text>
      ),
    },
  ];
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <GroupTable title={t('groups.channel')} facts={factsUnder(facts, 'workorders.received.channel.')} sites={scope.sites} />
        </Col>
        <Col xs={24} lg={12}>
          <GroupTable title={t('groups.category')} facts={factsUnder(facts, 'workorders.received.category.')} sites={scope.sites} />
        </Col>
      </Row>
      <Card size="small" title={t('groups.site')}>
        <Table<SiteRow>
          size="small"
          rowKey="siteId"
          columns={siteColumns}
          dataSource={scope.sites.map((s, index) => ({ siteId: s.id, siteName: s.name, index }))}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card size="small" title={t('groups.all')}>
        <Table<SummaryFact>
          size="small"
          rowKey="key"
          columns={allColumns}
          dataSource={facts}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
