import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// modular imports: only these chart types and components land in the bundle (the full echarts is ~1 MB);
// a page needing another type registers it with echarts.use next to its own option
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** What a click on a chart element reports: the series and data item clicked (ECharts' event parameters). */
export interface ChartClickParams {
  componentType?: string;
  seriesIndex?: number;
  seriesName?: string;
  dataIndex: number;
  name: string;
  value?: unknown;
  data?: unknown;
}

export interface ChartProps {
  /** an ECharts option; replaced whole on change (not merged), so a series that went away is gone */
  option: Record<string, unknown>;
  /** px, or any CSS height */
  height: number | string;
  /** a click on a bar, slice or point: pages open the records behind it */
  onClick?: (params: ChartClickParams) => void;
  testId?: string;
}

/**
 * An ECharts chart that fills its container's width: drawn once, updated with each new
 * option, redrawn when the container changes size (a phone turned, the side menu folded)
 * and disposed when it leaves the page.
 */
export function Chart({ option, height, onClick, testId }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  // the latest handler, so a new callback on each render needs no re-binding
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el);
    chartRef.current = chart;
    chart.on('click', (p) => clickRef.current?.(p as unknown as ChartClickParams));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
  }, [option]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} />;
}
