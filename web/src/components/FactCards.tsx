import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Statistic, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SummaryFact, SummaryFactsResponse, SummaryUnit } from '../../../contracts/summary';
import { formatValue, labelOf } from '../modules/repairstats/period';

/**
 * How a measures page shows summary facts (contracts/summary.ts): a card per figure that
 * opens the records behind it, and the figures by site where every cell opens that site's
 * records. Unit words come from the caller (次、单、小时…), so the component needs no
 * namespace of its own.
 */

/**
 * The words after a figure: `count` is the module's own measure word (单 for work orders,
 * 次 for maintenance, 项 for hazards); a `quantity` carries its unit in its label.
 */
export function useFactUnits(countWord: string): Record<SummaryUnit, string> {
  const { t } = useTranslation('common');
  return {
    count: countWord,
    percent: '%',
    hours: t('units.hours'),
    minutes: t('units.minutes'),
    fen: '',
    score: t('units.score'),
    ratio: '',
    quantity: '',
  };
}

/** A fact's link narrowed to one site. */
export function factSiteLink(link: string, siteId: string): string {
  const [path, query = ''] = link.split('?');
  const params = new URLSearchParams(query);
  params.delete('siteId');
  params.append('siteId', siteId);
  return `${path}?${params.toString()}`;
}

export interface FactCardProps {
  fact: SummaryFact;
  units: Record<SummaryUnit, string>;
  /** the link text under the figure (查看记录) */
  openText: ReactNode;
  /** a big card (compliance figures) */
  headline?: boolean;
  /** show the figure in red (e.g. a compliance rate under its target) */
  bad?: boolean;
  /** aria-label of the formula icon */
  formulaText?: string;
}

/** One figure: label with the formula on hover, value, and a click through to the records behind it. */
export function FactCard({ fact, units, openText, headline = false, bad = false, formulaText }: FactCardProps) {
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable onClick={() => navigate(fact.link)} style={{ height: '100%' }} data-testid={`fact-${fact.key}`}>
      <Statistic
        title={
          <Flex gap={4} align="flex-start">
            <Typography.Text type="secondary">{labelOf(fact, i18n.language)}</Typography.Text>
            {fact.formula ? (
              <Tooltip title={fact.formula}>
                <InfoCircleOutlined style={{ color: '#8c8c8c' }} onClick={(e) => e.stopPropagation()} aria-label={formulaText} />
              </Tooltip>
            ) : null}
          </Flex>
        }
        value={formatValue(fact.value, fact.unit, units)}
        styles={{
          content: { fontSize: headline ? 'clamp(22px, 5vw, 30px)' : 'clamp(18px, 4.5vw, 22px)', color: bad ? '#cf1322' : undefined },
        }}
      />
      <Typography.Link style={{ fontSize: 12 }}>{openText}</Typography.Link>
    </Card>
  );
}

interface SiteRow {
  siteId: string;
  siteName: string;
  index: number;
}

/** The given facts by site: a row per site of the scope, a column per fact, each cell a link to that site's records. */
export function FactSiteTable({
  facts,
  sites,
  units,
  siteTitle,
  testId,
}: {
  facts: SummaryFact[];
  sites: SummaryFactsResponse['scope']['sites'];
  units: Record<SummaryUnit, string>;
  siteTitle: ReactNode;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  const columns: ColumnsType<SiteRow> = [
    { title: siteTitle, dataIndex: 'siteName', fixed: 'left' },
    ...facts.map((f) => ({
      title: (
        <Tooltip title={f.formula}>
          <span>{labelOf(f, i18n.language)}</span>
        </Tooltip>
      ),
      key: f.key,
      align: 'right' as const,
      render: (_: unknown, r: SiteRow) => {
        const v = f.bySite?.find((s) => s.siteId === r.siteId) ?? f.bySite?.[r.index];
        return <Link to={factSiteLink(f.link, r.siteId)}>{formatValue(v?.value, f.unit, units)}</Link>;
      },
    })),
  ];
  return (
    <Table<SiteRow>
      size="small"
      rowKey="siteId"
      columns={columns}
      dataSource={sites.map((s, index) => ({ siteId: s.id, siteName: s.name, index }))}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
    />
  );
}
