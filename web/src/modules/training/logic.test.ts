import { describe, expect, it } from 'vitest';
import { urlFilters } from '../hazards/logic';
import {
  attendanceText,
  blankQuestion,
  CHECKIN_OPENS_MINUTES,
  checkinCodeOf,
  checkinState,
  choose,
  draftKey,
  invitedIds,
  JUDGE_OPTIONS,
  lettersOf,
  moved,
  parseDraft,
  personFigures,
  type QuizState,
  questionBody,
  questionFieldErrors,
  questionProblems,
  quizReducer,
  resumeIndex,
  SESSION_FILTERS,
  SESSION_STYLES,
  SPOT_CHECK_FILTERS,
  SPOT_CHECK_STYLES,
  scoreText,
  sessionPhase,
  sessionTimeText,
  submitBody,
  unansweredNumbers,
  withKind,
  withoutOption,
} from './logic';
import { type QuestionInput, SPOT_CHECK_STATUSES, TRAINING_STATUSES } from './types';

const questions = [
  { id: 'q1', kind: 'single' as const, options: ['A', 'B', 'C', 'D'] },
  { id: 'q2', kind: 'multiple' as const, options: ['A', 'B', 'C', 'D'] },
  { id: 'q3', kind: 'judge' as const, options: ['对', '错'] },
];

describe('choosing an answer', () => {
  it('keeps one option for single choice and true/false, the picked one replacing the last', () => {
    expect(choose('single', [], 2, true)).toEqual([2]);
    expect(choose('single', [2], 0, true)).toEqual([0]);
    expect(choose('judge', [0], 1, true)).toEqual([1]);
    expect(choose('single', [2], 2, false)).toEqual([]);
  });

  it('adds and removes options of a multiple choice, kept in option order', () => {
    expect(choose('multiple', [], 3, true)).toEqual([3]);
    expect(choose('multiple', [3], 0, true)).toEqual([0, 3]);
    expect(choose('multiple', [0, 3], 0, true)).toEqual([0, 3]);
    expect(choose('multiple', [0, 3], 3, false)).toEqual([0]);
  });
});

describe('the quiz state', () => {
  const start: QuizState = { index: 0, answers: {} };

  it('moves between questions without leaving the quiz at either end', () => {
    let s = quizReducer(start, { type: 'prev' });
    expect(s.index).toBe(0);
    s = quizReducer(s, { type: 'next', total: 3 });
    s = quizReducer(s, { type: 'next', total: 3 });
    expect(s.index).toBe(2);
    s = quizReducer(s, { type: 'next', total: 3 });
    expect(s.index).toBe(2);
    s = quizReducer(s, { type: 'prev' });
    expect(s.index).toBe(1);
    expect(quizReducer(s, { type: 'go', index: 9, total: 3 }).index).toBe(2);
    expect(quizReducer(s, { type: 'go', index: -1, total: 3 }).index).toBe(0);
  });

  it('keeps answers while moving back and forth, and forgets a question whose last choice is taken back', () => {
    let s = quizReducer(start, { type: 'choose', question: questions[1] as (typeof questions)[1], option: 1, checked: true });
    s = quizReducer(s, { type: 'next', total: 3 });
    s = quizReducer(s, { type: 'prev' });
    expect(s.answers).toEqual({ q2: [1] });
    s = quizReducer(s, { type: 'choose', question: questions[1] as (typeof questions)[1], option: 1, checked: false });
    expect(s.answers).toEqual({});
  });

  it('lists the unanswered questions by their number on screen and resumes at the first of them', () => {
    const answers = { q1: [0], q3: [1] };
    expect(unansweredNumbers(questions, answers)).toEqual([2]);
    expect(unansweredNumbers(questions, {})).toEqual([1, 2, 3]);
    expect(unansweredNumbers(questions, { ...answers, q2: [0, 2] })).toEqual([]);
    expect(resumeIndex(questions, answers)).toBe(1);
    expect(resumeIndex(questions, { ...answers, q2: [0] })).toBe(2);
    expect(resumeIndex([], {})).toBe(0);
    const restored = quizReducer(start, { type: 'restore', answers, index: resumeIndex(questions, answers) });
    expect(restored).toEqual({ index: 1, answers });
  });

  it('submits every question in the attempt order, an unanswered one with nothing chosen', () => {
    expect(submitBody(questions, { q3: [0], q1: [2] })).toEqual({
      answers: [
        { questionId: 'q1', chosen: [2] },
        { questionId: 'q2', chosen: [] },
        { questionId: 'q3', chosen: [0] },
      ],
    });
  });
});

