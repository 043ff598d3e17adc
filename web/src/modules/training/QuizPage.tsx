import { AppstoreOutlined, ClockCircleOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Modal, Progress, Result, Skeleton, Space, Tag, Typography, theme } from 'antd';
import { useEffect, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useSelectedSite } from '../../app/site';
import { LoadError, recordKey, useErrorText, useInvalidate } from '../../components';
import { shortTime } from '../patrols/logic';
import {
  draftKey,
  isAnswered,
  optionLetter,
  parseDraft,
  type QuizState,
  quizReducer,
  resumeIndex,
  submitBody,
  unansweredNumbers,
} from './logic';
import { useZoneOf } from './options';
import { QuizResult } from './QuizResult';
import { ATTEMPTS, type Attempt, type AttemptQuestion, MY, PATHS, PEOPLE, SPOT_CHECKS } from './types';

/** localStorage may be unavailable (private mode, full): the quiz then simply keeps answers in memory. */
function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // nothing to do: answers stay on screen until submitted
  }
}

/**
 * 答题 on a phone: one question per screen with its progress (3/10), big options to tap
 * (a radio for 单选 and 判断, boxes for 多选), 上一题 / 下一题, an 答题卡 to jump, and 交卷
 * — which first lists the questions still unanswered (the server takes only a complete
 * quiz). Answers are kept on the device while answering, so a reload or a call loses
 * nothing. A submitted attempt shows its result.
 */
export default function QuizPage() {
  const { t } = useTranslation('training');
  const { attemptId = '' } = useParams<{ attemptId: string }>();
  const me = useMe();
  const site = useSelectedSite();
  const key = recordKey(ATTEMPTS, attemptId, site);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<Attempt>(`${ATTEMPTS}/${attemptId}`, undefined, signal),
    enabled: Boolean(attemptId),
  });
  const a = query.data;

  // a quiz submitted (here or elsewhere) needs its answers on this device no longer
  useEffect(() => {
    if (a?.submittedAt) writeStored(draftKey(a.id), null);
  }, [a?.submittedAt, a?.id]);

  if (query.isPending) {
    return (
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }
  if (query.error || !a) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }} data-testid="quiz-page">
      <Flex vertical gap={2} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-word' }}>
          {a.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {a.spotCheckNumber}
          {a.userId !== me.user.id ? ` · ${a.userName}` : ''}
        </Typography.Text>
      </Flex>
      {a.submittedAt ? (
        <>
          <QuizResult attempt={a} />
          <Flex justify="center" style={{ margin: '16px 0' }}>
            <Link to={a.userId === me.user.id ? PATHS.my : `${PATHS.spotChecks}/${a.spotCheckId}`}>
              <Button size="large">{t(a.userId === me.user.id ? 'quiz.backToMy' : 'quiz.backToCheck')}</Button>
            </Link>
          </Flex>
        </>
      ) : a.userId !== me.user.id ? (
        <Result status="info" title={t('quiz.notSubmitted', { name: a.userName })} />
      ) : Date.parse(a.dueAt) < Date.now() ? (
        <Result
          status="warning"
          title={t('quiz.overdue')}
          extra={
            <Link to={PATHS.my}>
              <Button size="large">{t('quiz.backToMy')}</Button>
            </Link>
          }
          data-testid="quiz-overdue"
        />
      ) : (
        <QuizRunner attempt={a} queryKey={key} />
      )}
    </div>
  );
}

