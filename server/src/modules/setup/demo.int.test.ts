import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/types.js';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { zonedParts } from '../../platform/numbering/time.js';
import type { CounterDto, NoticeDto, StatementDto } from '../counters/dto.js';
import { siteIdOf } from '../equipment/testing.js';
import type { ProjectDto, ProjectFacts, ProjectFigures } from '../projects/index.js';
import type { CallDto } from '../servicedesk/hotline.service.js';
import type { ComplaintDto, VisitDto } from '../servicedesk/index.js';

/** YYYY-MM-DD of an instant in Asia/Shanghai, `back` days earlier */
function day(at: Date, back = 0): string {
  const p = zonedParts(at, 'Asia/Shanghai');
  return new Date(Date.UTC(p.year, p.month - 1, p.day - back)).toISOString().slice(0, 10);
}

/** YYYY-MM of an instant in Asia/Shanghai, `back` months earlier */
function month(at: Date, back = 0): string {
  const p = zonedParts(at, 'Asia/Shanghai');
  const d = new Date(Date.UTC(p.year, p.month - 1 - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe(`demo data of counters, service desk and projects (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let vendor: Client;
  let cc: string;
  let sy: string;

  beforeAll(async () => {
    t = await createTestApp();
    head = await login(t.app, 'head');
    vendor = await login(t.app, 'vendor');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
  });
  afterAll(() => t.close());

  it('gives the vendor its own counter with its notices and paid repairs only', async () => {
    const counters = await vendor.get<Page<CounterDto>>('/api/v1/counters?limit=200');
    expect(counters.status).toBe(200);
    expect(counters.body.items.map((c) => c.name)).toEqual(['悦颜化妆品专柜']);
    const mine = counters.body.items[0] as CounterDto;
    expect(mine.siteId).toBe(cc);

    const notices = await vendor.get<Page<NoticeDto>>('/api/v1/counter-notices?limit=200');
    expect(notices.body.items.length).toBeGreaterThanOrEqual(3);
    expect(notices.body.items.every((n) => n.counterId === mine.id)).toBe(true);
    const all = await head.get<Page<NoticeDto>>('/api/v1/counter-notices?limit=200');
    expect(all.body.items.length).toBeGreaterThan(notices.body.items.length);
    expect(new Set(all.body.items.map((n) => n.status))).toEqual(
      new Set(['issued', 'rectified', 'verified', 'overdue', 'converted', 'cancelled']),
    );
    expect(new Set(all.body.items.map((n) => n.siteId))).toEqual(new Set([cc, sy]));
    // every converted notice points at its paid repair, raised for the same counter
    for (const n of all.body.items.filter((x) => x.status === 'converted')) {
      const wo = await head.get<WorkOrderDto>(`/api/v1/work-orders/${n.workOrderId}`);
      expect(wo.body).toMatchObject({ kind: 'counter_repair', counterId: n.counterId, siteId: n.siteId });
    }

    const orders = await vendor.get<Page<WorkOrderDto>>('/api/v1/work-orders?limit=200');
    expect(orders.status).toBe(200);
    expect(orders.body.items.length).toBeGreaterThanOrEqual(2);
    expect(orders.body.items.every((w) => w.counterId === mine.id && w.kind === 'counter_repair')).toBe(true);
  });

  it("has lines on this month's and last month's statements of the vendor's counter", async () => {
    const mine = (await vendor.get<Page<CounterDto>>('/api/v1/counters')).body.items[0] as CounterDto;
    for (const m of [month(t.clock.now()), month(t.clock.now(), 1)]) {
      const res = await vendor.get<StatementDto>(`/api/v1/counters/${mine.id}/statements/${m}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length, m).toBeGreaterThan(0);
      expect(res.body.items.flatMap((i) => i.materials).length).toBeGreaterThan(0);
      // department-supplied material is charged under the default rules
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.total).toBe(res.body.items.reduce((s, i) => s + i.total, 0));
    }
  });

  it('fills the service desk: complaints in every state, the hotline log and return visits', async () => {
    const complaints = (await head.get<Page<ComplaintDto>>('/api/v1/complaints?limit=200')).body.items;
    expect(complaints.length).toBeGreaterThanOrEqual(15);
    expect(new Set(complaints.map((c) => c.status))).toEqual(new Set(['open', 'handling', 'resolved', 'closed']));
    expect(new Set(complaints.map((c) => c.siteId))).toEqual(new Set([cc, sy]));
    expect(complaints.some((c) => c.overdue && (c.status === 'open' || c.status === 'handling'))).toBe(true);
    expect(complaints.some((c) => c.workOrderId !== null)).toBe(true);
    expect(complaints.every((c) => c.deadlineAt > c.receivedAt)).toBe(true);

    const calls = (await head.get<Page<CallDto>>('/api/v1/hotline-calls?limit=200')).body.items;
    expect(calls.length).toBeGreaterThanOrEqual(20);
    expect(new Set(calls.map((c) => c.outcome))).toEqual(new Set(['work_order', 'complaint', 'info', 'transfer', 'other']));
    const toOrder = calls.find((c) => c.workOrderId !== null) as CallDto;
    const wo = await head.get<WorkOrderDto>(`/api/v1/work-orders/${toOrder.workOrderId}`);
    expect(wo.body.channel).toBe('hotline');
    expect(calls.filter((c) => c.outcome === 'complaint').every((c) => c.complaintId !== null)).toBe(true);

    const visits = (await head.get<Page<VisitDto>>('/api/v1/return-visits?limit=200')).body.items;
    expect(visits.length).toBeGreaterThanOrEqual(30);
    const results = visits.map((v) => v.result);
    expect(results.filter((r) => r === 'satisfied').length).toBeGreaterThan(visits.length / 2);
    const unhappy = visits.filter((v) => v.result === 'dissatisfied');
    expect(unhappy.length).toBeGreaterThan(0);
    for (const v of unhappy) {
      expect(v.complaintId).not.toBeNull();
      const c = complaints.find((x) => x.id === v.complaintId) as ComplaintDto;
      expect(c).toMatchObject({ workOrderId: v.workOrderId, sourceType: 'return_visit', sourceId: v.id });
    }
    // a visit follows the work it asks about
    const sample = visits[0] as VisitDto;
    const visited = await head.get<WorkOrderDto>(`/api/v1/work-orders/${sample.workOrderId}`);
    expect(['completed', 'rated']).toContain(visited.body.status);
    expect(sample.visitedAt > (visited.body.completedAt as string)).toBe(true);
  });

  it('has projects in every state whose per-site facts add up to the total', async () => {
    const projects = (await head.get<Page<ProjectDto>>('/api/v1/projects?limit=200')).body.items;
    expect(projects.length).toBeGreaterThanOrEqual(10);
    expect(new Set(projects.map((p) => p.status))).toEqual(
      new Set(['planned', 'in_progress', 'suspended', 'accepting', 'accepted', 'cancelled']),
    );
    expect(projects.some((p) => p.overdue)).toBe(true);
    const from = day(t.clock.now(), 90);
    const to = day(t.clock.now());
    const res = await head.get<ProjectFacts>(`/api/v1/projects/facts?from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const figures = Object.keys(res.body.total) as (keyof ProjectFigures)[];
    for (const k of figures) expect(res.body.total[k].value, k).toBe(res.body.sites.reduce((n, s) => n + s[k].value, 0));
    for (const code of ['CC', 'SY']) {
      const row = res.body.sites.find((s) => s.siteCode === code) as ProjectFigures & { siteId: string };
      const mine = projects.filter((p) => p.siteId === row.siteId);
      const inPeriod = (d: string | null) => d !== null && d >= from && d <= to;
      const completed = mine.filter((p) => p.status === 'accepted' && inPeriod(p.acceptedOn));
      expect(row.started.value, code).toBe(mine.filter((p) => inPeriod(p.actualStart)).length);
      expect(row.completed.value, code).toBe(completed.length);
      expect(row.budget.value, code).toBe(completed.reduce((n, p) => n + p.budget, 0));
      expect(row.actualCost.value, code).toBe(completed.reduce((n, p) => n + (p.actualCost ?? 0), 0));
      expect(row.completed.value, code).toBeGreaterThan(0);
    }
  });
});
