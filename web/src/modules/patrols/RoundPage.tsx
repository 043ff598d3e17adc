import { CheckCircleOutlined, PlayCircleOutlined, ScanOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Grid, Progress, Row, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, PageLoading, recordKey, useErrorText, useInvalidate, useRecord } from '../../components';
import { type AuditEntry, HistoryPanel } from '../../components/HistoryPanel';
import { FindingsList } from '../hazards/FindingsTable';
import { formatInZone } from '../maintenance/format';
import { isOpenRound, newlyChecked, nextPoint, pendingCount, roundTiming, routeProgress } from './logic';
import { KindTag, LevelTag, RoundStatusTags, usePatrolLevels } from './options';
import { PointPanel } from './PointPanel';
import { ReasonDialog } from './ReasonDialog';
import { RoundRoute } from './RoundRoute';
import { RoundSummary } from './RoundSummary';
import { ScanDialog } from './ScanDialog';
import {
  type CheckInInput,
  FINDINGS,
  ROUND_ENTITY,
  ROUNDS,
  type Round,
  type RoundFinishInput,
  type RoundPoint,
  type RoundPointSkipInput,
  type RoundStartInput,
} from './types';

type Dialog = 'scan' | 'manual' | 'skip' | 'finish' | null;

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const isRound = (v: unknown): v is Round => typeof v === 'object' && v !== null && Array.isArray((v as Round).points);

/** Audit diffs name stored columns; the history shows them as the page does. */
const HISTORY_FIELDS: Record<string, string> = {
  number: 'round.number',
  plan_id: 'round.plan',
  site_id: 'field.site',
  level: 'field.level',
  kind: 'field.kind',
  due_at: 'round.dueAt',
  window_end_at: 'round.windowEndAt',
  assignee_type: 'field.assigneeType',
  assignee_id: 'field.assignee',
  assignee_role: 'field.role',
  assignee_name: 'round.assigneeName',
  supervisor_id: 'field.supervisor',
  points: 'field.points',
  late: 'history.late',
  skipped: 'history.skipped',
  status: 'field.status',
  started_at: 'round.startedAt',
  finished_at: 'round.finishedAt',
  done_by: 'round.doneBy',
  note: 'round.note',
  checked_in_at: 'point.checkedInAt',
  skip_reason: 'point.skipReason',
  // the points' check-ins and skips and their checklists are part of the round's history
  check_in_reason: 'point.manualReason',
  out_of_order: 'point.outOfOrder',
  round_id: 'round.number',
  checklist_result_id: 'route.checklist',
  checked_in_by: 'round.doneBy',
  filled_by: 'round.doneBy',
};

/**
 * 巡检 on a phone (375 px first, also the record's detail page at 1280): start the round,
 * 扫码签到 at each point (camera or typed code) which opens that point, 手动签到 or 跳过
 * with a reason, the point's checklist with photos, the round's findings with their
 * handling, 完成巡检 with a note, then the summary. Read-only once it is over.
 */
