import { ClockCircleOutlined, EnvironmentOutlined, FileSearchOutlined, ReloadOutlined, ScanOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Flex, Modal, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, PageContainer, ScanInput, useDictionary, useErrorText, useInvalidate } from '../../components';
import { formatInZone } from '../maintenance/format';
import { shortTime } from '../patrols/logic';
import { CHECKIN_OPENS_MINUTES, checkinCodeOf, checkinOpensAt, checkinState, scoreText, sessionTimeText } from './logic';
import { PassTag, SessionStatusTag, useZoneOf } from './options';
import {
  type Attempt,
  CHECKIN,
  type CheckinResult,
  MY,
  type MyTraining,
  PATHS,
  PEOPLE,
  SESSIONS,
  type Session,
  SPOT_CHECKS,
  TRAINING_TYPE,
} from './types';

type MySpotCheck = MyTraining['spotChecks'][number];

/**
 * 我的培训与抽查 on a phone: today's and coming sessions (签到 while sign-in is open, by
 * scanning the QR shown in the room) and the spot checks I am to take — 开始答题 or
 * 继续答题, or my score once submitted. 我的培训档案 lists everything I attended and took.
 */
export default function MyTrainingPage() {
  const { t } = useTranslation('training');
  const me = useMe();
  const site = useSelectedSite();
  const query = useQuery({
    queryKey: [MY, 'record', 'me', site],
    queryFn: ({ signal }) => api.get<MyTraining>(MY, undefined, signal),
  });
  const [scanning, setScanning] = useState<Session | null>(null);

  return (
    <PageContainer
      title={t('my.title')}
      subtitle={t('my.subtitle')}
      card={false}
      extra={
        <>
          <Link to={`${PATHS.people}/${me.user.id}`}>
            <Button icon={<FileSearchOutlined />} data-testid="my-record">
              {t('my.record')}
            </Button>
          </Link>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} aria-label={t('common:actions.refresh')} />
        </>
      }
    >
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : query.error ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <section style={{ marginBottom: 20 }} data-testid="my-sessions">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('my.sessions')}
              {query.data.sessions.length ? <Typography.Text type="secondary"> · {query.data.sessions.length}</Typography.Text> : null}
            </Typography.Title>
            {query.data.sessions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my.noSessions')} />
            ) : (
              <Row gutter={[12, 12]}>
                {query.data.sessions.map((s) => (
                  <Col key={s.id} xs={24} md={12} xl={8}>
                    <SessionCard session={s} onSignIn={() => setScanning(s)} />
                  </Col>
                ))}
              </Row>
            )}
          </section>
          <section style={{ marginBottom: 20 }} data-testid="my-spot-checks">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('my.spotChecks')}
              {query.data.spotChecks.length ? <Typography.Text type="secondary"> · {query.data.spotChecks.length}</Typography.Text> : null}
            </Typography.Title>
            {query.data.spotChecks.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('my.noSpotChecks')} />
            ) : (
              <Row gutter={[12, 12]}>
                {query.data.spotChecks.map((c) => (
                  <Col key={c.spotCheck.id} xs={24} md={12} xl={8}>
                    <SpotCheckCard item={c} />
                  </Col>
                ))}
              </Row>
            )}
          </section>
        </>
      )}
      <ScanSignIn session={scanning} onClose={() => setScanning(null)} />
    </PageContainer>
  );
}

