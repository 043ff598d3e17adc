import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistAnswer, ChecklistItem } from '../../../../contracts/checklists.js';
import type { SummaryFact } from '../../../../contracts/summary.js';
import type { EtiquetteCheckDetailDto, EtiquetteCheckDto } from '../../../../contracts/training.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import type { Actor } from '../../platform/access/actor.js';
import { actorFromSession } from '../../platform/auth/sessions.js';
import { orgIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { type ErrorBody, uploadPhoto } from '../hazards/testing.js';
import { etiquetteFacts } from './etiquette.measures.js';
import { APPEARANCE_TEMPLATE, MANNERS_TEMPLATE, seedEtiquetteDefaults, seedEtiquetteDemo } from './etiquette.seed.js';

type Check = EtiquetteCheckDetailDto & ErrorBody;
type Page<T> = { items: T[]; nextCursor: string | null };
const URL = '/api/v1/training/etiquette-checks';

describe(`etiquette checks (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let property: Client;
  let techSy: Client;
  let dispatcher: Client;
  let cc: string;
  let sy: string;
  let appearance: { id: string; items: ChecklistItem[] };
  let manners: { id: string; items: ChecklistItem[] };

  const fields = (res: { body: ErrorBody }) => (res.body.error?.details?.fields ?? []).map((f) => f.field);
  const actorOf = async (c: Client): Promise<Actor> => {
    const token = decodeURIComponent(c.cookie.split('=').slice(1).join('='));
    const actor = await actorFromSession(t.db, t.clock, token);
    if (!actor) throw new Error('no session');
    return actor;
  };
  const template = async (code: string) => {
    const row = await t.db
      .selectFrom('checklist_templates as t')
      .innerJoin('checklist_template_versions as v', (j) =>
        j.onRef('v.template_id', '=', 't.id').onRef('v.template_version', '=', 't.current_version'),
      )
      .select(['t.id', 'v.items'])
      .where('t.code', '=', code)
      .executeTakeFirstOrThrow();
    return { id: row.id, items: JSON.parse(row.items) as ChecklistItem[] };
  };
  /** every pass/fail item passed but those named; the choice item as given */
  const answers = (items: ChecklistItem[], over: Record<string, ChecklistAnswer['value']> = {}): ChecklistAnswer[] =>
    items
      .filter((i) => i.kind !== 'text')
      .map((i) => ({ key: i.key, value: i.key in over ? (over[i.key] ?? null) : i.kind === 'choice' ? '良' : 'pass' }));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    property = await login(t.app, 'property');
    techSy = await login(t.app, 'tech_sy');
    dispatcher = await login(t.app, 'dispatcher');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    const orgId = await orgIdOf(t.db);
    const now = t.clock.now().toISOString();
    // idempotent: the training module's defaults and demo seed run these too
    await t.db.transaction().execute(async (tx) => {
      await seedEtiquetteDefaults(tx, orgId, now);
      const demo = await tx.selectFrom('etiquette_checks').select('id').executeTakeFirst();
      if (!demo) await seedEtiquetteDemo(tx, orgId, now);
    });
    appearance = await template(APPEARANCE_TEMPLATE);
    manners = await template(MANNERS_TEMPLATE);
  });
  afterAll(() => t.close());

  let first: EtiquetteCheckDetailDto;

  it('scores passed ÷ judged items, keeps the failed ones, and stores the answers through the checklist engine', async () => {
    const requesterId = await userIdOf(t.db, 'requester');
    const photo = await uploadPhoto(property, 'user', property.userId);
    expect(photo.status).toBe(201);
    const res = await property.post<Check>(URL, {
      siteId: cc,
      personId: requesterId,
      templateId: appearance.id,
      answers: [
        ...answers(appearance.items, { badge: 'fail', makeup: 'na' }).map((a) =>
          a.key === 'badge' ? { ...a, photoIds: [photo.body.id], note: ' 工牌未佩戴 ' } : a,
        ),
        { key: 'note', value: '已当面提醒' },
      ],
      note: '午间抽查',
    });
    expect(res.status).toBe(201);
    first = res.body;
    // 8 pass/fail items: one not applicable, six of seven passed
    expect(first).toMatchObject({
      personName: '营业员小杨',
      personUnit: '营业部',
      templateName: '仪容仪表检查表',
      score: 85.7,
      failedItems: ['佩戴工牌'],
      note: '午间抽查',
      checkedByName: '刘物业',
      siteName: '长春店',
    });
    expect(first.number).toMatch(/^LY-20260315-\d{2}$/);
    expect(first.result).toMatchObject({ status: 'submitted', subjectType: 'etiquette_check', subjectId: first.id, canFill: false });
    expect(first.result.findings.map((f) => [f.key, f.note])).toEqual([['badge', '工牌未佩戴']]);
    expect(first.result.answers.find((a) => a.key === 'badge')?.photoIds).toEqual([photo.body.id]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity_id', 'in', [first.id, first.checklistResultId])
      .execute();
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual([
      'checklist_result:create',
      'checklist_result:submit',
      'etiquette_check:create',
    ]);

    const written = await property.post<Check>(URL, {
      siteId: cc,
      personName: ' 王丽 ',
      personUnit: '兰蔻专柜',
      templateId: manners.id,
      answers: answers(manners.items, { greeting: 'fail', posture: 'fail', overall: '差' }),
    });
    expect(written.status).toBe(201);
    // 8 pass/fail items and the choice: 6 of 9 passed, the failing option counts as failed
    expect(written.body).toMatchObject({ personId: null, personName: '王丽', personUnit: '兰蔻专柜', score: 66.7 });
    expect(written.body.failedItems).toEqual(['主动问候', '站姿规范', '服务态度总体评价']);
  });

  it('refuses a check field by field in Chinese and writes nothing', async () => {
    const before = await t.db
      .selectFrom('etiquette_checks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const maintenance = await t.db.selectFrom('checklist_templates').select('id').where('purpose', '=', 'patrol').executeTakeFirstOrThrow();
    const wrongTemplate = await property.post<Check>(URL, { siteId: cc, personName: '张三', templateId: maintenance.id, answers: [] });
    expect(fields(wrongTemplate)).toEqual(['templateId']);
    const bad = await property.post<Check>(URL, {
      siteId: cc,
      personId: await userIdOf(t.db, 'tech_sy'),
      templateId: appearance.id,
      answers: [{ key: 'uniform', value: 'maybe' }, { key: 'nope', value: 'pass' }, ...answers(appearance.items).slice(2)],
      note: 'x'.repeat(2001),
    });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['personId', 'note', 'answers[1].key', 'answers.uniform', 'answers.badge']));
    expect(bad.body.error.details?.fields?.find((f) => f.field === 'answers.badge')?.message).toBe('佩戴工牌：此项必填');
    const nobody = await property.post<Check>(URL, {
      siteId: cc,
      personName: ' ',
      templateId: appearance.id,
      answers: answers(appearance.items),
    });
    expect(fields(nobody)).toEqual(['personName']);
    const allNa = await property.post<Check>(URL, {
      siteId: cc,
      personName: '张三',
      templateId: appearance.id,
      answers: appearance.items.filter((i) => i.kind === 'pass_fail').map((i) => ({ key: i.key, value: 'na' })),
    });
    expect(fields(allNa)).toEqual(['answers']);
    const otherSite = await property.post<Check>(URL, {
      siteId: sy,
      personName: '张三',
      templateId: appearance.id,
      answers: answers(appearance.items),
    });
    expect(fields(otherSite)).toEqual(['siteId']);
    const strangerPhoto = await uploadPhoto(admin, 'user', admin.userId);
    const foreignPhoto = await property.post<Check>(URL, {
      siteId: cc,
      personName: '张三',
      templateId: appearance.id,
      answers: answers(appearance.items, { badge: 'fail' }).map((a) =>
        a.key === 'badge' ? { ...a, photoIds: [strangerPhoto.body.id] } : a,
      ),
    });
    expect(fields(foreignPhoto)).toEqual(['answers.badge']);
    expect((await dispatcher.post<Check>(URL, { siteId: cc, personName: '张三', templateId: appearance.id, answers: [] })).status).toBe(
      403,
    );
    const after = await t.db
      .selectFrom('etiquette_checks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps other sites out: a 长春店 check is 404 to 沈阳店 staff, and its checklist cannot be filled again', async () => {
    expect((await techSy.get(`${URL}/${first.id}`)).status).toBe(404);
    const list = await techSy.get<Page<EtiquetteCheckDto>>(`${URL}?limit=200`);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((c) => c.siteId === sy)).toBe(true);
    const read = await dispatcher.get<Check>(`${URL}/${first.id}`);
    expect(read.status).toBe(200);
    expect(read.body.result.canFill).toBe(false);
  });

  it('lists with filters and exports a spreadsheet', async () => {
    const mine = await admin.get<Page<EtiquetteCheckDto>>(`${URL}?personId=${first.personId}&templateId=${appearance.id}`);
    expect(mine.body.items[0]?.id).toBe(first.id);
    expect(mine.body.items.every((c) => c.personId === first.personId && c.templateId === appearance.id)).toBe(true);
    const today = await admin.get<Page<EtiquetteCheckDto>>(`${URL}?siteId=${cc}&from=2026-03-14T16:00:00.000Z&to=2026-03-15T16:00:00.000Z`);
    expect(today.body.items.map((c) => c.personName).sort()).toEqual(['王丽', '营业员小杨']);
    const q = await admin.get<Page<EtiquetteCheckDto>>(`${URL}?q=${encodeURIComponent('兰蔻')}`);
    expect(q.body.items.length).toBeGreaterThanOrEqual(1);
    expect(q.body.items.every((c) => c.personUnit === '兰蔻专柜')).toBe(true);
    const byScore = await admin.get<Page<EtiquetteCheckDto>>(`${URL}?sort=score&limit=200`);
    const scores = byScore.body.items.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect((await admin.get(`${URL}?from=yesterday`)).status).toBe(400);
    const xlsx = await admin.req('GET', `${URL}?format=xlsx`);
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
  });

  it('gives summary facts that match independent counts', async () => {
    const scope = { siteIds: 'all' as const, from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const ctx = { db: t.db, actor: await actorOf(admin), requestId: null, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
    const facts = await etiquetteFacts(ctx, scope);
    const fact = (key: string) => facts.find((f) => f.key === key) as SummaryFact;
    const rows = await t.db
      .selectFrom('etiquette_checks')
      .select(['site_id', 'person_id', 'person_name', 'person_unit', 'score'])
      .where('checked_at', '>=', scope.from)
      .where('checked_at', '<', scope.to)
      .execute();
    const person = (r: (typeof rows)[number]) => r.person_id ?? `${r.person_name}|${r.person_unit ?? ''}`;
    expect(rows.length).toBeGreaterThanOrEqual(14);
    expect(fact('etiquette.checks').value).toBe(rows.length);
    expect(fact('etiquette.people').value).toBe(new Set(rows.map(person)).size);
    const mean = rows.reduce((a, r) => a + Number(r.score), 0) / rows.length;
    expect(fact('etiquette.average_score').value).toBe(Math.round(mean * 10) / 10);
    const ccRows = rows.filter((r) => r.site_id === cc);
    expect(fact('etiquette.checks').bySite?.find((s) => s.siteId === cc)?.value).toBe(ccRows.length);
    expect(fact('etiquette.people').bySite?.find((s) => s.siteId === cc)?.value).toBe(new Set(ccRows.map(person)).size);
    expect(fact('etiquette.checks').link).toBe(`/etiquette?from=${encodeURIComponent(scope.from)}&to=${encodeURIComponent(scope.to)}`);

    const syCtx = { ...ctx, actor: await actorOf(techSy) };
    const own = (await etiquetteFacts(syCtx, scope)).find((f) => f.key === 'etiquette.checks') as SummaryFact;
    expect(own.bySite?.map((s) => s.siteId)).toEqual([sy]);
    expect(own.value).toBe(rows.filter((r) => r.site_id === sy).length);
  });

  it('with a department, counts only the checks of its staff', async () => {
    const scope = { siteIds: 'all' as const, from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const ctx = { db: t.db, actor: await actorOf(admin), requestId: null, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
    const rows = await t.db
      .selectFrom('etiquette_checks')
      .select(['id', 'site_id', 'person_id', 'score'])
      .where('checked_at', '>=', scope.from)
      .where('checked_at', '<', scope.to)
      .execute();
    // a second department, and one person checked at each store moved into it through the user routes
    const dept = await admin.post<{ id: string }>('/api/v1/departments', { code: 'LY2', name: '礼仪抽查组' });
    expect(dept.status, JSON.stringify(dept.body)).toBe(201);
    const moved = [...new Set([cc, sy].map((id) => rows.find((r) => r.site_id === id && r.person_id)?.person_id as string))];
    for (const id of moved) {
      const u = await admin.get<{ version: number }>(`/api/v1/users/${id}`);
      expect((await admin.patch(`/api/v1/users/${id}`, { departmentId: dept.body.id, version: u.body.version })).status).toBe(200);
    }
    const mine = rows.filter((r) => r.person_id && moved.includes(r.person_id));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(rows.length);

    const facts = await etiquetteFacts(ctx, { ...scope, departmentId: dept.body.id });
    const fact = (key: string) => facts.find((f) => f.key === key) as SummaryFact;
    const at = (f: SummaryFact, id: string) => f.bySite?.find((s) => s.siteId === id)?.value;
    const checks = fact('etiquette.checks');
    expect([checks.value, at(checks, cc), at(checks, sy)]).toEqual([
      mine.length,
      mine.filter((r) => r.site_id === cc).length,
      mine.filter((r) => r.site_id === sy).length,
    ]);
    expect(checks.bySite?.reduce((a, s) => a + (s.value ?? 0), 0)).toBe(checks.value);
    expect(fact('etiquette.people').value).toBe(new Set(mine.map((r) => r.person_id)).size);
    const mean = mine.reduce((a, r) => a + Number(r.score), 0) / mine.length;
    expect(fact('etiquette.average_score').value).toBe(Math.round(mean * 10) / 10);
    expect(checks.formula).toContain('按部门统计');

    /** the ids the list behind a fact's link (/etiquette?… on the web, the same query here) shows, every page */
    const listed = async (c: Client, link: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const q = new URLSearchParams(link.split('?')[1]);
        q.set('limit', '200');
        if (cursor) q.set('cursor', cursor);
        const res = await c.get<Page<EtiquetteCheckDto>>(`${URL}?${q.toString()}`);
        expect(res.status, link).toBe(200);
        ids.push(...res.body.items.map((x) => x.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return ids.sort();
    };
    const idsOf = (list: { id: string }[]) => list.map((r) => r.id).sort();
    // every link lists exactly the checks counted: the department's people's
    for (const f of facts) {
      expect(new URLSearchParams(f.link.split('?')[1]).get('departmentId'), f.key).toBe(dept.body.id);
      expect(await listed(admin, f.link), f.key).toEqual(idsOf(mine));
    }
    expect(await listed(admin, (await etiquetteFacts(ctx, scope))[0]?.link as string)).toEqual(idsOf(rows));

    // a 沈阳店 reader's department figures leave out 长春店, and so does the list they open
    const own = (await etiquetteFacts({ ...ctx, actor: await actorOf(techSy) }, { ...scope, departmentId: dept.body.id })).find(
      (f) => f.key === 'etiquette.checks',
    ) as SummaryFact;
    expect([own.value, own.bySite?.map((s) => s.siteId)]).toEqual([mine.filter((r) => r.site_id === sy).length, [sy]]);
    expect(await listed(techSy, own.link)).toEqual(idsOf(mine.filter((r) => r.site_id === sy)));
  });

  it('seeds two etiquette checklists and a dozen demo checks over two months', async () => {
    expect(appearance.items.map((i) => i.label)).toEqual(
      expect.arrayContaining(['着装统一整洁', '佩戴工牌', '发型整洁', '不佩戴夸张饰品']),
    );
    expect(manners.items.map((i) => i.label)).toEqual(expect.arrayContaining(['主动问候', '使用文明用语', '站姿规范']));
    const demo = await t.db
      .selectFrom('etiquette_checks as e')
      .innerJoin('checklist_results as r', 'r.id', 'e.checklist_result_id')
      .select(['e.score', 'e.failed_items', 'r.status'])
      .where('e.checked_at', '<', '2026-03-15T00:00:00.000Z')
      .execute();
    expect(demo).toHaveLength(12);
    expect(demo.every((d) => d.status === 'submitted')).toBe(true);
    expect(demo.some((d) => Number(d.score) === 100)).toBe(true);
    expect(demo.some((d) => JSON.parse(d.failed_items).length >= 2)).toBe(true);
  });
});
