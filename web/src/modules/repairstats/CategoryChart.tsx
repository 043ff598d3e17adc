import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SummaryFact } from '../../../../contracts/summary';
import { Chart } from '../../components/Chart';
import { factsUnder, labelOf } from './period';

/** Requests by category as horizontal bars (readable at 375 px); a bar opens that category's orders. */
export function CategoryChart({ facts }: { facts: SummaryFact[] }) {
  const { t, i18n } = useTranslation('repairstats');
  const navigate = useNavigate();
  const categories = useMemo(() => factsUnder(facts, 'workorders.received.category.'), [facts]);
  // the first category on top
  const rows = useMemo(() => [...categories].reverse(), [categories]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((f) => labelOf(f, i18n.language)) },
      series: [{ type: 'bar', data: rows.map((f) => f.value ?? 0), label: { show: true, position: 'right' }, barMaxWidth: 18 }],
    }),
    [rows, i18n.language],
  );

  return (
    <Card size="small" title={t('groups.categoryChart')}>
      {categories.length ? (
        <Chart
          option={option}
          height={Math.max(160, categories.length * 28 + 24)}
          onClick={(p) => {
            const fact = rows[p.dataIndex];
            if (fact) navigate(fact.link);
          }}
          testId="measures-category-chart"
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('table.empty')} />
      )}
    </Card>
  );
}
