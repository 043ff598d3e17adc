import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, StatusTag, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { recurrenceNotes, recurrenceText, textLang } from '../../components/recurrenceText';
import { formatInZone } from '../maintenance/format';
import { DrillsTable } from './DrillsTable';
import { DrillTypeTag, useDrillTypes } from './options';
import { PlanActiveSwitch } from './PlanActiveSwitch';
import { PlanDrawer } from './PlanDrawer';
import { type DrillPlan, PATHS, PLAN_ENTITY, PLANS } from './types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Audit diffs name stored columns; the history shows them as the form does. */
const HISTORY_FIELDS: Record<string, string> = {
  name: 'field.planName',
  type: 'field.type',
  scenario: 'field.scenario',
  site_id: 'field.site',
  location_id: 'field.location',
  place: 'field.place',
  commander_id: 'field.commander',
  recurrence: 'field.recurrence',
  window_hours: 'field.windowHours',
  lead_days: 'field.leadDays',
  active: 'field.active',
};

/** 演练计划详情: the plan, its schedule in words, its drills (planned, done, missed) and its history. */
export default function PlanDetailPage() {
  const { t, i18n } = useTranslation('drills');
  const lang = textLang(i18n.language);
  const { id } = useParams<{ id: string }>();
  const record = useRecord<DrillPlan>(PLANS, id);
  const p = record.data;
  const me = useMe();
  const can = useCan();
  const types = useDrillTypes();
  const [editing, setEditing] = useState(false);
  const manage = p ? can('drills:manage', p.siteId) : false;
  const zone = p ? me.sites.find((s) => s.id === p.siteId)?.timezone : undefined;
  const drillParams = useMemo(() => ({ planId: id }), [id]);

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | null | undefined => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case 'type':
          return types.label(String(value));
        case 'site_id':
          return me.sites.find((s) => s.id === value)?.name;
        case 'commander_id':
          return value === p?.commanderId ? (p?.commanderName ?? undefined) : undefined;
        case 'location_id':
          return value === p?.locationId ? (p?.locationPath ?? undefined) : undefined;
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
    [types, me.sites, p, lang],
  );

  const items = p
    ? [
        { key: 'active', label: t('field.active'), children: <StatusTag active={p.active} /> },
        { key: 'type', label: t('field.type'), children: <DrillTypeTag type={p.type} label={types.label(p.type)} /> },
        { key: 'site', label: t('field.site'), children: p.siteName },
        {
          key: 'recurrence',
          label: t('field.recurrence'),
          span: 'filled' as const,
          children: (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong data-testid="plan-recurrence">
                {recurrenceText(p.recurrence, lang)}
              </Typography.Text>
              <Typography.Text type="secondary">{recurrenceNotes(p.recurrence, lang).join(lang === 'zh' ? '；' : '; ')}</Typography.Text>
            </Space>
          ),
        },
        { key: 'next', label: t('field.nextDueAt'), children: formatInZone(p.nextDueAt, zone) },
        { key: 'window', label: t('field.windowHours'), children: t('plan.windowHours', { hours: p.windowHours }) },
        { key: 'lead', label: t('field.leadDays'), children: t('plan.leadDays', { days: p.leadDays }) },
        { key: 'commander', label: t('field.commander'), children: dash(p.commanderName) },
        { key: 'place', label: t('field.place'), children: dash([p.locationPath, p.place].filter(Boolean).join(' · ')) },
        {
          key: 'scenario',
          label: t('field.scenario'),
          span: 'filled' as const,
          children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(p.scenario)}</span>,
        },
      ]
    : [];

  return (
    <DetailPage
      title={p ? p.name : t('plan.title')}
      subtitle={p ? `${p.siteName} · ${types.label(p.type)}` : undefined}
      backTo={PATHS.plans}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        p ? (
          <Space wrap>
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
        <Card title={t('plan.drills')} size="small" styles={{ body: { padding: 'clamp(8px, 2vw, 16px)' } }}>
          <DrillsTable params={drillParams} />
        </Card>
      ) : null}
      {p ? <PlanDrawer open={editing} onClose={() => setEditing(false)} record={p} onSaved={() => void record.refetch()} /> : null}
    </DetailPage>
  );
}