describe('answers kept on the device', () => {
  it('reads back only what fits the attempt', () => {
    const raw = JSON.stringify({ q1: [1, 2], q2: [3, 0, 3, 9], q3: [-1], gone: [0], q4: 'x' });
    expect(parseDraft(raw, questions)).toEqual({ q1: [1], q2: [0, 3] });
    expect(parseDraft(null, questions)).toEqual({});
    expect(parseDraft('not json', questions)).toEqual({});
    expect(parseDraft('[1,2]', questions)).toEqual({});
    expect(draftKey('a1')).toBe('houqin.quiz.a1');
  });
});

describe('signing in to a session', () => {
  const session = {
    status: 'planned' as const,
    startsAt: '2025-03-01T01:00:00.000Z',
    endsAt: '2025-03-01T02:00:00.000Z',
    signedIn: false,
    canSignIn: true,
  };
  const at = (iso: string) => new Date(iso);

  it('opens 30 minutes before the start and closes at the end', () => {
    expect(CHECKIN_OPENS_MINUTES).toBe(30);
    expect(checkinState(session, at('2025-03-01T00:29:59Z'))).toBe('early');
    expect(checkinState(session, at('2025-03-01T00:30:00Z'))).toBe('open');
    expect(checkinState(session, at('2025-03-01T02:00:00Z'))).toBe('open');
    expect(checkinState(session, at('2025-03-01T02:00:01Z'))).toBe('ended');
  });

  it('says so when signed in already, cancelled, or open but not for this person', () => {
    const inside = at('2025-03-01T01:10:00Z');
    expect(checkinState({ ...session, signedIn: true, canSignIn: false }, inside)).toBe('signed_in');
    expect(checkinState({ ...session, status: 'cancelled', canSignIn: false }, inside)).toBe('cancelled');
    expect(checkinState({ ...session, canSignIn: false }, inside)).toBe('not_allowed');
  });

  it('edits the invitation list without the walk-ins, so an open session stays open', () => {
    const attendee = (userId: string, invited: boolean, signedInAt: string | null) => ({
      userId,
      name: userId,
      invited,
      signedInAt,
      method: signedInAt ? ('qr' as const) : null,
    });
    const walkIns = [attendee('a', false, '2025-01-01T00:00:00Z'), attendee('b', false, '2025-01-01T00:01:00Z')];
    expect(invitedIds({ attendees: walkIns })).toEqual([]);
    expect(invitedIds({ attendees: [attendee('c', true, null), attendee('d', true, '2025-01-01T00:02:00Z'), ...walkIns] })).toEqual([
      'c',
      'd',
    ]);
  });

  it('takes the code out of the QR link, a label link or the code as typed', () => {
    expect(checkinCodeOf('https://hq.example.com/training/checkin/AB3K7MNP2Q')).toBe('AB3K7MNP2Q');
    expect(checkinCodeOf('http://x/training/checkin/AB3K7MNP2Q/?utm=1')).toBe('AB3K7MNP2Q');
    expect(checkinCodeOf('https://hq.example.com/q/XY12')).toBe('XY12');
    expect(checkinCodeOf('  AB3K7MNP2Q ')).toBe('AB3K7MNP2Q');
  });
});

