import { EditOutlined, FormOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, useInvalidate, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { recurrenceNotes, recurrenceText, textLang } from '../../components/recurrenceText';
import { formatInZone } from '../maintenance/format';
import { valueText } from './band';
import { DeviationsTable } from './DeviationsTable';
import { type EntryResult, PointEntryCard, useSendReadings } from './EntryFields';
import { draftIssues, EMPTY_DRAFT, needsNote, targetText } from './entry';
import { InBandTag, PointActiveSwitch } from './options';
import { PointDrawer } from './PointDrawer';
import { ReadingChart } from './ReadingChart';
import { ReadingsTable } from './ReadingsTable';
import { DEVIATIONS, POINTS, READINGS, type ReadingPoint } from './types';

/** Audit diffs name stored columns; the history shows them as the form does. */
const HISTORY_FIELDS: Record<string, string> = {
  code: 'field.code',
  name: 'field.name',
  site_id: 'field.site',
  target_type: 'field.targetType',
  target_id: 'field.target',
  kind: 'field.kind',
  quantity: 'field.quantity',
  unit: 'field.unit',
  meter_kind: 'field.meterKind',
  target: 'field.targetValue',
  tolerance: 'field.tolerance',
  min: 'field.min',
  max: 'field.max',
  recurrence: 'field.recurrence',
  window_minutes: 'field.windowMinutes',
  recheck_minutes: 'field.recheckMinutes',
  patrol_plan_id: 'field.route',
  active: 'field.active',
};

/** 快速录入: one reading of this point from the desk, at a chosen time (default now). */
function QuickEntry({ point, timeZone }: { point: ReadingPoint; timeZone: string }) {
  const { t } = useTranslation('readings');
  const { modal } = App.useApp();
  const invalidate = useInvalidate();
  const send = useSendReadings();
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [readAt, setReadAt] = useState<Dayjs | null>(null);
  const [result, setResult] = useState<EntryResult | undefined>();
  const [busy, setBusy] = useState(false);
  const issues = draftIssues(point, draft);
  const blocked = draft.value === null || Boolean(issues.value || issues.note) || busy;

  const submit = async () => {
    if (draft.value === null) return;
    const value = draft.value;
    const run = async () => {
      setBusy(true);
      try {
        const answers = await send([
          { point, body: { value, note: draft.note.trim() || null, readAt: readAt ? readAt.toISOString() : null } },
        ]);
        const answer = answers[point.id];
        setResult(answer);
        if (answer?.saved) {
          setDraft(EMPTY_DRAFT);
          setReadAt(null);
          await invalidate(POINTS, READINGS, DEVIATIONS);
        }
      } finally {
        setBusy(false);
      }
    };
    if (needsNote(point, value)) {
      modal.confirm({
        title: t('entry.confirmTitle'),
        content: t('entry.confirmOne', { value: valueText(value, point.unit), band: point.bandText ?? '' }),
        okText: t('entry.confirmOk'),
        onOk: run,
      });
    } else {
      await run();
    }
  };

  return (
    <PointEntryCard
      point={point}
      draft={draft}
      onChange={(d) => {
        setDraft(d);
        setResult(undefined);
      }}
      result={result}
      disabled={busy}
      extra={
        <Flex gap={8} wrap align="center">
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={readAt}
            onChange={setReadAt}
            placeholder={t('entry.readAtNow', { zone: timeZone })}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            size="small"
            style={{ width: 170 }}
            data-testid="quick-read-at"
          />
          <Button type="primary" size="small" loading={busy} disabled={blocked} onClick={() => void submit()} data-testid="quick-submit">
            {t('entry.submitOne')}
          </Button>
        </Flex>
      }
    />
  );
}

/** 读数点详情: the point, its chart with the band, a quick entry, its readings and deviations, and its history. */
export default function PointDetailPage() {
  const { t, i18n } = useTranslation('readings');
  const lang = textLang(i18n.language);
  const { id } = useParams<{ id: string }>();
  const record = useRecord<ReadingPoint>(POINTS, id);
  const p = record.data;
  const me = useMe();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const manage = p ? can('readings:manage', p.siteId) : false;
  const recordable = p ? can('readings:record', p.siteId) : false;
  const zone = (p && me.sites.find((s) => s.id === p.siteId)?.timezone) || 'Asia/Shanghai';

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      switch (field) {
        case 'kind':
          return t(`kind.${String(value)}`, { defaultValue: String(value) });
        case 'meter_kind':
          return value ? t(`meterKind.${String(value)}`, { defaultValue: String(value) }) : undefined;
        case 'target_type':
          return t(`targetType.${String(value)}`, { defaultValue: String(value) });
        case 'site_id':
          return me.sites.find((s) => s.id === value)?.name;
        case 'target_id':
          return value && value === p?.targetId ? p.targetName : undefined;
        case 'patrol_plan_id':
          return value && value === p?.patrolPlanId ? (p.patrolPlanName ?? undefined) : undefined;
        case 'recurrence':
          try {
            const rule = typeof value === 'string' ? JSON.parse(value) : value;
            return rule && typeof rule === 'object' ? recurrenceText(rule, lang) : undefined;
          } catch {
            return undefined;
          }
        default:
          return undefined;
      }
    },
    [t, me.sites, p, lang],
  );

  const items = p
    ? [
        { key: 'code', label: t('field.code'), children: <Typography.Text copyable>{p.code}</Typography.Text> },
        { key: 'site', label: t('field.site'), children: p.siteName },
        {
          key: 'target',
          label: t('field.target'),
          children: p.targetType === 'asset' ? <Link to={`/equipment/assets/${p.targetId}`}>{targetText(p)}</Link> : targetText(p),
        },
        {
          key: 'kind',
          label: t('field.kind'),
          children: (
            <Space size={4} wrap>
              <span>{t(`kind.${p.kind}`)}</span>
              {p.meterKind ? <Tag>{t(`meterKind.${p.meterKind}`)}</Tag> : null}
              <Typography.Text type="secondary">{[p.quantity, p.unit].filter(Boolean).join(' · ')}</Typography.Text>
            </Space>
          ),
        },
        {
          key: 'band',
          label: t('field.band'),
          children: p.bandText ? (
            <Tag color="green">{p.bandText}</Tag>
          ) : (
            <Typography.Text type="secondary">{t('point.noBand')}</Typography.Text>
          ),
        },
        {
          key: 'last',
          label: t('field.lastValue'),
          children: p.lastReadAt ? (
            <Space size={4} wrap>
              <span>{valueText(p.lastValue, p.unit)}</span>
              <InBandTag inBand={p.lastInBand} />
              <Typography.Text type="secondary">{formatInZone(p.lastReadAt, zone)}</Typography.Text>
            </Space>
          ) : (
            '—'
          ),
        },
        {
          key: 'schedule',
          label: t('field.schedule'),
          span: 'filled' as const,
          children: p.recurrence ? (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong data-testid="point-schedule">
                {recurrenceText(p.recurrence, lang)}
              </Typography.Text>
              <Typography.Text type="secondary">{recurrenceNotes(p.recurrence, lang).join(lang === 'zh' ? '；' : '; ')}</Typography.Text>
            </Space>
          ) : (
            t('point.unscheduled')
          ),
        },
        { key: 'next', label: t('field.nextDueAt'), children: formatInZone(p.nextDueAt, zone) },
        { key: 'window', label: t('field.windowMinutes'), children: t('point.minutes', { n: p.windowMinutes }) },
        { key: 'recheck', label: t('field.recheckMinutes'), children: t('point.minutes', { n: p.recheckMinutes }) },
        ...(p.patrolPlanName ? [{ key: 'route', label: t('field.route'), children: p.patrolPlanName }] : []),
        {
          key: 'deviations',
          label: t('field.openDeviations'),
          children: p.openDeviations ? <Tag color="error">{p.openDeviations}</Tag> : '0',
        },
      ]
    : [];

  return (
    <DetailPage
      title={p ? p.name : t('point.title')}
      subtitle={p ? `${p.siteName} · ${p.code}` : undefined}
      backTo="/readings/points"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        p ? (
          <Space wrap>
            {recordable && p.active ? (
              <Link to={`/readings/entry?pointId=${p.id}`}>
                <Button icon={<FormOutlined />}>{t('menu.entry')}</Button>
              </Link>
            ) : null}
            {manage ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="point-edit">
                {t('common:actions.edit')}
              </Button>
            ) : null}
            <Space size={4}>
              <Typography.Text type="secondary">{t('field.active')}</Typography.Text>
              <PointActiveSwitch point={p} disabled={!manage} onDone={() => void record.refetch()} />
            </Space>
          </Space>
        ) : null
      }
      items={items}
      history={
        p ? (
          <HistoryPanel entity="reading_point" entityId={p.id} version={p.version} fieldLabel={fieldLabel} valueLabel={valueLabel} />
        ) : null
      }
    >
      {p ? (
        <>
          <ReadingChart point={p} timeZone={zone} />
          {recordable && p.active ? (
            <div style={{ marginBottom: 16 }}>
              <Typography.Title level={5}>{t('point.quickEntry')}</Typography.Title>
              <QuickEntry point={p} timeZone={zone} />
            </div>
          ) : null}
          <Card
            title={t('point.readings')}
            size="small"
            style={{ marginBottom: 16 }}
            styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}
          >
            <ReadingsTable pointId={p.id} pageSize={10} />
          </Card>
          <Card title={t('point.deviations')} size="small" styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}>
            <DeviationsTable pointId={p.id} />
          </Card>
          <PointDrawer open={editing} onClose={() => setEditing(false)} record={p} onSaved={() => void record.refetch()} />
        </>
      ) : null}
    </DetailPage>
  );
}
