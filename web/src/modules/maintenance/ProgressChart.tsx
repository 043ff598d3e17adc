import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/Chart';
import { monthName, textLang } from '../../components/recurrenceText';
import type { CalendarMonth, MaintenanceProgressResponse } from './types';

const add = (a: CalendarMonth, b: CalendarMonth): CalendarMonth => ({
  planned: a.planned + b.planned,
  done: a.done + b.done,
  onTime: a.onTime + b.onTime,
  missed: a.missed + b.missed,
  open: a.open + b.open,
});
const ZERO: CalendarMonth = { planned: 0, done: 0, onTime: 0, missed: 0, open: 0 };

/** 保养计划执行进度: planned, done, on time and missed per month of the year, over the chosen sites. */
export function ProgressChart({ data }: { data: MaintenanceProgressResponse | undefined }) {
  const { t, i18n } = useTranslation('maintenance');
  const lang = textLang(i18n.language);
  const months = Array.from({ length: 12 }, (_, i) => (data?.sites ?? []).reduce((acc, s) => add(acc, s.months[i] ?? ZERO), ZERO));
  const empty = !data || data.total.planned + data.total.done + data.total.missed === 0;
  const key = JSON.stringify(months);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw when the figures (key) or the language change
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemWidth: 14 },
      xAxis: { type: 'category', data: months.map((_, i) => monthName(i + 1, lang, true)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('progress.planned'), type: 'bar', data: months.map((m) => m.planned), itemStyle: { color: '#d9d9d9' }, barMaxWidth: 18 },
        { name: t('progress.done'), type: 'bar', data: months.map((m) => m.done), itemStyle: { color: '#1677ff' }, barMaxWidth: 18 },
        { name: t('progress.onTime'), type: 'line', data: months.map((m) => m.onTime), itemStyle: { color: '#52c41a' }, smooth: true },
        { name: t('progress.missed'), type: 'line', data: months.map((m) => m.missed), itemStyle: { color: '#ff4d4f' }, smooth: true },
      ],
    }),
    [key, lang, t],
  );

  return (
    <Card size="small" title={t('progress.title', { year: data?.year ?? '' })}>
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('progress.empty')} />
      ) : (
        <Chart option={option} height={280} testId="maintenance-progress-chart" />
      )}
    </Card>
  );
}
