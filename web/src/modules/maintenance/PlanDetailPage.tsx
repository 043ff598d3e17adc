import { CalendarOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, StatusTag, useDictionary, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { recurrenceNotes, textLang } from '../../components/recurrenceText';
import { formatInZone, minutesToHours, scheduleText } from './format';
import { OccurrencesTable } from './OccurrencesTable';
import { SystemTag } from './options';
import { PlanActiveSwitch } from './PlanActiveSwitch';
import { PlanDrawer } from './PlanDrawer';
import { PLANS, type Plan } from './types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Audit diffs name stored columns; the history shows them as the form does. */
const HISTORY_FIELDS: Record<string, string> = {
  name: 'field.name',
  description: 'field.description',
  system: 'field.system',
  target: 'field.target',
  site_id: 'field.site',
  asset_id: 'field.asset',
  category_id: 'field.category',
  location_ids: 'field.locations',
  checklist_template_id: 'field.checklist',
  team_id: 'field.team',
  assignee_id: 'field.assignee',
  work_category: 'field.workCategory',
  estimated_minutes: 'field.estimatedMinutes',
  lead_days: 'field.leadDays',
  trigger: 'field.trigger',
  recurrence: 'field.recurrence',
  meter_name: 'field.meterName',
  meter_unit: 'field.meterUnit',
  meter_interval: 'field.meterInterval',
  meter_baseline: 'field.meterBaseline',
  active: 'field.active',
  status: 'occurrence.status',
  skip_reason: 'skip.reason',
};

/** 保养计划详情: the plan, its schedule in words, its occurrences with their work orders, and its history. */
export default function PlanDetailPage() {
  const { t, i18n } = useTranslation('maintenance');
  const lang = textLang(i18n.language);
  const { id } = useParams<{ id: string }>();
  const record = useRecord<Plan>(PLANS, id);
  const p = record.data;
  const me = useMe();
  const can = useCan();
  const workCategories = useDictionary('repair_category');
  const [editing, setEditing] = useState(false);
  const manage = p ? can('maintenance:manage', p.siteId) : false;
  const zone = p ? me.sites.find((s) => s.id === p.siteId)?.timezone : undefined;
  const occurrenceParams = useMemo(() => ({ planId: id }), [id]);

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      switch (field) {
        case 'system':
          return t(`system.${String(value)}`, { defaultValue: String(value) });
        case 'target':
          return t(`target.${String(value)}`, { defaultValue: String(value) });
        case 'trigger':
          return t(`trigger.${String(value)}`, { defaultValue: String(value) });
        case 'status':
          return t(`occurrenceStatus.${String(value)}`, { defaultValue: String(value) });
        case 'work_category':
          return workCategories.label(String(value));
        case 'site_id':
          return me.sites.find((s) => s.id === value)?.name;
        case 'asset_id':
          return value && value === p?.assetId ? `${p.assetCode ?? ''} ${p.assetName ?? ''}`.trim() : undefined;
        case 'team_id':
          return value && value === p?.teamId ? (p.teamName ?? undefined) : undefined;
        case 'assignee_id':
          return value && value === p?.assigneeId ? (p.assigneeName ?? undefined) : undefined;
        case 'checklist_template_id':
          return value && value === p?.checklistTemplateId ? (p.checklistTemplateName ?? undefined) : undefined;
        case 'recurrence':
          try {
            const rule = typeof value === 'string' ? JSON.parse(value) : value;
            return rule && typeof rule === 'object'
              ? scheduleText({ trigger: 'time', recurrence: rule, meterName: null, meterUnit: null, meterInterval: null }, lang)
              : undefined;
          } catch {
            return undefined;
          }
        default:
          return undefined;
      }
    },
    [t, me.sites, p, workCategories, lang],
  );

  const items = p
    ? [
        {
          key: 'status',
          label: t('field.active'),
          children: (
            <Space size={4} wrap>
              <StatusTag active={p.active} />
              <SystemTag system={p.system} />
            </Space>
          ),
        },
        { key: 'site', label: t('field.site'), children: p.siteName },
        {
          key: 'target',
          label: t('field.target'),
          children:
            p.target === 'asset' ? (
              p.assetId ? (
                <Link to={`/equipment/assets/${p.assetId}`}>{`${p.assetCode ?? ''} ${p.assetName ?? ''}`.trim()}</Link>
              ) : (
                '—'
              )
            ) : (
              <span>
                {t('target.categoryOf', { name: p.categoryName ?? '—' })}
                <Typography.Text type="secondary">
                  {' · '}
                  {p.locationNames.length ? p.locationNames.join('、') : t('form.wholeSite')}
                </Typography.Text>
              </span>
            ),
        },
        {
          key: 'schedule',
          label: t('field.schedule'),
          span: 'filled' as const,
          children: (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong data-testid="plan-schedule">
                {scheduleText(p, lang)}
              </Typography.Text>
              {p.trigger === 'time' && p.recurrence ? (
                <Typography.Text type="secondary">{recurrenceNotes(p.recurrence, lang).join(lang === 'zh' ? '；' : '; ')}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">
                  {t('detail.meterState', { baseline: dash(p.meterBaseline), latest: dash(p.meterLatest), unit: p.meterUnit ?? '' })}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        { key: 'nextDue', label: t('field.nextDueAt'), children: formatInZone(p.nextDueAt, zone) },
        { key: 'lastDone', label: t('field.lastDoneAt'), children: formatInZone(p.lastDoneAt, zone) },
        { key: 'grace', label: t('field.graceDays'), children: t('detail.graceDays', { n: p.graceDays }) },
        { key: 'checklist', label: t('field.checklist'), children: dash(p.checklistTemplateName) },
        { key: 'workCategory', label: t('field.workCategory'), children: workCategories.label(p.workCategory) },
        { key: 'team', label: t('field.team'), children: dash(p.teamName) },
        { key: 'assignee', label: t('field.assignee'), children: dash(p.assigneeName) },
        { key: 'hours', label: t('field.estimatedHours'), children: t('detail.hours', { n: minutesToHours(p.estimatedMinutes) }) },
        { key: 'lead', label: t('field.leadDays'), children: t('detail.leadDays', { n: p.leadDays }) },
        {
          key: 'description',
          label: t('field.description'),
          span: 'filled' as const,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(p.description)}</span>,
        },
      ]
    : [];

  return (
    <DetailPage
      title={p ? p.name : t('detail.title')}
      subtitle={p ? `${p.siteName} · ${t(`trigger.${p.trigger}`)}` : undefined}
      backTo="/maintenance/plans"
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        p ? (
          <Space wrap>
            <Link to={`/maintenance/calendar?siteId=${p.siteId}`}>
              <Button icon={<CalendarOutlined />}>{t('menu.calendar')}</Button>
            </Link>
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
        p ? (
          <HistoryPanel entity="maintenance_plan" entityId={p.id} version={p.version} fieldLabel={fieldLabel} valueLabel={valueLabel} />
        ) : null
      }
    >
      {p ? (
        <Card title={t('detail.occurrences')} size="small" styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}>
          <OccurrencesTable params={occurrenceParams} hidePlan />
        </Card>
      ) : null}
      {p ? <PlanDrawer open={editing} onClose={() => setEditing(false)} record={p} onSaved={() => void record.refetch()} /> : null}
    </DetailPage>
  );
}
