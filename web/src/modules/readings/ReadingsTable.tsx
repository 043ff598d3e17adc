import { DatePicker, Form, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueryParams } from '../../app/api';
import { type QueryColumn, QueryTable, type QueryTableProps, SiteSelect, useRecord } from '../../components';
import { valueText } from './band';
import { InBandTag, PointSelect, useSiteTime, useSourceOptions } from './options';
import { POINTS, READINGS, type Reading, type ReadingPoint } from './types';

/** The list filters that may come from the URL (a measure's link, a point's page). */
export const READING_FILTERS = ['siteId', 'pointId', 'inBand', 'source'] as const;

/**
 * 读数记录 as a table (GET /readings): the list page and a point's page. With `pointId`
 * fixed the point column and filter are left out.
 */
export function ReadingsTable({
  pointId,
  initialFilters,
  ...props
}: { pointId?: string; initialFilters?: Record<string, string> } & Pick<QueryTableProps<Reading>, 'onImport' | 'title' | 'pageSize'>) {
  const { t } = useTranslation('readings');
  const siteTime = useSiteTime();
  const sourceOptions = useSourceOptions();
  const [days, setDays] = useState<[Dayjs, Dayjs] | null>(null);
  const filterPoint = useRecord<ReadingPoint>(POINTS, pointId ? null : initialFilters?.pointId);
  const params = useMemo<QueryParams>(
    () => ({
      pointId,
      // whole days in the browser's zone; a site's readings are read there too
      from: days ? days[0].startOf('day').toISOString() : undefined,
      to: days ? days[1].add(1, 'day').startOf('day').toISOString() : undefined,
    }),
    [pointId, days],
  );

  const columns: QueryColumn<Reading>[] = [
    { title: t('field.readAt'), dataIndex: 'readAt', sorter: true, render: (v: string, r) => siteTime(v, r.siteId) },
    ...(pointId
      ? []
      : [
          {
            title: t('field.point'),
            key: 'point',
            render: (_: unknown, r: Reading) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/readings/points/${r.pointId}`}>{r.pointName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.pointCode}
                </Typography.Text>
              </Space>
            ),
          },
        ]),
    {
      title: t('field.value'),
      dataIndex: 'value',
      align: 'right',
      render: (v: number, r) => (
        <Typography.Text type={r.inBand === false ? 'danger' : undefined} strong={r.inBand === false}>
          {valueText(v, r.unit)}
        </Typography.Text>
      ),
    },
    {
      title: t('field.inBand'),
      dataIndex: 'inBand',
      render: (v: boolean | null, r) => (
        <Space size={4} wrap>
          <InBandTag inBand={v} />
          {r.isRecheck ? <Tag color="blue">{t('reading.recheck')}</Tag> : null}
          {r.deviationId && !r.isRecheck ? (
            <Link to={`/readings/deviations?pointId=${r.pointId}`}>
              <Tag color="orange">{t('reading.deviation')}</Tag>
            </Link>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('field.consumption'),
      dataIndex: 'consumption',
      align: 'right',
      render: (v: number | null, r) => (v === null ? '—' : valueText(v, r.unit)),
    },
    { title: t('field.source'), dataIndex: 'source', render: (v: string) => t(`source.${v}`, { defaultValue: v }) },
    { title: t('field.readBy'), dataIndex: 'readByName', render: (v: string | null) => v ?? '—' },
    {
      title: t('field.note'),
      dataIndex: 'note',
      render: (v: string | null) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 260 }}>{v ?? '—'}</span>,
    },
  ];

  return (
    <QueryTable<Reading>
      resource={READINGS}
      columns={columns}
      params={params}
      initialFilters={initialFilters}
      defaultSort="-readAt"
      searchPlaceholder={t('readings.search')}
      {...props}
      filters={
        <>
          {pointId ? null : (
            <>
              <Form.Item name="siteId">
                <SiteSelect allowClear placeholder={t('field.site')} style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name="pointId">
                <PointSelect
                  placeholder={t('field.point')}
                  style={{ width: 180 }}
                  initialOptions={
                    filterPoint.data
                      ? [{ value: filterPoint.data.id, label: `${filterPoint.data.code} ${filterPoint.data.name}` }]
                      : undefined
                  }
                />
              </Form.Item>
            </>
          )}
          <Form.Item name="inBand">
            <Select
              allowClear
              placeholder={t('field.inBand')}
              style={{ width: 120 }}
              options={[
                { value: '1', label: t('band.in') },
                { value: '0', label: t('band.out') },
              ]}
            />
          </Form.Item>
          <Form.Item name="source">
            <Select allowClear placeholder={t('field.source')} style={{ width: 110 }} options={sourceOptions} />
          </Form.Item>
          {/* not a form field: the days become from/to instants (params) */}
          <Form.Item>
            <DatePicker.RangePicker
              value={days}
              inputReadOnly
              onChange={(v) => setDays(v?.[0] && v[1] ? [v[0], v[1]] : null)}
              placeholder={[t('readings.from'), t('readings.to')]}
              data-testid="readings-days"
            />
          </Form.Item>
        </>
      }
    />
  );
}
