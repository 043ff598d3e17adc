import { CheckOutlined, EditOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useCan } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { DetailPage, recordKey, useDictionary, useErrorText, useInvalidate } from '../../components';
import { AttachmentsPanel } from '../../components/AttachmentsPanel';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { ReasonDialog } from '../patrols/ReasonDialog';
import { attendanceText, checkinOpensAt, sessionTimeText } from './logic';
import { ManualSignInDialog } from './ManualSignInDialog';
import { PersonLink, SessionStatusTag, useZoneOf } from './options';
import { SessionDrawer } from './SessionDrawer';
import { SessionQrCard } from './SessionQrCard';
import { type Attendee, MY, OWNER_SESSION, PATHS, PEOPLE, SESSION_ENTITY, SESSIONS, type Session, TRAINING_TYPE } from './types';

const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const pre = (v: string | null | undefined) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{dash(v)}</span>;

/** While sign-in is open the list refreshes by itself, so the trainer sees people arrive. */
const LIVE_REFRESH_MS = 15_000;

const HISTORY_FIELDS: Record<string, string> = {
  title: 'field.title',
  type: 'field.type',
  status: 'field.status',
  trainer_id: 'field.trainer',
  trainer_name: 'history.trainerName',
  starts_at: 'field.startsAt',
  ends_at: 'field.endsAt',
  location_id: 'field.location',
  place: 'field.place',
  description: 'field.description',
  cancel_reason: 'sessions.cancelReason',
  invitee_ids: 'field.invitees',
  signed_in: 'history.signedIn',
  user_id: 'history.person',
  signed_in_at: 'attendees.signedInAt',
  method: 'attendees.method',
};

/** audit rows name people by id: the session's attendees and trainer give them their names */
const PEOPLE_FIELDS = new Set(['user_id', 'trainer_id', 'invitee_ids', 'signed_in', 'created_by']);

/**
 * 培训详情: what, who, when and where; the sign-in QR (全屏 for the projector, 打印 for the
 * door) for those who manage training on the site; who was invited and who signed in
 * (when, by QR or by hand) with 手工签到; course materials; 标记完成 / 取消.
 */
