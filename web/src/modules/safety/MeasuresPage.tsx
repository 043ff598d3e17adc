import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Collapse, Empty, Flex, Form, Row, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SummaryUnit } from '../../../../contracts/summary';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, useDictionary, useInvalidate } from '../../components';
import { FactCard, FactSiteTable, useFactUnits } from '../../components/FactCards';
import { PeriodFields, usePeriodChoice } from '../repairstats/PeriodFields';
import { formatValue, labelOf } from '../repairstats/period';
import { type AreaFacts, factsByArea, type TypeBreakdown, typeDictionary } from './logic';
import { MEASURES, type SummaryFact, type SummaryFactsResponse } from './types';

interface TypeRow {
  code: string;
  cells: Record<string, SummaryFact>;
}

interface TypeTableProps {
  area: AreaFacts;
  facts: SummaryFact[];
  units: Record<SummaryUnit, string>;
}

/** Type codes named by their dictionary (事件类型, 演练类型…). */
function DictionaryTypeTable({ type, ...props }: TypeTableProps & { type: string }) {
  const dictionary = useDictionary(type);
  return <TypeTable {...props} label={dictionary.label} />;
}

/** One area's by-type breakdowns as a table: a row per type, a column per figure broken down, each cell a link. */
function TypeTable({ area, facts, units, label: codeLabel }: TypeTableProps & { label?: (code: string) => string }) {
  const { t, i18n } = useTranslation('safety');
  const rows = new Map<string, TypeRow>();
  for (const b of area.byType) {
    for (const r of b.rows) {
      const row = rows.get(r.code) ?? { code: r.code, cells: {} };
      row.cells[b.parent] = r.fact;
      rows.set(r.code, row);
    }
  }
  const columns: ColumnsType<TypeRow> = [
    {
      title: t('measures.type'),
      key: 'type',
      fixed: 'left',
      render: (_, r) => {
        // a code the dictionary does not know is named by its fact's own label
        const label = codeLabel?.(r.code) ?? r.code;
        const fallback = Object.values(r.cells)[0];
        return label !== r.code || !fallback ? label : labelOf(fallback, i18n.language);
      },
    },
    ...area.byType.map((b: TypeBreakdown) => {
      const head = facts.find((f) => f.key === b.parent);
      return {
        title: head ? labelOf(head, i18n.language) : b.parent,
        key: b.parent,
        align: 'right' as const,
        render: (_: unknown, r: TypeRow) => {
          const f = r.cells[b.parent];
          return f ? <Link to={f.link}>{formatValue(f.value, f.unit, units)}</Link> : '—';
        },
      };
    }),
  ];
  return (
    <Table<TypeRow>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={[...rows.values()]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={`measures-${area.area}-types`}
    />
  );
}

/** One area's figures: cards that open their records, the same by site, and the by-type breakdowns folded. */
function AreaSection({
  area,
  facts,
  sites,
  units,
}: {
  area: AreaFacts;
  facts: SummaryFact[];
  sites: { id: string; name: string }[];
  units: Record<SummaryUnit, string>;
}) {
  const { t } = useTranslation('safety');
  const perSite = area.main.filter((f) => f.bySite?.length);
  const dictionaryType = area.byType[0] ? typeDictionary(area.byType[0].parent) : null;
  return (
    <Flex vertical gap={12} data-testid={`measures-${area.area}`}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t(`measures.area.${area.area}`)}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {area.main.map((f) => (
          <Col key={f.key} xs={12} sm={8} md={6} xl={4}>
            <FactCard fact={f} units={units} openText={t('measures.open')} formulaText={t('measures.formula')} />
          </Col>
        ))}
      </Row>
      {perSite.length && sites.length ? (
        <Card size="small" title={t('measures.bySite')}>
          <FactSiteTable facts={perSite} sites={sites} units={units} siteTitle={t('field.site')} testId={`measures-${area.area}-by-site`} />
        </Card>
      ) : null}
      {area.byType.length ? (
        <Collapse
          size="small"
          items={[
            {
              key: 'types',
              label: t('measures.byType'),
              children: dictionaryType ? (
                <DictionaryTypeTable type={dictionaryType} area={area} facts={facts} units={units} />
              ) : (
                <TypeTable area={area} facts={facts} units={units} />
              ),
            },
          ]}
        />
      ) : null}
    </Flex>
  );
}

/**
 * 安全指标: for a period and sites, the summary facts of the safety work — incidents by
 * type and fire-alarm faults fixed in time, security alerts and apprehensions, drills by
 * type with reports filed, training sessions and attendance, spot checks and their pass
 * rate, etiquette scores, action items verified and on time. Every figure opens the list
 * of the records behind it.
 */
export default function MeasuresPage() {
  const { t } = useTranslation('safety');
  const me = useMe();
  const selected = useSelectedSite();
  const invalidate = useInvalidate();
  const units = useFactUnits(t('unit.count'));
  const choice = usePeriodChoice();
  const { period, waiting } = choice;
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const params = { from: period.from, to: period.to, siteId: siteIds.length ? siteIds : undefined };
  const query = useQuery({
    queryKey: [MEASURES, 'record', params, selected],
    queryFn: ({ signal }) => api.get<SummaryFactsResponse>(MEASURES, params, signal),
    enabled: !waiting,
  });
  const data = query.data;
  const areas = data ? factsByArea(data.facts) : [];

  let body: ReactNode;
  if (waiting) {
    body = (
      <Card>
        <Typography.Text type="secondary">{t('repairstats:filters.rangeRequired')}</Typography.Text>
      </Card>
    );
  } else if (query.error) {
    body = (
      <Card>
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  } else if (!data) {
    body = (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  } else if (!areas.length) {
    body = (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('measures.empty')} />
      </Card>
    );
  } else {
    body = (
      <Flex vertical gap={24}>
        {areas.map((a) => (
          <AreaSection key={a.area} area={a} facts={data.facts} sites={data.scope.sites} units={units} />
        ))}
      </Flex>
    );
  }

  return (
    <PageContainer
      title={t('measures.title')}
      subtitle={t('measures.subtitle', {
        from: dayjs(period.from).format('YYYY-MM-DD'),
        to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD'),
      })}
      card={false}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void invalidate(MEASURES)} disabled={waiting}>
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
                  placeholder={t('field.allSites')}
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
      {body}
    </PageContainer>
  );
}
