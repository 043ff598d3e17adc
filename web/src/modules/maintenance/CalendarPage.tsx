import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer } from '../../components';
import { monthName, textLang } from '../../components/recurrenceText';
import { type CellTone, calendarCellLink, cellTone } from './format';
import { SystemTag } from './options';
import { CALENDAR, type CalendarMonth, type MaintenanceCalendarResponse, type MaintenanceCalendarRow } from './types';

/** Cell colours: all done on time green, something missed or late red, still open or to come grey. */
const TONES: Record<CellTone, { background: string; color: string; border: string }> = {
  good: { background: '#f6ffed', color: '#389e0d', border: '#b7eb8f' },
  bad: { background: '#fff1f0', color: '#cf1322', border: '#ffa39e' },
  open: { background: '#fafafa', color: '#595959', border: '#d9d9d9' },
  none: { background: 'transparent', color: '#bfbfbf', border: 'transparent' },
};

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const sum = (months: CalendarMonth[]): CalendarMonth =>
  months.reduce(
    (a, m) => ({
      planned: a.planned + m.planned,
      done: a.done + m.done,
      onTime: a.onTime + m.onTime,
      missed: a.missed + m.missed,
      open: a.open + m.open,
    }),
    { planned: 0, done: 0, onTime: 0, missed: 0, open: 0 },
  );

/**
 * 年度保养计划表: one site's plans × 12 months, each cell "done/planned" coloured by what
 * happened; a cell opens the occurrences of that plan and month (in the site's zone).
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation('maintenance');
  const lang = textLang(i18n.language);
  const me = useMe();
  const navigate = useNavigate();
  const selected = useSelectedSite();
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const siteId = search.get('siteId') ?? selected ?? me.sites[0]?.id ?? '';
  const year = Number(search.get('year')) || thisYear;
  const site = me.sites.find((s) => s.id === siteId);
  const zone = site?.timezone ?? 'Asia/Shanghai';
  const set = (next: { siteId?: string; year?: number }) =>
    setSearch({ siteId: next.siteId ?? siteId, year: String(next.year ?? year) }, { replace: true });

  const query = useQuery({
    queryKey: [CALENDAR, 'record', { siteId, year }, selected],
    queryFn: ({ signal }) => api.get<MaintenanceCalendarResponse>(CALENDAR, { siteId, year }, signal),
    enabled: Boolean(siteId),
  });
  const data = query.data;
  const now = new Date();

  const cell = (m: CalendarMonth, planId: string | null, month: number) => {
    const tone = cellTone(m);
    const style = TONES[tone];
    if (tone === 'none') return <span style={{ color: style.color }}>·</span>;
    return (
      <Tooltip title={t('calendar.cellTip', { planned: m.planned, done: m.done, onTime: m.onTime, missed: m.missed, open: m.open })}>
        <Link
          to={calendarCellLink(planId, siteId, year, month, zone)}
          style={{
            display: 'inline-block',
            minWidth: 44,
            padding: '2px 6px',
            borderRadius: 4,
            border: `1px solid ${style.border}`,
            background: style.background,
            color: style.color,
            fontVariantNumeric: 'tabular-nums',
          }}
          data-testid={`calendar-cell-${planId ?? 'total'}-${month}`}
        >
          {m.done}/{m.planned}
        </Link>
      </Tooltip>
    );
  };

  const columns: ColumnsType<MaintenanceCalendarRow> = [
    {
      title: t('calendar.plan'),
      key: 'plan',
      fixed: 'left',
      width: 220,
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={`/maintenance/plans/${r.planId}`}>{r.planName}</Link>
          {r.system !== 'general' ? <SystemTag system={r.system} /> : null}
        </Space>
      ),
    },
    ...MONTHS.map((month) => ({
      title: (
        <Typography.Text strong={year === now.getFullYear() && month === now.getMonth() + 1}>
          {monthName(month, lang, true)}
        </Typography.Text>
      ),
      key: `m${month}`,
      align: 'center' as const,
      render: (_: unknown, r: MaintenanceCalendarRow) => cell(r.months[month - 1] ?? sum([]), r.planId, month),
    })),
    {
      title: t('calendar.total'),
      key: 'total',
      align: 'center',
      render: (_, r) => {
        const total = sum(r.months);
        return (
          <Typography.Text strong>
            {total.done}/{total.planned}
          </Typography.Text>
        );
      },
    },
  ];

  return (
    <PageContainer
      title={t('calendar.title')}
      subtitle={site ? t('calendar.subtitle', { site: site.name, year, zone }) : undefined}
      extra={
        <Space wrap>
          <Select<string>
            value={siteId || undefined}
            onChange={(v) => set({ siteId: v })}
            options={me.sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
            style={{ width: 170 }}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="calendar-site"
          />
          <Space.Compact>
            <Button icon={<LeftOutlined />} onClick={() => set({ year: year - 1 })} aria-label={t('calendar.prevYear')} />
            <Button style={{ pointerEvents: 'none', minWidth: 72 }} data-testid="calendar-year">
              {year}
            </Button>
            <Button icon={<RightOutlined />} onClick={() => set({ year: year + 1 })} aria-label={t('calendar.nextYear')} />
          </Space.Compact>
        </Space>
      }
    >
      {query.error ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Table<MaintenanceCalendarRow>
            rowKey="planId"
            size="small"
            bordered
            loading={query.isFetching}
            columns={columns}
            dataSource={data?.plans ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('calendar.empty') }}
            summary={() =>
              data?.plans.length ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('calendar.totals')}</Typography.Text>
                    </Table.Summary.Cell>
                    {MONTHS.map((month) => (
                      <Table.Summary.Cell key={month} index={month} align="center">
                        {cell(data.totals[month - 1] ?? sum([]), null, month)}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={13} align="center">
                      <Typography.Text strong>
                        {sum(data.totals).done}/{sum(data.totals).planned}
                      </Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
          <Card size="small" style={{ marginTop: 12 }} styles={{ body: { padding: '8px 12px' } }}>
            <Flex wrap gap={16} align="center">
              <Typography.Text type="secondary">{t('calendar.legend')}</Typography.Text>
              {(['good', 'bad', 'open'] as const).map((tone) => (
                <Space key={tone} size={6}>
                  <span
                    style={{
                      display: 'inline-block',
                      width: 14,
                      height: 14,
                      borderRadius: 3,
                      background: TONES[tone].background,
                      border: `1px solid ${TONES[tone].border}`,
                    }}
                  />
                  <Typography.Text>{t(`calendar.tone.${tone}`)}</Typography.Text>
                </Space>
              ))}
              <Button type="link" size="small" onClick={() => navigate(`/maintenance/occurrences?siteId=${siteId}`)}>
                {t('calendar.allOccurrences')}
              </Button>
            </Flex>
          </Card>
        </>
      )}
    </PageContainer>
  );
}
