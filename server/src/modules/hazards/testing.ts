import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FindingDto, HazardDto } from '../../../../contracts/hazards.js';
import type { Client } from '../../../test/harness.js';

/** Test fixtures of the hazards module: photos, hazards driven through the API, PDF text. */

export interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[]; status?: string; action?: string } };
}

/** A 1×1 PNG that pdfkit can draw. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads a photo to a record (finding, finding_fix, hazard, hazard_after), as the phone page does. */
export function uploadPhoto(c: Client, ownerType: string, ownerId: string) {
  const boundary = `----houqin${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="ownerType"\r\n\r\n${ownerType}\r\n`),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="ownerId"\r\n\r\n${ownerId}\r\n`),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="photo.png"\r\ncontent-type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.req<{ id: string } & ErrorBody>('POST', '/api/v1/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

export async function reportHazard(c: Client, siteId: string, extra: Record<string, unknown> = {}): Promise<HazardDto> {
  const res = await c.post<HazardDto & ErrorBody>('/api/v1/hazards', {
    siteId,
    category: 'fire_safety',
    grade: 'general',
    title: '安全出口指示灯不亮',
    description: '一层东侧安全出口指示灯不亮。',
    ...extra,
  });
  if (res.status !== 201) throw new Error(`hazard: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function reportFinding(c: Client, siteId: string, extra: Record<string, unknown> = {}): Promise<FindingDto> {
  const res = await c.post<FindingDto & ErrorBody>('/api/v1/findings', { siteId, description: '灭火器被货架遮挡', ...extra });
  if (res.status !== 201) throw new Error(`finding: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function act(c: Client, h: Pick<HazardDto, 'id' | 'version'>, action: string, body: Record<string, unknown> = {}) {
  return c.post<HazardDto & ErrorBody>(`/api/v1/hazards/${h.id}/actions/${action}`, { version: h.version, ...body });
}

/** Takes the steps in order, each expected to succeed; answers the hazard after the last. */
export async function steps(h: HazardDto, list: [Client, string, Record<string, unknown>?][]): Promise<HazardDto> {
  let cur = h;
  for (const [c, action, body] of list) {
    if (action === 'photo') {
      const up = await uploadPhoto(c, 'hazard_after', cur.id);
      if (up.status !== 201) throw new Error(`photo: ${up.status} ${JSON.stringify(up.body)}`);
      continue;
    }
    const res = await act(c, cur, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    cur = res.body;
  }
  return cur;
}

/** The text of a PDF (pdftotext from poppler-utils), whitespace removed. */
export function pdfText(bytes: Buffer, name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-hazard-pdf-'));
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
