import { describe, expect, it } from 'vitest';
import type { QuestionInput } from '../../../../contracts/training.js';
import { drawQuestions } from './draw.js';
import {
  answerProblems,
  isCorrect,
  parseAnswerLetters,
  parseKind,
  questionProblems,
  type StoredQuestion,
  scoreAttempt,
  scoreOf,
} from './questions.js';

const problems = (q: Partial<QuestionInput>) =>
  questionProblems({ kind: 'single', text: '题', options: ['甲', '乙'], answer: [0], explanation: null, ...q }).map((p) => [
    p.field,
    p.message,
  ]);

describe('question rules', () => {
  it('accepts the three kinds when well formed', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ kind: 'multiple', options: ['甲', '乙', '丙'], answer: [0, 2] })).toEqual([]);
    expect(problems({ kind: 'judge', options: ['对', '错'], answer: [1] })).toEqual([]);
  });

  it('names each problem in Chinese under its field', () => {
    expect(problems({ answer: [0, 1] })).toEqual([['answer', '单选题必须有且只有一个正确答案']]);
    expect(problems({ kind: 'multiple', answer: [] })).toEqual([['answer', '多选题至少要有一个正确答案']]);
    expect(problems({ kind: 'judge', options: ['是', '否'], answer: [0] })).toEqual([['options', '判断题的选项必须是“对”“错”两项']]);
    expect(problems({ kind: 'judge', options: ['对', '错'], answer: [0, 1] })).toEqual([['answer', '判断题必须有且只有一个正确答案']]);
    expect(problems({ options: ['甲'], answer: [0] })).toEqual([['options', '选项应为 2 到 8 个']]);
    expect(problems({ options: Array.from({ length: 9 }, (_, i) => `选项${i}`) })).toEqual([['options', '选项应为 2 到 8 个']]);
    expect(problems({ text: '  ' })).toEqual([['text', '请填写题目']]);
    expect(problems({ answer: [2] })).toEqual([['answer', '答案不是有效的选项']]);
    expect(problems({ options: ['甲', '甲'] })).toEqual([['options', '选项不能重复']]);
    expect(problems({ kind: 'essay' as never })).toEqual([['kind', '题型应为单选、多选或判断']]);
  });
});

const Q: StoredQuestion[] = [
  { id: 'a', kind: 'single', text: '一', options: ['甲', '乙', '丙'], answer: [1], explanation: null },
  { id: 'b', kind: 'multiple', text: '二', options: ['甲', '乙', '丙', '丁'], answer: [0, 2], explanation: '甲和丙' },
  { id: 'c', kind: 'judge', text: '三', options: ['对', '错'], answer: [0], explanation: null },
  { id: 'd', kind: 'multiple', text: '四', options: ['甲', '乙', '丙'], answer: [0, 1, 2], explanation: null },
];

describe('scoring', () => {
  it('counts a multiple choice only when exactly right, equal weights, one decimal', () => {
    expect(isCorrect(Q[1] as StoredQuestion, [2, 0])).toBe(true);
    expect(isCorrect(Q[1] as StoredQuestion, [0])).toBe(false);
    expect(isCorrect(Q[1] as StoredQuestion, [0, 1, 2])).toBe(false);
    const s = scoreAttempt(
      Q,
      [
        { questionId: 'a', chosen: [1] },
        { questionId: 'b', chosen: [0] },
        { questionId: 'c', chosen: [0] },
        { questionId: 'd', chosen: [2, 1, 0] },
      ],
      80,
    );
    expect([s.correctCount, s.score, s.passed]).toEqual([3, 75, false]);
    expect([...s.correct.entries()]).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
      ['d', true],
    ]);
    expect(scoreAttempt(Q.slice(0, 3), [{ questionId: 'a', chosen: [1] }], 33.3).passed).toBe(true);
    expect(scoreOf(2, 3)).toBe(66.7);
    expect(scoreOf(0, 0)).toBe(0);
  });

  it('passes at exactly the mark', () => {
    const all = Q.map((q) => ({ questionId: q.id, chosen: q.answer }));
    expect(scoreAttempt(Q, all, 100)).toMatchObject({ score: 100, passed: true });
    expect(scoreAttempt(Q, all.slice(1), 75)).toMatchObject({ score: 75, passed: true });
  });

  it('lists every unanswered question in one message and refuses impossible choices', () => {
    const out: [string, string][] = [];
    answerProblems(
      Q,
      [
        { questionId: 'a', chosen: [0, 1] },
        { questionId: 'c', chosen: [5] },
        { questionId: 'x', chosen: [0] },
      ],
      (f, m) => out.push([f, m]),
    );
    expect(out).toEqual([
      ['answers.2.questionId', '不是本次答题的题目'],
      ['answers.a', '第 1 题为单选题，只能选择一个答案'],
      ['answers.c', '第 3 题选择的选项不存在'],
      ['answers', '还有题目未作答：第 2、4 题'],
    ]);
  });
});

describe('import cells', () => {
  it('reads answer letters and kinds', () => {
    expect(parseAnswerLetters('ac', 'multiple')).toEqual([0, 2]);
    expect(parseAnswerLetters('A、C', 'multiple')).toEqual([0, 2]);
    expect(parseAnswerLetters('对', 'judge')).toEqual([0]);
    expect(parseAnswerLetters('错误', 'judge')).toEqual([1]);
    expect(parseAnswerLetters('Z', 'single')).toBeNull();
    expect(parseAnswerLetters('', 'single')).toBeNull();
    expect([parseKind('单选题'), parseKind('多选'), parseKind('判断题'), parseKind('填空')]).toEqual(['single', 'multiple', 'judge', null]);
  });
});

describe('quiz draw', () => {
  it('draws the same questions in the same order for the same attempt, different ones for others', () => {
    const a = drawQuestions('01JATTEMPTAAAAAAAAAAAAAAAA', 12, 5);
    expect(drawQuestions('01JATTEMPTAAAAAAAAAAAAAAAA', 12, 5)).toEqual(a);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect(a.every((i) => i >= 0 && i < 12)).toBe(true);
    const draws = Array.from({ length: 40 }, (_, i) => drawQuestions(`attempt-${i}`, 12, 5).join(','));
    expect(new Set(draws).size).toBeGreaterThan(30);
    // the order is drawn too, not only the subset
    expect(draws.some((d) => d !== [...d.split(',').map(Number)].sort((x, y) => x - y).join(','))).toBe(true);
  });

  it('takes every question when asked for all or more, and none of an empty bank', () => {
    expect([...drawQuestions('x', 4, 4)].sort()).toEqual([0, 1, 2, 3]);
    expect(drawQuestions('x', 3, 10)).toHaveLength(3);
    expect(drawQuestions('x', 0, 3)).toEqual([]);
  });
});
