import { HistoryOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Skeleton, Tag, Timeline, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../app/api';
import { useCan } from '../app/auth';
import { useErrorText } from './useErrorText';

/** One audit entry as GET /audit and GET /audit/:entity/:entityId answer it. */
export interface AuditEntry {
  id: string;
  at: string;
  entity: string;
  entityId: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  siteId: string | null;
  siteName: string | null;
  /** `{ field: [before, after] }`; before is null on create */
  diff: Record<string, unknown[]>;
  requestId: string | null;
}

/** Colours of the action tags; unknown actions are grey. */
const ACTION_COLORS: Record<string, string> = {
  create: 'success',
  import: 'success',
  update: 'processing',
  move: 'processing',
  deactivate: 'warning',
  activate: 'cyan',
  delete: 'error',
  revoke: 'error',
  lock: 'error',
  unlock: 'cyan',
  reset_password: 'purple',
  change_password: 'purple',
  status: 'processing',
  custodian: 'processing',
  lost: 'error',
  found: 'cyan',
};

/** Stored 0/1 columns that mean yes/no, shown as 是/否 rather than as numbers. */
const FLAG_FIELDS = new Set([
  'active',
  'per_site',
  'perSite',
  'must_change_password',
  'builtin',
  'secure',
  'read',
  'lost',
  'required',
  'present',
  'gauge_ok',
  'seal_ok',
  'usable',
]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const TRUNCATE_AT = 80;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Readable names for what the audit log stores: record types (`site` → 场所),
 * actions (`deactivate` → 停用) and fields (`label_zh` → 中文名称). Unknown names
 * (a module's own columns) are shown as stored.
 */
export function useAuditLabels() {
  const { t } = useTranslation('system');
  const entityLabel = useCallback((entity: string) => t(`entities.${entity}`, { defaultValue: entity }), [t]);
  // a step may read differently per record type (a round's start is 开始巡检, an order's 开工)
  const actionLabel = useCallback(
    (action: string, entity?: string) =>
      t(`entityActions.${entity}.${action}`, { defaultValue: t(`actions.${action}`, { defaultValue: action }) }),
    [t],
  );
  const fieldLabel = useCallback(
    (field: string) => t(`fields.${field}`, { defaultValue: t(`fields.${snake(field)}`, { defaultValue: field }) }),
    [t],
  );
  return { entityLabel, actionLabel, fieldLabel };
}

export function ActionTag({ action, entity }: { action: string; entity?: string }) {
  const { actionLabel } = useAuditLabels();
  return <Tag color={ACTION_COLORS[action] ?? 'default'}>{actionLabel(action, entity)}</Tag>;
}

function useValueText(): (field: string, value: unknown) => string | null {
  const { t } = useTranslation('common');
  return useCallback(
    (field: string, value: unknown) => {
      if (value === null || value === undefined || value === '') return null;
      if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
      if (typeof value === 'number' && FLAG_FIELDS.has(field) && (value === 0 || value === 1)) return t(value ? 'yes' : 'no');
      if (typeof value === 'string' && ISO_INSTANT.test(value)) return dayjs(value).format('YYYY-MM-DD HH:mm:ss');
      if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join('、');
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
    },
    [t],
  );
}

function Value({ text, truncate, deleted }: { text: string | null; truncate: boolean; deleted?: boolean }) {
  const { t } = useTranslation('system');
  if (text === null) return <Typography.Text type="secondary">{t('audit.empty')}</Typography.Text>;
  const long = truncate && text.length > TRUNCATE_AT;
  const shown = long ? `${text.slice(0, TRUNCATE_AT)}…` : text;
  const node = (
    <Typography.Text delete={deleted} type={deleted ? 'secondary' : undefined} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
      {shown}
    </Typography.Text>
  );
  return long ? (
    <Tooltip title={<span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{text}</span>} styles={{ root: { maxWidth: 480 } }}>
      {node}
    </Tooltip>
  ) : (
    node
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface ChangeRow {
  key: string;
  field: string;
  /** a changed key inside an object-valued field (a channel's `config.url`) */
  sub?: string;
  before: unknown;
  after: unknown;
}

/** One row per changed field; object-valued fields become one row per changed key, so a long JSON blob never hides the change. */
function flatten(diff: Record<string, unknown[]>): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const [field, pair] of Object.entries(diff)) {
    const [before, after] = pair;
    if ((isPlainObject(before) || before == null) && (isPlainObject(after) || after == null) && (before ?? after) != null) {
      const b = (before ?? {}) as Record<string, unknown>;
      const a = (after ?? {}) as Record<string, unknown>;
      for (const sub of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (JSON.stringify(b[sub] ?? null) === JSON.stringify(a[sub] ?? null)) continue;
        rows.push({
          key: `${field}.${sub}`,
          field,
          sub,
          before: before == null ? null : (b[sub] ?? null),
          after: after == null ? null : (a[sub] ?? null),
        });
      }
    } else {
      rows.push({ key: field, field, before, after });
    }
  }
  return rows;
}

export interface AuditChangesProps {
  diff: Record<string, unknown[]>;
  /** cut values longer than 80 characters (full text in a tooltip); default true */
  truncate?: boolean;
  /** overrides the field names (a module's own columns); a key inside an object-valued field comes as `field.key` */
  fieldLabel?: (field: string) => string | undefined;
  /** overrides how values read (a module's codes: `in_use` → 在用); null reads as empty, undefined falls back to the generic text */
  valueLabel?: (field: string, value: unknown) => string | null | undefined;
}

/** The changed fields of one entry: `字段：旧值 → 新值` (only the new value when there was none). */
export function AuditChanges({ diff, truncate = true, fieldLabel, valueLabel }: AuditChangesProps) {
  const { t } = useTranslation('system');
  const labels = useAuditLabels();
  const valueText = useValueText();
  const entries = flatten(diff);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      {entries.map(({ key, field, sub, before: from, after: to }) => {
        const path = sub ? `${field}.${sub}` : field;
        const shown = (value: unknown) => {
          const label = value == null ? undefined : valueLabel?.(path, value);
          return label === undefined ? valueText(sub ?? field, value) : label;
        };
        const before = shown(from);
        const after = shown(to);
        const name = fieldLabel?.(field) ?? labels.fieldLabel(field);
        const subName = sub ? (fieldLabel?.(path) ?? labels.fieldLabel(sub)) : null;
        return (
          <div key={key} style={{ lineHeight: 1.6 }} data-testid={`change-${key}`}>
            <Typography.Text type="secondary">
              {subName ? `${name} · ${subName}` : name}
              {t('audit.colon')}
            </Typography.Text>
            {before !== null ? (
              <>
                <Value text={before} truncate={truncate} deleted />
                <Typography.Text type="secondary"> → </Typography.Text>
              </>
            ) : null}
            <Value text={after} truncate={truncate} />
          </div>
        );
      })}
    </div>
  );
}

export interface HistoryPanelProps {
  /** the audit entity name, e.g. 'site', 'dictionary' */
  entity: string;
  entityId: string;
  /** the record's version: when it changes (after a save) the history is read again */
  version?: number;
  title?: ReactNode;
  fieldLabel?: (field: string) => string | undefined;
  valueLabel?: AuditChangesProps['valueLabel'];
  /** entries shown before 显示全部; default 10 */
  initialCount?: number;
  /** render without the surrounding Card (inside a drawer) */
  bare?: boolean;
  /**
   * Names the part an entry is about when the record's history includes its parts' entries
   * (a round's points): shown after the action; undefined falls back to the part's record type.
   */
  partLabel?: (entry: AuditEntry) => ReactNode | undefined;
}

export const historyKey = (entity: string, entityId: string, version?: number) => ['/audit', 'history', entity, entityId, version] as const;

/**
 * The per-record change history: who changed what and when, newest first, from
 * GET /audit/:entity/:entityId (with the entries of the parts the server counts in, e.g. a
 * round's points, each tagged with `partLabel`). Hidden for people without audit:read.
 */
export function HistoryPanel({
  entity,
  entityId,
  version,
  title,
  fieldLabel,
  valueLabel,
  initialCount = 10,
  bare = false,
  partLabel,
}: HistoryPanelProps) {
  const { t } = useTranslation('system');
  const labels = useAuditLabels();
  const can = useCan();
  const errorText = useErrorText();
  const [showAll, setShowAll] = useState(false);
  const allowed = can('audit:read', null);
  const query = useQuery({
    queryKey: historyKey(entity, entityId, version),
    queryFn: ({ signal }) =>
      api.get<{ items: AuditEntry[] }>(`/audit/${encodeURIComponent(entity)}/${encodeURIComponent(entityId)}`, undefined, signal),
    enabled: allowed && Boolean(entityId),
  });
  if (!allowed) return null;

  // a record whose whole history is outside the person's sites reads as "no history"
  const items = isApiError(query.error, 'NOT_FOUND') ? [] : (query.data?.items ?? []);
  const shown = showAll ? items : items.slice(0, initialCount);

  const body = query.isPending ? (
    <Skeleton active paragraph={{ rows: 3 }} />
  ) : query.error && !isApiError(query.error, 'NOT_FOUND') ? (
    <Typography.Text type="danger">{errorText(query.error)}</Typography.Text>
  ) : items.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />
  ) : (
    <>
      <Timeline
        style={{ marginTop: 8 }}
        items={shown.map((e) => ({
          key: e.id,
          color: ACTION_COLORS[e.action] === 'error' ? 'red' : e.action === 'create' ? 'green' : 'blue',
          content: (
            <div data-testid="history-entry">
              <Flex wrap gap={6} align="center" style={{ marginBottom: 4 }}>
                <Typography.Text strong>{e.actorName ?? t('audit.system')}</Typography.Text>
                <ActionTag action={e.action} entity={e.entity} />
                {e.entity !== entity || e.entityId !== entityId ? (
                  <Tag data-testid="history-part">{partLabel?.(e) ?? labels.entityLabel(e.entity)}</Tag>
                ) : null}
                <Tooltip title={dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                </Tooltip>
              </Flex>
              <AuditChanges diff={e.diff} fieldLabel={fieldLabel} valueLabel={valueLabel} />
            </div>
          ),
        }))}
      />
      {items.length > shown.length ? (
        <Button type="link" size="small" onClick={() => setShowAll(true)} style={{ paddingInline: 0 }}>
          {t('history.showAll', { count: items.length })}
        </Button>
      ) : null}
    </>
  );

  if (bare) return body;
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <HistoryOutlined />
          {title ?? t('history.title')}
        </Flex>
      }
      extra={
        <Tooltip title={t('common:actions.refresh')}>
          <Button
            type="text"
            size="small"
            icon={<ReloadOutlined />}
            loading={query.isFetching}
            onClick={() => void query.refetch()}
            aria-label={t('common:actions.refresh')}
          />
        </Tooltip>
      }
      data-testid="history-panel"
    >
      {body}
    </Card>
  );
}
