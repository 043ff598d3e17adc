import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistAnswer } from '../../../../contracts/checklists.js';
import type { FindingDto } from '../../../../contracts/hazards.js';
import type { PatrolPlanDto, PatrolRoundDto, RoundPointChecklistAnswer } from '../../../../contracts/patrols.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { type ErrorBody, uploadPhoto } from '../checklists/testing.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';

type Round = PatrolRoundDto & ErrorBody;
interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  actorName: string | null;
  diff: Record<string, unknown[]>;
}

const MINUTE = 60_000;

describe(`a patrol round's history and its checklist follow-ups (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let security: Client;
  let leader: Client;
  let plan: PatrolPlanDto;
  const loc: Record<string, string> = {};
  const qr: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    security = await login(t.app, 'security');
    leader = await login(t.app, 'leader');
    for (const code of ['CC-A-1F-01', 'CC-A-1F-02', 'CC-A-1F-03']) {
      const l = await t.db.selectFrom('locations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      loc[code] = l.id;
      const q = await t.db.selectFrom('qr_codes').select('code').where('target_id', '=', l.id).executeTakeFirstOrThrow();
      qr[code] = q.code;
    }
    const template = await t.db.selectFrom('checklist_templates').select('id').where('code', '=', 'FIRE-PATROL').executeTakeFirstOrThrow();
    const created = await admin.post<PatrolPlanDto & ErrorBody>('/api/v1/patrols/plans', {
      siteId: await siteIdOf(t.db, 'CC'),
      name: '历史测试巡查',
      level: 'fire_patrol',
      kind: 'route',
      points: [
        { targetType: 'location', targetId: loc['CC-A-1F-01'], checklistTemplateId: template.id },
        { targetType: 'location', targetId: loc['CC-A-1F-02'] },
        { targetType: 'location', targetId: loc['CC-A-1F-03'] },
      ],
      recurrence: { freq: 'weekly', interval: 1, byWeekday: [3], times: ['10:00'], startDate: '2026-03-15', anchor: 'calendar' },
      windowMinutes: 120,
      assigneeType: 'user',
      assigneeId: await userIdOf(t.db, 'security'),
    });
    expect(created.status).toBe(201);
    plan = created.body;
  });
  afterAll(() => t.close());

  const history = async (roundId: string) => {
    const res = await leader.get<{ items: AuditEntry[] }>(`/api/v1/audit/patrol_round/${roundId}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it("lists who checked in, skipped and filled each point's checklist in the round's history, and only its own points", async () => {
    const started = await security.post<Round>(`/api/v1/patrols/plans/${plan.id}/rounds`, {});
    expect(started.status).toBe(201);
    let round = started.body;
    const url = `/api/v1/patrols/rounds/${round.id}`;
    const [first, second, third] = round.points as [
      PatrolRoundDto['points'][number],
      PatrolRoundDto['points'][number],
      PatrolRoundDto['points'][number],
    ];

    t.clock.advance(3 * MINUTE);
    round = (await security.post<Round>(`${url}/check-in`, { qr: qr['CC-A-1F-01'], version: round.version })).body;
    const checklistUrl = `${url}/points/${first.id}/checklist`;
    const result = (await security.get<RoundPointChecklistAnswer>(checklistUrl)).body.result as NonNullable<
      RoundPointChecklistAnswer['result']
    >;
    const answers: ChecklistAnswer[] = result.items.filter((i) => i.kind === 'pass_fail').map((i) => ({ key: i.key, value: 'pass' }));
    const submitted = await security.req<RoundPointChecklistAnswer & ErrorBody>('PUT', checklistUrl, {
      answers,
      submit: true,
      version: result.version,
    });
    expect(submitted.status).toBe(200);
    t.clock.advance(4 * MINUTE);
    round = (await security.post<Round>(`${url}/check-in`, { pointId: second.id, reason: '标签破损', version: round.version })).body;
    round = (await security.post<Round>(`${url}/points/${third.id}/skip`, { reason: '区域封闭', version: round.version })).body;
    const finished = await security.post<Round>(`${url}/finish`, { version: round.version });
    expect(finished.status).toBe(200);

    // another round of the same plan: its points stay out of the first round's history
    const other = (await security.post<Round>(`/api/v1/patrols/plans/${plan.id}/rounds`, {})).body;
    const otherPoint = other.points[0]?.id as string;
    expect(
      (
        await security.post<Round>(`/api/v1/patrols/rounds/${other.id}/check-in`, {
          pointId: otherPoint,
          reason: '手动',
          version: other.version,
        })
      ).status,
    ).toBe(200);

    const entries = await history(round.id);
    // newest first: finish, skip, the manual check-in, the checklist's submission and creation, the QR check-in, the start, the creation
    expect(entries.map((e) => [e.entity, e.entityId, e.action])).toEqual([
      ['patrol_round', round.id, 'finish'],
      ['patrol_round_point', third.id, 'skip'],
      ['patrol_round_point', second.id, 'check_in'],
      ['checklist_result', result.id, 'submit'],
      ['patrol_round_point', first.id, 'check_in'],
      ['checklist_result', result.id, 'create'],
      ['patrol_round', round.id, 'start'],
      ['patrol_round', round.id, 'create'],
    ]);
    expect(new Set(entries.map((e) => e.actorName))).toEqual(new Set(['陈保安']));
    const qrCheckIn = entries.find((e) => e.entityId === first.id);
    expect(qrCheckIn?.diff).toMatchObject({ check_in_method: [null, 'qr'], status: ['pending', 'checked'] });
    const manual = entries.find((e) => e.entityId === second.id);
    expect(manual?.diff).toMatchObject({ check_in_method: [null, 'manual'], check_in_reason: [null, '标签破损'] });
    expect(entries.some((e) => e.entityId === otherPoint)).toBe(false);
    // a point's own history is still its own
    const pointHistory = await leader.get<{ items: AuditEntry[] }>(`/api/v1/audit/patrol_round_point/${second.id}`);
    expect(pointHistory.body.items.map((e) => e.action)).toEqual(['check_in']);
  });

  it('keeps the history to those who read the audit log: a guard or a technician without audit:read is refused', async () => {
    const round = (await security.post<Round>(`/api/v1/patrols/plans/${plan.id}/rounds`, {})).body;
    const techSy = await login(t.app, 'tech_sy');
    expect((await techSy.get<ErrorBody>(`/api/v1/audit/patrol_round/${round.id}`)).status).toBe(403);
    expect((await security.get<ErrorBody>(`/api/v1/audit/patrol_round/${round.id}`)).status).toBe(403);
    expect((await history(round.id)).map((e) => e.action)).toEqual(['start', 'create']);
  });

  it("records a failed item's finding as a follow-up of the point's checklist, like a maintenance checklist's work order", async () => {
    const round0 = (await security.post<Round>(`/api/v1/patrols/plans/${plan.id}/rounds`, {})).body;
    const url = `/api/v1/patrols/rounds/${round0.id}`;
    const point = round0.points[0]?.id as string;
    expect((await security.post<Round>(`${url}/check-in`, { qr: qr['CC-A-1F-01'], version: round0.version })).status).toBe(200);
    const checklistUrl = `${url}/points/${point}/checklist`;
    const result = (await security.get<RoundPointChecklistAnswer>(checklistUrl)).body.result as NonNullable<
      RoundPointChecklistAnswer['result']
    >;
    const failing = result.items
      .filter((i) => i.kind === 'pass_fail')
      .map((i) => i.key)
      .slice(0, 2);
    expect(failing).toHaveLength(2);
    // a failed fire-patrol item needs its photo, one for each
    const photos: string[] = [];
    for (const _ of failing) {
      const photo = await uploadPhoto(security, result.id);
      expect(photo.status).toBe(201);
      photos.push(photo.body.id);
    }
    const answers: ChecklistAnswer[] = result.items
      .filter((i) => i.kind === 'pass_fail')
      .map((i) => {
        const n = failing.indexOf(i.key);
        return n >= 0
          ? { key: i.key, value: 'fail', photoIds: [photos[n] as string], note: `${i.label}不合格` }
          : { key: i.key, value: 'pass' };
      });
    const draft = await security.req<RoundPointChecklistAnswer & ErrorBody>('PUT', checklistUrl, {
      answers,
      submit: false,
      version: result.version,
    });
    expect(draft.body.result?.followUps).toEqual([]);
    const saved = await security.req<RoundPointChecklistAnswer & ErrorBody>('PUT', checklistUrl, {
      answers,
      submit: true,
      version: draft.body.result?.version,
    });
    expect(saved.status).toBe(200);
    const followUps = saved.body.result?.followUps ?? [];
    expect(followUps.map((f) => [f.key, f.type])).toEqual(failing.map((key) => [key, 'finding']));

    // each follow-up is the finding the item raised, by id and number, and the stored checklist says the same
    for (const f of followUps) {
      const finding = await leader.get<FindingDto>(`/api/v1/findings/${f.id}`);
      expect(finding.status).toBe(200);
      expect(finding.body).toMatchObject({ number: f.number, roundId: round0.id, source: 'patrol' });
    }
    const again = await leader.get<RoundPointChecklistAnswer>(checklistUrl);
    expect(again.body.result?.followUps).toEqual(followUps);
    const stored = await t.db.selectFrom('checklist_results').select('follow_ups').where('id', '=', result.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.follow_ups)).toEqual(followUps);
  });
});
