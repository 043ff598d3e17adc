import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Empty, Flex, Segmented, Skeleton, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSelectedSite } from '../../app/site';
import { useErrorText } from '../../components';
import { Chart } from '../../components/Chart';
import { formatInZone } from '../maintenance/format';
import { type ChartLabels, chartRange, RANGE_PRESETS, type RangePreset, readingChartOption } from './chart';
import { POINTS, type ReadingChartDto, type ReadingPoint } from './types';

/** buckets asked for: about one per two pixels of a wide chart, few enough to draw at once */
const MAX_POINTS = 500;

/** 读数曲线: the point's readings over 7 / 30 / 90 days or chosen days, with its band drawn. */
export function ReadingChart({ point, timeZone }: { point: Pick<ReadingPoint, 'id' | 'unit'>; timeZone: string }) {
  const { t } = useTranslation('readings');
  const errorText = useErrorText();
  const site = useSelectedSite();
  const [preset, setPreset] = useState<RangePreset>('30d');
  const [days, setDays] = useState<[string, string] | null>(null);
  // the end of a preset range is "now" when the range was chosen, so the query key stays put while the page is open
  const [now, setNow] = useState(() => new Date());
  const range = useMemo(() => chartRange(preset, now, days, timeZone), [preset, now, days, timeZone]);

  const chart = useQuery({
    queryKey: [POINTS, 'chart', point.id, range, site],
    queryFn: ({ signal }) =>
      api.get<ReadingChartDto>(`${POINTS}/${point.id}/chart`, { from: range?.from, to: range?.to, maxPoints: MAX_POINTS }, signal),
    enabled: range !== null,
  });
  const data = chart.data;
  const labels: ChartLabels = useMemo(
    () => ({
      value: t('chart.value'),
      average: t('chart.average'),
      range: t('chart.range'),
      band: t('chart.band'),
      target: t('chart.target'),
      low: t('chart.low'),
      high: t('chart.high'),
      count: t('chart.count'),
      outOfBand: t('band.out'),
    }),
    [t],
  );
  const empty = !data || data.points.length === 0;

  const option = useMemo(
    () => (data && !empty ? readingChartOption({ chart: data, labels, formatTime: (iso) => formatInZone(iso, timeZone) }) : null),
    [data, empty, labels, timeZone],
  );

  const outCount = data?.points.filter((p) => p.inBand === false).length ?? 0;

  return (
    <Card
      size="small"
      title={t('chart.title')}
      style={{ marginBottom: 16 }}
      extra={
        data?.bucketed ? (
          <Tag>{t('chart.bucketed')}</Tag>
        ) : outCount ? (
          <Tag color="error">{t('chart.outCount', { count: outCount })}</Tag>
        ) : null
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Segmented<RangePreset>
          value={preset}
          onChange={(v) => {
            setPreset(v);
            setNow(new Date());
          }}
          options={RANGE_PRESETS.map((p) => ({ value: p, label: t(`chart.presets.${p}`) }))}
          data-testid="chart-range"
        />
        {preset === 'custom' ? (
          <DatePicker.RangePicker
            inputReadOnly
            allowClear={false}
            onChange={(v) => setDays(v?.[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null)}
            data-testid="chart-days"
          />
        ) : null}
      </Flex>
      {range === null ? (
        <Alert type="info" showIcon title={t('chart.chooseDays')} />
      ) : chart.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : chart.error ? (
        <Alert type="error" showIcon title={errorText(chart.error)} />
      ) : option === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chart.empty')} />
      ) : (
        <Chart option={option} height={320} testId="reading-chart" />
      )}
    </Card>
  );
}
