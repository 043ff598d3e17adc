import { EditOutlined, LikeOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, useDictionary, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { AlertDrawer } from './AlertDrawer';
import { CommendationDialog } from './CommendationDialog';
import { OutcomeTag } from './options';
import { ALERT_SOURCE_DICT, ALERT_TYPE_DICT, ALERTS, PATHS, type SecurityAlert } from './types';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const pre = (v: string | null | undefined) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(v)}</span>;

const HISTORY_FIELDS: Record<string, string> = {
  received_at: 'field.receivedAt',
  source: 'field.source',
  type: 'field.alertType',
  location_id: 'field.location',
  place: 'field.place',
  description: 'field.description',
  handling: 'field.alertHandling',
  outcome: 'field.outcome',
  apprehended_count: 'field.apprehendedCount',
  closed_at: 'field.closedAt',
  incident_id: 'field.incident',
  officers: 'field.officers',
  recorded_by: 'field.recordedBy',
  site_id: 'field.site',
};

/**
 * 接警记录详情: when and how the alert came in, what it was, how it was handled and ended,
 * who handled it, the incident report written for it, and the commendations of its
 * officers (表扬, added by security:log). Reads on a phone.
 */
export default function AlertDetailPage() {
  const { t } = useTranslation('incidents');
  const { id } = useParams<{ id: string }>();
  const record = useRecord<SecurityAlert>(ALERTS, id);
  const a = record.data;
  const me = useMe();
  const can = useCan();
  const types = useDictionary(ALERT_TYPE_DICT);
  const sources = useDictionary(ALERT_SOURCE_DICT);
  const [editing, setEditing] = useState(false);
  const [commending, setCommending] = useState(false);
  const zone = a ? me.sites.find((s) => s.id === a.siteId)?.timezone : undefined;
  const mayLog = a ? can('security:log', a.siteId) : false;
  // the server lets the site's loggers and incident reviewers commend, never oneself
  const commendable = a && (mayLog || can('incidents:review', a.siteId)) ? a.officers.filter((o) => o.userId !== me.user.id) : [];

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | undefined => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case 'outcome':
          return t(`outcome.${String(value)}`, { defaultValue: String(value) });
        case 'type':
          return types.label(String(value));
        case 'source':
          return sources.label(String(value));
        case 'received_at':
        case 'closed_at':
          return typeof value === 'string' ? formatInZone(value, zone) : undefined;
        case 'incident_id':
          return value === a?.incidentId ? (a?.incidentNumber ?? undefined) : undefined;
        case 'site_id':
          return value === a?.siteId ? a?.siteName : undefined;
        case 'recorded_by':
          return value === a?.recordedBy ? a?.recordedByName : undefined;
        case 'officers':
          // ids of users; those no longer on the alert are shown as stored
          return Array.isArray(value)
            ? value.map((id) => a?.officers.find((o) => o.userId === id)?.name ?? String(id)).join('、')
            : undefined;
        default:
          return undefined;
      }
    },
    [t, types, sources, a, zone],
  );

  const items = a
    ? [
        { key: 'receivedAt', label: t('field.receivedAt'), children: formatInZone(a.receivedAt, zone) },
        { key: 'source', label: t('field.source'), children: sources.label(a.source) },
        { key: 'type', label: t('field.alertType'), children: types.label(a.type) },
        { key: 'site', label: t('field.site'), children: a.siteName },
        { key: 'where', label: t('field.where'), children: dash([a.locationPath, a.place].filter(Boolean).join(' · ')) },
        {
          key: 'outcome',
          label: t('field.outcome'),
          children: (
            <Space size={4} wrap>
              <OutcomeTag outcome={a.outcome} />
              {a.apprehendedCount ? (
                <Typography.Text type="danger">{t('alert.caught', { count: a.apprehendedCount })}</Typography.Text>
              ) : null}
            </Space>
          ),
        },
        { key: 'description', label: t('field.description'), span: 'filled' as const, children: pre(a.description) },
        { key: 'handling', label: t('field.alertHandling'), span: 'filled' as const, children: pre(a.handling) },
        { key: 'officers', label: t('field.officers'), children: dash(a.officers.map((o) => o.name).join('、')) },
        { key: 'closedAt', label: t('field.closedAt'), children: formatInZone(a.closedAt, zone) },
        {
          key: 'incident',
          label: t('field.incident'),
          children: a.incidentId ? <Link to={`${PATHS.incidents}/${a.incidentId}`}>{a.incidentNumber ?? a.incidentId}</Link> : '—',
        },
        { key: 'recordedBy', label: t('field.recordedBy'), children: `${a.recordedByName} · ${formatInZone(a.createdAt, zone)}` },
      ]
    : [];

  return (
    <DetailPage
      title={a ? `${a.number} ${types.label(a.type)}` : t('alert.title')}
      subtitle={a ? `${a.siteName} · ${sources.label(a.source)}` : undefined}
      backTo={PATHS.alerts}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        a && mayLog ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="alert-edit">
            {t('common:actions.edit')}
          </Button>
        ) : null
      }
      items={items}
      history={
        a ? (
          <HistoryPanel entity="security_alert" entityId={a.id} version={a.version} fieldLabel={fieldLabel} valueLabel={valueLabel} />
        ) : null
      }
    >
      {a ? (
        <>
          <Card
            size="small"
            title={t('commendation.list')}
            extra={
              commendable.length ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<LikeOutlined />}
                  onClick={() => setCommending(true)}
                  data-testid="commendation-add"
                >
                  {t('commendation.add')}
                </Button>
              ) : null
            }
            data-testid="alert-commendations"
          >
            {a.commendations.length ? (
              <List
                dataSource={a.commendations}
                renderItem={(c) => (
                  <List.Item key={c.id}>
                    <List.Item.Meta
                      avatar={<LikeOutlined style={{ color: '#d48806', fontSize: 18 }} />}
                      title={c.officerName}
                      description={
                        <Space orientation="vertical" size={0}>
                          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.note}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('commendation.by', { name: c.commendedByName, at: formatInZone(c.commendedAt, zone) })}
                          </Typography.Text>
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('commendation.empty')} />
            )}
          </Card>
          <CommendationDialog alert={a} officers={commendable} open={commending} onClose={() => setCommending(false)} />
          <AlertDrawer open={editing} onClose={() => setEditing(false)} record={a} onSaved={() => void record.refetch()} />
        </>
      ) : null}
    </DetailPage>
  );
}
