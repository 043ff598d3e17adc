import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDictionary } from '../../components';
import { Chart } from '../../components/Chart';
import { factSiteLink } from '../../components/FactCards';
import { CATEGORY_PREFIX, categoryBySite } from './logic';
import type { SummaryFactsResponse } from './types';

/**
 * Hazards found by category (horizontal bars, readable at 375 px), stacked by site; a bar
 * segment opens that site's hazards of that category.
 */
export function HazardChart({ data }: { data: SummaryFactsResponse }) {
  const { t } = useTranslation('hazards');
  const navigate = useNavigate();
  const categories = useDictionary('hazard_category');
  // the category's own name on the axis (the fact's label also names the figure: 发现隐患（消防安全）)
  const chart = useMemo(
    () => categoryBySite(data.facts, data.scope.sites, (f) => categories.label(f.key.slice(CATEGORY_PREFIX.length))),
    [data, categories],
  );

  // the first category on top
  const order = useMemo(() => chart.categories.map((_, i) => chart.categories.length - 1 - i), [chart]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { type: 'scroll', top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: order.map((i) => chart.categories[i]) },
      series: chart.series.map((s) => ({
        type: 'bar',
        name: s.name,
        stack: 'sites',
        barMaxWidth: 18,
        data: order.map((i) => s.values[i] ?? 0),
      })),
    }),
    [chart, order],
  );

  return (
    <Card size="small" title={t('measures.chart')}>
      {chart.categories.length ? (
        <Chart
          option={option}
          height={Math.max(180, chart.categories.length * 32 + 56)}
          onClick={(p) => {
            const fact = chart.facts[order[p.dataIndex] ?? -1];
            const site = chart.series[p.seriesIndex ?? -1];
            if (fact && site) navigate(factSiteLink(fact.link, site.siteId));
          }}
          testId="hazard-category-chart"
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('measures.noHazards')} />
      )}
    </Card>
  );
}
