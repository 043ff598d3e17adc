import { EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, StatusTag, useErrorText, useInvalidate, useList, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { recurrenceNotes, textLang } from '../../components/recurrenceText';
import { formatInZone } from '../maintenance/format';
import { planScheduleText } from './logic';
import { KindTag, LevelTag, usePatrolLevels } from './options';
import { PlanActiveSwitch } from './PlanActiveSwitch';
import { PlanDrawer } from './PlanDrawer';
import { RoundsTable } from './RoundsTable';
import { type PatrolPlan, type PatrolPointDto, PLAN_ENTITY, PLANS, ROUNDS, type Round } from './types';

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Audit diffs name stored columns; the history shows them as the form does. */
const HISTORY_FIELDS: Record<string, string> = {
  name: 'field.name',
  description: 'field.description',
  level: 'field.level',
  kind: 'field.kind',
  site_id: 'field.site',
  points: 'field.points',
  random_count: 'field.randomCount',
  recurrence: 'field.recurrence',
  every_hours_while_open: 'field.everyHoursWhileOpen',
  window_minutes: 'field.windowMinutes',
  assignee_type: 'field.assigneeType',
  assignee_id: 'field.assignee',
  assignee_role: 'field.role',
  supervisor_id: 'field.supervisor',
  active: 'field.active',
};

/**
 * 巡检计划详情: the plan, its route in order, when rounds fall due and who does them, the
 * next rounds, every round of the plan, 立即发起一次巡检 (an ad-hoc round now) and the history.
 */
export default function PlanDetailPage() {
  const { t, i18n } = useTranslation('patrols');
  const lang = textLang(i18n.language);
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const record = useRecord<PatrolPlan>(PLANS, id);
  const p = record.data;
  const me = useMe();
  const can = useCan();
  const levels = usePatrolLevels();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState(false);
  const [raising, setRaising] = useState(false);
  const manage = p ? can('patrols:manage', p.siteId) : false;
  const zone = p ? me.sites.find((s) => s.id === p.siteId)?.timezone : undefined;
  const roundParams = useMemo(() => ({ planId: id }), [id]);
  const upcoming = useList<Round>(ROUNDS, { planId: id, status: 'pending', sort: 'dueAt', limit: 5 }, { enabled: Boolean(id) });

  const raise = async () => {
    if (!p) return;
    setRaising(true);
    try {
      const round = await api.post<Round>(`${PLANS}/${p.id}/rounds`, {});
      message.success(t('detail.raised', { number: round.number }));
      await invalidate(ROUNDS, PLANS);
      navigate(`/patrols/rounds/${round.id}`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setRaising(false);
    }
  };

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      switch (field) {
        case 'level':
          return levels.label(String(value));
        case 'kind':
          return t(`kind.${String(value)}`, { defaultValue: String(value) });
        case 'assignee_type':
          return t(`assigneeType.${String(value)}`, { defaultValue: String(value) });
        case 'site_id':
          return me.sites.find((s) => s.id === value)?.name;
        case 'assignee_id':
          return value && value === p?.assigneeId ? p.assigneeName : undefined;
        case 'supervisor_id':
          return value && value === p?.supervisorId ? (p.supervisorName ?? undefined) : undefined;
        case 'points': {
          // stored rows name targets by id: the saved route knows their names
          const list = typeof value === 'string' ? safeJson(value) : value;
          if (!Array.isArray(list)) return undefined;
          const names = new Map((p?.points ?? []).map((pt) => [pt.targetId, pt.targetName]));
          return list
            .map((row: { target_id?: string; targetId?: string }) => names.get(row.target_id ?? row.targetId ?? '') ?? '?')
            .join(' → ');
        }
        case 'recurrence':
          try {
            const rule = typeof value === 'string' ? JSON.parse(value) : value;
            return rule && typeof rule === 'object' ? planScheduleText({ recurrence: rule, everyHoursWhileOpen: null }, lang) : undefined;
          } catch {
            return undefined;
          }
        default:
          return undefined;
      }
    },
    [t, me.sites, p, levels, lang],
  );

  const items = p
    ? [
        {
          key: 'status',
          label: t('field.active'),
          children: (
            <Space size={4} wrap>
              <StatusTag active={p.active} />
              <LevelTag level={p.level} />
              <KindTag kind={p.kind} />
            </Space>
          ),
        },
        { key: 'site', label: t('field.site'), children: p.siteName },
        {
          key: 'points',
          label: t('field.points'),
          children:
            p.kind === 'random'
              ? t('plans.drawOf', { n: p.randomCount ?? 0, total: p.points.length })
              : t('detail.pointCount', { count: p.points.length }),
        },
        {
          key: 'schedule',
          label: t('field.schedule'),
          span: 'filled' as const,
          children: (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong data-testid="plan-schedule">
                {planScheduleText(p, lang)}
              </Typography.Text>
              <Typography.Text type="secondary">{recurrenceNotes(p.recurrence, lang).join(lang === 'zh' ? '；' : '; ')}</Typography.Text>
            </Space>
          ),
        },
        { key: 'window', label: t('field.windowMinutes'), children: t('detail.window', { n: p.windowMinutes }) },
        { key: 'nextDue', label: t('field.nextDueAt'), children: formatInZone(p.nextDueAt, zone) },
        {
          key: 'assignee',
          label: t('field.assignee'),
          children: `${p.assigneeName}（${t(`assigneeType.${p.assigneeType}`)}）`,
        },
        { key: 'supervisor', label: t('field.supervisor'), children: p.supervisorName ?? t('detail.defaultSupervisor') },
        {
          key: 'description',
          label: t('field.description'),
          span: 'filled' as const,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(p.description)}</span>,
        },
      ]
    : [];

  const routeColumns = [
    { title: '#', dataIndex: 'seq', width: 48 },
    {
      title: t('route.target'),
      key: 'target',
      render: (_: unknown, pt: PatrolPointDto) => (
        <Space size={0} orientation="vertical">
          <Space size={4} wrap>
            <span>{pt.targetName}</span>
            <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
              {t(`target.${pt.targetType}`)}
            </Tag>
          </Space>
          {pt.targetPath ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {pt.targetPath}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('route.checklist'),
      dataIndex: 'checklistTemplateName',
      render: (v: string | null) => dash(v),
    },
  ];

  return (
    <DetailPage
      title={p ? p.name : t('detail.title')}
      subtitle={p ? `${p.siteName} · ${levels.label(p.level)}` : undefined}
      backTo="/patrols/plans"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        p ? (
          <Space wrap>
            {p.active && can('patrols:do', p.siteId) ? (
              <Popconfirm
                title={t('detail.raiseConfirm')}
                description={t('detail.raiseHint')}
                okText={t('detail.raise')}
                cancelText={t('common:actions.cancel')}
                onConfirm={raise}
              >
                <Button icon={<ThunderboltOutlined />} loading={raising} data-testid="plan-raise">
                  {t('detail.raise')}
                </Button>
              </Popconfirm>
            ) : null}
            {manage ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">
                {t('common:actions.edit')}
              </Button>
            ) : null}
            <Space size={4}>
              <Typography.Text type="secondary">{t('field.active')}</Typography.Text>
              <PlanActiveSwitch plan={p} disabled={!manage} onDone={() => void record.refetch()} />
            </Space>
          </Space>
        ) : null
      }
      items={items}
      history={
        p ? <HistoryPanel entity={PLAN_ENTITY} entityId={p.id} version={p.version} fieldLabel={fieldLabel} valueLabel={valueLabel} /> : null
      }
    >
      {p ? (
        <>
          <Card title={t('detail.route')} size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}>
            <Table<PatrolPointDto>
              size="small"
              rowKey="id"
              columns={routeColumns}
              dataSource={[...p.points].sort((a, b) => a.seq - b.seq)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="plan-route"
            />
          </Card>
          <Card title={t('detail.upcoming')} size="small" style={{ marginBottom: 16 }}>
            {upcoming.data?.items.length ? (
              <List
                size="small"
                dataSource={upcoming.data.items}
                renderItem={(r) => (
                  <List.Item>
                    <Link to={`/patrols/rounds/${r.id}`}>{formatInZone(r.dueAt, zone)}</Link>
                    <Typography.Text type="secondary">{r.assigneeName}</Typography.Text>
                  </List.Item>
                )}
                data-testid="plan-upcoming"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noUpcoming')} />
            )}
          </Card>
          <Card title={t('detail.rounds')} size="small" styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}>
            <RoundsTable params={roundParams} hidePlan />
          </Card>
        </>
      ) : null}
      {p ? <PlanDrawer open={editing} onClose={() => setEditing(false)} record={p} onSaved={() => void record.refetch()} /> : null}
    </DetailPage>
  );
}