export default function RoundPage() {
  const { t } = useTranslation('patrols');
  const { id } = useParams<{ id: string }>();
  const [search, setSearch] = useSearchParams();
  const record = useRecord<Round>(ROUNDS, id);
  const r = record.data;
  const me = useMe();
  const can = useCan();
  const site = useSelectedSite();
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const wide = Boolean(screens.lg);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<'start' | null>(null);
  const levels = usePatrolLevels();

  if (record.error) return <LoadError error={record.error} onRetry={() => void record.refetch()} />;
  if (!r || !id) return <PageLoading />;

  const zone = me.sites.find((s) => s.id === r.siteId)?.timezone;
  const open = isOpenRound(r.status);
  const canAct = r.canDo && r.status === 'in_progress';
  const points = [...r.points].sort((a, b) => a.seq - b.seq);
  const selected = points.find((p) => p.id === search.get('point')) ?? null;
  const next = open ? nextPoint(points) : null;
  const progress = routeProgress(points);
  const timing = roundTiming(r, new Date());
  // the round's findings come from its points' checklists; none yet, no list
  const showFindings = can('hazards:read', r.siteId) && r.findingsCount > 0;

  // a point is opened through the URL, so the phone's back button returns to the route
  const openPoint = (pointId: string | null) => setSearch(pointId ? { point: pointId } : {});

  /** the round as a step answered it (or as stored now, when the answer is not the round) */
  const settle = async (answer: unknown): Promise<Round | undefined> => {
    let fresh: Round | undefined;
    if (isRound(answer)) {
      client.setQueryData(recordKey(ROUNDS, id, site), answer);
      fresh = answer;
    } else {
      fresh = (await record.refetch()).data;
    }
    await invalidate(ROUNDS, FINDINGS, '/audit');
    return fresh;
  };

  const staleOr = async (err: unknown) => {
    if (isApiError(err, 'STALE_VERSION') || isApiError(err, 'ILLEGAL_TRANSITION')) await record.refetch();
  };

  const start = async () => {
    setBusy('start');
    try {
      await settle(await api.post<Round>(`${ROUNDS}/${id}/start`, { version: r.version } satisfies RoundStartInput));
      message.success(t('round.started'));
    } catch (err) {
      message.error(isApiError(err, 'STALE_VERSION') ? t('common:form.stale') : errorText(err));
      await staleOr(err);
    } finally {
      setBusy(null);
    }
  };

  const checkIn = async (body: Omit<CheckInInput, 'version'>) => {
    const before = r.points;
    let answer: Round;
    try {
      answer = await api.post<Round>(`${ROUNDS}/${id}/check-in`, { ...body, version: r.version } satisfies CheckInInput);
    } catch (err) {
      if (!isApiError(err, 'STALE_VERSION')) throw err;
      // a teammate's step in between: the point decides, so scan again against the round as it is now
      const latest = (await record.refetch()).data;
      if (!latest) throw err;
      answer = await api.post<Round>(`${ROUNDS}/${id}/check-in`, { ...body, version: latest.version } satisfies CheckInInput);
    }
    const fresh = await settle(answer);
    const checked = fresh ? newlyChecked(before, fresh.points) : null;
    const point = fresh?.points.find((p) => p.id === checked);
    if (checked && point) {
      message.success(
        point.outOfOrder ? t('scan.checkedOutOfOrder', { name: point.targetName }) : t('scan.checked', { name: point.targetName }),
      );
      openPoint(checked);
    } else message.info(t('scan.already'));
  };

  const skip = async (point: RoundPoint, reason: string | null) => {
    try {
      await settle(
        await api.post<Round>(`${ROUNDS}/${id}/points/${point.id}/skip`, {
          reason: reason ?? '',
          version: r.version,
        } satisfies RoundPointSkipInput),
      );
    } catch (err) {
      await staleOr(err);
      throw err;
    }
    message.success(t('point.skipped', { name: point.targetName }));
    // nothing more to do at a skipped point: back to the route for the next one
    openPoint(null);
  };

  const finish = async (note: string | null) => {
    try {
      await settle(await api.post<Round>(`${ROUNDS}/${id}/finish`, { note, version: r.version } satisfies RoundFinishInput));
    } catch (err) {
      await staleOr(err);
      throw err;
    }
    message.success(t('round.finished'));
    openPoint(null);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const actions: ReactNode = r.canDo ? (
    r.status === 'pending' ? (
      <Button
        type="primary"
        size="large"
        block
        icon={<PlayCircleOutlined />}
        loading={busy === 'start'}
        onClick={() => void start()}
        data-testid="round-start"
      >
        {t('round.start')}
      </Button>
    ) : r.status === 'in_progress' ? (
      <Flex vertical gap={8}>
        <Button
          type="primary"
          size="large"
          block
          icon={<ScanOutlined />}
          onClick={() => setDialog('scan')}
          style={{ height: 56, fontSize: 18 }}
          data-testid="round-scan"
        >
          {t('scan.action')}
        </Button>
        <Button size="large" block icon={<CheckCircleOutlined />} onClick={() => setDialog('finish')} data-testid="round-finish">
          {t('round.finish')}
        </Button>
      </Flex>
    ) : null
  ) : null;

  const timingTag =
    timing === 'late' ? (
      <Tag color="red">{t('timing.late')}</Tag>
    ) : timing === 'due' ? (
      <Tag color="orange">{t('timing.due')}</Tag>
    ) : timing === 'upcoming' ? (
      <Tag>{t('timing.upcoming')}</Tag>
    ) : null;

  const header = (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 'clamp(10px, 3vw, 16px)' } }} data-testid="round-header">
      <Flex gap={4} wrap style={{ marginBottom: 8 }}>
        <RoundStatusTags round={r} />
        <LevelTag level={r.level} />
        <KindTag kind={r.kind} />
        {timingTag}
      </Flex>
      <Descriptions
        size="small"
        column={wide ? 3 : 1}
        items={[
          {
            key: 'due',
            label: t('round.dueAt'),
            children: `${formatInZone(r.dueAt, zone)} – ${formatInZone(r.windowEndAt, zone).slice(11)}`,
          },
          { key: 'assignee', label: t('field.assignee'), children: r.assigneeName },
          ...(r.startedAt ? [{ key: 'started', label: t('round.startedAt'), children: formatInZone(r.startedAt, zone) }] : []),
        ]}
      />
      <div style={{ margin: '8px 0' }}>
        <Progress percent={progress.percent} size="small" showInfo={false} status={open ? 'active' : 'normal'} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="round-progress">
          {t('round.progress', { checked: r.checkedCount, skipped: r.skippedCount, total: points.length })}
          {r.outOfOrderCount ? ` · ${t('round.outOfOrderCount', { count: r.outOfOrderCount })}` : ''}
        </Typography.Text>
      </div>
      {actions}
      {open && !r.canDo ? <Typography.Text type="secondary">{t('round.notYours', { name: r.assigneeName })}</Typography.Text> : null}
    </Card>
  );

  const route = (
    <Card
      size="small"
      title={t('round.route')}
      extra={next ? <Typography.Text type="secondary">{t('round.nextIs', { name: next.targetName })}</Typography.Text> : null}
      styles={{ body: { padding: '4px 8px' } }}
      style={{ marginBottom: 16 }}
    >
      {points.length ? (
        <RoundRoute
          points={points}
          nextId={next?.id ?? null}
          selectedId={selected?.id ?? null}
          timeZone={zone}
          onOpen={(p) => openPoint(p.id)}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );

  const panel = selected ? (
    <PointPanel
      key={selected.id}
      round={r}
      point={selected}
      canAct={canAct}
      timeZone={zone}
      onBack={wide ? undefined : () => openPoint(null)}
      onManual={() => setDialog('manual')}
      onSkip={() => setDialog('skip')}
      onChanged={() => void settle(null)}
    />
  ) : null;

  const findings = showFindings ? (
    <Card size="small" title={t('round.findings', { count: r.findingsCount })} style={{ marginBottom: 16 }} data-testid="round-findings">
      <FindingsList roundId={r.id} />
    </Card>
  ) : null;

  /** the people a round names: its doer and a personal assignee */
  const personName = (value: unknown): string | undefined =>
    value && value === r.doneBy ? (r.doneByName ?? undefined) : value && value === r.assigneeId ? r.assigneeName : undefined;

  /** which point an entry of the round's parts is about: a point's own entries, or its checklist's */
  const historyPart = (entry: AuditEntry): string | undefined => {
    const point = points.find((p) => p.id === entry.entityId || p.checklistResultId === entry.entityId);
    if (!point) return undefined;
    return point.id === entry.entityId ? point.targetName : `${point.targetName} · ${t('route.checklist')}`;
  };

  /** stored values as the page shows them; undefined leaves the stored text (null reads as empty) */
  const roundHistoryValue = (field: string, value: unknown): string | null | undefined => {
    switch (field) {
      case 'status':
        // the round's, a point's (checked, skipped) or a point checklist's (draft, submitted)
        if (value === 'checked' || value === 'skipped') return t(`pointStatus.${value}`);
        if (value === 'draft' || value === 'submitted') return t(`point.checklist.${value}`);
        return t(`roundStatus.${String(value)}`, { defaultValue: String(value) });
      case 'check_in_method':
        return value === 'manual' ? t('point.manualCheckIn') : value === 'qr' ? t('scan.action') : undefined;
      case 'answers':
      case 'findings': {
        // a checklist's answers and findings as counts: the point's panel shows them in full
        const list = typeof value === 'string' ? safeJson(value) : value;
        if (!Array.isArray(list)) return undefined;
        return field === 'answers'
          ? t('checklists:detail.itemCount', { count: list.length })
          : t('checklists:fill.findingsSoFar', { count: list.length });
      }
      case 'follow_ups': {
        const list = typeof value === 'string' ? safeJson(value) : value;
        return Array.isArray(list) ? list.map((f: { number?: string }) => f.number ?? '').join('、') || null : undefined;
      }
      case 'level':
        return levels.label(String(value));
      case 'kind':
        return t(`kind.${String(value)}`, { defaultValue: String(value) });
      case 'assignee_type':
        return t(`assigneeType.${String(value)}`, { defaultValue: String(value) });
      case 'plan_id':
        return value === r.planId ? r.planName : undefined;
      case 'site_id':
        return value === r.siteId ? r.siteName : undefined;
      case 'assignee_id':
        return value && value === r.assigneeId ? r.assigneeName : undefined;
      case 'done_by':
      case 'checked_in_by':
      case 'filled_by':
        return personName(value);
      case 'round_id':
        return value === r.id ? r.number : undefined;
      case 'checklist_result_id':
        return points.find((p) => p.checklistResultId === value)?.targetName;
      case 'out_of_order':
        return t(value ? 'common:yes' : 'common:no');
      case 'skipped':
        return Array.isArray(value) ? t('detail.pointCount', { count: value.length }) : undefined;
      case 'points': {
        // the route as drawn for the round: its length says enough in the history
        const list = typeof value === 'string' ? safeJson(value) : value;
        return Array.isArray(list) ? t('detail.pointCount', { count: list.length }) : undefined;
      }
      default:
        return undefined;
    }
  };

  // on a phone an open point takes the whole page: its checklist has its own sticky submit bar
  const phonePoint = !wide && panel;

  return (
    <PageContainer
      title={r.planName}
      subtitle={`${r.number} · ${r.siteName}`}
      backTo={r.canDo && open ? '/patrols/my' : '/patrols/rounds'}
      card={false}
    >
      {phonePoint ? (
        panel
      ) : (
        <>
          {header}
          {r.status === 'done' ? <RoundSummary round={r} timeZone={zone} /> : null}
          {wide ? (
            <Row gutter={16}>
              <Col lg={10}>{route}</Col>
              <Col lg={14}>
                {panel ?? (
                  <Card size="small" style={{ marginBottom: 16 }}>
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('point.choose')} />
                  </Card>
                )}
                {panel ? <div style={{ height: 16 }} /> : null}
                {findings}
              </Col>
            </Row>
          ) : (
            <>
              {route}
              {findings}
            </>
          )}
          <HistoryPanel
            entity={ROUND_ENTITY}
            entityId={r.id}
            version={r.version}
            fieldLabel={(f) => (HISTORY_FIELDS[f] ? t(HISTORY_FIELDS[f]) : undefined)}
            valueLabel={(f, v) => roundHistoryValue(f, v)}
            partLabel={historyPart}
          />
        </>
      )}

      <ScanDialog
        open={dialog === 'scan'}
        onClose={() => setDialog(null)}
        onScan={(code) => checkIn({ qr: code })}
        hint={next ? t('scan.hintNext', { name: next.targetName }) : undefined}
      />
      <ReasonDialog
        open={dialog === 'manual' && selected !== null}
        title={t('point.manualCheckIn')}
        description={selected ? t('point.manualHint', { name: selected.targetName }) : undefined}
        field="reason"
        label={t('point.manualReason')}
        placeholder={t('point.manualPlaceholder')}
        required
        okText={t('point.manualCheckIn')}
        onClose={() => setDialog(null)}
        onSubmit={(reason) => (selected ? checkIn({ pointId: selected.id, reason }) : Promise.resolve())}
        testId="manual-reason"
      />
      <ReasonDialog
        open={dialog === 'skip' && selected !== null}
        title={t('point.skip')}
        description={selected ? t('point.skipHint', { name: selected.targetName }) : undefined}
        field="reason"
        label={t('point.skipReason')}
        placeholder={t('point.skipPlaceholder')}
        required
        danger
        okText={t('point.skip')}
        onClose={() => setDialog(null)}
        onSubmit={(reason) => (selected ? skip(selected, reason) : Promise.resolve())}
        testId="skip-reason"
      />
      <ReasonDialog
        open={dialog === 'finish'}
        title={t('round.finish')}
        description={
          pendingCount(points) ? (
            <Typography.Text type="warning">{t('round.finishPending', { count: pendingCount(points) })}</Typography.Text>
          ) : (
            t('round.finishAll')
          )
        }
        field="note"
        label={t('round.note')}
        placeholder={t('round.notePlaceholder')}
        required={false}
        okText={t('round.finish')}
        onClose={() => setDialog(null)}
        onSubmit={finish}
        testId="finish-note"
      />
    </PageContainer>
  );
}