export default function SessionDetailPage() {
  const { t } = useTranslation('training');
  const { id } = useParams<{ id: string }>();
  const site = useSelectedSite();
  const can = useCan();
  const zoneOf = useZoneOf();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const types = useDictionary(TRAINING_TYPE);
  const [editing, setEditing] = useState(false);
  const [manual, setManual] = useState(false);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  const record = useQuery({
    queryKey: recordKey(SESSIONS, id, site),
    queryFn: ({ signal }) => api.get<Session>(`${SESSIONS}/${id}`, undefined, signal),
    enabled: Boolean(id),
    refetchInterval: (q) => {
      const s = q.state.data;
      if (!s?.checkinCode || s.status !== 'planned') return false;
      const now = Date.now();
      return now >= checkinOpensAt(s.startsAt).getTime() && now <= Date.parse(s.endsAt) ? LIVE_REFRESH_MS : false;
    },
  });
  const s = record.data;
  const zone = zoneOf(s?.siteId);
  const manage = s ? can('training:manage', s.siteId) : false;

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | undefined => {
      if (value === null || value === undefined) return undefined;
      if (field === 'status') return t(`sessionStatus.${String(value)}`, { defaultValue: String(value) });
      if (field === 'type') return types.label(String(value));
      if (field === 'starts_at' || field === 'ends_at' || field === 'signed_in_at') return formatInZone(String(value), zone);
      if (field === 'method') return t(`method.${String(value)}`, { defaultValue: String(value) });
      if (field === 'site_id' && value === s?.siteId) return s.siteName;
      if (field === 'location_id' && value === s?.locationId) return s.locationPath ?? undefined;
      if (PEOPLE_FIELDS.has(field) && s) {
        const names = new Map(s.attendees.map((a) => [a.userId, a.name]));
        if (s.trainerId && s.trainerName) names.set(s.trainerId, s.trainerName);
        const ids = Array.isArray(value) ? value.map(String) : [String(value)];
        // ids no longer on the session (uninvited since) stay as stored
        return ids.map((id) => names.get(id) ?? id).join('、');
      }
      return undefined;
    },
    [t, types, zone, s],
  );

  const markDone = async () => {
    if (!s) return;
    setBusy(true);
    try {
      await api.post(`${SESSIONS}/${s.id}/done`, { version: s.version });
      message.success(t('sessions.markedDone'));
      await invalidate(SESSIONS, MY, PEOPLE);
    } catch (err) {
      message.error(isApiError(err, 'STALE_VERSION') ? t('common:form.stale') : errorText(err));
      if (isApiError(err, 'STALE_VERSION')) await invalidate(SESSIONS);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (reason: string | null) => {
    if (!s) return;
    await api.post(`${SESSIONS}/${s.id}/cancel`, { reason: reason ?? '', version: s.version });
    message.success(t('sessions.cancelled'));
    await invalidate(SESSIONS, MY, PEOPLE);
  };

  const items = s
    ? [
        {
          key: 'status',
          label: t('field.status'),
          children: (
            <Space size={4} wrap>
              <SessionStatusTag session={s} />
              {s.status === 'cancelled' && s.cancelReason ? <Typography.Text type="secondary">{s.cancelReason}</Typography.Text> : null}
            </Space>
          ),
        },
        { key: 'type', label: t('field.type'), children: types.label(s.type) },
        { key: 'trainer', label: t('field.trainer'), children: dash(s.trainerName) },
        { key: 'time', label: t('field.time'), children: sessionTimeText(s.startsAt, s.endsAt, zone) },
        { key: 'site', label: t('field.site'), children: s.siteName },
        { key: 'place', label: t('field.place'), children: dash([s.locationPath, s.place].filter(Boolean).join(' · ')) },
        { key: 'attendance', label: t('field.attendance'), children: attendanceText(s) },
        { key: 'description', label: t('field.description'), span: 'filled' as const, children: pre(s.description) },
      ]
    : [];

  const actions =
    s && manage ? (
      <Space wrap>
        {s.status !== 'cancelled' ? (
          <Button icon={<UserAddOutlined />} onClick={() => setManual(true)} data-testid="session-manual-signin">
            {t('attendees.manual')}
          </Button>
        ) : null}
        {s.status !== 'cancelled' ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="session-edit">
            {t('common:actions.edit')}
          </Button>
        ) : null}
        {/* a session is done by time once it ends; by hand only once it has started (one that ended early) */}
        {s.status === 'planned' && Date.now() >= Date.parse(s.startsAt) ? (
          <Popconfirm
            title={t('sessions.confirmDone')}
            description={t('sessions.confirmDoneHint')}
            okText={t('sessions.markDone')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => markDone()}
          >
            <Button type="primary" icon={<CheckOutlined />} loading={busy} data-testid="session-done">
              {t('sessions.markDone')}
            </Button>
          </Popconfirm>
        ) : null}
        {s.status === 'planned' ? (
          <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="session-cancel">
            {t('sessions.cancel')}
          </Button>
        ) : null}
      </Space>
    ) : null;

  const showQr = Boolean(s?.checkinCode) && s?.status !== 'cancelled';

  return (
    <DetailPage
      title={s ? `${s.number} ${s.title}` : t('sessions.detail')}
      subtitle={s ? `${s.siteName} · ${types.label(s.type)}` : undefined}
      backTo={PATHS.sessions}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={actions}
      items={items}
      history={
        s ? (
          <HistoryPanel entity={SESSION_ENTITY} entityId={s.id} version={s.version} fieldLabel={fieldLabel} valueLabel={valueLabel} />
        ) : null
      }
    >
      {s ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {showQr ? (
              <Col xs={24} lg={10}>
                <SessionQrCard session={s} timeZone={zone} />
              </Col>
            ) : null}
            <Col xs={24} lg={showQr ? 14 : 24}>
              <AttendeesCard session={s} timeZone={zone} />
            </Col>
          </Row>
          <AttachmentsPanel ownerType={OWNER_SESSION} ownerId={s.id} readOnly={!manage} title={t('sessions.materials')} />
          {manage ? <ManualSignInDialog open={manual} onClose={() => setManual(false)} session={s} /> : null}
          {manage ? <SessionDrawer open={editing} onClose={() => setEditing(false)} record={s} /> : null}
          {manage ? (
            <ReasonDialog
              open={cancelling}
              onClose={() => setCancelling(false)}
              title={t('sessions.confirmCancel')}
              description={t('sessions.confirmCancelHint')}
              field="reason"
              label={t('sessions.cancelReason')}
              required
              okText={t('sessions.cancel')}
              danger
              onSubmit={cancel}
              testId="session-cancel-reason"
            />
          ) : null}
        </>
      ) : null}
    </DetailPage>
  );
}

function AttendeesCard({ session, timeZone }: { session: Session; timeZone: string | undefined }) {
  const { t } = useTranslation('training');
  // who signed in first, in the order they came; the invited still missing after them
  const rows = [...session.attendees].sort((a, b) => {
    if (a.signedInAt && b.signedInAt) return a.signedInAt.localeCompare(b.signedInAt);
    if (a.signedInAt || b.signedInAt) return a.signedInAt ? -1 : 1;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
  return (
    <Card
      size="small"
      title={t('attendees.title')}
      extra={
        <Typography.Text type="secondary" data-testid="attendance-count">
          {session.invitedCount
            ? t('attendees.countInvited', { signed: session.signedInCount, invited: session.invitedCount })
            : t('attendees.count', { signed: session.signedInCount })}
        </Typography.Text>
      }
      style={{ height: '100%' }}
      data-testid="session-attendees"
    >
      <Table<Attendee>
        rowKey="userId"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(session.invitedCount ? 'attendees.emptyInvited' : 'attendees.empty') }}
        columns={[
          {
            title: t('attendees.name'),
            dataIndex: 'name',
            render: (v: string, a) => (
              <Space size={4}>
                <PersonLink userId={a.userId} name={v} siteId={session.siteId} />
                {/* beside an invitation list: signed in by hand without an invitation */}
                {session.invitedCount > 0 && !a.invited ? <Tag>{t('attendees.walkIn')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('attendees.signedInAt'),
            dataIndex: 'signedInAt',
            render: (v: string | null) =>
              v ? formatInZone(v, timeZone) : <Typography.Text type="secondary">{t('attendees.notSignedIn')}</Typography.Text>,
          },
          {
            title: t('attendees.method'),
            dataIndex: 'method',
            render: (v: Attendee['method']) => (v ? <Tag color={v === 'qr' ? 'blue' : 'default'}>{t(`method.${v}`)}</Tag> : '—'),
          },
        ]}
      />
    </Card>
  );
}
