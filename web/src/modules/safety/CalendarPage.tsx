import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Calendar, Card, Empty, Flex, Grid, List, Popover, Select, Skeleton, Space, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer } from '../../components';
import { withFilter } from '../hazards/logic';
import { EventLine } from './EventLine';
import { calendarWindow, daysOfMonth, EVENT_COLORS, eventsByDay } from './logic';
import { CALENDAR, SAFETY_EVENT_KINDS, type SafetyCalendarDto, type SafetyEvent } from './types';

/** how many events a month cell lists before 还有 N 项 */
const CELL_MAX = 3;

/**
 * 安全日历: the month's drills, training sessions, knowledge spot checks and action items
 * due, coloured by kind, for the chosen sites; each opens its record. A phone lists the
 * days that have something instead of the month grid.
 */
export default function CalendarPage() {
  const { t } = useTranslation('safety');
  const me = useMe();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const selected = useSelectedSite();
  const [search, setSearch] = useSearchParams();
  const monthParam = search.get('month');
  const month = monthParam && /^\d{4}-\d{2}$/.test(monthParam) ? monthParam : dayjs().format('YYYY-MM');
  const siteIds = search.getAll('siteId');
  const setMonth = (m: string) => setSearch(withFilter(search, 'month', m), { replace: true });
  const shift = (n: number) => setMonth(dayjs(`${month}-01`).add(n, 'month').format('YYYY-MM'));
  const range = calendarWindow(month);
  const params = { from: dayjs(range.from).toISOString(), to: dayjs(range.to).toISOString(), siteId: siteIds.length ? siteIds : undefined };
  const query = useQuery({
    queryKey: [CALENDAR, 'record', params, selected],
    queryFn: ({ signal }) => api.get<SafetyCalendarDto>(CALENDAR, params, signal),
  });
  const zoneOf = (siteId: string) => me.sites.find((s) => s.id === siteId)?.timezone;
  // biome-ignore lint/correctness/useExhaustiveDependencies: zones come with the signed-in person and do not change on this page
  const byDay = useMemo(() => eventsByDay(query.data?.events ?? [], zoneOf), [query.data]);
  const open = (e: SafetyEvent) => navigate(e.link);
  const phone = screens.sm === false;
  const { token } = theme.useToken();

  const cell = (date: Dayjs) => {
    const events = byDay.get(date.format('YYYY-MM-DD')) ?? [];
    if (!events.length) return null;
    const shown = events.slice(0, CELL_MAX);
    const rest = events.length - shown.length;
    return (
      <Flex vertical gap={1} data-testid={`calendar-day-${date.format('YYYY-MM-DD')}`}>
        {shown.map((e) => (
          <EventLine key={`${e.kind}-${e.id}`} event={e} zone={zoneOf(e.siteId)} onOpen={open} />
        ))}
        {rest > 0 ? (
          <Popover
            trigger="click"
            title={date.format('YYYY-MM-DD')}
            content={
              <Flex vertical gap={4} style={{ maxWidth: 320 }}>
                {events.map((e) => (
                  <EventLine key={`${e.kind}-${e.id}`} event={e} zone={zoneOf(e.siteId)} onOpen={open} wrap />
                ))}
              </Flex>
            }
          >
            <Typography.Link style={{ fontSize: 12 }} onClick={(ev) => ev.stopPropagation()}>
              {t('calendar.more', { count: rest })}
            </Typography.Link>
          </Popover>
        ) : null}
      </Flex>
    );
  };

  const today = dayjs().format('YYYY-MM-DD');
  const dayCell = (date: Dayjs) => {
    const day = date.format('YYYY-MM-DD');
    const inMonth = day.startsWith(`${month}-`);
    return (
      <div
        style={{
          margin: '0 4px',
          padding: '4px 8px 0',
          borderTop: `2px solid ${day === today ? token.colorPrimary : token.colorSplit}`,
          // the day number, three events and 还有 N 项
          height: 118,
          overflow: 'hidden',
          textAlign: 'start',
        }}
      >
        <div
          style={{
            textAlign: 'end',
            color: day === today ? token.colorPrimary : inMonth ? token.colorText : token.colorTextDisabled,
            fontWeight: day === today ? 600 : undefined,
          }}
        >
          {date.format('DD')}
        </div>
        {cell(date)}
      </div>
    );
  };

  const monthNav = (
    <Space.Compact>
      <Button icon={<LeftOutlined />} onClick={() => shift(-1)} aria-label={t('calendar.prevMonth')} data-testid="calendar-prev" />
      <Button style={{ pointerEvents: 'none', minWidth: 96 }} data-testid="calendar-month">
        {dayjs(`${month}-01`).format(t('calendar.monthFormat'))}
      </Button>
      <Button icon={<RightOutlined />} onClick={() => shift(1)} aria-label={t('calendar.nextMonth')} data-testid="calendar-next" />
    </Space.Compact>
  );

  const legend = (
    <Flex wrap gap={12} align="center">
      {SAFETY_EVENT_KINDS.map((k) => (
        <Badge key={k} color={EVENT_COLORS[k]} text={t(`eventKind.${k}`)} />
      ))}
    </Flex>
  );

  const days = daysOfMonth(byDay, month);
  const dayList = (
    <List<string>
      dataSource={days}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.empty')} /> }}
      renderItem={(day) => {
        const d = dayjs(day);
        const isToday = day === today;
        return (
          <List.Item key={day} style={{ display: 'block' }} data-testid={`calendar-day-${day}`}>
            <Typography.Text strong type={isToday ? 'success' : undefined}>
              {d.format(t('calendar.dayFormat'))}
              {isToday ? ` · ${t('calendar.today')}` : ''}
            </Typography.Text>
            <Flex vertical gap={6} style={{ marginTop: 6 }}>
              {(byDay.get(day) ?? []).map((e) => (
                <Flex key={`${e.kind}-${e.id}`} vertical gap={0}>
                  <EventLine event={e} zone={zoneOf(e.siteId)} onOpen={open} wrap />
                  <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 14 }}>
                    {[t(`eventKind.${e.kind}`), e.siteName, t(`eventStatus.${e.status}`, { defaultValue: e.status })].join(' · ')}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          </List.Item>
        );
      }}
      data-testid="calendar-day-list"
    />
  );

  return (
    <PageContainer
      title={t('calendar.title')}
      subtitle={t('calendar.subtitle')}
      extra={
        <Space wrap>
          <Select<string[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('field.allSites')}
            value={siteIds}
            onChange={(v) => setSearch(withFilter(search, 'siteId', v), { replace: true })}
            options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: phone ? 160 : 220 }}
            data-testid="calendar-site"
          />
          {monthNav}
          <Button onClick={() => setMonth(dayjs().format('YYYY-MM'))}>{t('calendar.thisMonth')}</Button>
        </Space>
      }
    >
      <div style={{ marginBottom: 12 }}>{legend}</div>
      {query.error ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : phone ? (
        dayList
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Calendar
            value={dayjs(`${month}-01`)}
            headerRender={() => null}
            // the whole cell drawn here: no day stays highlighted as "selected", today is marked by its top line
            fullCellRender={(date, info) => (info.type === 'date' ? dayCell(date) : info.originNode)}
            onSelect={(date, info) => {
              // a day of the neighbouring month shown in the grid turns the page to it
              if (info.source === 'date' && date.format('YYYY-MM') !== month) setMonth(date.format('YYYY-MM'));
            }}
            data-testid="safety-calendar"
          />
        </Card>
      )}
    </PageContainer>
  );
}
