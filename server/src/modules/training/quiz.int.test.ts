import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MyTrainingDto,
  PersonTrainingRecordDto,
  QuestionBankDto,
  QuestionInput,
  QuizAttemptDto,
  SpotCheckDto,
} from '../../../../contracts/training.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { writeXlsx } from '../../platform/print/excel.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import { drawQuestions } from './draw.js';
import { type ErrorBody, fieldsOf, multipart, type Page, signInAll } from './testing.js';

type Bank = QuestionBankDto & ErrorBody;
type Check = SpotCheckDto & ErrorBody;
type Attempt = QuizAttemptDto & ErrorBody;
type ImportResult = {
  dryRun: boolean;
  total: number;
  valid: number;
  imported: number;
  errors: { row: number; column: string; message: string }[];
};

const DAY = 86_400_000;

const QUESTIONS: QuestionInput[] = [
  { kind: 'single', text: '火警电话？', options: ['119', '110', '120'], answer: [0], explanation: '火警 119' },
  {
    kind: 'multiple',
    text: '疏散通道要求？',
    options: ['畅通', '不得锁闭', '可堆放货物', '标志完好'],
    answer: [0, 1, 3],
    explanation: null,
  },
  { kind: 'judge', text: '火灾时可乘普通电梯。', options: ['对', '错'], answer: [1], explanation: '应走疏散楼梯' },
  { kind: 'single', text: '灭火器喷射对准？', options: ['火焰根部', '火焰上部'], answer: [0], explanation: null },
];

