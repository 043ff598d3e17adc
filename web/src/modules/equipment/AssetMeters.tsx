import { DashboardOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Table,
  Tag,
  Typography,
  theme,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MaintenancePlanDto, MeterReadingDto, MeterReadingInput } from '../../../../contracts/maintenance';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { applyFieldErrors, useErrorText, useInfiniteList, useInvalidate, useList } from '../../components';

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const amount = (v: number, unit: string | null) => (unit ? `${v} ${unit}` : String(v));

/** The latest reading of each meter among the readings (newest first), in the order the meters were last read. */
export function latestPerMeter(readings: readonly MeterReadingDto[]): MeterReadingDto[] {
  const seen = new Map<string, MeterReadingDto>();
  for (const r of readings) {
    const known = seen.get(r.meterName);
    if (!known || r.readAt > known.readAt) seen.set(r.meterName, r);
  }
  return [...seen.values()].sort((a, b) => b.readAt.localeCompare(a.readAt));
}

/**
 * 运行读数/保养 on an asset: the latest reading of each meter (运行小时, 公里…), the
 * readings so far, 登记读数 for those who record them, and the maintenance plans of the
 * asset with when each falls due (by date, or by the meter).
 */
export function AssetMeters({ asset }: { asset: { id: string; siteId: string } }) {
  const { t } = useTranslation('equipment');
  const can = useCan();
  const errorText = useErrorText();
  const [meter, setMeter] = useState<string | undefined>(undefined);
  const [recording, setRecording] = useState(false);
  const resource = `/assets/${asset.id}/meter-readings`;
  // the newest readings of every meter, for the latest values and the meter names
  const recent = useList<MeterReadingDto>(resource, { limit: 100 });
  const history = useInfiniteList<MeterReadingDto>(resource, { meterName: meter, limit: 20 });
  const plans = useList<MaintenancePlanDto>('/maintenance/plans', { assetId: asset.id, limit: 50 });
  const latest = latestPerMeter(recent.data?.items ?? []);
  const rows = history.data?.pages.flatMap((p) => p.items) ?? [];
  const planList = plans.data?.items ?? [];
  const mayRecord = can('maintenance:record', asset.siteId);
  const { token } = theme.useToken();
  const meterNames = [...new Set([...latest.map((r) => r.meterName), ...planList.flatMap((p) => (p.meterName ? [p.meterName] : []))])];

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <DashboardOutlined />
          {t('meters.title')}
        </Flex>
      }
      extra={
        mayRecord ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="meter-record">
            {t('meters.record')}
          </Button>
        ) : null
      }
      style={{ marginBottom: 16 }}
      data-testid="asset-meters"
    >
      {recent.error ? <Typography.Text type="danger">{errorText(recent.error)}</Typography.Text> : null}
      {latest.length ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {latest.map((r) => (
            <Col key={r.meterName} xs={12} sm={8}>
              <div
                style={{ padding: '8px 12px', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG }}
                data-testid="meter-latest"
              >
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.meterName}
                </Typography.Text>
                <div style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.3 }}>
                  {r.value}
                  {r.unit ? <span style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 4 }}>{r.unit}</span> : null}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {time(r.readAt)}
                </Typography.Text>
              </div>
            </Col>
          ))}
        </Row>
      ) : recent.isPending ? null : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meters.none')} style={{ marginBlock: 8 }} />
      )}

      <Typography.Title level={5} style={{ marginTop: 4 }}>
        {t('meters.plans')}
      </Typography.Title>
      {plans.error ? (
        <Typography.Text type="danger">{errorText(plans.error)}</Typography.Text>
      ) : (
        <div style={{ marginBottom: 12 }}>
          {planList.map((p) => (
            <PlanRow key={p.id} plan={p} />
          ))}
          {plans.isPending || planList.length ? null : <Typography.Text type="secondary">{t('meters.noPlans')}</Typography.Text>}
        </div>
      )}

      {latest.length || rows.length ? (
        <>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('meters.history')}
            </Typography.Title>
            {meterNames.length > 1 ? (
              <Select
                allowClear
                size="small"
                placeholder={t('meters.allMeters')}
                value={meter}
                onChange={setMeter}
                options={meterNames.map((m) => ({ value: m, label: m }))}
                style={{ width: 140 }}
              />
            ) : null}
          </Flex>
          <Table<MeterReadingDto>
            rowKey="id"
            size="small"
            pagination={false}
            loading={history.isFetching && !history.isFetchingNextPage}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('meters.readAt'), dataIndex: 'readAt', render: (v: string) => time(v) },
              { title: t('meters.meterName'), dataIndex: 'meterName' },
              { title: t('meters.value'), dataIndex: 'value', align: 'right', render: (v: number, r) => amount(v, r.unit) },
              { title: t('meters.readBy'), dataIndex: 'readByName', render: (v: string | null) => v ?? '—' },
              { title: t('meters.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
            ]}
          />
          {history.hasNextPage ? (
            <Button block type="link" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
              {t('common:table.loadMore')}
            </Button>
          ) : null}
        </>
      ) : null}

      <ReadingDialog open={recording} onClose={() => setRecording(false)} resource={resource} meters={latest} plans={planList} />
    </Card>
  );
}

