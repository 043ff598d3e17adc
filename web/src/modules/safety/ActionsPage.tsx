import { Checkbox, Form, Grid, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DayRangePicker, PageContainer, type QueryColumn, QueryTable } from '../../components';
import { FilterRow, PeriodFilter, SelectFilter, SiteFilter, type UrlFilters, useUrlFilters } from '../hazards/Filters';
import { DueDate, ItemStatus, OwnerLink } from './ItemDetails';
import { ACTION_FILTERS, statusesOf } from './logic';
import { KindTag, useActionOptions } from './options';
import { ACTIONS, type ActionItem, PATHS } from './types';

/** A checkbox filter: the key is set to `value` while ticked. */
function FlagFilter({
  filters,
  name,
  value,
  label,
  danger,
}: {
  filters: UrlFilters;
  name: string;
  value: string;
  label: string;
  danger?: boolean;
}) {
  return (
    <Form.Item>
      <Checkbox
        checked={filters.search.get(name) === value}
        onChange={(e) => filters.set(name, e.target.checked ? value : undefined)}
        data-testid={`filter-${name}`}
      >
        {danger ? <Typography.Text type="danger">{label}</Typography.Text> : label}
      </Checkbox>
    </Form.Item>
  );
}

/**
 * 整改措施: every action item of the person's sites — of incident reports and drill
 * reports — with its owner, who carries it out and by when (overdue in red). Filters
 * live in the URL, so the safety overview and the facts open exactly the items behind a
 * figure. A row opens the item with its steps.
 */
export default function ActionsPage() {
  const { t } = useTranslation('safety');
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const filters = useUrlFilters(ACTION_FILTERS);
  const options = useActionOptions();
  const dueFrom = filters.search.get('dueFrom');
  const dueTo = filters.search.get('dueTo');
  const setDue = (a: Dayjs | null | undefined, b: Dayjs | null | undefined) =>
    filters.setMany({ dueFrom: a ? a.format('YYYY-MM-DD') : undefined, dueTo: b ? b.format('YYYY-MM-DD') : undefined });
  const phone = screens.sm === false;
  const onTimeOptions = [
    { value: '1', label: t('item.onTime') },
    { value: '0', label: t('item.late') },
  ];

  const columns: QueryColumn<ActionItem>[] = phone
    ? [
        {
          title: t('actions.item'),
          key: 'item',
          render: (_: unknown, r) => (
            <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid="action-row">
              <Typography.Text strong style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                {r.title}
              </Typography.Text>
              <Space size={4} wrap>
                <KindTag kind={r.kind} />
                <ItemStatus item={r} />
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.number} · {r.siteName} · {r.assigneeName} · <DueDate item={r} />
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                <OwnerLink item={r} />
              </Typography.Text>
            </Space>
          ),
        },
      ]
    : [
        {
          title: t('field.number'),
          dataIndex: 'number',
          render: (v: string, r) => (
            <Link to={`${PATHS.actions}/${r.id}`} style={{ whiteSpace: 'nowrap', ...(r.overdue ? { color: '#cf1322' } : {}) }}>
              {v}
            </Link>
          ),
        },
        {
          title: t('field.title'),
          dataIndex: 'title',
          render: (v: string, r) => (
            <Space orientation="vertical" size={0} style={{ maxWidth: 300 }}>
              <Typography.Text style={{ whiteSpace: 'normal' }}>{v}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                <OwnerLink item={r} />
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('field.kind'), dataIndex: 'kind', render: (_: string, r) => <KindTag kind={r.kind} /> },
        { title: t('field.site'), dataIndex: 'siteName' },
        { title: t('field.assignee'), dataIndex: 'assigneeName' },
        { title: t('field.dueDate'), dataIndex: 'dueDate', render: (_: string, r) => <DueDate item={r} /> },
        { title: t('field.status'), dataIndex: 'status', render: (_: string, r) => <ItemStatus item={r} /> },
        { title: t('field.verifier'), dataIndex: 'verifierName', render: (v: string | null) => v ?? '—' },
      ];

  return (
    <PageContainer title={t('actions.title')} subtitle={t('actions.subtitle')}>
      <FilterRow filters={filters} testId="action-filters">
        {filters.search.get('ownerId') ? (
          <Form.Item>
            <Tag
              closable
              color="blue"
              onClose={() => filters.set('ownerId', undefined)}
              style={{ marginInlineEnd: 0 }}
              data-testid="filter-owner"
            >
              {t('filters.oneOwner')}
            </Tag>
          </Form.Item>
        ) : null}
        <SiteFilter filters={filters} />
        <Form.Item>
          <Select<string[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('field.status')}
            value={statusesOf(filters.search)}
            onChange={(v) => filters.set('status', v)}
            options={options.statuses}
            style={{ width: 200 }}
            data-testid="filter-status"
          />
        </Form.Item>
        <SelectFilter filters={filters} name="ownerType" placeholder={t('field.ownerType')} options={options.ownerTypes} width={120} />
        <SelectFilter filters={filters} name="kind" placeholder={t('field.kind')} options={options.kinds} width={120} />
        <Form.Item style={phone ? { flex: '1 1 100%' } : undefined}>
          <DayRangePicker
            from={dueFrom ? dayjs(dueFrom) : null}
            to={dueTo ? dayjs(dueTo) : null}
            onChange={setDue}
            placeholder={[t('filters.dueFrom'), t('filters.dueTo')]}
            testId="filter-due"
          />
        </Form.Item>
        <SelectFilter filters={filters} name="onTime" placeholder={t('filters.onTime')} options={onTimeOptions} width={120} />
        <PeriodFilter filters={filters} fromLabel={t('filters.createdFrom')} toLabel={t('filters.createdTo')} />
        <FlagFilter filters={filters} name="assignee" value="me" label={t('filters.mine')} />
        <FlagFilter filters={filters} name="overdue" value="1" label={t('filters.overdueOnly')} danger />
      </FilterRow>
      <QueryTable<ActionItem>
        resource={ACTIONS}
        columns={columns}
        params={filters.params}
        searchPlaceholder={t('actions.search')}
        onRowClick={(r) => navigate(`${PATHS.actions}/${r.id}`)}
        // a phone shows one card-like column that wraps within the screen instead of a wide table
        tableProps={phone ? { scroll: undefined, showHeader: false } : undefined}
      />
    </PageContainer>
  );
}
