import { CheckCircleOutlined, EditOutlined, FileTextOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Grid, Row, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, apiUrl } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, useList, useRecord } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { type AuditEntry, HistoryPanel } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { ReasonDialog } from '../patrols/ReasonDialog';
import ActionItemsPanel from '../safety/ActionItemsPanel';
import { ACTIONS, type ActionItem } from '../safety/types';
import { DrillDrawer } from './DrillDrawer';
import { carriedOutText, type DrillStep, drillButtons, durationMinutes, participantTotal, pastDue, splitMinutes } from './logic';
import { DrillStatusTag, DrillTypeTag, ReportTag, useDrillTypes } from './options';
import { RecordDrawer } from './RecordDrawer';
import { REPORT_PARTS, ReportDrawer } from './ReportDrawer';
import { DRILL_ENTITY, DRILL_STATUSES, DRILLS, type Drill, OWNER_DRILL, PATHS } from './types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const pre = (v: string | null | undefined) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(v)}</span>;

/** Audit diffs name stored columns; the history shows them as the forms do. */
const HISTORY_FIELDS: Record<string, string> = {
  status: 'field.status',
  type: 'field.type',
  // a drill's and its action items' entries share the word
  title: 'history.title',
  scenario: 'field.scenario',
  planned_at: 'field.plannedAt',
  due_by: 'field.dueBy',
  location_id: 'field.location',
  place: 'field.place',
  commander_id: 'field.commander',
  started_at: 'field.startedAt',
  ended_at: 'field.endedAt',
  participants: 'field.participants',
  participant_count: 'field.participantCount',
  preparation: 'field.preparation',
  report: 'report.title',
  purpose: 'report.purpose',
  course: 'report.course',
  problems: 'report.problems',
  causes: 'report.causes',
  lessons: 'report.lessons',
  evaluation: 'report.evaluation',
  improvements: 'report.improvements',
  recorded_by: 'field.recordedBy',
  report_filed_at: 'field.reportFiledAt',
  report_filed_by: 'report.filed',
  cancel_reason: 'field.cancelReason',
};

/**
 * The drill's history counts its improvements' (action items') entries in: their fields
 * read as the safety pages write them.
 */
const ACTION_FIELDS: Record<string, string> = {
  number: 'safety:field.number',
  kind: 'safety:field.kind',
  description: 'safety:field.description',
  assignee_id: 'safety:field.assignee',
  due_date: 'safety:field.dueDate',
  verifier_id: 'safety:field.verifier',
  evidence_note: 'safety:field.evidenceNote',
  verify_note: 'safety:field.verifyNote',
  reject_reason: 'safety:field.rejectReason',
  reject_count: 'safety:field.rejectCount',
  owner_type: 'safety:field.ownerType',
  owner_id: 'safety:field.owner',
};

const STEP_ICONS: Record<DrillStep, ReactNode> = {
  record: <CheckCircleOutlined />,
  report: <FileTextOutlined />,
  edit: <EditOutlined />,
  cancel: <StopOutlined />,
  print: <PrinterOutlined />,
};

/**
 * 演练记录: the drill as planned and as carried out — scenario, place, commander, times,
 * participants by group, preparation and photos; 登记演练 for a planned or missed drill,
 * the 演练报告 with its tracked improvements (action items), 取消, 打印 and the history.
 */
