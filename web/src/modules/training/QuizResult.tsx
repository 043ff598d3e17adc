import { CheckCircleFilled, CheckOutlined, CloseCircleFilled, CloseOutlined } from '@ant-design/icons';
import { Card, Flex, Segmented, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lettersOf, optionLetter, scoreText } from './logic';
import type { Attempt, AttemptQuestion } from './types';

/**
 * The result of a submitted quiz: the score against the pass mark, 通过/未通过, and every
 * question with what was chosen, the right answer and its explanation — wrong ones first
 * to look at with 只看错题.
 */
export function QuizResult({ attempt }: { attempt: Attempt }) {
  const { t } = useTranslation('training');
  const { token } = theme.useToken();
  const [only, setOnly] = useState<'all' | 'wrong'>('all');
  const correctCount = attempt.correctCount ?? attempt.questions.filter((q) => q.correct).length;
  const wrongCount = attempt.questions.length - correctCount;
  const shown = attempt.questions.map((q, i) => ({ q, n: i + 1 })).filter(({ q }) => only === 'all' || !q.correct);
  const passed = attempt.passed === true;

  return (
    <Flex vertical gap={12} data-testid="quiz-result">
      <Card styles={{ body: { padding: 20, textAlign: 'center' } }}>
        {passed ? (
          <CheckCircleFilled style={{ fontSize: 48, color: token.colorSuccess }} />
        ) : (
          <CloseCircleFilled style={{ fontSize: 48, color: token.colorError }} />
        )}
        <div style={{ fontSize: 44, fontWeight: 600, lineHeight: 1.2, marginTop: 8 }} data-testid="quiz-score">
          {scoreText(attempt.score)}
          <span style={{ fontSize: 18, fontWeight: 400, marginInlineStart: 4 }}>{t('quiz.points')}</span>
        </div>
        <Tag color={passed ? 'success' : 'error'} style={{ fontSize: 16, padding: '2px 12px', margin: '8px 0' }} data-testid="quiz-passed">
          {t(passed ? 'result.passed' : 'result.failed')}
        </Tag>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('quiz.summary', { correct: correctCount, total: attempt.questions.length, mark: attempt.passMark })}
        </Typography.Paragraph>
      </Card>
      {wrongCount ? (
        <Segmented<'all' | 'wrong'>
          block
          value={only}
          onChange={setOnly}
          options={[
            { value: 'all', label: t('quiz.showAll', { count: attempt.questions.length }) },
            { value: 'wrong', label: t('quiz.showWrong', { count: wrongCount }) },
          ]}
        />
      ) : null}
      {shown.map(({ q, n }) => (
        <ResultQuestion key={q.id} q={q} n={n} />
      ))}
    </Flex>
  );
}

function ResultQuestion({ q, n }: { q: AttemptQuestion; n: number }) {
  const { t } = useTranslation('training');
  const { token } = theme.useToken();
  const chosen = q.chosen ?? [];
  const answer = q.answer ?? [];
  return (
    <Card size="small" style={{ borderColor: q.correct ? undefined : token.colorErrorBorder }} data-testid={`result-question-${n}`}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {n}. <Tag style={{ marginInlineEnd: 4 }}>{t(`kind.${q.kind}`)}</Tag>
          <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{q.text}</span>
        </Typography.Text>
        {q.correct ? (
          <CheckCircleFilled style={{ color: token.colorSuccess, fontSize: 20 }} aria-label={t('quiz.right')} />
        ) : (
          <CloseCircleFilled style={{ color: token.colorError, fontSize: 20 }} aria-label={t('quiz.wrong')} />
        )}
      </Flex>
      <Flex vertical gap={4} style={{ marginTop: 8 }}>
        {q.options.map((o, i) => {
          const right = answer.includes(i);
          const picked = chosen.includes(i);
          const color = right ? token.colorSuccess : picked ? token.colorError : undefined;
          return (
            <Flex
              // biome-ignore lint/suspicious/noArrayIndexKey: an option is its position
              key={i}
              gap={8}
              align="flex-start"
              style={{
                padding: '6px 8px',
                borderRadius: 6,
                background: right ? token.colorSuccessBg : picked ? token.colorErrorBg : undefined,
              }}
            >
              <span style={{ width: 16, color, flex: 'none' }}>{right ? <CheckOutlined /> : picked ? <CloseOutlined /> : null}</span>
              <Typography.Text style={{ color, wordBreak: 'break-word' }}>
                {q.kind === 'judge' ? o : `${optionLetter(i)}. ${o}`}
                {picked ? <Typography.Text type="secondary">{t('quiz.yourChoice')}</Typography.Text> : null}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
      <Typography.Paragraph style={{ margin: '8px 0 0' }}>
        <Typography.Text type="secondary">{t('quiz.rightAnswer')}</Typography.Text>
        <Typography.Text strong>{lettersOf(answer, q.kind, q.options)}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 16 }}>
          {t('quiz.yourAnswer')}
        </Typography.Text>
        <Typography.Text strong type={q.correct ? 'success' : 'danger'}>
          {lettersOf(chosen, q.kind, q.options)}
        </Typography.Text>
      </Typography.Paragraph>
      {q.explanation ? (
        <Typography.Paragraph
          style={{ margin: '6px 0 0', padding: 8, background: token.colorFillQuaternary, borderRadius: 6, whiteSpace: 'pre-wrap' }}
        >
          <Typography.Text type="secondary">{t('quiz.explanation')}</Typography.Text>
          {q.explanation}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
