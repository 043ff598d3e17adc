import type { IncidentDto, SecurityAlertDto } from '../../../../contracts/incidents.js';
import type { Client } from '../../../test/harness.js';
import type { ErrorBody } from '../hazards/testing.js';

/** Test fixtures of the incidents module: reports and alerts written through the API. */

export type { ErrorBody } from '../hazards/testing.js';

export const fields = (r: { body: unknown }) => (r.body as ErrorBody).error.details?.fields?.map((f) => f.field).sort() ?? [];
export const messages = (r: { body: unknown }) => (r.body as ErrorBody).error.details?.fields?.map((f) => f.message) ?? [];

/** A complete report (every field a submission needs) of a power outage on `siteId` the day before the test clock's today. */
export function incidentBody(siteId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    siteId,
    title: '一层东区照明停电',
    type: 'power_outage',
    occurredAt: '2026-03-14T06:20:00.000Z',
    place: '一层东区',
    summary: '一层东区照明回路跳闸，约 40 米通道照明熄灭。',
    course: '14:20 营业员报告照明熄灭，值班电工 5 分钟到场，查明 3 号配电箱照明回路断路器跳闸。',
    handling: '隔离故障灯具后合闸，14:45 恢复照明。',
    causeAnalysis: '一盏筒灯镇流器短路导致回路跳闸。',
    losses: '无直接经济损失',
    ...extra,
  };
}

export async function createIncident(c: Client, siteId: string, extra: Record<string, unknown> = {}): Promise<IncidentDto> {
  const res = await c.post<IncidentDto & ErrorBody>('/api/v1/incidents', incidentBody(siteId, extra));
  if (res.status !== 201) throw new Error(`incident: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function review(c: Client, i: Pick<IncidentDto, 'id' | 'version'>, decision: 'approve' | 'return', note?: string) {
  return c.post<IncidentDto & ErrorBody>(`/api/v1/incidents/${i.id}/review`, { decision, note, version: i.version });
}

/** A theft seen on CCTV and handed to the police, received at 14:00 on 12 March (Asia/Shanghai) unless `extra` says when, closed 20 minutes later. */
export function alertBody(siteId: string, officerIds: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const receivedAt = typeof extra.receivedAt === 'string' ? extra.receivedAt : '2026-03-12T06:00:00.000Z';
  return {
    siteId,
    receivedAt,
    source: 'cctv',
    type: 'theft',
    place: '一层化妆品区',
    description: '监控发现一名男子将口红放入衣兜后走向出口。',
    handling: '保安在出口处拦下，当面取出商品，登记后交由公安处理。',
    outcome: 'handed_to_police',
    apprehendedCount: 1,
    officerIds,
    closedAt: new Date(Date.parse(receivedAt) + 20 * 60_000).toISOString(),
    ...extra,
  };
}

export async function createAlert(
  c: Client,
  siteId: string,
  officerIds: string[],
  extra: Record<string, unknown> = {},
): Promise<SecurityAlertDto> {
  const res = await c.post<SecurityAlertDto & ErrorBody>('/api/v1/security-alerts', alertBody(siteId, officerIds, extra));
  if (res.status !== 201) throw new Error(`alert: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
