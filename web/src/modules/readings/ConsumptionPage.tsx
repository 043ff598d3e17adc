import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Form, Radio, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, useErrorText } from '../../components';
import { PeriodFields, usePeriodChoice } from '../repairstats/PeriodFields';
import { numberText } from './band';
import {
  type ConsumptionGroup,
  type ConsumptionTableRow,
  consumptionChartOption,
  consumptionGroups,
  consumptionTable,
  groupKey,
} from './chart';
import { CONSUMPTION, type ConsumptionRow, METER_KINDS } from './types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Granularity = 'day' | 'month';

/** One meter kind: its total and the stacked bars of its sites per period. */
function GroupChart({ group }: { group: ConsumptionGroup }) {
  const { t } = useTranslation('readings');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el);
    chart.setOption(consumptionChartOption(group));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [group]);
  return (
    <Card
      size="small"
      title={t(`meterKind.${group.meterKind}`)}
      extra={<Statistic value={numberText(group.total)} suffix={group.unit} styles={{ content: { fontSize: 16 } }} />}
    >
      <div ref={ref} style={{ width: '100%', height: 260 }} data-testid={`consumption-chart-${group.meterKind}`} />
    </Card>
  );
}

/** 能耗: what the cumulative meters (electricity, water, gas…) used per day or month, per site, for a period. */
export default function ConsumptionPage() {
  const { t } = useTranslation('readings');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe();
  const can = useCan();
  const selectedSite = useSelectedSite();
  const choice = usePeriodChoice();
  const { period, waiting } = choice;
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [exporting, setExporting] = useState(false);
  const sites = me.sites.filter((s) => can('readings:read', s.id));
  const params = { siteId: siteIds.length ? siteIds : undefined, from: period.from, to: period.to, granularity };

  const query = useQuery({
    queryKey: [CONSUMPTION, 'record', params, selectedSite],
    queryFn: ({ signal }) => api.get<ConsumptionRow[]>(CONSUMPTION, params, signal),
    enabled: !waiting,
  });
  const rows = query.data;
  const groups = useMemo(() => consumptionGroups(rows ?? [], METER_KINDS), [rows]);
  const table = useMemo(() => consumptionTable(rows ?? []), [rows]);

  const columns: ColumnsType<ConsumptionTableRow> = [
    { title: t(granularity === 'day' ? 'consumption.day' : 'consumption.month'), dataIndex: 'period', fixed: 'left' },
    { title: t('field.site'), dataIndex: 'siteName' },
    ...groups.map((g) => ({
      title: `${t(`meterKind.${g.meterKind}`)}${g.unit ? `（${g.unit}）` : ''}`,
      key: groupKey(g),
      align: 'right' as const,
      render: (_: unknown, r: ConsumptionTableRow) => {
        const v = r.values[groupKey(g)];
        return v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
      },
    })),
  ];

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download(CONSUMPTION, { ...params, format: 'xlsx' }, 'consumption.xlsx');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageContainer
      title={t('consumption.title')}
      subtitle={t('consumption.subtitle', {
        from: dayjs(period.from).format('YYYY-MM-DD'),
        to: dayjs(period.to).subtract(1, 'day').format('YYYY-MM-DD'),
      })}
      card={false}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} disabled={waiting}>
            {t('common:actions.refresh')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={waiting}
            onClick={() => void exportXlsx()}
            data-testid="consumption-export"
          >
            {t('common:actions.exportExcel')}
          </Button>
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={[12, 0]}>
            <PeriodFields choice={choice} />
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('field.site')} style={{ marginBottom: 8 }}>
                <Select<string[]>
                  mode="multiple"
                  allowClear
                  maxTagCount="responsive"
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('consumption.allSites')}
                  value={siteIds}
                  onChange={setSiteIds}
                  options={sites.map((s) => ({ value: s.id, label: s.name }))}
                  data-testid="consumption-site"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={4}>
              <Form.Item label={t('consumption.granularity')} style={{ marginBottom: 8 }}>
                <Radio.Group
                  optionType="button"
                  value={granularity}
                  onChange={(e) => setGranularity(e.target.value)}
                  options={[
                    { value: 'day', label: t('consumption.byDay') },
                    { value: 'month', label: t('consumption.byMonth') },
                  ]}
                  data-testid="consumption-granularity"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      {waiting ? (
        <Card>
          <Typography.Text type="secondary">{t('repairstats:filters.rangeRequired')}</Typography.Text>
        </Card>
      ) : query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : query.error ? (
        <Card>
          <LoadError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : groups.length === 0 ? (
        <Card>
          <Empty description={t('consumption.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {groups.map((g) => (
              <Col key={groupKey(g)} xs={24} lg={groups.length > 1 ? 12 : 24}>
                <GroupChart group={g} />
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('consumption.table')} styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}>
            <Table<ConsumptionTableRow>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={table}
              pagination={table.length > 40 ? { pageSize: 40, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>{t('consumption.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  {groups.map((g, i) => (
                    <Table.Summary.Cell key={groupKey(g)} index={i + 2} align="right">
                      <Typography.Text strong>{g.total.toLocaleString('zh-CN', { maximumFractionDigits: 3 })}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Flex>
      )}
    </PageContainer>
  );
}
