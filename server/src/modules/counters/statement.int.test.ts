import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { ChargeRuleDto, CounterDto, StatementDto } from './dto.js';
import { addLabour, addMaterial, createCounter, type ErrorBody, seedDefaults } from './testing.js';

describe(`monthly statements of a counter (${ENGINE})`, () => {
  let t: TestApp;
  let cc: string;
  let techId: string;
  let mine: CounterDto;
  let other: CounterDto;
  const orders: Record<string, string> = {};

  const clients = new Map<string, Client>();
  /** One sign-in per person: sessions here outlive the weeks the test clock moves through. */
  const as = async (username: string) => {
    const known = clients.get(username);
    if (known) return known;
    const c = await login(t.app, username);
    clients.set(username, c);
    return c;
  };

  /** A counter repair taken through dispatch, work and the counter's acceptance at `doneAt` (or left awaiting acceptance). */
  async function repair(counter: CounterDto, doneAt: string, description: string, accept = true): Promise<WorkOrderDto> {
    t.clock.set(doneAt);
    const [vendor, dispatcher, tech] = await Promise.all(['vendor', 'dispatcher', 'tech'].map(as));
    const reporter = counter.id === mine.id ? (vendor as Client) : (dispatcher as Client);
    const created = await reporter.post<WorkOrderDto>('/api/v1/work-orders', {
      siteId: cc,
      counterId: counter.id,
      category: 'power',
      urgency: 'normal',
      description,
      ...(counter.id === mine.id ? {} : { channel: 'phone', requesterName: '柜员' }),
    });
    if (created.status !== 201) throw new Error(`report failed: ${JSON.stringify(created.body)}`);
    let wo = created.body;
    const step = async (c: Client, action: string, body: Record<string, unknown> = {}) => {
      const res = await c.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version, ...body });
      if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
      wo = res.body;
    };
    if (wo.status === 'pending') await step(dispatcher as Client, 'dispatch', { assigneeId: techId });
    for (const a of ['accept', 'arrive', 'start']) await step(tech as Client, a);
    await step(tech as Client, 'finish', { result: '已修复' });
    if (accept) await step(dispatcher as Client, 'approve');
    return wo;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_TTL_HOURS: '2000' } });
    await seedDefaults(t);
    cc = await siteIdOf(t.db, 'CC');
    techId = await userIdOf(t.db, 'tech');
    const property = await as('property');
    mine = await createCounter(property, cc, 'MINE', [await userIdOf(t.db, 'vendor')]);
    other = await createCounter(property, cc, 'OTHER');

    const wo1 = await repair(mine, '2026-03-10T02:00:00.000Z', '柜台射灯不亮');
    await addMaterial(t, wo1.id, { name: 'LED 射灯', quantity: 2, unitPrice: 1250, suppliedBy: 'department' });
    await addMaterial(t, wo1.id, { name: '灯箱面板', quantity: 1, unitPrice: 10000, suppliedBy: 'counter' });
    await addMaterial(t, wo1.id, { name: '作废的线', quantity: 1, unitPrice: 99999, suppliedBy: 'department', deleted: true });
    await addLabour(t, wo1.id, techId, 90);
    await addLabour(t, wo1.id, techId, 30, 'travel');
    const wo2 = await repair(mine, '2026-03-20T02:00:00.000Z', '插座松动');
    await addMaterial(t, wo2.id, { name: '插座', quantity: 3, unitPrice: 500, suppliedBy: 'counter' });
    await addLabour(t, wo2.id, techId, 45);
    // 00:30 on 1 April in 长春 (Asia/Shanghai) is still 31 March in UTC: April's statement
    const wo3 = await repair(mine, '2026-03-31T16:30:00.000Z', '展柜门锁坏');
    await addMaterial(t, wo3.id, { name: '门锁', quantity: 1, unitPrice: 700, suppliedBy: 'department' });
    const open = await repair(mine, '2026-03-25T02:00:00.000Z', '未验收', false);
    await addMaterial(t, open.id, { name: '开关', quantity: 1, unitPrice: 5000, suppliedBy: 'department' });
    const others = await repair(other, '2026-03-12T02:00:00.000Z', '别家专柜');
    await addMaterial(t, others.id, { name: '开关', quantity: 1, unitPrice: 3000, suppliedBy: 'department' });
    Object.assign(orders, { wo1: wo1.number, wo2: wo2.number, wo3: wo3.number });
    t.clock.set('2026-04-02T02:00:00.000Z');
  });
  afterAll(() => t.close());

  it('bills the month in the site time zone by the default rules: counter-supplied free, department materials charged', async () => {
    const vendor = await as('vendor');
    const res = await vendor.get<StatementDto>(`/api/v1/counters/${mine.id}/statements/2026-03`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({
      month: '2026-03',
      timeZone: 'Asia/Shanghai',
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-31T16:00:00.000Z',
    });
    expect(s.items.map((i) => i.number)).toEqual([orders.wo1, orders.wo2]);
    const [first, second] = s.items;
    expect(first).toMatchObject({
      date: '2026-03-10',
      materialsAmount: 2500,
      labourMinutes: 90,
      labourCharged: false,
      labourAmount: 0,
      total: 2500,
    });
    expect(first?.materials.map((m) => [m.name, m.amount, m.charged])).toEqual([
      ['LED 射灯', 2500, true],
      ['灯箱面板', 10000, false],
    ]);
    expect(second).toMatchObject({ materialsAmount: 0, labourAmount: 0, total: 0 });
    expect(s).toMatchObject({ materialsAmount: 2500, labourAmount: 0, total: 2500, totalInCapitals: '贰拾伍元整' });

    const april = (await vendor.get<StatementDto>(`/api/v1/counters/${mine.id}/statements/2026-04`)).body;
    expect(april.items.map((i) => [i.number, i.date, i.total])).toEqual([[orders.wo3, '2026-04-01', 700]]);
    expect(april.totalInCapitals).toBe('柒元整');
  });

  it('prices by the rules as edited: labour charged at the department rate, or the counter rate when only it supplied', async () => {
    const head = await as('head');
    const rules = (await head.get<ChargeRuleDto[]>('/api/v1/counter-charge-rules')).body;
    const put = await head.req<ChargeRuleDto[]>('PUT', '/api/v1/counter-charge-rules', {
      rules: rules.map((r) => ({ ...r, chargeLabour: true, labourRate: r.supplier === 'department' ? 6000 : 3000 })),
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const s = (await head.get<StatementDto>(`/api/v1/counters/${mine.id}/statements/2026-03`)).body;
    expect(s.items.map((i) => [i.labourRate, i.labourAmount, i.total])).toEqual([
      [6000, 9000, 11500],
      [3000, 2250, 2250],
    ]);
    expect(s).toMatchObject({ materialsAmount: 2500, labourAmount: 11250, total: 13750, totalInCapitals: '壹佰叁拾柒元伍角整' });
    await head.req('PUT', '/api/v1/counter-charge-rules', {
      rules: put.body.map((r) => ({ ...r, chargeLabour: false, labourRate: 0 })),
    });
  });

  it('prints the statement as a PDF and a spreadsheet', async () => {
    const dispatcher = await as('dispatcher');
    const pdf = await dispatcher.req('GET', `/api/v1/counters/${mine.id}/statements/2026-03.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const xlsx = await dispatcher.req('GET', `/api/v1/counters/${mine.id}/statements/2026-03.xlsx`);
    expect(xlsx.status).toBe(200);
    const sheet = await readXlsx(xlsx.raw.rawPayload);
    expect(sheet.headers).toEqual([
      '工单号',
      '完工日期',
      '维修内容',
      '项目',
      '规格',
      '数量',
      '单位',
      '单价（元）',
      '金额（元）',
      '提供方',
      '是否收费',
      '收费金额（元）',
    ]);
    const total = sheet.rows.find((r) => r.values['项目'] === '合计');
    expect(total?.values['收费金额（元）']).toBe('25');
    expect(sheet.rows.find((r) => r.values['项目'] === '合计（大写）')?.values['维修内容']).toBe('人民币贰拾伍元整');
    expect(sheet.rows.filter((r) => r.values['工单号'] === orders.wo1).map((r) => r.values['项目'])).toEqual([
      'LED 射灯',
      '灯箱面板',
      '有效工时（分钟）',
      '小计',
    ]);

    const empty = await dispatcher.req('GET', `/api/v1/counters/${other.id}/statements/2025-01.pdf`);
    expect(empty.raw.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("refuses a bad month, another counter's statement to its non-members and readers without access", async () => {
    const [vendor, tech, property] = await Promise.all(['vendor', 'tech', 'property'].map(as));
    const bad = await (vendor as Client).get<ErrorBody>(`/api/v1/counters/${mine.id}/statements/2026-13`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.[0]?.field).toBe('month');
    expect((await (vendor as Client).get(`/api/v1/counters/${other.id}/statements/2026-03`)).status).toBe(404);
    expect((await (tech as Client).get(`/api/v1/counters/${mine.id}/statements/2026-03`)).status).toBe(404);
    const theirs = (await (property as Client).get<StatementDto>(`/api/v1/counters/${other.id}/statements/2026-03`)).body;
    expect(theirs.items).toHaveLength(1);
    expect(theirs.total).toBe(3000);
  });
});
