import { type Client, login, type TestApp } from '../../../test/harness.js';
import { actorFromSession } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';

/** Test fixtures of the training module. */

export type ErrorBody = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };
export type Page<T> = { items: T[]; nextCursor: string | null };

/** The field names of a validation error. */
export const fieldsOf = (body: unknown): string[] => ((body as ErrorBody).error?.details?.fields ?? []).map((f) => f.field);

/** A service context acting as a signed-in client (for the module's exported functions). */
export async function ctxOf(t: TestApp, client: Client): Promise<Ctx> {
  const token = decodeURIComponent(client.cookie.split('=').slice(1).join('='));
  const actor = await actorFromSession(t.db, t.clock, token);
  if (!actor) throw new Error('no session');
  return { db: t.db, actor, requestId: null, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
}

/** Uploads a file as multipart form data (the attachments and import endpoints). */
export function multipart(
  client: Client,
  url: string,
  file: { name: string; type: string; data: Buffer },
  fields: Record<string, string> = {},
) {
  const boundary = `----houqin${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  const body = Buffer.concat([
    ...parts,
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.req<Record<string, unknown> & ErrorBody>('POST', url, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

/** A tiny PNG the attachment store accepts. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 1)]);

/** Signs several demo users in at once, in the order named. */
export function signInAll<const N extends readonly string[]>(t: TestApp, names: N): Promise<{ [K in keyof N]: Client }> {
  return Promise.all(names.map((u) => login(t.app, u))) as Promise<{ [K in keyof N]: Client }>;
}
