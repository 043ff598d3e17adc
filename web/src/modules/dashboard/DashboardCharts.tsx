import { Card, Col, Empty, Row, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReportFactsDto, SummaryLang } from '../../../../contracts/reports';
import { Chart } from '../../components/Chart';
import { barsHeight, breakdownOption, compareOption, compareRowIndex, siteBarsOption, siteRowIndex } from './chartOptions';
import {
  ALL_FIGURES,
  availableBreakdowns,
  type BreakdownKey,
  breakdownParts,
  COMPARE_COUNT_KEYS,
  COMPARE_RATE_KEYS,
  compareLink,
  compareRows,
  labelOf,
  pickFigure,
  SITE_COUNT_KEYS,
  SITE_RATE_KEYS,
  siteBarLink,
  siteBars,
} from './logic';

interface ChartsProps {
  data: ReportFactsDto;
  lang: SummaryLang;
}

function NoData({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ margin: '24px 0' }} />;
}

/** The group view's figures site by site; a bar opens that site's records of the figure. */
function SiteBarsCard({ data, lang, keys, title, testId }: ChartsProps & { keys: string[]; title: string; testId: string }) {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const all = useMemo(() => siteBars(data, keys), [data, keys]);
  const [figure, setFigure] = useState<string | null>(null);
  const bars = useMemo(() => pickFigure(all, figure), [all, figure]);
  const option = useMemo(() => siteBarsOption(bars, lang), [bars, lang]);
  return (
    <Card
      size="small"
      title={title}
      style={{ height: '100%' }}
      extra={
        all.series.length > 1 ? (
          <Select<string>
            size="small"
            value={bars.series.length === 1 && all.series.length > 1 ? (bars.series[0]?.fact.key ?? ALL_FIGURES) : ALL_FIGURES}
            onChange={setFigure}
            options={[
              { value: ALL_FIGURES, label: t('charts.allFigures') },
              ...all.series.map((s) => ({ value: s.fact.key, label: labelOf(s.fact, lang) })),
            ]}
            style={{ maxWidth: 150 }}
            popupMatchSelectWidth={false}
            data-testid={`${testId}-figure`}
          />
        ) : null
      }
    >
      {bars.series.length ? (
        <Chart
          option={option}
          height={barsHeight(bars.sites.length, bars.series.length)}
          onClick={(p) => {
            const link = siteBarLink(bars, p.seriesIndex, siteRowIndex(bars, p.dataIndex));
            if (link) navigate(link);
          }}
          testId={testId}
        />
      ) : (
        <NoData text={t('charts.empty')} />
      )}
    </Card>
  );
}

/** The site view's figures against the previous period and the same period last year. */
function CompareCard({ data, lang, keys, title, testId }: ChartsProps & { keys: string[]; title: string; testId: string }) {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const rows = useMemo(() => compareRows(data, keys), [data, keys]);
  const option = useMemo(
    () => compareOption(rows, [t('charts.series.current'), t('charts.series.previous'), t('charts.series.lastYear')], lang),
    [rows, t, lang],
  );
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {rows.length ? (
        <Chart
          option={option}
          height={barsHeight(rows.length, 3)}
          onClick={(p) => {
            const row = rows[compareRowIndex(rows, p.dataIndex)];
            const link = row ? compareLink(row, p.seriesIndex, data) : null;
            if (link) navigate(link);
          }}
          testId={testId}
        />
      ) : (
        <NoData text={t('charts.empty')} />
      )}
    </Card>
  );
}

/** What the figures are made of (报修类别, 隐患类别, 意外事件类型 …); a slice opens its records. */
function BreakdownCard({ data, lang, available, initial }: ChartsProps & { available: BreakdownKey[]; initial: number }) {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<BreakdownKey | null>(null);
  const current = chosen && available.includes(chosen) ? chosen : (available[initial] ?? available[0] ?? null);
  const parts = useMemo(() => (current ? breakdownParts(data.facts, current) : []), [data.facts, current]);
  const option = useMemo(() => breakdownOption(parts, lang), [parts, lang]);
  return (
    <Card
      size="small"
      title={t('charts.breakdown')}
      style={{ height: '100%' }}
      extra={
        available.length > 1 && current ? (
          <Select<BreakdownKey>
            size="small"
            value={current}
            onChange={setChosen}
            options={available.map((k) => ({ value: k, label: t(`breakdowns.${k}`) }))}
            style={{ minWidth: 120 }}
            popupMatchSelectWidth={false}
            data-testid={`dashboard-breakdown-${initial}`}
          />
        ) : current ? (
          <Typography.Text type="secondary">{t(`breakdowns.${current}`)}</Typography.Text>
        ) : null
      }
    >
      {parts.length ? (
        <Chart
          option={option}
          height={320}
          onClick={(p) => {
            const fact = parts[p.dataIndex];
            if (fact) navigate(fact.link);
          }}
          testId={`dashboard-breakdown-chart-${initial}`}
        />
      ) : (
        <NoData text={t('charts.empty')} />
      )}
    </Card>
  );
}

/**
 * The charts under the figures: for several sites, the key counts and rates site by site;
 * for one site, this period against the previous one and the same period last year; for
 * both, the breakdown of a figure by category or type.
 */
export function DashboardCharts({ data, lang, view }: ChartsProps & { view: 'group' | 'site' }) {
  const { t } = useTranslation('dashboard');
  const available = useMemo(() => availableBreakdowns(data.facts), [data.facts]);
  return (
    <Row gutter={[16, 16]}>
      {view === 'group' ? (
        <>
          <Col xs={24} xl={12}>
            <SiteBarsCard data={data} lang={lang} keys={SITE_COUNT_KEYS} title={t('charts.siteCounts')} testId="dashboard-site-counts" />
          </Col>
          <Col xs={24} xl={12}>
            <SiteBarsCard data={data} lang={lang} keys={SITE_RATE_KEYS} title={t('charts.siteRates')} testId="dashboard-site-rates" />
          </Col>
        </>
      ) : (
        <>
          <Col xs={24} xl={12}>
            <CompareCard
              data={data}
              lang={lang}
              keys={COMPARE_COUNT_KEYS}
              title={t('charts.compareCounts')}
              testId="dashboard-compare-counts"
            />
          </Col>
          <Col xs={24} xl={12}>
            <CompareCard
              data={data}
              lang={lang}
              keys={COMPARE_RATE_KEYS}
              title={t('charts.compareRates')}
              testId="dashboard-compare-rates"
            />
          </Col>
        </>
      )}
      {/* two breakdowns side by side (报修类别 and 隐患类别 first), each can show any of them */}
      {(available.length > 1 ? [0, 1] : [0]).map((initial) => (
        <Col key={initial} xs={24} xl={12}>
          <BreakdownCard data={data} lang={lang} available={available} initial={initial} />
        </Col>
      ))}
    </Row>
  );
}