export default function DrillDetailPage() {
  const { t } = useTranslation('drills');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<Drill>(DRILLS, id);
  const d = record.data;
  const me = useMe();
  const can = useCan();
  const types = useDrillTypes();
  const [open, setOpen] = useState<Exclude<DrillStep, 'print'> | null>(null);
  const manage = d ? can('drills:manage', d.siteId) : false;
  const zone = d ? me.sites.find((s) => s.id === d.siteId)?.timezone : undefined;
  const at = (iso: string | null, who?: string | null) => (iso ? [formatInZone(iso, zone), who].filter(Boolean).join(' · ') : '—');
  const refetch = () => void record.refetch();

  // the list ActionItemsPanel reads (same query), to name the people of the items' entries
  const actionItems = useList<ActionItem>(ACTIONS, { ownerType: 'drill', ownerId: id ?? '', limit: 200 }, { enabled: Boolean(id) });
  const people = useMemo(() => {
    const out = new Map<string, string>();
    for (const a of actionItems.data?.items ?? []) {
      out.set(a.assigneeId, a.assigneeName);
      if (a.verifierId && a.verifierName) out.set(a.verifierId, a.verifierName);
    }
    return out;
  }, [actionItems.data]);

  const fieldLabel = useCallback(
    (field: string) => {
      const key = HISTORY_FIELDS[field] ?? ACTION_FIELDS[field];
      return key ? t(key) : undefined;
    },
    [t],
  );
  const partLabel = useCallback((entry: AuditEntry) => (entry.entity === 'action_item' ? t('safety:item.title') : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case 'status':
          return (DRILL_STATUSES as readonly unknown[]).includes(value)
            ? t(`status.${String(value)}`)
            : t(`safety:status.${String(value)}`, { defaultValue: String(value) });
        case 'kind':
          return t(`safety:kind.${String(value)}`, { defaultValue: String(value) });
        case 'owner_type':
          return t(`safety:ownerType.${String(value)}`, { defaultValue: String(value) });
        case 'owner_id':
          return value === d?.id ? d?.number : undefined;
        case 'site_id':
          return me.sites.find((s) => s.id === value)?.name;
        case 'assignee_id':
        case 'verifier_id':
          return people.get(String(value));
        case 'type':
          return types.label(String(value));
        case 'planned_at':
        case 'due_by':
        case 'started_at':
        case 'ended_at':
        case 'report_filed_at':
          return typeof value === 'string' ? formatInZone(value, zone) : undefined;
        case 'commander_id':
          return value === d?.commanderId ? (d?.commanderName ?? undefined) : undefined;
        case 'location_id':
          return value === d?.locationId ? (d?.locationPath ?? undefined) : undefined;
        case 'participants':
          try {
            const groups = typeof value === 'string' ? JSON.parse(value) : value;
            return Array.isArray(groups)
              ? groups.map((g: { group?: string; count?: number }) => `${g.group ?? ''} ${g.count ?? 0}`).join('、')
              : undefined;
          } catch {
            return undefined;
          }
        default:
          return undefined;
      }
    },
    [t, types, zone, d, people, me.sites],
  );

  const minutes = d ? durationMinutes(d.startedAt, d.endedAt) : null;
  const split = minutes === null ? null : splitMinutes(minutes);
  const duration = split === null ? null : t(split.hours ? 'drill.duration' : 'drill.durationMinutes', split);

  const items = d
    ? [
        {
          key: 'status',
          label: t('field.status'),
          children: (
            <Space size={4} wrap>
              <DrillStatusTag status={d.status} />
              {pastDue(d, new Date()) ? <Tag color="error">{t('drill.pastDue')}</Tag> : null}
              <ReportTag status={d.status} filed={Boolean(d.report)} />
            </Space>
          ),
        },
        { key: 'type', label: t('field.type'), children: <DrillTypeTag type={d.type} label={types.label(d.type)} /> },
        { key: 'site', label: t('field.site'), children: d.siteName },
        {
          key: 'plan',
          label: t('field.plan'),
          children: d.planId ? <Link to={`${PATHS.plans}/${d.planId}`}>{d.planName}</Link> : t('drill.oneOff'),
        },
        { key: 'planned', label: t('field.plannedAt'), children: at(d.plannedAt) },
        { key: 'dueBy', label: t('field.dueBy'), children: at(d.dueBy) },
        { key: 'place', label: t('field.place'), children: dash([d.locationPath, d.place].filter(Boolean).join(' · ')) },
        { key: 'commander', label: t('field.commander'), children: dash(d.commanderName) },
        ...(d.startedAt
          ? [
              {
                key: 'times',
                label: t('field.carriedOut'),
                children: `${carriedOutText(d.startedAt, d.endedAt, zone)}${duration ? t('drill.durationAfter', { duration }) : ''}`,
              },
              { key: 'recorded', label: t('field.recordedBy'), children: dash(d.recordedByName) },
            ]
          : []),
        { key: 'scenario', label: t('field.scenario'), span: 'filled' as const, children: pre(d.scenario) },
        { key: 'preparation', label: t('field.preparation'), span: 'filled' as const, children: pre(d.preparation) },
        ...(d.status === 'cancelled'
          ? [{ key: 'cancel', label: t('field.cancelReason'), span: 'filled' as const, children: pre(d.cancelReason) }]
          : []),
      ]
    : [];

  const actions = d ? (
    <Space wrap>
      {drillButtons(d, manage).map((b) =>
        b.step === 'print' ? (
          <Button
            key={b.step}
            icon={STEP_ICONS.print}
            href={apiUrl(`${DRILLS}/${d.id}/record.pdf`)}
            target="_blank"
            rel="noopener"
            data-testid="drill-print"
          >
            {t('step.print')}
          </Button>
        ) : (
          <Button
            key={b.step}
            icon={STEP_ICONS[b.step]}
            type={b.primary ? 'primary' : 'default'}
            danger={b.danger}
            onClick={() => setOpen(b.step as Exclude<DrillStep, 'print'>)}
            data-testid={`drill-${b.step}`}
          >
            {b.step === 'report' && d.report ? t('step.reportEdit') : t(`step.${b.step}`)}
          </Button>
        ),
      )}
    </Space>
  ) : null;

  return (
    <DetailPage
      title={d ? `${d.number} ${d.title}` : t('drill.title')}
      subtitle={d ? `${d.siteName} · ${types.label(d.type)}` : undefined}
      backTo={PATHS.drills}
      loading={record.isPending}
      error={record.error}
      onRetry={refetch}
      actions={actions}
      items={items}
      history={
        d ? (
          <HistoryPanel
            entity={DRILL_ENTITY}
            entityId={d.id}
            version={d.version}
            fieldLabel={fieldLabel}
            valueLabel={valueLabel}
            partLabel={partLabel}
          />
        ) : null
      }
    >
      {d ? (
        <>
          {d.status === 'missed' ? (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('drill.missedHint', { at: at(d.dueBy) })} />
          ) : null}
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <ParticipantsCard drill={d} />
            </Col>
            <Col xs={24} lg={12}>
              <AttachmentsPanel
                ownerType={OWNER_DRILL}
                ownerId={d.id}
                title={t('field.photos')}
                readOnly={!manage || d.status === 'cancelled'}
              />
            </Col>
          </Row>
          {d.status === 'done' ? (
            <>
              <ReportCard drill={d} manage={manage} onEdit={() => setOpen('report')} at={at} />
              <div style={{ marginTop: 16 }}>
                <ActionItemsPanel ownerType="drill" ownerId={d.id} siteId={d.siteId} canManage={manage} />
              </div>
            </>
          ) : null}
          <RecordDrawer open={open === 'record'} onClose={() => setOpen(null)} drill={d} onSaved={refetch} />
          <ReportDrawer open={open === 'report'} onClose={() => setOpen(null)} drill={d} onSaved={refetch} />
          <DrillDrawer open={open === 'edit'} onClose={() => setOpen(null)} record={d} onSaved={refetch} />
          <ReasonDialog
            open={open === 'cancel'}
            title={t('cancel.title', { number: d.number })}
            description={t('cancel.description')}
            field="reason"
            label={t('field.cancelReason')}
            required
            okText={t('step.cancel')}
            danger
            onClose={() => setOpen(null)}
            onSubmit={async (reason) => {
              await api.post(`${DRILLS}/${d.id}/cancel`, { reason, version: d.version });
              refetch();
            }}
            testId="drill-cancel"
          />
        </>
      ) : null}
    </DetailPage>
  );
}

