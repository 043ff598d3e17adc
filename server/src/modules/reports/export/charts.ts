import { Resvg } from '@resvg/resvg-js';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type SummaryChartBlock, summaryChartOption } from '../../../../../contracts/charts.js';
import type { ReportFactsDto, SummaryLang } from '../../../../../contracts/reports.js';
import { cjkFontFile } from '../../../platform/print/pdf.js';

/**
 * The summary's charts as pictures for Word and PDF: the browser's ECharts option
 * (contracts/charts.ts) rendered on the server to an SVG, then rasterised by resvg with
 * the CJK font the PDFs use, so Chinese labels print instead of boxes.
 */

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/** CSS pixels of the chart; the PNG is twice as large so it stays sharp when printed */
export const CHART_SIZE = { width: 720, height: 400 } as const;
const ZOOM = 2;

export function chartSvg(block: SummaryChartBlock, facts: ReportFactsDto, lang: SummaryLang): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
  try {
    chart.setOption(summaryChartOption(block, facts, lang));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A PNG of `CHART_SIZE` × 2 on white. */
export function chartPng(block: SummaryChartBlock, facts: ReportFactsDto, lang: SummaryLang): Buffer {
  // resvg-js takes font files by path and has no font cache between renders (≈0.1 s each)
  const font = cjkFontFile();
  const resvg = new Resvg(chartSvg(block, facts, lang), {
    background: '#ffffff',
    font: {
      fontFiles: [font.path],
      loadSystemFonts: false,
      defaultFontFamily: font.familyName,
      sansSerifFamily: font.familyName,
    },
    fitTo: { mode: 'zoom', value: ZOOM },
  });
  return resvg.render().asPng();
}
