import { FormOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Popconfirm, Row, Statistic, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { DetailPage, useDictionary, useErrorText, useInvalidate, useRecord } from '../../components';
import { HistoryPanel } from '../../components/HistoryPanel';
import { formatInZone } from '../maintenance/format';
import { rateText } from '../patrols/logic';
import { scoreText } from './logic';
import { PassTag, PersonLink, SpotCheckStatusTag, useZoneOf } from './options';
import { type Attempt, MY, PATHS, type Participant, SPOT_CHECK_ENTITY, SPOT_CHECKS, type SpotCheck, TRAINING_TYPE } from './types';

/** Audit diffs name stored columns; the history shows them as the page does. */
const HISTORY_FIELDS: Record<string, string> = {
  title: 'field.checkTitle',
  bank_id: 'field.bank',
  topic: 'field.topic',
  question_count: 'field.drawCount',
  pass_mark: 'field.passMark',
  due_at: 'field.dueAt',
  status: 'field.status',
  participant_ids: 'field.participants',
};

/**
 * 抽查详情: the bank, question count, pass mark and due time; how many took it, passed,
 * the pass rate and the average; each participant with their score (their name opens their
 * record, 答卷 their answers). A participant sees 开始答题 here too while it is open.
 */
export default function SpotCheckDetailPage() {
  const { t } = useTranslation('training');
  const { id } = useParams<{ id: string }>();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const zoneOf = useZoneOf();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invalidate = useInvalidate();
  const topics = useDictionary(TRAINING_TYPE);
  const record = useRecord<SpotCheck>(SPOT_CHECKS, id);
  const [starting, setStarting] = useState(false);
  const [closing, setClosing] = useState(false);
  const c = record.data;
  const zone = zoneOf(c?.siteId);
  const mine = c?.participants.find((p) => p.userId === me.user.id);
  const manage = c ? can('training:manage', c.siteId) : false;

  const fieldLabel = useCallback((field: string) => (HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : undefined), [t]);
  const valueLabel = useCallback(
    (field: string, value: unknown): string | undefined => {
      if (value === null || value === undefined || !c) return undefined;
      switch (field) {
        case 'status':
          return t(`spotCheckStatus.${String(value)}`, { defaultValue: String(value) });
        case 'topic':
          return topics.label(String(value));
        case 'site_id':
          return value === c.siteId ? c.siteName : undefined;
        case 'bank_id':
          return value === c.bankId ? c.bankName : undefined;
        case 'due_at':
          return formatInZone(String(value), zone);
        case 'participant_ids': {
          const names = new Map(c.participants.map((p) => [p.userId, p.name]));
          return Array.isArray(value) ? value.map((id) => names.get(String(id)) ?? String(id)).join('、') : undefined;
        }
        default:
          return undefined;
      }
    },
    [t, topics, c, zone],
  );

  const start = async () => {
    if (!c) return;
    setStarting(true);
    try {
      const attempt = await api.post<Attempt>(`${SPOT_CHECKS}/${c.id}/attempt`);
      await invalidate(MY);
      navigate(`${PATHS.quiz}/${attempt.id}`);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setStarting(false);
    }
  };

  const close = async () => {
    if (!c) return;
    setClosing(true);
    try {
      await api.post(`${SPOT_CHECKS}/${c.id}/close`, { version: c.version });
      message.success(t('spotChecks.closed'));
      await invalidate(SPOT_CHECKS, MY);
    } catch (err) {
      message.error(isApiError(err, 'STALE_VERSION') ? t('common:form.stale') : errorText(err));
      if (isApiError(err, 'STALE_VERSION')) await invalidate(SPOT_CHECKS);
    } finally {
      setClosing(false);
    }
  };

  const items = c
    ? [
        { key: 'status', label: t('field.status'), children: <SpotCheckStatusTag status={c.status} /> },
        { key: 'site', label: t('field.site'), children: c.siteName },
        {
          key: 'bank',
          label: t('field.bank'),
          children: manage ? <Link to={`${PATHS.banks}/${c.bankId}`}>{c.bankName}</Link> : c.bankName,
        },
        { key: 'topic', label: t('field.topic'), children: topics.label(c.topic) },
        { key: 'count', label: t('field.drawCount'), children: c.questionCount },
        { key: 'passMark', label: t('field.passMark'), children: t('spotChecks.passMarkValue', { mark: c.passMark }) },
        { key: 'due', label: t('field.dueAt'), children: formatInZone(c.dueAt, zone) },
        { key: 'created', label: t('field.createdBy'), children: `${c.createdByName} · ${formatInZone(c.createdAt, zone)}` },
      ]
    : [];

  const canTake = Boolean(c && mine && c.status === 'open' && !mine.submittedAt && can('training:attend', c.siteId));

  return (
    <DetailPage
      title={c ? `${c.number} ${c.title}` : t('spotChecks.detail')}
      subtitle={c ? `${c.siteName} · ${topics.label(c.topic)}` : undefined}
      backTo={PATHS.spotChecks}
      loading={record.isPending}
      error={record.error}
      onRetry={() => void record.refetch()}
      actions={
        c ? (
          <>
            {canTake ? (
              <Button type="primary" icon={<FormOutlined />} loading={starting} onClick={() => void start()} data-testid="spot-check-start">
                {t(mine?.attemptId ? 'my.resume' : 'my.start')}
              </Button>
            ) : null}
            {c.status === 'open' && manage ? (
              <Popconfirm
                title={t('spotChecks.confirmClose')}
                description={t('spotChecks.confirmCloseHint', { count: c.participantCount - c.takenCount })}
                okText={t('spotChecks.close')}
                okButtonProps={{ danger: true }}
                cancelText={t('common:actions.cancel')}
                onConfirm={() => close()}
              >
                <Button danger icon={<StopOutlined />} loading={closing} data-testid="spot-check-close">
                  {t('spotChecks.close')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        ) : null
      }
      items={items}
      history={
        c ? (
          <HistoryPanel entity={SPOT_CHECK_ENTITY} entityId={c.id} version={c.version} fieldLabel={fieldLabel} valueLabel={valueLabel} />
        ) : null
      }
    >
      {c ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="spot-check-figures">
            {[
              { key: 'participants', value: c.participantCount },
              { key: 'taken', value: c.takenCount },
              { key: 'passed', value: c.passedCount },
              { key: 'passRate', value: rateText(c.passRate) },
              { key: 'averageScore', value: scoreText(c.averageScore) },
            ].map((f) => (
              <Col key={f.key} xs={12} sm={8} lg={4}>
                <Card size="small">
                  <Statistic title={t(`figure.${f.key}`)} value={f.value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('participants.title')} data-testid="spot-check-participants">
            <Table<Participant>
              rowKey="userId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.participants}
              columns={[
                {
                  title: t('participants.name'),
                  dataIndex: 'name',
                  render: (v: string, p) => <PersonLink userId={p.userId} name={v} siteId={c.siteId} />,
                },
                {
                  title: t('participants.submittedAt'),
                  dataIndex: 'submittedAt',
                  render: (v: string | null, p) =>
                    v ? (
                      formatInZone(v, zone)
                    ) : (
                      <Typography.Text type="secondary">
                        {t(p.attemptId ? 'participants.inProgress' : 'participants.notStarted')}
                      </Typography.Text>
                    ),
                },
                { title: t('participants.score'), dataIndex: 'score', align: 'right', render: (v: number | null) => scoreText(v) },
                {
                  title: t('participants.result'),
                  dataIndex: 'passed',
                  render: (v: boolean | null, p) =>
                    p.submittedAt ? <PassTag passed={v} /> : c.status === 'closed' ? <PassTag passed={null} /> : '—',
                },
                {
                  title: t('participants.answers'),
                  key: 'answers',
                  // answers are for the taker and those who manage training (GET /training/attempts/:id)
                  render: (_, p) =>
                    p.attemptId && p.submittedAt && (manage || p.userId === me.user.id) ? (
                      <Link to={`${PATHS.quiz}/${p.attemptId}`}>{t('participants.view')}</Link>
                    ) : null,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </DetailPage>
  );
}
