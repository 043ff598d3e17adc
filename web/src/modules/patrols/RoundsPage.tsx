import { Button, Checkbox, Form, Grid, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/auth';
import { DayRangePicker, PageContainer, UserSelect, useRecord } from '../../components';
import { dayStart, rangeDays } from '../maintenance/format';
import { ASSIGNEE_NAME, type RoundFilter, roundFilters, withRoundFilter } from './logic';
import { usePatrolLevels } from './options';
import { RoundsTable } from './RoundsTable';
import { type PatrolPlan, PLANS, ROUND_STATUSES } from './types';

/**
 * 巡检记录: every round of the person's sites. All filters live in the URL, so a figure
 * of the duty-compliance page opens exactly the rounds behind it, and the filters shown
 * are the ones applied.
 */
export default function RoundsPage() {
  const { t } = useTranslation('patrols');
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const levels = usePatrolLevels();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => roundFilters(search), [search]);
  const planId = search.get('planId');
  const plan = useRecord<PatrolPlan>(PLANS, planId);
  const set = (key: RoundFilter, value: string | string[] | undefined | null) =>
    setSearch(withRoundFilter(search, key, value), { replace: true });
  // dates are days of the site's zone; with several sites, of the first one
  const siteIds = search.getAll('siteId');
  const zone =
    me.sites.find((s) => s.id === siteIds[0])?.timezone ??
    (me.sites.length === 1 ? me.sites[0]?.timezone : undefined) ??
    Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [fromText, toText] = rangeDays(search.get('from'), search.get('to'), zone);
  const fromDay = fromText ? dayjs(fromText) : null;
  const toDay = toText ? dayjs(toText) : null;
  const setRange = (a: Dayjs | null | undefined, b: Dayjs | null | undefined) => {
    let next = withRoundFilter(search, 'from', a ? dayStart(a.format('YYYY-MM-DD'), zone) : undefined);
    next = withRoundFilter(next, 'to', b ? dayStart(b.format('YYYY-MM-DD'), zone, 1) : undefined);
    setSearch(next, { replace: true });
  };
  const assignee = search.get('assignee');
  const assigneeName = assignee === 'me' ? t('rounds.me') : (search.get(ASSIGNEE_NAME) ?? assignee);
  const setAssignee = (key: string | null, name: string | null) => {
    const next = withRoundFilter(search, 'assignee', key);
    next.delete(ASSIGNEE_NAME);
    if (key && name) next.set(ASSIGNEE_NAME, name);
    setSearch(next, { replace: true });
  };
  const any = Object.keys(params).length > 0;

  return (
    <PageContainer title={t('rounds.title')} subtitle={t('rounds.subtitle')}>
      <Form layout="inline" component="div" className="hq-filters" style={{ rowGap: 12, marginBottom: 12 }} data-testid="round-filters">
        {planId ? (
          <Form.Item>
            <Tag closable color="blue" onClose={() => set('planId', undefined)} style={{ marginInlineEnd: 0 }} data-testid="filter-plan">
              {t('rounds.planFilter', { name: plan.data?.name ?? '…' })}
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
            placeholder={t('field.level')}
            value={search.get('level') ?? undefined}
            onChange={(v) => set('level', v)}
            options={levels.options}
            loading={levels.loading}
            popupMatchSelectWidth={false}
            style={{ width: 150 }}
            data-testid="filter-level"
          />
        </Form.Item>
        <Form.Item>
          <Select<string[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('field.status')}
            value={search.getAll('status')}
            onChange={(v) => set('status', v)}
            options={ROUND_STATUSES.map((s) => ({ value: s, label: t(`roundStatus.${s}`) }))}
            style={{ width: 180 }}
            data-testid="filter-status"
          />
        </Form.Item>
        <Form.Item>
          <Select<string>
            allowClear
            placeholder={t('rounds.onTime')}
            value={search.get('onTime') ?? undefined}
            onChange={(v) => set('onTime', v)}
            options={[
              { value: '1', label: t('round.onTime') },
              { value: '0', label: t('round.late') },
            ]}
            style={{ width: 120 }}
            data-testid="filter-on-time"
          />
        </Form.Item>
        <Form.Item>
          {assignee ? (
            <Tag
              closable
              color="blue"
              onClose={() => setAssignee(null, null)}
              style={{ marginInlineEnd: 0 }}
              data-testid="filter-assignee-tag"
            >
              {t('rounds.assigneeFilter', { name: assigneeName })}
            </Tag>
          ) : (
            <UserSelect
              allowClear
              placeholder={t('field.assignee')}
              value={undefined}
              onChange={(v, option) => {
                const label = (Array.isArray(option) ? option[0] : option)?.label;
                if (typeof v === 'string') setAssignee(`user:${v}`, typeof label === 'string' ? label : null);
              }}
              style={{ width: 180 }}
              popupMatchSelectWidth={false}
              data-testid="filter-assignee"
            />
          )}
        </Form.Item>
        {assignee ? null : (
          <Form.Item>
            <Checkbox onChange={(e) => (e.target.checked ? setAssignee('me', null) : undefined)} data-testid="filter-mine">
              {t('rounds.mine')}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item style={screens.sm === false ? { flex: '1 1 100%' } : undefined}>
          <DayRangePicker
            from={fromDay}
            to={toDay}
            onChange={setRange}
            placeholder={[t('rounds.dueFrom'), t('rounds.dueTo')]}
            testId="filter-due"
          />
        </Form.Item>
        {any ? (
          <Form.Item className="hq-filter-reset">
            <Button type="link" onClick={() => setSearch({}, { replace: true })} data-testid="filter-clear">
              {t('rounds.clear')}
            </Button>
          </Form.Item>
        ) : null}
      </Form>
      <RoundsTable params={params} />
    </PageContainer>
  );
}
