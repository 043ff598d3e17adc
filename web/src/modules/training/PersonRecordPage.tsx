import { Card, Grid, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, useDictionary, useRecord } from '../../components';
import { formatInZone } from '../maintenance/format';
import { rateText } from '../patrols/logic';
import { personFigures, scoreText } from './logic';
import { PassTag } from './options';
import { PATHS, PEOPLE, type PersonRecord, TRAINING_TYPE } from './types';

type SessionRow = PersonRecord['sessions'][number];
type AttemptRow = PersonRecord['attempts'][number];
type EtiquetteRow = PersonRecord['etiquette'][number];

/** A title with, on a phone, the folded columns under it. */
function Cell({ children, sub }: { children: ReactNode; sub: string | null }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ wordBreak: 'break-word' }}>{children}</div>
      {sub ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * 个人培训档案: one person's history — the sessions they were invited to or signed in to,
 * their spot-check results and the etiquette checks about them, with the figures on top.
 * Names on attendee and participant lists link here.
 */
export default function PersonRecordPage() {
  const { t } = useTranslation('training');
  const { userId } = useParams<{ userId: string }>();
  const me = useMe();
  const can = useCan();
  const types = useDictionary(TRAINING_TYPE);
  const record = useRecord<PersonRecord>(PEOPLE, userId);
  const p = record.data;
  const figures = p ? personFigures(p) : null;
  // times of a person's record are read in the person's first site's zone: the record spans sites
  const zone = me.sites[0]?.timezone;
  const readsSafety = can('safety:read', null) || can('training:manage', null);
  // on a phone the secondary columns fold into a line under the title
  const narrow = Grid.useBreakpoint().sm === false;

  return (
    <DetailPage
      title={p ? t('person.title', { name: p.name }) : t('person.loading')}
      subtitle={t('person.subtitle')}
      backTo={p && p.userId === me.user.id ? PATHS.my : undefined}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      items={
        figures
          ? [
              { key: 'sessions', label: t('person.sessionsAttended'), children: `${figures.attended}/${figures.sessions}` },
              { key: 'attempts', label: t('person.quizzesTaken'), children: figures.taken },
              { key: 'passed', label: t('person.quizzesPassed'), children: figures.passed },
              { key: 'passRate', label: t('field.passRate'), children: rateText(figures.passRate) },
              { key: 'averageScore', label: t('field.averageScore'), children: scoreText(figures.averageScore) },
              { key: 'etiquette', label: t('person.etiquetteAverage'), children: scoreText(figures.etiquetteAverage) },
            ]
          : []
      }
    >
      {p && figures ? (
        <>
          <Card size="small" title={t('person.sessions')} style={{ marginBottom: 16 }} data-testid="person-sessions">
            <Table<SessionRow>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={p.sessions}
              locale={{ emptyText: t('person.noSessions') }}
              columns={[
                {
                  title: t('field.title'),
                  dataIndex: 'title',
                  render: (v: string, r) => (
                    <Cell sub={narrow ? `${types.label(r.type)} · ${formatInZone(r.startsAt, zone)}` : null}>
                      {readsSafety ? <Link to={`${PATHS.sessions}/${r.id}`}>{v}</Link> : v}
                    </Cell>
                  ),
                },
                { title: t('field.type'), dataIndex: 'type', responsive: ['sm'], render: (v: string) => types.label(v) },
                { title: t('field.startsAt'), dataIndex: 'startsAt', responsive: ['sm'], render: (v: string) => formatInZone(v, zone) },
                {
                  title: t('attendees.signedInAt'),
                  dataIndex: 'signedInAt',
                  render: (v: string | null) =>
                    v ? formatInZone(v, zone) : <Typography.Text type="secondary">{t('attendees.notSignedIn')}</Typography.Text>,
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('person.attempts')} style={{ marginBottom: 16 }} data-testid="person-attempts">
            <Table<AttemptRow>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={p.attempts}
              locale={{ emptyText: t('person.noAttempts') }}
              columns={[
                {
                  title: t('field.checkTitle'),
                  dataIndex: 'title',
                  render: (v: string, r) => (
                    <Cell sub={narrow && r.submittedAt ? formatInZone(r.submittedAt, zone) : null}>
                      {readsSafety ? <Link to={`${PATHS.spotChecks}/${r.spotCheckId}`}>{v}</Link> : v}
                    </Cell>
                  ),
                },
                {
                  title: t('participants.submittedAt'),
                  dataIndex: 'submittedAt',
                  responsive: ['sm'],
                  render: (v: string | null) =>
                    v ? formatInZone(v, zone) : <Typography.Text type="secondary">{t('participants.inProgress')}</Typography.Text>,
                },
                { title: t('participants.score'), dataIndex: 'score', align: 'right', render: (v: number | null) => scoreText(v) },
                {
                  title: t('participants.result'),
                  dataIndex: 'passed',
                  render: (v: boolean | null, r) => (r.submittedAt ? <PassTag passed={v} /> : '—'),
                },
                {
                  title: t('participants.answers'),
                  key: 'answers',
                  render: (_, r) => (r.submittedAt ? <Link to={`${PATHS.quiz}/${r.id}`}>{t('participants.view')}</Link> : null),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('person.etiquette')} data-testid="person-etiquette">
            <Table<EtiquetteRow>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={p.etiquette}
              locale={{ emptyText: t('person.noEtiquette') }}
              columns={[
                {
                  title: t('field.number'),
                  dataIndex: 'number',
                  render: (v: string, r) => (
                    <Cell sub={narrow ? `${r.templateName} · ${formatInZone(r.checkedAt, zone)}` : null}>
                      {readsSafety ? <Link to={`${PATHS.etiquette}/${r.id}`}>{v}</Link> : v}
                    </Cell>
                  ),
                },
                { title: t('person.template'), dataIndex: 'templateName', responsive: ['sm'] },
                { title: t('person.checkedAt'), dataIndex: 'checkedAt', responsive: ['sm'], render: (v: string) => formatInZone(v, zone) },
                { title: t('participants.score'), dataIndex: 'score', align: 'right', render: (v: number) => scoreText(v) },
              ]}
            />
          </Card>
        </>
      ) : null}
    </DetailPage>
  );
}
