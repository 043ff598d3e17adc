import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useCan } from '../../app/auth';
import {
  applyFieldErrors,
  type QueryColumn,
  QueryTable,
  SiteSelect,
  StatusTag,
  useErrorText,
  useInvalidate,
  useRecord,
} from '../../components';
import { valueText } from './band';
import { DEVIATION_STYLES, PointSelect, useDeviationStatusOptions, useSiteTime } from './options';
import { DEVIATIONS, type Deviation, type DeviationCorrectInput, POINTS, READINGS, type ReadingPoint } from './types';

/** The list filters that may come from the URL (a measure's link, a point's page, the entry page). */
export const DEVIATION_FILTERS = ['siteId', 'status', 'pointId', 'overdue'] as const;

/** 纠偏: the corrective note that moves a deviation to 待复测 (POST /reading-deviations/:id/correct). */
export function CorrectDialog({ deviation, onClose }: { deviation: Deviation | null; onClose: () => void }) {
  const { t } = useTranslation('readings');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async ({ note }: { note: string }) => {
    if (!deviation) return;
    setSaving(true);
    setError(null);
    try {
      const body: DeviationCorrectInput = { note: note.trim(), version: deviation.version };
      await api.post(`${DEVIATIONS}/${deviation.id}/correct`, body);
      message.success(t('correct.done'));
      await invalidate(DEVIATIONS, POINTS, READINGS);
      onClose();
    } catch (err) {
      if (isApiError(err, 'STALE_VERSION')) await invalidate(DEVIATIONS);
      if (!applyFieldErrors(form, err)) setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={deviation !== null}
      title={t('correct.title', { number: deviation?.number ?? '' })}
      onCancel={onClose}
      okText={t('correct.submit')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      // cleared once closed, never on opening: what is typed while the dialog animates in is kept
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
    >
      {deviation ? (
        <Typography.Paragraph type="secondary">
          {t('correct.what', {
            point: deviation.pointName,
            value: valueText(deviation.value, deviation.unit),
            band: deviation.bandText ?? '—',
          })}
          {deviation.failedRechecks > 0 ? ` ${t('correct.failedBefore', { count: deviation.failedRechecks })}` : ''}
        </Typography.Paragraph>
      ) : null}
      {error ? (
        <Alert
          type={isApiError(error, 'STALE_VERSION') ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={isApiError(error, 'STALE_VERSION') ? t('common:form.stale') : errorText(error)}
          description={isApiError(error, 'STALE_VERSION') ? t('correct.staleHint') : undefined}
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={saving}>
        <Form.Item
          name="note"
          label={t('field.correctiveNote')}
          extra={t('correct.hint')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('field.correctiveNote') }) },
            { max: 1000, message: t('validation.max', { max: 1000 }) },
          ]}
        >
          <Input.TextArea rows={4} placeholder={t('correct.placeholder')} data-testid="correct-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 偏差 as a table (GET /reading-deviations): the list page and a point's page; 纠偏 opens
 * the corrective-note dialog, 录入复测 the phone entry for that point. Overdue re-checks are red.
 */
export function DeviationsTable({ pointId, initialFilters }: { pointId?: string; initialFilters?: Record<string, string> }) {
  const { t } = useTranslation('readings');
  const can = useCan();
  const siteTime = useSiteTime();
  const statusOptions = useDeviationStatusOptions();
  const [correcting, setCorrecting] = useState<Deviation | null>(null);
  const filterPoint = useRecord<ReadingPoint>(POINTS, pointId ? null : initialFilters?.pointId);

  const columns: QueryColumn<Deviation>[] = [
    {
      title: t('field.number'),
      dataIndex: 'number',
      sorter: true,
      render: (v: string) => <Typography.Text copyable={{ text: v }}>{v}</Typography.Text>,
    },
    ...(pointId
      ? []
      : [
          {
            title: t('field.point'),
            key: 'point',
            render: (_: unknown, r: Deviation) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/readings/points/${r.pointId}`}>{r.pointName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {`${r.pointCode} · ${r.siteName}`}
                </Typography.Text>
              </Space>
            ),
          },
        ]),
    {
      title: t('field.value'),
      dataIndex: 'value',
      render: (v: number, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text type="danger">{valueText(v, r.unit)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('deviation.band', { band: r.bandText ?? '—' })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('field.openedAt'),
      dataIndex: 'openedAt',
      sorter: true,
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{siteTime(v, r.siteId)}</span>
          {r.overdue ? (
            <Typography.Text type="danger" strong style={{ fontSize: 12 }} data-testid={`deviation-overdue-${r.number}`}>
              {t('deviation.dueOverdue', { at: siteTime(r.recheckDueAt, r.siteId) })}
            </Typography.Text>
          ) : r.status === 'corrected' ? null : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('deviation.due', { at: siteTime(r.recheckDueAt, r.siteId) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common:status.label'),
      dataIndex: 'status',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <StatusTag status={v} map={DEVIATION_STYLES} />
          {r.failedRechecks > 0 ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('deviation.failedRechecks', { count: r.failedRechecks })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('deviation.handling'),
      key: 'handling',
      render: (_, r) =>
        r.correctiveNote ? (
          <Space orientation="vertical" size={0} style={{ maxWidth: 280, whiteSpace: 'normal' }}>
            <span>{r.correctiveNote}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.correctedByName ?? ''}
              {r.recheckValue !== null ? (
                <Typography.Text type="success" style={{ fontSize: 12 }}>
                  {` · ${t('deviation.rechecked', { value: valueText(r.recheckValue, r.unit), at: siteTime(r.closedAt, r.siteId) })}`}
                </Typography.Text>
              ) : null}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('common:table.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) =>
        r.status === 'corrected' || !can('readings:record', r.siteId) ? null : (
          <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
            {r.status === 'open' ? (
              <Button size="small" type="primary" onClick={() => setCorrecting(r)} data-testid={`deviation-correct-${r.number}`}>
                {t('deviation.correct')}
              </Button>
            ) : null}
            <Link to={`/readings/entry?pointId=${r.pointId}`} data-testid={`deviation-recheck-${r.number}`}>
              <Button size="small">{t('deviation.recordRecheck')}</Button>
            </Link>
          </Space>
        ),
    },
  ];

  return (
    <>
      <QueryTable<Deviation>
        resource={DEVIATIONS}
        columns={columns}
        params={pointId ? { pointId } : undefined}
        initialFilters={initialFilters}
        defaultSort="-openedAt"
        searchPlaceholder={t('deviations.search')}
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
            <Form.Item name="status">
              <Select allowClear placeholder={t('common:status.label')} style={{ width: 120 }} options={statusOptions} />
            </Form.Item>
            <Form.Item name="overdue">
              <Select
                allowClear
                placeholder={t('deviation.overdueFilter')}
                style={{ width: 130 }}
                options={[{ value: '1', label: t('deviation.overdueOnly') }]}
              />
            </Form.Item>
          </>
        }
      />
      <CorrectDialog deviation={correcting} onClose={() => setCorrecting(null)} />
    </>
  );
}
