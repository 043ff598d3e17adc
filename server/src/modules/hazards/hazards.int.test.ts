import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HazardDto, HazardSettingsDto } from '../../../../contracts/hazards.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import { runHazardReminders } from './reminders.job.js';
import { act, type ErrorBody, pdfText, reportHazard, steps, uploadPhoto } from './testing.js';

const DAY = 86_400_000;

describe(`hazard register: 五落实, rectification, acceptance, sign-off, overdue (${ENGINE})`, () => {
  let t: TestApp;
  let property: Client;
  let head: Client;
  let tech: Client;
  let techSy: Client;
  let security: Client;
  let dispatcher: Client;
  let cc: string;
  let ids: Record<'property' | 'head' | 'tech' | 'techSy' | 'dispatcher', string>;

  /** 五落实 with tech responsible and property verifying, due in `days` days (the clock starts on 2026-03-15, Asia/Shanghai). */
  const assignment = (deadline = '2026-03-20', extra: Record<string, unknown> = {}) => ({
    responsibleId: ids.tech,
    verifierId: ids.property,
    measures: '更换指示灯电源模块',
    fundsFen: 12345,
    deadline,
    acceptanceStandard: '指示灯常亮，应急切换正常',
    ...extra,
  });
  const fields = (r: { body: ErrorBody }) => r.body.error.details?.fields?.map((f) => f.field).sort();
  const inbox = (userId: string) => t.db.selectFrom('notifications').select(['title']).where('user_id', '=', userId).execute();

  beforeAll(async () => {
    // sessions must outlive the days the test clock jumps
    t = await createTestApp({ env: { SESSION_TTL_HOURS: '2000' } });
    [property, head, tech, techSy, security, dispatcher] = (await Promise.all(
      ['property', 'head', 'tech', 'tech_sy', 'security', 'dispatcher'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client, Client];
    cc = await siteIdOf(t.db, 'CC');
    ids = {
      property: await userIdOf(t.db, 'property'),
      head: await userIdOf(t.db, 'head'),
      tech: await userIdOf(t.db, 'tech'),
      techSy: await userIdOf(t.db, 'tech_sy'),
      dispatcher: await userIdOf(t.db, 'dispatcher'),
    };
  });
  afterAll(() => t.close());

  it('registers a numbered hazard that only hazards managers may assign, and checks 五落实', async () => {
    const h = await reportHazard(security, cc);
    expect(h.number).toMatch(/^YH-2026-\d{4}$/);
    expect(h).toMatchObject({ status: 'registered', source: 'direct', actions: [], overdue: false, onTime: null });
    expect((await property.get<HazardDto>(`/api/v1/hazards/${h.id}`)).body.actions).toEqual(['assign', 'cancel']);
    expect((await inbox(ids.property)).map((m) => m.title)).toContain(`新登记隐患 ${h.number}`);

    expect((await act(tech, h, 'assign', assignment())).status).toBe(403);
    const past = await act(property, h, 'assign', assignment('2026-03-14'));
    expect(past.status).toBe(400);
    expect(fields(past)).toEqual(['deadline']);
    const same = await act(property, h, 'assign', assignment('2026-03-20', { verifierId: ids.tech }));
    expect(fields(same)).toEqual(['verifierId']);
    // the dispatcher holds no hazards:verify; tech_sy does not belong to 长春店
    const wrong = await act(
      property,
      h,
      'assign',
      assignment('2026-03-20', { verifierId: ids.dispatcher, responsibleId: ids.techSy, measures: ' ' }),
    );
    expect(fields(wrong)).toEqual(['measures', 'responsibleId', 'verifierId']);
    expect((await act(property, { ...h, version: h.version + 5 }, 'assign', assignment())).body.error.code).toBe('STALE_VERSION');

    const assigned = (await act(property, h, 'assign', assignment('2026-03-15'))).body;
    expect(assigned).toMatchObject({
      status: 'rectifying',
      responsibleName: '张维修',
      verifierName: '刘物业',
      deadline: '2026-03-15',
      fundsFen: 12345,
    });
    expect(assigned.acceptanceDueDate).toBe('2026-03-25');
    expect((await inbox(ids.tech)).map((m) => m.title)).toContain(`隐患 ${h.number} 请落实整改`);
    expect((await tech.get<HazardDto>(`/api/v1/hazards/${h.id}`)).body.actions).toEqual(['submit']);
  });

  it('needs after photos to submit, a different verifier to accept, and a new photo after a failed acceptance', async () => {
    let h = await steps(await reportHazard(security, cc), [[property, 'assign', assignment()]]);
    const bare = await act(tech, h, 'submit', { note: ' ' });
    expect(bare.status).toBe(400);
    expect(fields(bare)).toEqual(['afterPhotos', 'note']);
    expect((await uploadPhoto(tech, 'hazard_after', h.id)).status).toBe(201);
    // the security guard found it but is not responsible for it
    expect((await uploadPhoto(security, 'hazard_after', h.id)).status).toBe(403);
    h = (await act(tech, h, 'submit', { note: '已更换电源模块' })).body;
    expect(h).toMatchObject({ status: 'submitted', rectifiedByName: '张维修', afterPhotoIds: [expect.any(String)], onTime: null });
    expect((await inbox(ids.property)).map((m) => m.title)).toContain(`隐患 ${h.number} 待验收`);
    expect((await act(tech, h, 'accept')).status).toBe(403);

    const noReason = await act(property, h, 'reject', {});
    expect(fields(noReason)).toEqual(['note']);
    h = (await act(property, h, 'reject', { note: '应急切换仍不正常' })).body;
    expect(h).toMatchObject({ status: 'rectifying', rejectedCount: 1, rejectNote: '应急切换仍不正常', rectifiedAt: null });
    const again = await act(tech, h, 'submit', { note: '重新调整' });
    expect(fields(again)).toEqual(['afterPhotos']);
    expect(again.body.error.details?.fields?.[0]?.message).toContain('新的整改后照片');
    t.clock.advance(60_000);
    h = await steps(h, [
      [tech, 'photo'],
      [tech, 'submit', { note: '更换蓄电池后切换正常' }],
      [property, 'accept', { note: '现场验收合格' }],
    ]);
    expect(h).toMatchObject({ status: 'closed', onTime: true, acceptedByName: '刘物业', rejectedCount: 1, actions: [] });
    expect(h.closedAt).not.toBeNull();
    const illegal = await act(property, h, 'cancel', { note: 'x' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'closed', action: 'cancel' } });
  });

  it('refuses acceptance by the person who submitted the rectification', async () => {
    // property manages the site, so may submit for the responsible person — and then may not accept it
    const h = await steps(await reportHazard(security, cc), [
      [property, 'assign', assignment()],
      [property, 'photo'],
      [property, 'submit', { note: '代为提交' }],
    ]);
    expect(h.actions).toEqual([]);
    const own = await act(property, h, 'accept');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('整改人不能验收自己的整改');
    // head is not the named verifier but manages hazards everywhere
    expect((await act(head, h, 'accept')).body.status).toBe('closed');
  });

  it('sends a major hazard to the head for sign-off after acceptance', async () => {
    let h = await reportHazard(security, cc, { grade: 'major', title: '消防水泵不能自动启泵' });
    expect(h.grade).toBe('major');
    const badSub = await property.req<ErrorBody>('PUT', `/api/v1/hazards/${h.id}`, { subGrade: 'general_a', version: h.version });
    expect(fields(badSub)).toEqual(['subGrade']);
    h = (
      await property.req<HazardDto>('PUT', `/api/v1/hazards/${h.id}`, {
        subGrade: 'major_a',
        temporaryMeasures: '专人值守',
        version: h.version,
      })
    ).body;
    expect(h).toMatchObject({ subGrade: 'major_a', temporaryMeasures: '专人值守' });
    const noPlan = await act(property, h, 'assign', assignment());
    expect(fields(noPlan)).toEqual(['contingencyPlan']);
    h = await steps(h, [
      [property, 'assign', assignment('2026-03-20', { contingencyPlan: '消防控制室专人值守，火警时手动启泵' })],
      [tech, 'photo'],
      [tech, 'submit', { note: '已更换继电器' }],
      [property, 'accept'],
    ]);
    expect(h.status).toBe('pending_signoff');
    expect((await inbox(ids.head)).map((m) => m.title)).toContain(`重大隐患 ${h.number} 待销号签批`);
    expect((await act(property, h, 'sign_off')).status).toBe(403);
    h = (await act(head, h, 'sign_off', { note: '同意销号' })).body;
    expect(h).toMatchObject({ status: 'closed', signedOffByName: '王后勤', signOffNote: '同意销号', onTime: true });
    const late = await property.req<ErrorBody>('PUT', `/api/v1/hazards/${h.id}`, { title: '改名', version: h.version });
    expect(late.status).toBe(409);
  });

  it('cancels with a reason, and hides another site’s hazards (404)', async () => {
    const h = await reportHazard(security, cc);
    expect(fields(await act(property, h, 'cancel', {}))).toEqual(['note']);
    const cancelled = (await act(property, h, 'cancel', { note: '重复登记' })).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '重复登记' });
    for (const url of [`/api/v1/hazards/${h.id}`, `/api/v1/hazards/${h.id}/notice.pdf`]) {
      expect((await techSy.get(url)).status).toBe(404);
    }
    expect((await act(techSy, cancelled, 'assign', assignment())).status).toBe(404);
    const list = await techSy.get<Page<HazardDto>>('/api/v1/hazards?limit=200');
    expect(list.body.items.every((i) => i.siteName === '沈阳店')).toBe(true);
    // someone who may report elsewhere cannot register on 长春店
    const refused = await techSy.post<ErrorBody>('/api/v1/hazards', {
      siteId: cc,
      category: 'fire_safety',
      grade: 'general',
      title: 'x',
      description: 'y',
    });
    expect(fields(refused)).toEqual(['siteId']);
  });

  it('prints the 隐患整改通知单 addressed to a department, with 五落实 and the before photo', async () => {
    const dept = await t.db.selectFrom('departments').select('id').where('code', '=', 'GW').executeTakeFirstOrThrow();
    const loc = await t.db.selectFrom('locations').select('id').where('code', '=', 'CC-A-1F-01').executeTakeFirstOrThrow();
    let h = await reportHazard(security, cc, {
      locationId: loc.id,
      addresseeType: 'department',
      addresseeId: dept.id,
      temporaryMeasures: '设置临时应急照明',
    });
    expect((await uploadPhoto(security, 'hazard', h.id)).status).toBe(201);
    h = await steps(h, [[property, 'assign', assignment('2026-03-20', { contingencyPlan: '夜间停用该出口并安排值守' })]]);
    expect(h.addresseeName).toBe('工务部');
    const res = await property.req('GET', `/api/v1/hazards/${h.id}/notice.pdf`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.raw.rawPayload, h.number);
    for (const expected of [
      '隐患整改通知单',
      h.number,
      '致：工务部',
      '长春店/A座主楼/一层/化妆品区',
      '消防安全',
      '一般隐患',
      '安全出口指示灯不亮',
      '设置临时应急照明',
      '张维修',
      '更换指示灯电源模块',
      '¥123.45',
      '2026年3月20日',
      '夜间停用该出口并安排值守',
      '指示灯常亮，应急切换正常',
      '刘物业',
      '2026年3月30日',
      '签发人（签字）',
      '接收人（签字）',
      '整改前照片',
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
  });

  it('reminds before the deadline, escalates once when overdue, and tells the verifier when acceptance is late', async () => {
    const start = t.clock.now().toISOString();
    let h = await steps(await reportHazard(security, cc), [[property, 'assign', assignment('2026-03-17')]]);
    const titles = async (userId: string) => (await inbox(userId)).map((m) => m.title).filter((x) => x.includes(h.number));
    const run = () => runHazardReminders({ db: t.db, clock: t.clock, config: t.config, notifier: t.app.deps.notifier });

    await run();
    expect(await titles(ids.tech)).toContain(`隐患 ${h.number} 整改期限将到`);
    const second = await run();
    expect(second).toEqual({ reminded: 0, overdue: 0, acceptanceOverdue: 0 });

    t.clock.advance(3 * DAY); // 2026-03-18: the deadline day has passed
    expect((await tech.get<HazardDto>(`/api/v1/hazards/${h.id}`)).body).toMatchObject({ overdue: true, onTime: false });
    const overdueList = await property.get<Page<HazardDto>>(`/api/v1/hazards?overdue=1&limit=200&from=${encodeURIComponent(start)}`);
    expect(overdueList.body.items.map((i) => i.id)).toContain(h.id);
    expect(overdueList.body.items.every((i) => i.overdue)).toBe(true);
    // two processes ticking together: each notice is claimed once
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.overdue + b.overdue).toBeGreaterThanOrEqual(1);
    expect((await titles(ids.tech)).filter((x) => x.includes('逾期'))).toHaveLength(1);
    expect((await titles(ids.property)).filter((x) => x.includes('逾期'))).toHaveLength(1);
    expect((await titles(ids.head)).filter((x) => x.includes('逾期'))).toHaveLength(1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', h.id)
      .where('action', 'like', 'notify_%')
      .execute();
    expect(audit.map((x) => x.action).sort()).toEqual(['notify_overdue', 'notify_remind']);

    h = await steps((await tech.get<HazardDto>(`/api/v1/hazards/${h.id}`)).body, [
      [tech, 'photo'],
      [tech, 'submit', { note: '逾期完成' }],
    ]);
    expect(h.onTime).toBe(false);
    t.clock.advance(10 * DAY); // 2026-03-28: acceptance was due by 2026-03-27
    expect((await property.get<HazardDto>(`/api/v1/hazards/${h.id}`)).body.acceptanceOverdue).toBe(true);
    await run();
    await run();
    expect((await titles(ids.property)).filter((x) => x.includes('验收已超期'))).toHaveLength(1);
    h = await steps((await property.get<HazardDto>(`/api/v1/hazards/${h.id}`)).body, [[property, 'accept']]);
    expect(h).toMatchObject({ status: 'closed', onTime: false });
    const late = await property.get<Page<HazardDto>>(`/api/v1/hazards?onTime=0&status=closed&limit=200&from=${encodeURIComponent(start)}`);
    expect(late.body.items.map((i) => i.id)).toEqual([h.id]);
  });

  it('keeps organisation-wide settings that only an organisation-wide manager changes', async () => {
    const s = (await property.get<HazardSettingsDto>('/api/v1/hazards/settings')).body;
    expect(s).toMatchObject({ acceptanceDays: 10, remindDaysBefore: 3, version: 1 });
    expect((await property.req('PUT', '/api/v1/hazards/settings', { acceptanceDays: 7, remindDaysBefore: 2, version: 1 })).status).toBe(
      403,
    );
    const bad = await head.req<ErrorBody>('PUT', '/api/v1/hazards/settings', { acceptanceDays: -1, remindDaysBefore: 500, version: 1 });
    expect(fields(bad)).toEqual(['acceptanceDays', 'remindDaysBefore']);
    const saved = await head.req<HazardSettingsDto>('PUT', '/api/v1/hazards/settings', {
      acceptanceDays: 7,
      remindDaysBefore: 2,
      version: 1,
    });
    expect(saved.body).toMatchObject({ acceptanceDays: 7, remindDaysBefore: 2, version: 2 });
    expect((await head.req('PUT', '/api/v1/hazards/settings', { acceptanceDays: 5, remindDaysBefore: 2, version: 1 })).status).toBe(409);
    expect((await dispatcher.get('/api/v1/hazards/settings')).status).toBe(200);
  });

  it('exports the 隐患台账 as a spreadsheet', async () => {
    const res = await property.req('GET', '/api/v1/hazards?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    expect(res.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
