import { CheckCircleFilled, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Form, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, isApiError, type QueryParams } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { PageContainer, useErrorText, useInvalidate, useList } from '../../components';
import { valueText } from './band';
import { PointValueInput } from './EntryFields';
import { type Draft, draftIssues, EMPTY_DRAFT, filledLines, lineErrors, needsNote, type RowErrors, targetText } from './entry';
import { RouteSelect, useSiteTime } from './options';
import { type BulkReadingsInput, type BulkReadingsResult, DEVIATIONS, POINTS, READINGS, type Reading, type ReadingPoint } from './types';

const MAX_ROWS = 200;

/**
 * 批量录入: all points of a site (or of one route) in a table, a value column and one read
 * time for all, sent at once (POST /readings/bulk, all or nothing); the server's line errors
 * (`lines.3.value`) land on their rows.
 */
export default function BulkPage() {
  const { t } = useTranslation('readings');
  const { message, modal } = App.useApp();
  const me = useMe();
  const can = useCan();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const siteTime = useSiteTime();
  const [search, setSearch] = useSearchParams();
  const sites = me.sites.filter((s) => can('readings:record', s.id));
  const siteId = search.get('siteId') ?? (sites.length === 1 ? sites[0]?.id : undefined);
  const patrolPlanId = search.get('patrolPlanId') ?? undefined;
  const [readAt, setReadAt] = useState<Dayjs | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, RowErrors>>({});
  const [formError, setFormError] = useState<{ readAt?: string; general?: unknown }>({});
  const [saved, setSaved] = useState<Record<string, Reading>>({});
  const [busy, setBusy] = useState(false);

  const params = useMemo<QueryParams>(() => ({ siteId, patrolPlanId, active: '1', limit: MAX_ROWS }), [siteId, patrolPlanId]);
  const list = useList<ReadingPoint>(POINTS, params, { enabled: Boolean(siteId) });
  const points = siteId ? (list.data?.items ?? []) : [];
  const lines = filledLines(points, drafts);

  const choose = (next: { siteId?: string; patrolPlanId?: string }) => {
    const q = new URLSearchParams();
    if (next.siteId) q.set('siteId', next.siteId);
    if (next.patrolPlanId) q.set('patrolPlanId', next.patrolPlanId);
    setSearch(q);
    setDrafts({});
    setRowErrors({});
    setSaved({});
    setFormError({});
  };

  const setDraft = (id: string, d: Draft) => {
    setDrafts((prev) => ({ ...prev, [id]: d }));
    setRowErrors((prev) => {
      if (!prev[id]) return prev;
      const { [id]: _gone, ...rest } = prev;
      return rest;
    });
  };

  const submit = async () => {
    const byId = new Map(points.map((p) => [p.id, p]));
    const blocked = lines.filter((l) => {
      const issues = draftIssues(byId.get(l.pointId) as ReadingPoint, { value: l.value, note: l.note ?? '' });
      return issues.value || issues.note;
    });
    if (blocked.length) {
      message.warning(t('entry.fixFirst', { names: blocked.map((l) => byId.get(l.pointId)?.name).join('、') }));
      return;
    }
    if (readAt?.isAfter(dayjs())) {
      setFormError({ readAt: t('bulk.future') });
      return;
    }
    const run = async () => {
      setBusy(true);
      setFormError({});
      setRowErrors({});
      try {
        const body: BulkReadingsInput = { readAt: readAt ? readAt.toISOString() : null, lines };
        const { items: readings } = await api.post<BulkReadingsResult>(`${READINGS}/bulk`, body);
        setSaved(Object.fromEntries(readings.map((r) => [r.pointId, r])));
        setDrafts({});
        const out = readings.filter((r) => r.inBand === false).length;
        message.success(out ? t('bulk.savedWithDeviations', { count: readings.length, out }) : t('bulk.saved', { count: readings.length }));
        await invalidate(POINTS, READINGS, DEVIATIONS);
      } catch (err) {
        if (isApiError(err) && err.fields.length) {
          const { rows, other } = lineErrors(lines, err.fields);
          setRowErrors(rows);
          const readAtError = other.find((f) => f.field.replace(/^\//, '') === 'readAt')?.message;
          const rest = other.filter((f) => f.field.replace(/^\//, '') !== 'readAt');
          setFormError({ readAt: readAtError, general: rest.length ? err : undefined });
          message.error(t('bulk.failed'));
        } else {
          setFormError({ general: err });
        }
      } finally {
        setBusy(false);
      }
    };
    const out = lines.filter((l) => needsNote(byId.get(l.pointId) as ReadingPoint, l.value));
    if (out.length) {
      modal.confirm({
        title: t('entry.confirmTitle'),
        content: t('entry.confirmMany', { count: out.length }),
        okText: t('entry.confirmOk'),
        onOk: run,
      });
    } else {
      await run();
    }
  };

  const columns: ColumnsType<ReadingPoint> = [
    {
      title: t('field.point'),
      key: 'point',
      render: (_, p) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 240, whiteSpace: 'normal' }}>
          <Link to={`/readings/points/${p.id}`}>{p.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[p.code, targetText(p)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('field.band'), dataIndex: 'bandText', render: (v: string | null) => v ?? '—' },
    {
      title: t('field.lastValue'),
      key: 'last',
      render: (_, p) =>
        p.lastReadAt ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text type={p.lastInBand === false ? 'danger' : undefined}>{valueText(p.lastValue, p.unit)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {siteTime(p.lastReadAt, p.siteId)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('field.value'),
      key: 'value',
      render: (_, p) =>
        saved[p.id] ? (
          <Space size={4} data-testid={`bulk-saved-${p.code}`}>
            <CheckCircleFilled style={{ color: saved[p.id]?.inBand === false ? '#fa8c16' : '#52c41a' }} />
            <span>{valueText(saved[p.id]?.value, p.unit)}</span>
          </Space>
        ) : (
          <PointValueInput
            point={p}
            draft={drafts[p.id] ?? EMPTY_DRAFT}
            onChange={(d) => setDraft(p.id, d)}
            errors={rowErrors[p.id]}
            disabled={busy}
            compact
          />
        ),
    },
  ];

  return (
    <PageContainer title={t('bulk.title')} subtitle={t('bulk.subtitle')} card={false}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div">
          <Row gutter={[12, 0]}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('field.site')} style={{ marginBottom: 8 }}>
                <Select<string>
                  showSearch={{ optionFilterProp: 'label' }}
                  value={siteId}
                  onChange={(v) => choose({ siteId: v })}
                  options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
                  placeholder={t('entry.sitePlaceholder')}
                  data-testid="bulk-site"
                />
              </Form.Item>
            </Col>
            {/* routes are patrol plans: only for people who may see them */}
            {can('patrols:read') ? (
              <Col xs={24} sm={12} md={8}>
                <Form.Item label={t('field.route')} style={{ marginBottom: 8 }}>
                  <RouteSelect
                    siteId={siteId}
                    points={list.data ? points : undefined}
                    value={patrolPlanId}
                    onChange={(v) => choose({ siteId, patrolPlanId: typeof v === 'string' ? v : undefined })}
                    placeholder={t('entry.allRoutes')}
                    style={{ width: '100%' }}
                    data-testid="bulk-route"
                  />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} sm={12} md={6}>
              <Form.Item
                label={t('field.readAt')}
                style={{ marginBottom: 8 }}
                validateStatus={formError.readAt ? 'error' : undefined}
                help={formError.readAt ?? t('bulk.readAtHint')}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  value={readAt}
                  onChange={(v) => {
                    setReadAt(v);
                    setFormError((e) => ({ ...e, readAt: undefined }));
                  }}
                  placeholder={t('bulk.now')}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="bulk-read-at"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <Card size="small" styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}>
        {formError.general ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(formError.general)} /> : null}
        {list.data?.nextCursor ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('bulk.tooMany', { count: MAX_ROWS })} />
        ) : null}
        {!siteId ? (
          <Empty description={t('bulk.chooseSite')} />
        ) : (
          <Table<ReadingPoint>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={points}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={
              list.error
                ? { emptyText: <Typography.Text type="danger">{errorText(list.error)}</Typography.Text> }
                : { emptyText: t('entry.noPoints') }
            }
          />
        )}
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('bulk.filled', { count: lines.length, total: points.length })}</Typography.Text>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy}
            disabled={lines.length === 0}
            onClick={() => void submit()}
            data-testid="bulk-submit"
          >
            {t('bulk.submit', { count: lines.length })}
          </Button>
        </Flex>
      </Card>
    </PageContainer>
  );
}
