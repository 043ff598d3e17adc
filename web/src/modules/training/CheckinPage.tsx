import { CheckCircleFilled, ClockCircleOutlined, EnvironmentOutlined, QrcodeOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Result, Skeleton, Space, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { LoadError, useDictionary, useErrorText, useInvalidate } from '../../components';
import { formatInZone } from '../maintenance/format';
import { shortTime } from '../patrols/logic';
import { CHECKIN_OPENS_MINUTES, checkinCodeOf, checkinOpensAt, checkinState, sessionTimeText } from './logic';
import { SessionStatusTag, useZoneOf } from './options';
import { CHECKIN, type CheckinResult, MY, PATHS, PEOPLE, SESSIONS, type Session, TRAINING_TYPE } from './types';

/**
 * 培训签到 — where a phone lands after scanning a session's QR (through the login page
 * first when signed out). It shows the session the code names (GET /training/checkin/:code:
 * title, time, place, trainer, whether this person has signed in) and one big 签到 button
 * while signing in is open or about to open. Cancelled, ended, or not for this person
 * (invitation only) is said up front instead of the button; a refusal on 签到 shows the
 * server's reason as it words it and the page reloads the session.
 */
export default function CheckinPage() {
  const { t } = useTranslation('training');
  const { token } = theme.useToken();
  const { code: raw = '' } = useParams<{ code: string }>();
  const code = checkinCodeOf(raw);
  const me = useMe();
  const zoneOf = useZoneOf();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<CheckinResult | null>(null);
  const query = useQuery({
    queryKey: [CHECKIN, code],
    queryFn: () => api.get<Session>(`${CHECKIN}/${encodeURIComponent(code)}`),
    retry: false,
  });

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<CheckinResult>(CHECKIN, { code });
      setResult(answer);
      await invalidate(SESSIONS, MY, PEOPLE, CHECKIN);
    } catch (err) {
      setError(err);
      // the session may have changed meanwhile (cancelled, ended, invitations edited)
      await query.refetch();
    } finally {
      setBusy(false);
    }
  };

  if (isApiError(error, 'NOT_FOUND') || isApiError(query.error, 'NOT_FOUND')) {
    return (
      <Result
        status="warning"
        title={t('checkin.notFound')}
        subTitle={t('checkin.notFoundHint')}
        extra={<MyLink primary />}
        data-testid="checkin-not-found"
      />
    );
  }
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;

  const session = result?.session ?? query.data;
  if (!session) {
    return (
      <div style={{ maxWidth: 480, margin: '0 auto' }}>
        <Skeleton active paragraph={{ rows: 5 }} />
      </div>
    );
  }
  const zone = zoneOf(session.siteId);
  const signedInAt = result?.signedInAt ?? session.attendees.find((a) => a.userId === me.user.id)?.signedInAt ?? null;

  if (result || session.signedIn) {
    const already = result ? result.alreadySignedIn : true;
    return (
      <div style={{ maxWidth: 480, margin: '0 auto' }} data-testid="checkin-page">
        <Result
          icon={<CheckCircleFilled style={{ color: token.colorSuccess }} />}
          title={t(already ? 'checkin.already' : 'checkin.done')}
          subTitle={signedInAt ? t('checkin.doneAt', { time: formatInZone(signedInAt, zone) }) : undefined}
          style={{ paddingBlock: 24 }}
          data-testid={already ? 'checkin-already' : 'checkin-done'}
        />
        <SessionCard session={session} />
        <MyLink />
      </div>
    );
  }

  const now = new Date();
  const state = checkinState(session, now);
  // too early may turn open while the page is up: the button stays, and the server says when
  const mayTry = state === 'open' || state === 'early';
  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }} data-testid="checkin-page">
      <Flex vertical gap={16}>
        <Flex vertical align="center" gap={8}>
          <QrcodeOutlined style={{ fontSize: 40, color: token.colorPrimary }} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('checkin.title')}
          </Typography.Title>
        </Flex>
        <SessionCard session={session} />
        <Card styles={{ body: { padding: 24 } }}>
          <Flex vertical align="center" gap={12}>
            {state === 'open' ? (
              <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
                {t('checkin.hint')}
              </Typography.Text>
            ) : (
              <Alert
                type={mayTry ? 'info' : 'warning'}
                showIcon
                title={t(`checkin.state.${state}`, {
                  opens: shortTime(checkinOpensAt(session.startsAt).toISOString(), zone, now),
                  minutes: CHECKIN_OPENS_MINUTES,
                })}
                style={{ width: '100%', fontSize: 16 }}
                data-testid="checkin-state"
              />
            )}
            {error ? (
              <Alert
                type="warning"
                showIcon
                title={errorText(error)}
                style={{ width: '100%', fontSize: 16 }}
                data-testid="checkin-refused"
              />
            ) : null}
            {mayTry ? (
              <Button
                type="primary"
                size="large"
                block
                loading={busy}
                onClick={() => void signIn()}
                style={{ height: 64, fontSize: 22, marginTop: 8 }}
                data-testid="checkin-submit"
              >
                {t(error ? 'checkin.retry' : 'checkin.submit')}
              </Button>
            ) : null}
            <Typography.Text type="secondary">{t('checkin.as', { name: me.user.name })}</Typography.Text>
          </Flex>
        </Card>
        {mayTry ? null : <MyLink />}
      </Flex>
    </div>
  );
}

function MyLink({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation('training');
  return (
    <Link to={PATHS.my}>
      <Button type={primary ? 'primary' : 'default'} size="large" block={!primary} style={primary ? undefined : { marginTop: 16 }}>
        {t('checkin.toMy')}
      </Button>
    </Link>
  );
}

/** The session behind the code: title, type, time, place, trainer, and whether this person has signed in. */
function SessionCard({ session: s }: { session: Session }) {
  const { t } = useTranslation('training');
  const zoneOf = useZoneOf();
  const types = useDictionary(TRAINING_TYPE);
  const zone = zoneOf(s.siteId);
  return (
    <Card styles={{ body: { padding: 20 } }} data-testid="checkin-session">
      <Flex vertical gap={10}>
        <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-word' }}>
          {s.title}
        </Typography.Title>
        <Space size={6} wrap>
          <SessionStatusTag session={s} />
          {s.signedIn ? (
            <Tag color="success" data-testid="checkin-signed-in">
              {t('my.signedIn')}
            </Tag>
          ) : (
            <Tag data-testid="checkin-not-signed-in">{t('attendees.notSignedIn')}</Tag>
          )}
          <Typography.Text type="secondary">
            {types.label(s.type)} · {s.number}
          </Typography.Text>
        </Space>
        <Flex vertical gap={6} style={{ fontSize: 16 }}>
          <Typography.Text>
            <ClockCircleOutlined /> {sessionTimeText(s.startsAt, s.endsAt, zone)}
          </Typography.Text>
          <Typography.Text>
            <EnvironmentOutlined /> {[s.siteName, s.locationPath, s.place].filter(Boolean).join(' · ')}
          </Typography.Text>
          {s.trainerName ? (
            <Typography.Text>
              <UserOutlined /> {t('checkin.trainer', { name: s.trainerName })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}
