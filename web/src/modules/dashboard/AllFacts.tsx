import { InfoCircleOutlined } from '@ant-design/icons';
import { Collapse, Flex, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatChange, formatFigure } from '../../../../contracts/figures';
import type { ReportFactsDto, SummaryLang } from '../../../../contracts/reports';
import type { SummaryFact } from '../../../../contracts/summary';
import { labelOf, shiftLink } from './logic';

interface Row {
  fact: SummaryFact;
  previous: number | null;
  lastYear: number | null;
  previousLink: string | null;
  lastYearLink: string | null;
}

function FigureLink({ value, fact, link, lang }: { value: number | null; fact: SummaryFact; link: string | null; lang: SummaryLang }) {
  const text = formatFigure(value, fact.unit, lang);
  return link && value !== null ? <Link to={link}>{text}</Link> : <span>{text}</span>;
}

/**
 * Every figure of the period, module by module, with the previous period and the same
 * period last year; each figure opens its records (the comparisons theirs, where the
 * link names the period). Folded: the cards above hold the headline figures.
 */
export function AllFacts({ data, lang }: { data: ReportFactsDto; lang: SummaryLang }) {
  const { t } = useTranslation('dashboard');
  const byKey = useMemo(() => new Map(data.facts.map((f) => [f.key, f])), [data.facts]);

  const columns: ColumnsType<Row> = [
    {
      title: t('all.item'),
      key: 'item',
      render: (_, r) => (
        <Flex gap={4} align="flex-start">
          <span>{labelOf(r.fact, lang)}</span>
          {r.fact.formula ? (
            <Tooltip title={r.fact.formula}>
              <InfoCircleOutlined style={{ color: '#8c8c8c', fontSize: 12, marginTop: 5 }} aria-label={t('formula')} />
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('all.current'),
      key: 'current',
      align: 'right',
      render: (_, r) => <FigureLink value={r.fact.value} fact={r.fact} link={r.fact.link} lang={lang} />,
    },
    {
      title: t('all.previous'),
      key: 'previous',
      align: 'right',
      render: (_, r) => <FigureLink value={r.previous} fact={r.fact} link={r.previousLink} lang={lang} />,
    },
    {
      title: t('all.lastYear'),
      key: 'lastYear',
      align: 'right',
      render: (_, r) => <FigureLink value={r.lastYear} fact={r.fact} link={r.lastYearLink} lang={lang} />,
    },
    {
      title: t('compare.previous'),
      key: 'dprev',
      render: (_, r) => (
        <Typography.Text type="secondary">{formatChange(r.fact.value, r.previous, r.fact.unit, lang) ?? '—'}</Typography.Text>
      ),
    },
    {
      title: t('compare.lastYear'),
      key: 'dly',
      render: (_, r) => (
        <Typography.Text type="secondary">{formatChange(r.fact.value, r.lastYear, r.fact.unit, lang) ?? '—'}</Typography.Text>
      ),
    },
  ];

  const items = data.modules
    .map((m) => {
      const rows: Row[] = m.keys
        .map((k) => byKey.get(k))
        .filter((f): f is SummaryFact => f !== undefined)
        .map((fact) => ({
          fact,
          previous: data.previous.values[fact.key] ?? null,
          lastYear: data.lastYear.values[fact.key] ?? null,
          previousLink: shiftLink(fact.link, data.period, data.previous.period),
          lastYearLink: shiftLink(fact.link, data.period, data.lastYear.period),
        }));
      return { module: m, rows };
    })
    .filter((m) => m.rows.length > 0)
    .map(({ module, rows }) => ({
      key: module.module,
      label: t('all.module', { label: module.label[lang], count: rows.length }),
      children: (
        <Table<Row>
          size="small"
          rowKey={(r) => r.fact.key}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      ),
    }));

  if (!items.length) return null;
  return (
    <div data-testid="dashboard-all-facts">
      <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
        {t('all.title')}
      </Typography.Title>
      <Collapse items={items} size="small" />
    </div>
  );
}
