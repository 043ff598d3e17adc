import { Button, Form, Grid, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DayRangePicker, RemoteSelect } from '../../components';
import { urlFilters, withFilter } from './logic';
import { CAMPAIGNS, type Campaign } from './types';

/**
 * A list whose filters live in the URL, so a figure of the measures page or a campaign's
 * link opens exactly the records behind it and the filters shown are the ones applied.
 */
export function useUrlFilters(keys: readonly string[]) {
  const [search, setSearch] = useSearchParams();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keys are a module constant
  const params = useMemo(() => urlFilters(search, keys), [search]);
  const set = (key: string, value: string | string[] | undefined | null) => setSearch(withFilter(search, key, value), { replace: true });
  const setMany = (changes: Record<string, string | undefined>) => {
    let next = search;
    for (const [k, v] of Object.entries(changes)) next = withFilter(next, k, v);
    setSearch(next, { replace: true });
  };
  const clear = () => setSearch({}, { replace: true });
  return { search, params, set, setMany, clear, any: Object.keys(params).length > 0 };
}

export type UrlFilters = ReturnType<typeof useUrlFilters>;

/** The filter row of a list page (full-width fields on a phone), with 清除筛选 when any is set. */
export function FilterRow({ filters, children, testId }: { filters: UrlFilters; children: ReactNode; testId: string }) {
  const { t } = useTranslation('hazards');
  return (
    <Form layout="inline" component="div" className="hq-filters" style={{ rowGap: 12, marginBottom: 12 }} data-testid={testId}>
      {children}
      {filters.any ? (
        <Form.Item className="hq-filter-reset">
          <Button type="link" onClick={filters.clear} data-testid="filter-clear">
            {t('filters.clear')}
          </Button>
        </Form.Item>
      ) : null}
    </Form>
  );
}

export function SiteFilter({ filters }: { filters: UrlFilters }) {
  const { t } = useTranslation('hazards');
  const me = useMe();
  return (
    <Form.Item>
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('field.site')}
        value={filters.search.getAll('siteId')}
        onChange={(v) => filters.set('siteId', v)}
        options={me.sites.map((s) => ({ value: s.id, label: s.name }))}
        style={{ width: 200 }}
        data-testid="filter-site"
      />
    </Form.Item>
  );
}

/** One value of the URL from a fixed list of options. */
export function SelectFilter({
  filters,
  name,
  placeholder,
  options,
  width = 130,
}: {
  filters: UrlFilters;
  name: string;
  placeholder: string;
  options: { value: string; label: string }[];
  width?: number;
}) {
  return (
    <Form.Item>
      <Select<string>
        allowClear
        placeholder={placeholder}
        value={filters.search.get(name) ?? undefined}
        onChange={(v) => filters.set(name, v)}
        options={options}
        style={{ width }}
        data-testid={`filter-${name}`}
      />
    </Form.Item>
  );
}

/** Campaigns are listed with patrols:read; without it the filter is left out. */
export function CampaignFilter({ filters }: { filters: UrlFilters }) {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const value = filters.search.get('campaignId');
  if (!can('patrols:read')) return null;
  return (
    <Form.Item>
      <RemoteSelect<Campaign>
        resource={CAMPAIGNS}
        labelOf={(c) => c.name}
        placeholder={t('field.campaign')}
        value={value ?? undefined}
        onChange={(v) => filters.set('campaignId', (v as string | undefined) ?? undefined)}
        style={{ width: 180 }}
        data-testid="filter-campaignId"
      />
    </Form.Item>
  );
}

/** The period [from, to) as whole local days: a range picker on a desktop, two date fields on a phone. */
export function PeriodFilter({ filters, fromLabel, toLabel }: { filters: UrlFilters; fromLabel: string; toLabel: string }) {
  const screens = Grid.useBreakpoint();
  const from = filters.search.get('from');
  const to = filters.search.get('to');
  const fromDay = from ? dayjs(from) : null;
  const toDay = to ? dayjs(to).subtract(1, 'day') : null;
  const setRange = (a: Dayjs | null | undefined, b: Dayjs | null | undefined) =>
    filters.setMany({
      from: a ? a.startOf('day').toISOString() : undefined,
      to: b ? b.startOf('day').add(1, 'day').toISOString() : undefined,
    });
  return (
    <Form.Item style={screens.sm === false ? { flex: '1 1 100%' } : undefined}>
      <DayRangePicker from={fromDay} to={toDay} onChange={setRange} placeholder={[fromLabel, toLabel]} testId="filter-period" />
    </Form.Item>
  );
}

/** Several values of one URL key written comma-separated (`status=registered,rectifying`), as the register takes them. */
export function CsvFilter({
  filters,
  name,
  placeholder,
  options,
  width = 200,
}: {
  filters: UrlFilters;
  name: string;
  placeholder: string;
  options: { value: string; label: string }[];
  width?: number;
}) {
  const value = (filters.search.get(name) ?? '').split(',').filter(Boolean);
  return (
    <Form.Item>
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={placeholder}
        value={value}
        onChange={(v) => filters.set(name, v.length ? v.join(',') : undefined)}
        options={options}
        style={{ width }}
        data-testid={`filter-${name}`}
      />
    </Form.Item>
  );
}
