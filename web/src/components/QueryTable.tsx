import { DownloadOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Grid, Input, Space, Table, type TableProps, Tooltip, Typography } from 'antd';
import type { ColumnType, SorterResult } from 'antd/es/table/interface';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, type QueryParams } from '../app/api';
import { useSelectedSite } from '../app/site';
import { useInfiniteList, useList } from './hooks';
import { useErrorText } from './useErrorText';

export interface QueryColumn<T> extends ColumnType<T> {
  /** the server's sort key for this column; defaults to a string dataIndex. Only with `sorter: true`. */
  sortKey?: string;
}

export interface QueryTableProps<T extends { id: string }> {
  /** list endpoint under /api/v1, e.g. '/sites' */
  resource: string;
  columns: QueryColumn<T>[];
  /** fixed query parameters from outside the filter form (a selected tree node, a parent record…) */
  params?: QueryParams;
  /** extra filter fields: antd Form.Items whose `name` is the query parameter */
  filters?: ReactNode;
  /** initial values of the filter form (also what 重置 returns to) */
  initialFilters?: Record<string, unknown>;
  /** show the search box (`q`); default true */
  search?: boolean;
  searchPlaceholder?: string;
  /** server sort key used when no column is sorted, '-' prefix for descending */
  defaultSort?: string;
  pageSize?: number;
  /** 'pages' = 上一页/下一页 over keyset cursors (default); 'more' = 加载更多 appends */
  paging?: 'pages' | 'more';
  title?: ReactNode;
  /** shows 新建 when given */
  onCreate?: () => void;
  createLabel?: ReactNode;
  /** shows 导入 when given (open an ImportDialog) */
  onImport?: () => void;
  /** 导出 Excel (same filters, format=xlsx); default true */
  exportable?: boolean;
  /** more toolbar buttons, placed before 新建 */
  toolbarExtra?: ReactNode;
  onRowClick?: (row: T) => void;
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'pagination' | 'onChange'>;
}

function clean(values: Record<string, unknown>): QueryParams {
  const out: QueryParams = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = v as QueryParams[string];
  }
  return out;
}

/**
 * The list page pattern: filter form (search box + module filters), toolbar (新建,
 * 导入, 导出 Excel) and an antd Table over a keyset-paged list endpoint. Column sort
 * maps to `sort`; every filter change starts again from the first page.
 */
