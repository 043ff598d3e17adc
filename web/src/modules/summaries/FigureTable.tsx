import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { ReportFactsDto, SummaryLang } from '../../../../contracts/reports';
import { type FigureCell, type FigureRow, figureRows } from './logic';
import { useDocT } from './useDocT';

/** a value opening the records behind it; a plain dash when nothing can be listed */
export function CellLink({ cell, change }: { cell: FigureCell; change?: string | null }) {
  const value = cell.link ? (
    <Link to={cell.link} data-testid="figure-cell">
      {cell.text}
    </Link>
  ) : (
    <Typography.Text type={cell.value === null ? 'secondary' : undefined}>{cell.text}</Typography.Text>
  );
  if (!change) return value;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end' }}>
      {value}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {change}
      </Typography.Text>
    </span>
  );
}

/**
 * A table of a summary: one row per figure, a column per site when the scope has several,
 * the total, the previous period and the same period last year (with the change). Every
 * value opens its records; the figure's name opens how it was computed.
 */
export function FigureTable({
  title,
  keys,
  data,
  lang,
  onFact,
}: {
  title: string;
  keys: string[];
  data: ReportFactsDto;
  lang: SummaryLang;
  onFact: (key: string) => void;
}) {
  const t = useDocT(lang);
  const rows = figureRows(keys, data, lang);
  const sites = data.sites.length > 1 ? data.sites : [];
  const columns: ColumnsType<FigureRow> = [
    {
      title: t('table.item'),
      key: 'label',
      fixed: 'left',
      render: (_, r) =>
        r.fact ? (
          <Typography.Link onClick={() => onFact(r.key)} style={{ whiteSpace: 'normal' }}>
            {r.label}
          </Typography.Link>
        ) : (
          <Typography.Text type="danger">{t('figure.unknown', { token: r.key })}</Typography.Text>
        ),
    },
    ...sites.map((s) => ({
      title: s.name,
      key: s.id,
      align: 'right' as const,
      render: (_: unknown, r: FigureRow) => <CellLink cell={r.bySite[s.id] ?? { value: null, text: '—', link: null }} />,
    })),
    { title: t('table.total'), key: 'total', align: 'right', render: (_, r) => <CellLink cell={r.total} /> },
    {
      title: t('table.previous'),
      key: 'previous',
      align: 'right',
      render: (_, r) => <CellLink cell={r.previous} change={r.changePrevious} />,
    },
    {
      title: t('table.lastYear'),
      key: 'lastYear',
      align: 'right',
      render: (_, r) => <CellLink cell={r.lastYear} change={r.changeLastYear} />,
    },
  ];
  return (
    <div style={{ margin: '8px 0 16px' }} data-testid="summary-table">
      {title ? (
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          {title}
        </Typography.Text>
      ) : null}
      <Table<FigureRow>
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </div>
  );
}
