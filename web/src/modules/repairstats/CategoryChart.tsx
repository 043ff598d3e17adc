import { Card, Empty } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SummaryFact } from '../../../../contracts/summary';
import { factsUnder, labelOf } from './period';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Requests by category as horizontal bars (readable at 375 px); a bar opens that category's orders. */
export function CategoryChart({ facts }: { facts: SummaryFact[] }) {
  const { t, i18n } = useTranslation('repairstats');
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  const categories = useMemo(() => factsUnder(facts, 'workorders.received.category.'), [facts]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !categories.length) return;
    const chart = echarts.init(el);
    const rows = [...categories].reverse();
    chart.setOption({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((f) => labelOf(f, i18n.language)) },
      series: [{ type: 'bar', data: rows.map((f) => f.value ?? 0), label: { show: true, position: 'right' }, barMaxWidth: 18 }],
    });
    chart.on('click', (p) => {
      const fact = rows[p.dataIndex];
      if (fact) navigate(fact.link);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [categories, i18n.language, navigate]);

  return (
    <Card size="small" title={t('groups.categoryChart')}>
      {categories.length ? (
        <div
          ref={ref}
          style={{ width: '100%', height: Math.max(160, categories.length * 28 + 24) }}
          data-testid="measures-category-chart"
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('table.empty')} />
      )}
    </Card>
  );
}