describe('times and figures', () => {
  it('writes a session within a day with one date, across days with two, in the site zone', () => {
    expect(sessionTimeText('2025-03-01T01:00:00Z', '2025-03-01T02:30:00Z', 'Asia/Shanghai')).toBe('2025-03-01 09:00–10:30');
    expect(sessionTimeText('2025-03-01T15:00:00Z', '2025-03-01T17:00:00Z', 'Asia/Shanghai')).toBe('2025-03-01 23:00 – 2025-03-02 01:00');
  });

  it('writes scores with at most one decimal and attendance against the invited', () => {
    expect(scoreText(86.66)).toBe('86.7');
    expect(scoreText(100)).toBe('100');
    expect(scoreText(null)).toBe('—');
    expect(attendanceText({ invitedCount: 10, signedInCount: 8 })).toBe('8/10');
    expect(attendanceText({ invitedCount: 0, signedInCount: 5 })).toBe('5');
  });

  it('shows answers as letters, a true/false answer as its word', () => {
    expect(lettersOf([0, 2], 'multiple', ['a', 'b', 'c'])).toBe('A、C');
    expect(lettersOf([1], 'judge', JUDGE_OPTIONS)).toBe('错');
    expect(lettersOf([], 'single', ['a'])).toBe('—');
  });

  it('adds up a person’s record as the spot checks count it', () => {
    const figures = personFigures({
      sessions: [
        { id: 's1', number: 'PX-1', title: 'a', type: 'fire', startsAt: '', signedInAt: '2025-01-01T00:00:00Z' },
        { id: 's2', number: 'PX-2', title: 'b', type: 'fire', startsAt: '', signedInAt: null },
      ],
      attempts: [
        { id: 'a1', spotCheckId: 'c1', title: 'x', submittedAt: '2025-01-01T00:00:00Z', score: 90, passed: true },
        { id: 'a2', spotCheckId: 'c2', title: 'y', submittedAt: '2025-01-02T00:00:00Z', score: 45, passed: false },
        { id: 'a3', spotCheckId: 'c3', title: 'z', submittedAt: null, score: null, passed: null },
      ],
      etiquette: [
        { id: 'e1', number: 'LY-1', templateName: 't', checkedAt: '', score: 80 },
        { id: 'e2', number: 'LY-2', templateName: 't', checkedAt: '', score: 95 },
      ],
    });
    expect(figures).toEqual({
      sessions: 2,
      attended: 1,
      taken: 2,
      passed: 1,
      passRate: 50,
      averageScore: 67.5,
      etiquetteAverage: 87.5,
    });
    expect(personFigures({ sessions: [], attempts: [], etiquette: [] })).toMatchObject({ passRate: null, averageScore: null });
  });

  it('tells a planned session that has started (进行中) from one still to come', () => {
    const s = { status: 'planned' as const, startsAt: '2025-03-01T01:00:00.000Z' };
    expect(sessionPhase(s, new Date('2025-03-01T00:59:59Z'))).toBe('upcoming');
    expect(sessionPhase(s, new Date('2025-03-01T01:00:00Z'))).toBe('in_progress');
    expect(sessionPhase({ ...s, status: 'done' }, new Date('2025-03-01T00:00:00Z'))).toBe('done');
    expect(sessionPhase({ ...s, status: 'cancelled' }, new Date('2025-03-01T05:00:00Z'))).toBe('cancelled');
    for (const status of TRAINING_STATUSES)
      expect(['upcoming', 'in_progress', 'done', 'cancelled']).toContain(sessionPhase({ ...s, status }, new Date()));
  });

  it('has a colour and a label for every session and spot-check state', () => {
    for (const s of ['upcoming', 'in_progress', 'done', 'cancelled'] as const)
      expect(SESSION_STYLES[s].label).toBe(`training:sessionPhase.${s}`);
    for (const s of SPOT_CHECK_STATUSES) expect(SPOT_CHECK_STYLES[s].label).toBe(`training:spotCheckStatus.${s}`);
  });
});

