import { Button, Checkbox, Form, Grid, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/auth';
import { DayRangePicker, PageContainer, useRecord } from '../../components';
import { dayStart, type OccurrenceFilter, occurrenceFilters, rangeDays, withFilter } from './format';
import { OccurrencesTable } from './OccurrencesTable';
import { OCCURRENCE_STATUSES, useSystemOptions } from './options';
import { PLANS, type Plan } from './types';

/**
 * 保养记录: every occurrence of the person's sites. All filters live in the URL, so a
 * figure of the measures page or a calendar cell opens exactly the records behind it,
 * and the filters shown are the ones applied.
 */
export default function OccurrencesPage() {
  const { t } = useTranslation('maintenance');
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => occurrenceFilters(search), [search]);
  const systemOptions = useSystemOptions();
  const planId = search.get('planId');
  const plan = useRecord<Plan>(PLANS, planId);
  const set = (key: OccurrenceFilter, value: string | string[] | undefined | null) =>
    setSearch(withFilter(search, key, value), { replace: true });
  // dates are days of the site's zone (the calendar's months are); with several sites, of the first one
  const siteIds = search.getAll('siteId');
  const zone =
    me.sites.find((s) => s.id === siteIds[0])?.timezone ??
    (me.sites.length === 1 ? me.sites[0]?.timezone : undefined) ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [fromText, toText] = rangeDays(search.get('from'), search.get('to'), zone);
  const fromDay = fromText ? dayjs(fromText) : null;
  const toDay = toText ? dayjs(toText) : null;
  const setRange = (a: Dayjs | null | undefined, b: Dayjs | null | undefined) => {
    let next = withFilter(search, 'from', a ? dayStart(a.format('YYYY-MM-DD'), zone) : undefined);
    next = withFilter(next, 'to', b ? dayStart(b.format('YYYY-MM-DD'), zone, 1) : undefined);
    setSearch(next, { replace: true });
  };
  const any = Object.keys(params).length > 0;

  return (
    <PageContainer title={t('occurrences.title')} subtitle={t('occurrences.subtitle')}>
      {/* the list's own filter row (hq-filters: full-width fields on a phone); its values are the URL's */}
      <Form
        layout="inline"
        component="div"
        className="hq-filters"
        style={{ rowGap: 12, marginBottom: 12 }}
        data-testid="occurrence-filters"
      >
        {planId ? (
          <Form.Item>
            <Tag closable color="blue" onClose={() => set('planId', undefined)} style={{ marginInlineEnd: 0 }} data-testid="filter-plan">
              {t('occurrences.planFilter', { name: plan.data?.name ?? '…' })}
            </Tag>
          </Form.Item>
        ) : null}
        <Form.Item>
          <Select<string[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('field.site')}
            value={siteIds}
            onChange={(v) => set('siteId', v)}
            options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: 200 }}
            data-testid="filter-site"
          />
        </Form.Item>
        <Form.Item>
          <Select<string>
            allowClear
            placeholder={t('occurrence.status')}
            value={search.get('status') ?? undefined}
            onChange={(v) => set('status', v)}
            options={OCCURRENCE_STATUSES.map((s) => ({ value: s, label: t(`occurrenceStatus.${s}`) }))}
            style={{ width: 120 }}
            data-testid="filter-status"
          />
        </Form.Item>
        <Form.Item>
          <Select<string>
            allowClear
            placeholder={t('field.system')}
            value={search.get('system') ?? undefined}
            onChange={(v) => set('system', v)}
            options={systemOptions}
            style={{ width: 120 }}
            data-testid="filter-system"
          />
        </Form.Item>
        <Form.Item>
          <Select<string>
            allowClear
            placeholder={t('occurrences.onTime')}
            value={search.get('onTime') ?? undefined}
            onChange={(v) => set('onTime', v)}
            options={[
              { value: '1', label: t('occurrences.onTimeYes') },
              { value: '0', label: t('occurrences.onTimeNo') },
            ]}
            style={{ width: 140 }}
            data-testid="filter-on-time"
          />
        </Form.Item>
        <Form.Item style={screens.sm === false ? { flex: '1 1 100%' } : undefined}>
          <DayRangePicker
            from={fromDay}
            to={toDay}
            onChange={setRange}
            placeholder={[t('occurrences.dueFrom'), t('occurrences.dueTo')]}
            testId="filter-due"
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={search.get('overdue') === '1'}
            onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)}
            data-testid="filter-overdue"
          >
            <Typography.Text type="danger">{t('occurrences.overdueOnly')}</Typography.Text>
          </Checkbox>
        </Form.Item>
        {any ? (
          <Form.Item className="hq-filter-reset">
            <Button type="link" onClick={() => setSearch({}, { replace: true })} data-testid="filter-clear">
              {t('occurrences.clear')}
            </Button>
          </Form.Item>
        ) : null}
      </Form>
      <OccurrencesTable params={params} />
    </PageContainer>
  );
}