export function QueryTable<T extends { id: string }>(props: QueryTableProps<T>) {
  const { resource, columns, params, filters, initialFilters, search = true, pageSize = 20, paging = 'pages', exportable = true } = props;
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const site = useSelectedSite();
  const [form] = Form.useForm();
  const [filterValues, setFilterValues] = useState<QueryParams>(() => clean(initialFilters ?? {}));
  const [sort, setSort] = useState<{ key: string; desc: boolean } | null>(null);
  const [exporting, setExporting] = useState(false);
  const debounce = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(debounce.current), []);

  const sortParam = sort ? `${sort.desc ? '-' : ''}${sort.key}` : props.defaultSort;
  const query = useMemo<QueryParams>(() => ({ ...filterValues, ...params, sort: sortParam }), [filterValues, params, sortParam]);

  // cursor history for 上一页/下一页; it belongs to one query and starts over when the query changes
  const identity = JSON.stringify([query, site]);
  const [pages, setPages] = useState<{ identity: string; cursors: (string | undefined)[]; index: number }>({
    identity,
    cursors: [undefined],
    index: 0,
  });
  const current = pages.identity === identity ? pages : { identity, cursors: [undefined], index: 0 };
  const cursor = current.cursors[current.index];

  const single = useList<T>(resource, { ...query, cursor, limit: pageSize }, { enabled: paging === 'pages' });
  const infinite = useInfiniteList<T>(resource, { ...query, limit: pageSize }, { enabled: paging === 'more' });
  const rows = paging === 'pages' ? (single.data?.items ?? []) : (infinite.data?.pages.flatMap((p) => p.items) ?? []);
  const loading = paging === 'pages' ? single.isFetching : infinite.isFetching && !infinite.isFetchingNextPage;
  const error = paging === 'pages' ? single.error : infinite.error;
  const nextCursor = single.data?.nextCursor ?? null;

  const tableColumns = columns.map((c) => {
    const key = c.sortKey ?? (typeof c.dataIndex === 'string' ? c.dataIndex : undefined);
    if (!c.sorter || !key) return c;
    const { sortKey: _omit, ...rest } = c;
    return { ...rest, key, sorter: true, sortOrder: sort?.key === key ? (sort.desc ? 'descend' : 'ascend') : null } as ColumnType<T>;
  });

  const onTableChange: TableProps<T>['onChange'] = (_p, _f, sorter) => {
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    setSort(s?.order && s.columnKey ? { key: String(s.columnKey), desc: s.order === 'descend' } : null);
  };

  const applyFilters = (values: Record<string, unknown>, immediate: boolean) => {
    clearTimeout(debounce.current);
    if (immediate) setFilterValues(clean(values));
    else debounce.current = setTimeout(() => setFilterValues(clean(values)), 350);
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { cursor: _c, limit: _l, ...rest } = query;
      await download(resource, { ...rest, format: 'xlsx' }, `${resource.replace(/\W+/g, '') || 'export'}.xlsx`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  const refresh = () => void (paging === 'pages' ? single.refetch() : infinite.refetch());
  const fullWidth = !screens.sm;

  const toolbar = (
    <Space wrap>
      <Tooltip title={t('actions.refresh')}>
        <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('actions.refresh')} />
      </Tooltip>
      {props.toolbarExtra}
      {props.onImport ? (
        <Button icon={<UploadOutlined />} onClick={props.onImport} data-testid="table-import">
          {t('actions.import')}
        </Button>
      ) : null}
      {exportable ? (
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="table-export">
          {t('actions.exportExcel')}
        </Button>
      ) : null}
      {props.onCreate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={props.onCreate} data-testid="table-create">
          {props.createLabel ?? t('actions.create')}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <div className="hq-query-table">
      {props.title ? (
        <Flex wrap justify="space-between" align="center" gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {props.title}
          </Typography.Text>
          {toolbar}
        </Flex>
      ) : null}
      <Flex wrap justify="space-between" align="flex-start" gap={12} style={{ marginBottom: 12 }}>
        {/* named, so that its field ids (filters_kind…) never collide with a create/edit form's on the same page */}
        <Form
          form={form}
          name="filters"
          layout="inline"
          className="hq-filters"
          initialValues={initialFilters}
          onValuesChange={(changed, all) => applyFilters(all, !('q' in changed))}
          onFinish={(all) => applyFilters(all, true)}
          style={{ rowGap: 12, flex: '1 1 420px', minWidth: 0 }}
        >
          {search ? (
            <Form.Item name="q" className="hq-filter-search">
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={props.searchPlaceholder ?? t('table.search')}
                style={{ width: fullWidth ? '100%' : 220 }}
                data-testid="table-search"
              />
            </Form.Item>
          ) : null}
          {filters}
          <Form.Item className="hq-filter-reset">
            <Button
              onClick={() => {
                form.resetFields();
                setSort(null);
                applyFilters(form.getFieldsValue(), true);
              }}
            >
              {t('actions.reset')}
            </Button>
          </Form.Item>
        </Form>
        {props.title ? null : toolbar}
      </Flex>

      <Table<T>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        {...props.tableProps}
        columns={tableColumns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        onChange={onTableChange}
        locale={error ? { emptyText: <Typography.Text type="danger">{errorText(error)}</Typography.Text> } : undefined}
        onRow={props.onRowClick ? (row) => ({ onClick: () => props.onRowClick?.(row), style: { cursor: 'pointer' } }) : undefined}
      />

      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {paging === 'pages'
            ? t('table.pageInfo', { page: current.index + 1, count: rows.length })
            : t('table.loaded', { count: rows.length })}
        </Typography.Text>
        {paging === 'pages' ? (
          <Space>
            <Button
              disabled={current.index === 0}
              onClick={() => setPages({ ...current, index: current.index - 1 })}
              data-testid="table-prev"
            >
              {t('table.prev')}
            </Button>
            <Button
              disabled={!nextCursor || single.isPlaceholderData}
              data-testid="table-next"
              onClick={() =>
                nextCursor &&
                setPages({ identity, cursors: [...current.cursors.slice(0, current.index + 1), nextCursor], index: current.index + 1 })
              }
            >
              {t('table.next')}
            </Button>
          </Space>
        ) : infinite.hasNextPage ? (
          <Button loading={infinite.isFetchingNextPage} onClick={() => void infinite.fetchNextPage()} data-testid="table-more">
            {t('table.loadMore')}
          </Button>
        ) : null}
      </Flex>
    </div>
  );
}