function QuizRunner({ attempt, queryKey }: { attempt: Attempt; queryKey: readonly unknown[] }) {
  const { t } = useTranslation('training');
  const { token } = theme.useToken();
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const errorText = useErrorText();
  const zoneOf = useZoneOf();
  const questions = attempt.questions;
  const total = questions.length;
  const storeKey = draftKey(attempt.id);
  const [state, dispatch] = useReducer(quizReducer, undefined, (): QuizState => {
    const answers = parseDraft(readStored(storeKey), questions);
    return { answers, index: resumeIndex(questions, answers) };
  });
  const [sheet, setSheet] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const q = questions[state.index];
  const answeredCount = questions.filter((x) => isAnswered(state.answers, x.id)).length;
  const missing = unansweredNumbers(questions, state.answers);
  const last = state.index === total - 1;

  useEffect(() => {
    writeStored(storeKey, JSON.stringify(state.answers));
  }, [storeKey, state.answers]);

  // each question starts at the top of the screen (a long one may have been scrolled)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on the question change only
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [state.index]);

  const submit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      const done = await api.post<Attempt>(`${ATTEMPTS}/${attempt.id}/submit`, submitBody(questions, state.answers));
      writeStored(storeKey, null);
      client.setQueryData(queryKey, done);
      setConfirming(false);
      await invalidate(MY, SPOT_CHECKS, PEOPLE);
    } catch (err) {
      setError(err);
      setConfirming(false);
      // submitted from another tab, or the check closed meanwhile: show what the server holds now
      if (isApiError(err, 'CONFLICT')) await client.invalidateQueries({ queryKey: [ATTEMPTS] });
    } finally {
      setSubmitting(false);
    }
  };

  const go = (index: number) => {
    dispatch({ type: 'go', index, total });
    setSheet(false);
    setConfirming(false);
  };

  if (!q) return <Result status="warning" title={t('quiz.noQuestions')} />;

  return (
    <>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="quiz-progress">
          {state.index + 1}/{total}
        </Typography.Text>
        <Space size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <ClockCircleOutlined /> {t('quiz.dueBy', { time: shortTime(attempt.dueAt, zoneOf(attempt.siteId), new Date()) })}
          </Typography.Text>
          <Button size="small" icon={<AppstoreOutlined />} onClick={() => setSheet(true)} data-testid="quiz-sheet">
            {t('quiz.sheet')}
          </Button>
        </Space>
      </Flex>
      <Progress percent={Math.round((answeredCount / total) * 100)} showInfo={false} size="small" style={{ margin: '4px 0 12px' }} />
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="quiz-error" /> : null}

      <Card styles={{ body: { padding: 16 } }} data-testid={`quiz-question-${state.index + 1}`}>
        <Tag color={q.kind === 'multiple' ? 'purple' : q.kind === 'judge' ? 'cyan' : 'blue'}>{t(`kind.${q.kind}`)}</Tag>
        <Typography.Paragraph style={{ fontSize: 17, margin: '8px 0 16px', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {q.text}
        </Typography.Paragraph>
        {q.kind === 'multiple' ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
            {t('quiz.multipleHint')}
          </Typography.Text>
        ) : null}
        <OptionList
          question={q}
          chosen={state.answers[q.id] ?? []}
          onToggle={(option, checked) => dispatch({ type: 'choose', question: q, option, checked })}
          colors={{ border: token.colorBorder, active: token.colorPrimary, activeBg: token.colorPrimaryBg }}
        />
      </Card>

      <Flex
        gap={12}
        style={{
          position: 'sticky',
          bottom: 0,
          padding: '12px 0',
          background: token.colorBgLayout,
          marginTop: 12,
        }}
      >
        <Button
          size="large"
          icon={<LeftOutlined />}
          disabled={state.index === 0}
          onClick={() => dispatch({ type: 'prev' })}
          style={{ flex: 1 }}
          data-testid="quiz-prev"
        >
          {t('quiz.prev')}
        </Button>
        {last ? (
          <Button size="large" type="primary" onClick={() => setConfirming(true)} style={{ flex: 1 }} data-testid="quiz-submit">
            {t('quiz.submit')}
          </Button>
        ) : (
          <Button size="large" type="primary" onClick={() => dispatch({ type: 'next', total })} style={{ flex: 1 }} data-testid="quiz-next">
            {t('quiz.next')} <RightOutlined />
          </Button>
        )}
      </Flex>

      <Modal
        open={sheet}
        title={t('quiz.sheetTitle', { answered: answeredCount, total })}
        onCancel={() => setSheet(false)}
        footer={
          <Button
            type="primary"
            block
            size="large"
            onClick={() => {
              setSheet(false);
              setConfirming(true);
            }}
            data-testid="quiz-sheet-submit"
          >
            {t('quiz.submit')}
          </Button>
        }
        destroyOnHidden
      >
        <NumberGrid total={total} current={state.index} answered={(i) => isAnswered(state.answers, questions[i]?.id ?? '')} onPick={go} />
      </Modal>

      <Modal
        open={confirming}
        title={missing.length ? t('quiz.missingTitle', { count: missing.length }) : t('quiz.confirmTitle')}
        onCancel={() => setConfirming(false)}
        footer={
          missing.length ? (
            <Button type="primary" block size="large" onClick={() => go((missing[0] ?? 1) - 1)} data-testid="quiz-goto-missing">
              {t('quiz.gotoMissing', { n: missing[0] })}
            </Button>
          ) : (
            <Flex gap={8}>
              <Button size="large" onClick={() => setConfirming(false)} style={{ flex: 1 }}>
                {t('quiz.keepAnswering')}
              </Button>
              <Button
                type="primary"
                size="large"
                loading={submitting}
                onClick={() => void submit()}
                style={{ flex: 1 }}
                data-testid="quiz-confirm-submit"
              >
                {t('quiz.submit')}
              </Button>
            </Flex>
          )
        }
        destroyOnHidden
        data-testid="quiz-confirm"
      >
        {missing.length ? (
          <>
            <Typography.Paragraph>{t('quiz.missingHint')}</Typography.Paragraph>
            <Flex gap={8} wrap data-testid="quiz-missing">
              {missing.map((n) => (
                <Button key={n} danger onClick={() => go(n - 1)} style={{ minWidth: 44 }}>
                  {n}
                </Button>
              ))}
            </Flex>
          </>
        ) : (
          <Typography.Paragraph>{t('quiz.confirmHint', { total })}</Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}

/** The options as big rows to tap: the whole row toggles, a mark shows what is chosen. */
function OptionList({
  question: q,
  chosen,
  onToggle,
  colors,
}: {
  question: AttemptQuestion;
  chosen: number[];
  onToggle: (option: number, checked: boolean) => void;
  colors: { border: string; active: string; activeBg: string };
}) {
  const multiple = q.kind === 'multiple';
  return (
    <Flex vertical gap={10} role="group">
      {q.options.map((o, i) => {
        const on = chosen.includes(i);
        return (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: an option is its position
            key={i}
            type="button"
            aria-pressed={on}
            onClick={() => onToggle(i, multiple ? !on : true)}
            data-testid={`quiz-option-${i}`}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              width: '100%',
              minHeight: 52,
              padding: '10px 14px',
              textAlign: 'left',
              fontSize: 16,
              lineHeight: 1.4,
              cursor: 'pointer',
              color: 'inherit',
              background: on ? colors.activeBg : 'transparent',
              border: `${on ? 2 : 1}px solid ${on ? colors.active : colors.border}`,
              borderRadius: 10,
            }}
          >
            <span
              aria-hidden
              style={{
                flex: 'none',
                width: 28,
                height: 28,
                display: 'grid',
                placeItems: 'center',
                borderRadius: multiple ? 6 : '50%',
                border: `2px solid ${on ? colors.active : colors.border}`,
                background: on ? colors.active : 'transparent',
                color: on ? '#fff' : 'inherit',
                fontSize: 14,
                fontWeight: 600,
              }}
            >
              {q.kind === 'judge' ? (on ? '✓' : '') : optionLetter(i)}
            </span>
            <span style={{ wordBreak: 'break-word' }}>{o}</span>
          </button>
        );
      })}
    </Flex>
  );
}

/** 答题卡: every question's number, answered ones filled, the current one outlined. */
function NumberGrid({
  total,
  current,
  answered,
  onPick,
}: {
  total: number;
  current: number;
  answered: (index: number) => boolean;
  onPick: (index: number) => void;
}) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(48px, 1fr))', gap: 8 }} data-testid="quiz-sheet-grid">
      {Array.from({ length: total }, (_, i) => (
        <Button
          // biome-ignore lint/suspicious/noArrayIndexKey: numbers are positions
          key={i}
          type={answered(i) ? 'primary' : 'default'}
          ghost={i === current && answered(i)}
          danger={false}
          onClick={() => onPick(i)}
          style={{ height: 44, fontWeight: i === current ? 700 : 400, outline: i === current ? '2px solid currentColor' : undefined }}
        >
          {i + 1}
        </Button>
      ))}
    </div>
  );
}