describe(`question banks, spot checks and quizzes (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let property: Client;
  let tech: Client;
  let security: Client;
  let techSy: Client;
  let cc: string;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [head, property, tech, security, techSy] = await signInAll(t, ['head', 'property', 'tech', 'security', 'tech_sy'] as const);
    cc = await siteIdOf(t.db, 'CC');
    for (const u of ['tech', 'security', 'tech_sy', 'dispatcher']) id[u] = await userIdOf(t.db, u);
  });
  afterAll(() => t.close());

  let bank: QuestionBankDto;

  it('refuses a bank question by question in Chinese, and leaves banks to managers on every site', async () => {
    const bad = await head.post<Bank>('/api/v1/training/banks', {
      name: ' ',
      topic: 'nope',
      questions: [
        { kind: 'single', text: '一', options: ['甲', '乙'], answer: [0, 1] },
        { kind: 'multiple', text: '二', options: ['甲', '乙', '丙'], answer: [] },
        { kind: 'judge', text: '三', options: ['是', '否'], answer: [0] },
        { kind: 'single', text: '', options: ['甲'], answer: [3] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual([
      'name',
      'topic',
      'questions.0.answer',
      'questions.1.answer',
      'questions.2.options',
      'questions.3.text',
      'questions.3.options',
      'questions.3.answer',
    ]);
    expect(bad.body.error.details?.fields?.[2]?.message).toBe('第 1 题：单选题必须有且只有一个正确答案');
    // property manages training on 长春店 only: banks are organisation-wide
    const local = await property.post<Bank>('/api/v1/training/banks', { name: '测试题库', topic: 'fire', questions: QUESTIONS });
    expect(local.status).toBe(403);
    const res = await head.post<Bank>('/api/v1/training/banks', {
      name: '测试题库',
      topic: 'fire',
      description: '测试',
      questions: QUESTIONS,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    bank = res.body;
    expect([bank.questionCount, bank.active, new Set(bank.questions.map((q) => q.id)).size]).toEqual([4, true, 4]);
    const dup = await head.post<Bank>('/api/v1/training/banks', { name: '测试题库', topic: 'fire', questions: [] });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'DUPLICATE']);
    expect((await property.get(`/api/v1/training/banks/${bank.id}`)).status).toBe(200);
    expect((await tech.get(`/api/v1/training/banks/${bank.id}`)).status).toBe(403);
  });

  it('keeps question ids across an edit, refuses foreign ids and stale versions', async () => {
    const [q0, q1, q2, q3] = bank.questions;
    const edited = [
      { ...q1, text: '疏散通道的要求有？' },
      q0,
      q2,
      q3,
      { kind: 'judge', text: '防火门应常闭。', options: ['对', '错'], answer: [0] },
    ];
    const foreign = await head.req<Bank>('PUT', `/api/v1/training/banks/${bank.id}`, {
      name: bank.name,
      topic: 'fire',
      questions: [{ ...q0, id: 'not-ours' }],
      version: bank.version,
    });
    expect(fieldsOf(foreign.body)).toEqual(['questions.0.id']);
    const stale = await head.req<Bank>('PUT', `/api/v1/training/banks/${bank.id}`, {
      name: bank.name,
      topic: 'fire',
      questions: edited,
      version: 9,
    });
    expect(stale.status).toBe(409);
    const res = await head.req<Bank>('PUT', `/api/v1/training/banks/${bank.id}`, {
      name: bank.name,
      topic: 'fire',
      questions: edited,
      version: bank.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.questions.slice(0, 4).map((q) => q.id)).toEqual([q1?.id, q0?.id, q2?.id, q3?.id]);
    expect(res.body.questions[0]?.text).toBe('疏散通道的要求有？');
    bank = res.body;
  });

  it('imports questions from Excel: errors by row and column, then the good rows appended', async () => {
    const template = await head.req('GET', '/api/v1/training/banks/import/template');
    expect([template.status, String(template.raw.headers['content-type'])]).toEqual([200, expect.stringContaining('spreadsheetml')]);
    const headers = ['题型', '题目', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析'];
    const book = (rows: string[][]) =>
      writeXlsx(
        '题目',
        headers.map((header, i) => ({ header, value: (r: string[]) => r[i] ?? '' })),
        rows,
      );
    const upload = async (rows: string[][], query: string) => {
      const res = await multipart(head, `/api/v1/training/banks/${bank.id}/import?${query}`, {
        name: 'q.xlsx',
        type: 'application/octet-stream',
        data: await book(rows),
      });
      return { status: res.status, body: res.body as unknown as ImportResult };
    };
    const bad = await upload(
      [
        ['单选', '安全出口可以上锁吗？', '可以', '不可以', '', '', '', '', 'B', '营业期间严禁锁闭'],
        ['填空', '题', '甲', '乙', '', '', '', '', 'A', ''],
        ['多选', '下列正确的是？', '甲', '', '丙', '', '', '', 'AC', ''],
        ['单选', '选几个？', '甲', '乙', '丙', '', '', '', 'AB', ''],
        ['判断', '火警电话？', '', '', '', '', '', '', '对', ''],
        ['判断', '防火门应常闭。', '', '', '', '', '', '', 'X', ''],
      ],
      'dryRun=0',
    );
    expect(bad.body.imported).toBe(0);
    expect(bad.body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '题型'],
      [4, '选项B'],
      [5, '答案'],
      [6, '题目'],
      [7, '答案'],
    ]);
    expect(bad.body.errors[2]?.message).toBe('单选题：单选题必须有且只有一个正确答案');
    const good = await upload(
      [
        ['单选题', '安全出口可以上锁吗？', '可以', '不可以', '', '', '', '', 'B', '营业期间严禁锁闭'],
        ['多选', '灭火器检查内容有？', '压力', '铅封', '颜色', '', '', '', 'a,b', ''],
        ['判断', '可以用水扑救电气火灾。', '', '', '', '', '', '', '错', '应先断电'],
      ],
      'dryRun=0',
    );
    expect([good.status, good.body.imported, good.body.errors]).toEqual([200, 3, []]);
    const after = (await head.get<Bank>(`/api/v1/training/banks/${bank.id}`)).body;
    expect(after.questionCount).toBe(8);
    expect(after.questions.slice(5).map((q) => [q.kind, q.options, q.answer])).toEqual([
      ['single', ['可以', '不可以'], [1]],
      ['multiple', ['压力', '铅封', '颜色'], [0, 1]],
      ['judge', ['对', '错'], [1]],
    ]);
    bank = after;
  });

  let check: SpotCheckDto;

  it('refuses a spot check field by field and creates one numbered CC-YYYYMMDD-01', async () => {
    const body = (over: Record<string, unknown> = {}) => ({
      siteId: cc,
      title: '消防知识抽查',
      bankId: bank.id,
      questionCount: 4,
      passMark: 75,
      dueAt: new Date(t.clock.now().getTime() + 2 * DAY).toISOString(),
      participantIds: [id.tech, id.security],
      ...over,
    });
    const bad = await property.post<Check>(
      '/api/v1/training/spot-checks',
      body({ title: '', questionCount: 9, passMark: 101, dueAt: '2026-03-01T00:00:00Z', participantIds: [id.tech_sy] }),
    );
    expect(fieldsOf(bad.body)).toEqual(['title', 'questionCount', 'passMark', 'dueAt', 'participantIds.0']);
    expect(bad.body.error.details?.fields?.[1]?.message).toBe('抽题数量不能超过题库的题目数（8 道）');
    const res = await property.post<Check>('/api/v1/training/spot-checks', body());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    check = res.body;
    expect(check.number).toMatch(/^CC-20260315-\d{2}$/);
    expect(check).toMatchObject({ status: 'open', participantCount: 2, takenCount: 0, passRate: null, averageScore: null, topic: 'fire' });
    expect((await techSy.get(`/api/v1/training/spot-checks/${check.id}`)).status).toBe(404);
  });

  let attempt: QuizAttemptDto;

  it('draws the questions once, seeded by the attempt, and never sends the answers before submission', async () => {
    const start = await tech.post<Attempt>(`/api/v1/training/spot-checks/${check.id}/attempt`);
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    attempt = start.body;
    expect(attempt.questions).toHaveLength(4);
    for (const q of attempt.questions) expect(Object.keys(q).sort()).toEqual(['id', 'kind', 'options', 'text']);
    const raw = await tech.req('POST', `/api/v1/training/spot-checks/${check.id}/attempt`);
    expect(raw.status).toBe(200);
    expect(JSON.stringify(raw.body)).not.toMatch(/"answer"|"explanation"/);
    expect((raw.body as QuizAttemptDto).questions).toEqual(attempt.questions);
    // the draw is the attempt's: recomputed from its id over the bank as it was
    const drawn = drawQuestions(attempt.id, bank.questions.length, 4).map((i) => bank.questions[i]?.id);
    expect(attempt.questions.map((q) => q.id)).toEqual(drawn);
    // options are never shuffled
    for (const q of attempt.questions) expect(q.options).toEqual(bank.questions.find((b) => b.id === q.id)?.options);
    const viewed = await tech.get<Attempt>(`/api/v1/training/attempts/${attempt.id}`);
    expect(JSON.stringify(viewed.body)).not.toMatch(/"answer"|"explanation"/);
  });

  it('lets only participants take it and only the taker or a manager read the attempt', async () => {
    const dispatcher = await login(t.app, 'dispatcher');
    const outsider = await dispatcher.post<Attempt>(`/api/v1/training/spot-checks/${check.id}/attempt`);
    expect([outsider.status, outsider.body.error.message]).toEqual([403, '您不在本次抽查的人员名单中']);
    expect((await techSy.post(`/api/v1/training/spot-checks/${check.id}/attempt`)).status).toBe(404);
    expect((await property.get(`/api/v1/training/attempts/${attempt.id}`)).status).toBe(200);
    expect((await security.get(`/api/v1/training/attempts/${attempt.id}`)).status).toBe(404);
    expect((await techSy.get(`/api/v1/training/attempts/${attempt.id}`)).status).toBe(404);
    expect((await property.post(`/api/v1/training/attempts/${attempt.id}/submit`, { answers: [] })).status).toBe(403);
  });

  it('scores a submission: all answered, equal weights, a multiple choice only when exactly right', async () => {
    const full = new Map(bank.questions.map((q) => [q.id, q]));
    const partial = await tech.post<Attempt>(`/api/v1/training/attempts/${attempt.id}/submit`, {
      answers: [{ questionId: attempt.questions[0]?.id, chosen: [0] }],
    });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details?.fields).toEqual([{ field: 'answers', message: '还有题目未作答：第 2、3、4 题' }]);
    // right everywhere except one question; a multiple choice, if drawn, is answered with one option short
    let wrongAt = attempt.questions.findIndex((q) => q.kind === 'multiple');
    if (wrongAt < 0) wrongAt = 0;
    const answers = attempt.questions.map((q, i) => {
      const right = full.get(q.id)?.answer ?? [];
      const chosen = i !== wrongAt ? right : q.kind === 'multiple' ? right.slice(1) : [(Number(right[0]) + 1) % q.options.length];
      return { questionId: q.id, chosen };
    });
    const res = await tech.post<Attempt>(`/api/v1/training/attempts/${attempt.id}/submit`, { answers });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect([res.body.score, res.body.correctCount, res.body.passed]).toEqual([75, 3, true]);
    const shown = res.body.questions[wrongAt];
    expect(shown).toMatchObject({ correct: false, chosen: answers[wrongAt]?.chosen, answer: full.get(shown?.id as string)?.answer });
    expect(res.body.questions.filter((q) => q.correct)).toHaveLength(3);
    expect('explanation' in (res.body.questions[0] as object)).toBe(true);
    const again = await tech.post<Attempt>(`/api/v1/training/attempts/${attempt.id}/submit`, { answers });
    expect([again.status, again.body.error.message]).toEqual([409, '答卷已提交，不能重复提交']);
  });

  it('fails an attempt below the pass mark and shows the results on the spot check', async () => {
    const start = (await security.post<Attempt>(`/api/v1/training/spot-checks/${check.id}/attempt`)).body;
    const full = new Map(bank.questions.map((q) => [q.id, q]));
    const answers = start.questions.map((q, i) => {
      const right = full.get(q.id)?.answer ?? [];
      // a multiple choice with one option too many is wrong
      const extra = [0, 1, 2].filter((x) => !right.includes(x)).slice(0, 1);
      const wrong = q.kind === 'multiple' ? [...right, ...extra] : [(Number(right[0]) + 1) % q.options.length];
      return { questionId: q.id, chosen: i < 2 ? right : wrong };
    });
    const res = await security.post<Attempt>(`/api/v1/training/attempts/${start.id}/submit`, { answers });
    expect([res.status, res.body.score, res.body.passed]).toEqual([200, 50, false]);
    const dto = (await head.get<Check>(`/api/v1/training/spot-checks/${check.id}`)).body;
    expect([dto.takenCount, dto.passedCount, dto.passRate, dto.averageScore]).toEqual([2, 1, 50, 62.5]);
    expect(dto.participants.map((p) => [p.userId, p.score, p.passed]).sort()).toEqual(
      [
        [id.security, 50, false],
        [id.tech, 75, true],
      ].sort(),
    );
  });

  it('refuses a spot check from an inactive bank', async () => {
    const off = await head.post<Bank>(`/api/v1/training/banks/${bank.id}/active`, { active: false, version: bank.version });
    expect([off.status, off.body.active]).toEqual([200, false]);
    const res = await property.post<Check>('/api/v1/training/spot-checks', {
      siteId: cc,
      title: '停用题库',
      bankId: bank.id,
      questionCount: 1,
      passMark: 60,
      dueAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
      participantIds: [id.tech],
    });
    expect([res.status, res.body.error.details?.fields?.[0]]).toEqual([400, { field: 'bankId', message: '题库已停用' }]);
    const on = await head.post<Bank>(`/api/v1/training/banks/${bank.id}/active`, { active: true, version: off.body.version });
    expect(on.body.active).toBe(true);
    const active = await head.get<Page<QuestionBankDto>>('/api/v1/training/banks?active=1&topic=fire');
    expect(active.body.items.map((b) => b.name)).toContain('测试题库');
  });

  it('lists spot checks by status, topic and period, and exports them', async () => {
    const q = async (query: string) => (await head.get<Page<SpotCheckDto>>(`/api/v1/training/spot-checks?limit=200&${query}`)).body.items;
    const all = await q('');
    const open = await q('status=open');
    const closed = await q('status=closed');
    expect(open.length + closed.length).toBe(all.length);
    expect(open.every((c) => c.status === 'open')).toBe(true);
    expect((await q('topic=brand_location')).every((c) => c.topic === 'brand_location')).toBe(true);
    const today = await q('from=2026-03-15T00:00:00Z&to=2026-03-16T00:00:00Z');
    expect(today.map((c) => c.id)).toContain(check.id);
    const submitted = await q('submittedFrom=2026-03-15T00:00:00Z&submittedTo=2026-03-16T00:00:00Z');
    expect(submitted.map((c) => c.id)).toEqual([check.id]);
    expect((await techSy.get<Page<SpotCheckDto>>('/api/v1/training/spot-checks')).body.items.every((c) => c.siteName === '沈阳店')).toBe(
      true,
    );
    const xlsx = await head.req('GET', '/api/v1/training/spot-checks?format=xlsx');
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');
  });

  it("shows a person's own training, and their record to themself and to managers of a shared site only", async () => {
    const my = await tech.get<MyTrainingDto>('/api/v1/training/my');
    expect(my.status).toBe(200);
    const demoOpen = my.body.spotChecks.find((s) => s.spotCheck.title === '消防安全知识随机抽查');
    expect(demoOpen).toMatchObject({ attemptId: null, spotCheck: { status: 'open' } });
    expect(my.body.spotChecks.find((s) => s.spotCheck.id === check.id)).toMatchObject({ score: 75, passed: true });
    expect(my.body.sessions.some((s) => s.title === '应急疏散预案培训')).toBe(true);
    const record = await tech.get<PersonTrainingRecordDto>(`/api/v1/training/people/${id.tech}`);
    expect(record.status).toBe(200);
    expect(record.body.attempts.find((a) => a.spotCheckId === check.id)).toMatchObject({ score: 75, passed: true, title: '消防知识抽查' });
    expect(record.body.sessions.length).toBeGreaterThan(3);
    expect(record.body.sessions.some((s) => s.signedInAt !== null)).toBe(true);
    expect((await property.get(`/api/v1/training/people/${id.tech}`)).status).toBe(200);
    expect((await head.get(`/api/v1/training/people/${id.tech}`)).status).toBe(200);
    expect((await techSy.get(`/api/v1/training/people/${id.tech}`)).status).toBe(404);
    expect((await security.get(`/api/v1/training/people/${id.tech}`)).status).toBe(404);
    // a manager of 长春店 sees nothing of a person who works only at 沈阳店
    expect((await property.get(`/api/v1/training/people/${id.tech_sy}`)).status).toBe(404);
    // etiquette checks (the etiquette demo): to the person themself — without safety:read too — and to their site's manager
    const own = await security.get<PersonTrainingRecordDto>(`/api/v1/training/people/${id.security}`);
    expect(own.body.etiquette.length).toBeGreaterThan(0);
    expect(own.body.etiquette[0]).toMatchObject({ number: expect.stringMatching(/^LY-\d{8}-/), templateName: expect.any(String) });
    const managed = await property.get<PersonTrainingRecordDto>(`/api/v1/training/people/${id.security}`);
    expect(managed.body.etiquette).toEqual(own.body.etiquette);
    const cleaner = await login(t.app, 'cleaner');
    const cleanerId = await userIdOf(t.db, 'cleaner');
    expect((await cleaner.get<PersonTrainingRecordDto>(`/api/v1/training/people/${cleanerId}`)).body.etiquette.length).toBeGreaterThan(0);
  });

  it('refuses new attempts and submissions once due, or once closed by hand', async () => {
    const create = async (participants: (string | undefined)[]) =>
      (
        await property.post<Check>('/api/v1/training/spot-checks', {
          siteId: cc,
          title: '到期测试',
          bankId: bank.id,
          questionCount: 2,
          passMark: 60,
          dueAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
          participantIds: participants,
        })
      ).body;
    const due = await create([id.tech, id.security]);
    const started = (await tech.post<Attempt>(`/api/v1/training/spot-checks/${due.id}/attempt`)).body;
    t.clock.advance(DAY + 1000);
    // a day later the morning's sign-ins have expired (12 h)
    [property, tech, security, head] = await signInAll(t, ['property', 'tech', 'security', 'head'] as const);
    const late = await security.post<Attempt>(`/api/v1/training/spot-checks/${due.id}/attempt`);
    expect([late.status, late.body.error.message]).toEqual([409, '抽查已于 2026-03-16 10:00 截止，不能再开始答题']);
    const lateSubmit = await tech.post<Attempt>(`/api/v1/training/attempts/${started.id}/submit`, {
      answers: started.questions.map((q) => ({ questionId: q.id, chosen: [0] })),
    });
    expect(lateSubmit.status).toBe(409);
    expect((await head.get<Check>(`/api/v1/training/spot-checks/${due.id}`)).body.status).toBe('closed');
    // the one in progress can still be read
    expect((await tech.get<Attempt>(`/api/v1/training/attempts/${started.id}`)).status).toBe(200);

    const closing = await create([id.security]);
    const stale = await property.post<Check>(`/api/v1/training/spot-checks/${closing.id}/close`, { version: 7 });
    expect(stale.status).toBe(409);
    const closed = await property.post<Check>(`/api/v1/training/spot-checks/${closing.id}/close`, { version: closing.version });
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    const refused = await security.post<Attempt>(`/api/v1/training/spot-checks/${closing.id}/attempt`);
    expect([refused.status, refused.body.error.message]).toEqual([409, '抽查已提前结束，不能再开始答题']);
    const twice = await property.post<Check>(`/api/v1/training/spot-checks/${closing.id}/close`, { version: closed.body.version });
    expect(twice.status).toBe(409);
  });
});