describe('the bank editor', () => {
  const q = (over: Partial<QuestionInput>): QuestionInput => ({ ...blankQuestion('single'), ...over });

  it('starts a judge question with 对/错 and the others with four empty options', () => {
    expect(blankQuestion('judge').options).toEqual(['对', '错']);
    expect(blankQuestion().options).toEqual(['', '', '', '']);
  });

  it('switches kinds: to judge the options become 对/错, multiple → single keeps the first answer', () => {
    const multi = q({ kind: 'multiple', options: ['a', 'b', 'c'], answer: [1, 2] });
    expect(withKind(multi, 'single')).toMatchObject({ kind: 'single', options: ['a', 'b', 'c'], answer: [1] });
    expect(withKind(multi, 'judge')).toMatchObject({ options: ['对', '错'], answer: [] });
    expect(withKind(withKind(multi, 'judge'), 'single').options).toEqual(['', '', '', '']);
    expect(withKind(multi, 'multiple')).toBe(multi);
  });

  it('removing an option keeps the ticks on the options they belong to', () => {
    const before = q({ kind: 'multiple', options: ['a', 'b', 'c', 'd'], answer: [1, 3] });
    expect(withoutOption(before, 0)).toMatchObject({ options: ['b', 'c', 'd'], answer: [0, 2] });
    expect(withoutOption(before, 1)).toMatchObject({ options: ['a', 'c', 'd'], answer: [2] });
  });

  it('names what keeps a question from being saved', () => {
    expect(questionProblems(q({ text: '灭火器压力表指针在哪个区域为正常？', options: ['红', '绿', '黄'], answer: [1] }))).toEqual([]);
    expect(questionProblems(q({})).map((p) => p.key)).toEqual([
      'text',
      'optionEmpty',
      'optionEmpty',
      'optionEmpty',
      'optionEmpty',
      'answerMissing',
    ]);
    expect(questionProblems(q({ text: 'x', options: ['a', 'a '], answer: [0, 1] }))).toEqual([
      { key: 'optionDuplicate', letter: 'B' },
      { key: 'answerOne' },
    ]);
    expect(questionProblems(q({ text: 'x', kind: 'multiple', options: ['a', 'b'], answer: [1] }))).toEqual([]);
    expect(questionProblems(q({ text: 'x', options: ['a'], answer: [0] })).map((p) => p.key)).toEqual(['optionsFew']);
    // an answer pointing past the options counts as none
    expect(questionProblems(q({ text: 'x', options: ['a', 'b'], answer: [5] })).map((p) => p.key)).toEqual(['answerMissing']);
  });

  it('sends trimmed texts, answers in order and no empty explanation', () => {
    expect(questionBody(q({ id: 'k1', text: ' x ', options: [' a', 'b '], answer: [1, 0, 1], explanation: '  ' }))).toEqual({
      id: 'k1',
      kind: 'single',
      text: 'x',
      options: ['a', 'b'],
      answer: [0, 1],
      explanation: null,
    });
    expect(questionBody(q({ text: 'x' }))).not.toHaveProperty('id');
  });

  it('puts the server’s refusals on the question they name', () => {
    const errors = questionFieldErrors([
      { field: 'questions.3.options', message: '第 4 题：选项不能重复' },
      { field: '/questions/3/answer', message: '答案不是有效的选项' },
      { field: 'questions.0', message: 'x' },
      { field: 'name', message: '请填写题库名称' },
      { field: 'questionsCount', message: 'no' },
    ]);
    expect([...errors.entries()]).toEqual([
      [3, ['选项不能重复', '答案不是有效的选项']],
      [0, ['x']],
    ]);
  });

  it('moves a question up and down, not past either end', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('list filters from a summary figure’s link', () => {
  it('keeps the department of a department-scoped figure, beside its period and sites', () => {
    // as the training facts link under a department scope (server training/measures.ts)
    const attendance = new URLSearchParams('siteId=s1&siteId=s2&from=2026-01-15T00%3A00%3A00.000Z&status=planned%2Cdone&departmentId=d1');
    expect(urlFilters(attendance, SESSION_FILTERS)).toEqual({
      siteId: ['s1', 's2'],
      from: '2026-01-15T00:00:00.000Z',
      status: 'planned,done',
      departmentId: 'd1',
    });
    const answers = new URLSearchParams(
      'submittedFrom=2026-01-15T00%3A00%3A00.000Z&submittedTo=2026-03-20T00%3A00%3A00.000Z&departmentId=d1&x=1',
    );
    expect(urlFilters(answers, SPOT_CHECK_FILTERS)).toEqual({
      submittedFrom: '2026-01-15T00:00:00.000Z',
      submittedTo: '2026-03-20T00:00:00.000Z',
      departmentId: 'd1',
    });
  });
});