function SessionCard({ session: s, onSignIn }: { session: Session; onSignIn: () => void }) {
  const { t } = useTranslation('training');
  const me = useMe();
  const can = useCan();
  const zoneOf = useZoneOf();
  const types = useDictionary(TRAINING_TYPE);
  const zone = zoneOf(s.siteId);
  const mine = s.attendees.find((a) => a.userId === me.user.id);
  const now = new Date();
  const state = checkinState(s, now);
  const readable = can('safety:read', s.siteId) || can('training:manage', s.siteId);
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`my-session-${s.id}`}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 16, wordBreak: 'break-word', minWidth: 0 }}>
          {readable ? <Link to={`${PATHS.sessions}/${s.id}`}>{s.title}</Link> : s.title}
        </Typography.Text>
        {s.signedIn ? (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            {t('my.signedIn')}
          </Tag>
        ) : (
          <SessionStatusTag session={s} />
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0' }}>
        {types.label(s.type)}
        {s.trainerName ? ` · ${s.trainerName}` : ''}
      </Typography.Text>
      <Flex vertical gap={2}>
        <Typography.Text>
          <ClockCircleOutlined /> {sessionTimeText(s.startsAt, s.endsAt, zone)}
        </Typography.Text>
        <Typography.Text type="secondary">
          <EnvironmentOutlined /> {[s.siteName, s.locationPath, s.place].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
      {s.canSignIn && !s.signedIn ? (
        <Button
          type="primary"
          size="large"
          block
          icon={<ScanOutlined />}
          onClick={onSignIn}
          style={{ marginTop: 10 }}
          data-testid={`my-session-signin-${s.id}`}
        >
          {t('my.signIn')}
        </Button>
      ) : s.signedIn && mine?.signedInAt ? (
        <Typography.Text type="success" style={{ display: 'block', marginTop: 6 }}>
          {t('checkin.doneAt', { time: formatInZone(mine.signedInAt, zone) })}
        </Typography.Text>
      ) : state !== 'open' && state !== 'signed_in' ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }} data-testid={`my-session-state-${s.id}`}>
          {t(`checkin.state.${state}`, {
            opens: shortTime(checkinOpensAt(s.startsAt).toISOString(), zone, now),
            minutes: CHECKIN_OPENS_MINUTES,
          })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** 签到 from the list: the QR in the room is scanned (or its code typed), as a phone camera would. */
function ScanSignIn({ session, onClose }: { session: Session | null; onClose: () => void }) {
  const { t } = useTranslation('training');
  const zoneOf = useZoneOf();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const scan = async (raw: string) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<CheckinResult>(CHECKIN, { code: checkinCodeOf(raw) });
      // the code scanned names the session, which may be another one than the card's
      message.success(
        t(result.alreadySignedIn ? 'my.alreadySignedInTo' : 'my.signedInTo', {
          title: result.session.title,
          time: formatInZone(result.signedInAt, zoneOf(result.session.siteId)),
        }),
      );
      await invalidate(MY, SESSIONS, PEOPLE);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={session !== null}
      title={session ? t('my.scanTitle', { title: session.title }) : ''}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('my.scanHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="my-scan-error" /> : null}
      <ScanInput onScan={scan} busy={busy} placeholder={t('my.scanPlaceholder')} submitLabel={t('my.signIn')} />
    </Modal>
  );
}

function SpotCheckCard({ item }: { item: MySpotCheck }) {
  const { t } = useTranslation('training');
  const navigate = useNavigate();
  const zoneOf = useZoneOf();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const [starting, setStarting] = useState(false);
  const c = item.spotCheck;
  const zone = zoneOf(c.siteId);
  const now = new Date();
  const submitted = Boolean(item.submittedAt);
  const open = c.status === 'open' && Date.parse(c.dueAt) > now.getTime();

  const start = async () => {
    setStarting(true);
    try {
      const attempt = await api.post<Attempt>(`${SPOT_CHECKS}/${c.id}/attempt`);
      await invalidate(MY);
      navigate(`${PATHS.quiz}/${attempt.id}`);
    } catch (err) {
      message.error(errorText(err));
      setStarting(false);
    }
  };

  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`my-spot-check-${c.id}`}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 16, wordBreak: 'break-word', minWidth: 0 }}>
          {c.title}
        </Typography.Text>
        {submitted ? <PassTag passed={item.passed} /> : null}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '4px 0' }}>
        {t('my.quizFacts', { count: c.questionCount, mark: c.passMark })}
      </Typography.Text>
      <Typography.Text type={open || submitted ? undefined : 'danger'}>
        <ClockCircleOutlined /> {t('my.dueBy', { time: shortTime(c.dueAt, zone, now) })}
      </Typography.Text>
      {submitted ? (
        <Flex justify="space-between" align="center" style={{ marginTop: 10 }}>
          <Typography.Text>
            {t('my.score')}
            <Typography.Text strong style={{ fontSize: 20, marginInlineStart: 6 }}>
              {scoreText(item.score)}
            </Typography.Text>
          </Typography.Text>
          {item.attemptId ? <Link to={`${PATHS.quiz}/${item.attemptId}`}>{t('my.viewResult')}</Link> : null}
        </Flex>
      ) : open ? (
        <Button
          type="primary"
          size="large"
          block
          loading={starting}
          onClick={() => void start()}
          style={{ marginTop: 10 }}
          data-testid={`my-spot-check-start-${c.id}`}
        >
          {t(item.attemptId ? 'my.resume' : 'my.start')}
        </Button>
      ) : (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
          {t('my.missed')}
        </Typography.Text>
      )}
    </Card>
  );
}