/** 参演人员: group, head count and names, with the total. */
function ParticipantsCard({ drill }: { drill: Drill }) {
  const { t } = useTranslation('drills');
  const total = drill.participants.length ? participantTotal(drill.participants) : drill.participantCount;
  return (
    <Card
      size="small"
      title={t('field.participants')}
      extra={drill.status === 'done' ? <Typography.Text strong>{t('participants.total', { count: total })}</Typography.Text> : null}
      style={{ height: '100%' }}
      data-testid="drill-participants"
    >
      {drill.participants.length ? (
        <Table
          size="small"
          rowKey={(g) => g.group}
          pagination={false}
          dataSource={drill.participants}
          columns={[
            { title: t('participants.group'), dataIndex: 'group', width: '30%' },
            { title: t('participants.count'), dataIndex: 'count', align: 'right', width: 70 },
            {
              title: t('participants.names'),
              dataIndex: 'names',
              render: (v: string | null) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(v)}</span>,
            },
          ]}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(drill.status === 'done' ? 'participants.none' : 'participants.notYet')}
        />
      )}
    </Card>
  );
}

/** 演练报告: the parts as filed, who filed it when; an invitation to write it while it is missing. */
function ReportCard({
  drill,
  manage,
  onEdit,
  at,
}: {
  drill: Drill;
  manage: boolean;
  onEdit: () => void;
  at: (iso: string | null, who?: string | null) => string;
}) {
  const { t } = useTranslation('drills');
  const screens = Grid.useBreakpoint();
  const report = drill.report;
  return (
    <Card
      size="small"
      title={t('report.title')}
      extra={
        report ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('report.filedBy', { at: at(drill.reportFiledAt, drill.reportFiledByName) })}
          </Typography.Text>
        ) : null
      }
      data-testid="drill-report-card"
    >
      {report ? (
        <Descriptions
          size="small"
          column={1}
          // a phone reads each part under its name; a desktop beside it
          bordered={Boolean(screens.sm)}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          styles={{ label: screens.sm ? { width: 120 } : { fontWeight: 600 } }}
          items={REPORT_PARTS.map((p) => ({ key: p.key, label: t(`report.${p.key}`), children: pre(report[p.key]) }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.none')}>
          {manage ? (
            <Button type="primary" icon={<FileTextOutlined />} onClick={onEdit} data-testid="drill-report-write">
              {t('step.report')}
            </Button>
          ) : null}
        </Empty>
      )}
    </Card>
  );
}