/** A plan of the asset: its name (to the plan), and when it falls due — a date, or how far the meter has gone. */
function PlanRow({ plan }: { plan: MaintenancePlanDto }) {
  const { t } = useTranslation('equipment');
  const { token } = theme.useToken();
  const meter = plan.trigger === 'meter' && plan.meterInterval ? plan : null;
  const base = meter?.meterBaseline ?? 0;
  const next = meter ? base + (meter.meterInterval ?? 0) : null;
  const done = meter && meter.meterLatest !== null ? meter.meterLatest - base : null;
  const percent =
    meter && done !== null && meter.meterInterval ? Math.max(0, Math.min(100, Math.round((done / meter.meterInterval) * 100))) : 0;
  return (
    <div style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorSplit}` }} data-testid="asset-plan">
      <Flex justify="space-between" gap={8} wrap>
        <Link to={`/maintenance/plans/${plan.id}`}>{plan.name}</Link>
        {plan.active ? null : <Tag>{t('meters.planInactive')}</Tag>}
      </Flex>
      {meter ? (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('meters.meterPlan', {
              interval: amount(meter.meterInterval ?? 0, meter.meterUnit),
              meter: meter.meterName ?? '',
              next: next === null ? '—' : amount(next, meter.meterUnit),
              latest: meter.meterLatest === null ? '—' : amount(meter.meterLatest, meter.meterUnit),
            })}
          </Typography.Text>
          <Progress percent={percent} size="small" status={percent >= 100 ? 'exception' : 'normal'} />
        </>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('meters.nextDue', { time: time(plan.nextDueAt) })}
          {plan.lastDoneAt ? ` · ${t('meters.lastDone', { time: time(plan.lastDoneAt) })}` : ''}
        </Typography.Text>
      )}
    </div>
  );
}

interface ReadingValues {
  meterName: string;
  unit?: string;
  value: number;
  readAt: Dayjs;
  note?: string;
}

/** 登记读数: the meter (a known one, or a new name), its unit, the cumulative value, when it was read, a note. */
function ReadingDialog(props: {
  open: boolean;
  onClose: () => void;
  resource: string;
  meters: MeterReadingDto[];
  plans: MaintenancePlanDto[];
}) {
  const { t } = useTranslation('equipment');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<ReadingValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const meterName = Form.useWatch('meterName', form);
  const last = props.meters.find((m) => m.meterName === meterName?.trim());
  const names = [...new Set([...props.meters.map((m) => m.meterName), ...props.plans.flatMap((p) => (p.meterName ? [p.meterName] : []))])];
  const unitOf = (name: string) =>
    props.meters.find((m) => m.meterName === name)?.unit ?? props.plans.find((p) => p.meterName === name)?.meterUnit ?? undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the defaults each time it opens
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    const first = names[0];
    form.setFieldsValue({ meterName: first, unit: first ? unitOf(first) : undefined, readAt: dayjs() });
    setError(null);
  }, [props.open]);

  const save = async (v: ReadingValues) => {
    setBusy(true);
    setError(null);
    try {
      const body: MeterReadingInput = {
        meterName: v.meterName.trim(),
        unit: v.unit?.trim() ? v.unit.trim() : null,
        value: v.value,
        readAt: v.readAt ? v.readAt.toISOString() : null,
        note: v.note?.trim() ? v.note.trim() : null,
      };
      await api.post(props.resource, body);
      await invalidate(props.resource, '/maintenance/plans', '/audit');
      message.success(t('meters.recorded'));
      props.onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('meters.record')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.save')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'meter-save' } }}
      forceRender
    >
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} /> : null}
      <Form<ReadingValues> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={busy}>
        <Row gutter={12}>
          <Col xs={16}>
            <Form.Item
              name="meterName"
              label={t('meters.meterName')}
              rules={[
                { required: true, whitespace: true, message: t('meters.meterNameRequired') },
                { max: 50, message: t('meters.tooLong', { max: 50 }) },
              ]}
            >
              <AutoComplete
                options={names.map((n) => ({ value: n }))}
                placeholder={t('meters.meterNamePlaceholder')}
                onChange={(name: string) => {
                  const unit = unitOf(name);
                  if (unit) form.setFieldValue('unit', unit);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="unit" label={t('meters.unit')} rules={[{ max: 20, message: t('meters.tooLong', { max: 20 }) }]}>
              <Input placeholder="h" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="value"
          label={t('meters.value')}
          extra={last ? t('meters.lastValue', { value: amount(last.value, last.unit), time: time(last.readAt) }) : t('meters.cumulative')}
          rules={[
            { required: true, message: t('meters.valueRequired') },
            { type: 'number', min: 0, message: t('meters.valueNegative') },
          ]}
        >
          <InputNumber style={{ width: '100%' }} inputMode="decimal" min={0} size="large" />
        </Form.Item>
        <Form.Item
          name="readAt"
          label={t('meters.readAt')}
          rules={[
            { required: true, message: t('meters.readAtRequired') },
            {
              validator: (_r, v: Dayjs | null) =>
                v?.isAfter(dayjs().add(5, 'minute')) ? Promise.reject(new Error(t('meters.readAtFuture'))) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="note" label={t('meters.note')} rules={[{ max: 500, message: t('meters.tooLong', { max: 500 }) }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
