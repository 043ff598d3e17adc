import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';

/** Text extraction needs poppler-utils (pdftotext); the test fails rather than skips without it. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-wo-print-'));
function pdfText(bytes: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe(`printable 维修工单 PDF (${ENGINE})`, () => {
  let t: TestApp;
  let requester: Client;
  let dispatcher: Client;
  let tech: Client;
  let techSy: Client;
  let wo: WorkOrderDto;

  const step = async (c: Client, action: string, body: Record<string, unknown> = {}) => {
    const res = await c.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    wo = res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    [requester, dispatcher, tech, techSy] = await Promise.all([
      login(t.app, 'requester'),
      login(t.app, 'dispatcher'),
      login(t.app, 'tech'),
      login(t.app, 'tech_sy'),
    ]);
    wo = (
      await dispatcher.post<WorkOrderDto>('/api/v1/work-orders', {
        siteId: await siteIdOf(t.db, 'CC'),
        channel: 'hotline',
        locationId: await locationIdOf(t.db, 'CC-A-B1-03'),
        category: 'power',
        urgency: 'urgent',
        description: '配电间照明全部不亮',
        requesterName: '王女士',
        requesterPhone: '13900001111',
        requesterDepartment: '家电部',
      })
    ).body;
    await step(dispatcher, 'dispatch', { assigneeId: await userIdOf(t.db, 'tech') });
    for (const action of ['accept', 'arrive', 'start']) await step(tech, action);
    await tech.post(`/api/v1/work-orders/${wo.id}/materials`, {
      name: '空气开关',
      spec: 'DZ47 32A',
      quantity: 2,
      unit: '个',
      unitPrice: 1250,
      suppliedBy: 'department',
    });
    await tech.post(`/api/v1/work-orders/${wo.id}/labour`, {
      kind: 'effective',
      startedAt: '2026-03-15T01:00:00Z',
      endedAt: '2026-03-15T01:45:00Z',
    });
    await tech.post(`/api/v1/work-orders/${wo.id}/labour`, { kind: 'travel', minutes: 15 });
    wo = (await tech.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body;
    await step(tech, 'finish', { cause: 'ageing', result: '更换老化的空气开关' });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the order with its labels, times, materials in ¥, labour and a blank return-visit line', async () => {
    const res = await dispatcher.req('GET', `/api/v1/work-orders/${wo.id}/print.pdf`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toBe('application/pdf');
    const bytes = res.raw.rawPayload;
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = pdfText(bytes, 'resolved');
    for (const s of [
      '维修工单',
      wo.number,
      '王女士',
      '家电部',
      '13900001111',
      '强电',
      '加急',
      '配电间照明全部不亮',
      '张维修',
      '空气开关',
      'DZ4732A',
      '¥12.50',
      '¥25.00',
      '有效维修',
      '0.75',
      '老化',
      '更换老化的空气开关',
      '态度',
      '质量',
      '效率',
      '回访',
      '签字',
    ]) {
      expect(text, s).toContain(s);
    }
    // site time zone (Asia/Shanghai): created at 02:00Z = 10:00 local
    expect(text).toContain('2026-03-1510:00');
  });

  it('shows acceptance and ratings once given; follows the detail page’s visibility', async () => {
    // a hotline request has no requester account: the clerk records the caller's acceptance and rating
    await step(dispatcher, 'approve');
    await step(dispatcher, 'rate', { ratingAttitude: 5, ratingQuality: 4, ratingEfficiency: 3, comment: '很及时' });
    const res = await tech.req('GET', `/api/v1/work-orders/${wo.id}/print.pdf`);
    expect(res.status).toBe(200);
    const text = pdfText(res.raw.rawPayload, 'rated');
    for (const s of ['态度5/5', '质量4/5', '效率3/5', '很及时', '通过']) expect(text, s).toContain(s);
    expect((await techSy.req('GET', `/api/v1/work-orders/${wo.id}/print.pdf`)).status).toBe(404);
    expect((await requester.req('GET', `/api/v1/work-orders/${wo.id}/print.pdf`)).status).toBe(404);
  });
});
