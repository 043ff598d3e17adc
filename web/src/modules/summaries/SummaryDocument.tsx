import { Grid, Typography } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { summaryChartOption } from '../../../../contracts/charts';
import type { ReportFactsDto, SummaryBlock, SummaryBody, SummaryLang } from '../../../../contracts/reports';
import { Chart } from '../../components/Chart';
import type { FigureFocus } from './FigureDrawer';
import { FigureTable } from './FigureTable';
import { FigureText } from './FigureText';
import { chartLink } from './logic';

/** the prose reads like the printed summary: Chinese paragraphs indented two characters, generous lines */
export const paragraphStyle = (lang: SummaryLang): CSSProperties => ({
  lineHeight: 1.9,
  fontSize: 15,
  textIndent: lang === 'zh' ? '2em' : undefined,
  marginBottom: 12,
  wordBreak: 'break-word',
});

/** One chart of a summary, the option the exports draw too; a click on a bar opens its records. */
export function SummaryChart({
  block,
  data,
  lang,
}: {
  block: Extract<SummaryBlock, { type: 'chart' }>;
  data: ReportFactsDto;
  lang: SummaryLang;
}) {
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const option = useMemo(() => summaryChartOption(block, data, lang), [block, data, lang]);
  return (
    <div style={{ margin: '8px 0 20px' }}>
      <Chart
        option={option}
        height={screens.sm ? 360 : 320}
        onClick={(p) => {
          const link = chartLink(block, data, p.seriesIndex ?? 0, p.dataIndex);
          if (link) navigate(link);
        }}
        testId="summary-chart"
      />
    </div>
  );
}

/** A table, a chart, or the prose of one block (read view). */
export function ReadBlock({
  block,
  data,
  lang,
  onFigure,
}: {
  block: SummaryBlock;
  data: ReportFactsDto;
  lang: SummaryLang;
  onFigure: (focus: FigureFocus) => void;
}) {
  switch (block.type) {
    case 'paragraph':
      return (
        <Typography.Paragraph style={paragraphStyle(lang)}>
          <FigureText text={block.text} data={data} lang={lang} onFigure={onFigure} />
        </Typography.Paragraph>
      );
    case 'list':
      return (
        <ol style={{ paddingInlineStart: '2em', margin: '0 0 12px' }}>
          {block.items.map((item, i) => (
            // items have no identity but their place; the list is re-rendered whole when it changes
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i} style={{ ...paragraphStyle(lang), textIndent: undefined, marginBottom: 4 }}>
              <FigureText text={item} data={data} lang={lang} onFigure={onFigure} />
            </li>
          ))}
        </ol>
      );
    case 'table':
      return <FigureTable title={block.title} keys={block.keys} data={data} lang={lang} onFact={(key) => onFigure({ key })} />;
    case 'chart':
      return <SummaryChart block={block} data={data} lang={lang} />;
  }
}

/**
 * The summary as a reader sees it: title, the line of scope and period, then each chapter
 * with its prose (every figure marked and clickable), tables and charts.
 */
export function SummaryDocument({
  body,
  data,
  lang,
  onFigure,
}: {
  body: SummaryBody;
  data: ReportFactsDto;
  lang: SummaryLang;
  onFigure: (focus: FigureFocus) => void;
}) {
  return (
    <article style={{ maxWidth: 860, margin: '0 auto' }} lang={lang === 'zh' ? 'zh-CN' : 'en'} data-testid="summary-document">
      <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
        {body.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
        {body.subtitle}
      </Typography.Paragraph>
      {body.sections.map((section) => (
        <section key={section.key} data-testid={`summary-section-${section.key}`}>
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {section.title}
          </Typography.Title>
          {section.blocks.map((block, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks are identified by their place in the chapter
            <ReadBlock key={i} block={block} data={data} lang={lang} onFigure={onFigure} />
          ))}
        </section>
      ))}
    </article>
  );
}
