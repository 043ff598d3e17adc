import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Collapse, Empty, Flex, Form, Row, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permission } from '../../../../contracts/permissions';
import type { SummaryFact, SummaryUnit } from '../../../../contracts/summary';
import { api, isApiError } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, useDictionary, useInvalidate } from '../../components';
import { FactCard, FactSiteTable, useFactUnits } from '../../components/FactCards';
import { PeriodFields, usePeriodChoice } from '../repairstats/PeriodFields';
import { formatValue, labelOf } from '../repairstats/period';
import { HazardChart } from './HazardChart';
import { type BreakdownRow, breakdownMatrix, splitFacts } from './logic';
import { MEASURES, PATROL_MEASURES, READING_MEASURES, type SummaryFactsResponse } from './types';

interface Section {
  key: 'hazards' | 'patrols' | 'readings';
  resource: string;
  permission: Permission;
}

/** the three modules whose figures the page shows, in this order */
const SECTIONS: Section[] = [
  { key: 'hazards', resource: MEASURES, permission: 'hazards:read' },
  { key: 'patrols', resource: PATROL_MEASURES, permission: 'patrols:read' },
  { key: 'readings', resource: READING_MEASURES, permission: 'readings:read' },
];

function useUnits(): Record<SummaryUnit, string> {
  const { t } = useTranslation('hazards');
  return useFactUnits(t('unit.count'));
}

/** The breakdowns as one table: a row per category / grade / level…, a column per figure, each cell a link. */
function BreakdownTable({
  facts,
  breakdown,
  units,
}: {
  facts: SummaryFact[];
  breakdown: SummaryFact[];
  units: Record<SummaryUnit, string>;
}) {
  const { t, i18n } = useTranslation('hazards');
  const categories = useDictionary('hazard_category');
  const matrix = breakdownMatrix(breakdown);
  const rowLabel = (r: BreakdownRow): string => {
    if (r.dim === 'category') return categories.label(r.code);
    if (r.dim === 'grade' || r.dim === 'resolution') return t(`${r.dim}.${r.code}`, { defaultValue: r.code });
    const first = Object.values(r.cells)[0];
    return first ? labelOf(first, i18n.language) : r.code;
  };
  const columns: ColumnsType<BreakdownRow> = [
    { title: t('measures.item'), key: 'label', fixed: 'left', render: (_, r) => rowLabel(r) },
    ...matrix.columns.map((parent) => {
      const head = facts.find((f) => f.key === parent);
      return {
        title: head ? labelOf(head, i18n.language) : t('measures.count'),
        key: parent,
        align: 'right' as const,
        render: (_: unknown, r: BreakdownRow) => {
          const f = r.cells[parent];
          return f ? <Link to={f.link}>{formatValue(f.value, f.unit, units)}</Link> : '—';
        },
      };
    }),
  ];
  return (
    <Table<BreakdownRow>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={matrix.rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="measures-breakdown"
    />
  );
}

/**
 * One module's figures: cards (each opens its records), the same figures by site, and the
 * breakdowns folded. A module that does not answer (not built yet, or not allowed) says so
 * instead of failing the page.
 */
function FactsSection({ section, params, enabled }: { section: Section; params: Record<string, unknown>; enabled: boolean }) {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const selectedSite = useSelectedSite();
  const units = useUnits();
  const allowed = can(section.permission);
  const query = useQuery({
    queryKey: [section.resource, 'record', params, selectedSite],
    queryFn: ({ signal }) => api.get<SummaryFactsResponse>(section.resource, params as never, signal),
    enabled: enabled && allowed,
    retry: (n, err) => !(isApiError(err) && (err.status === 404 || err.status === 403)) && n < 2,
  });
  const title = t(`measures.section.${section.key}`);
  const unavailable = (text: string) => (
    <Card size="small" title={title} data-testid={`measures-${section.key}`}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />
    </Card>
  );

  if (!allowed) return unavailable(t('measures.notAllowed'));
  if (!enabled) return null;
  if (query.isPending) {
    return (
      <Card size="small" title={title}>
        <Skeleton active paragraph={{ rows: 4 }} />
      </Card>
    );
  }
  if (query.error) {
    if (isApiError(query.error) && query.error.status === 404) return unavailable(t('measures.unavailable'));
    if (isApiError(query.error) && query.error.status === 403) return unavailable(t('measures.notAllowed'));
    return (
      <Card size="small" title={title}>
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  }
  const data = query.data;
  const { main, breakdown } = splitFacts(data.facts);
  const perSite = main.filter((f) => f.bySite?.length);
  return (
    <Flex vertical gap={12} data-testid={`measures-${section.key}`}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {data.facts.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('measures.empty')} />
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {main.map((f) => (
              <Col key={f.key} xs={12} sm={8} md={6} xl={4}>
                <FactCard fact={f} units={units} openText={t('measures.open')} formulaText={t('measures.formula')} />
              </Col>
            ))}
          </Row>
          {section.key === 'hazards' ? <HazardChart data={data} /> : null}
          {perSite.length && data.scope.sites.length ? (
            <Card size="small" title={t('measures.bySite')}>
              <FactSiteTable
                facts={perSite}
                sites={data.scope.sites}
                units={units}
                siteTitle={t('field.site')}
                testId={`measures-${section.key}-by-site`}
              />
            </Card>
          ) : null}
          {breakdown.length ? (
            <Collapse
              size="small"
              items={[
                {
                  key: 'breakdown',
                  label: t('measures.breakdown', { count: breakdown.length }),
                  children: <BreakdownTable facts={data.facts} breakdown={breakdown} units={units} />,
                },
              ]}
            />
          ) : null}
        </>
      )}
    </Flex>
  );
}

/**
 * 巡检与隐患指标: for a period and sites, the figures of the hazard loop (problems found and
 * handled, hazards found / rectified / on time by site, category and grade), of duty
 * compliance (rounds due, on time, late, missed) and of readings (in band, deviations
 * corrected). Every figure opens the list of the records behind it.
 */
export default function MeasuresPage() {
  const { t } = useTranslation('hazards');
  const me = useMe();
  const choice = usePeriodChoice();
  const { period, waiting } = choice;
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const invalidate = useInvalidate();
  const chosen = siteIds.length ? siteIds : undefined;
  const params = { from: period.from, to: period.to, siteId: chosen };

  return (
    <PageContainer
      title={t('measures.title')}
      subtitle={t('measures.subtitle', {
        from: dayjs(period.from).format('YYYY-MM-DD'),
        to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD'),
      })}
      card={false}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void invalidate(...SECTIONS.map((x) => x.resource))} disabled={waiting}>
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={[12, 0]}>
            <PeriodFields choice={choice} />
            <Col xs={24} sm={12} md={8}>
              <Form.Item label={t('field.site')} style={{ marginBottom: 8 }}>
                <Select<string[]>
                  mode="multiple"
                  allowClear
                  maxTagCount="responsive"
                  placeholder={t('measures.allSites')}
                  value={siteIds}
                  onChange={setSiteIds}
                  options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
                  data-testid="measures-sites"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {waiting ? (
        <Card>
          <Typography.Text type="secondary">{t('repairstats:filters.rangeRequired')}</Typography.Text>
        </Card>
      ) : (
        <Flex vertical gap={24}>
          {SECTIONS.map((s) => (
            <FactsSection key={s.key} section={s} params={params} enabled={!waiting} />
          ))}
        </Flex>
      )}
    </PageContainer>
  );
}
