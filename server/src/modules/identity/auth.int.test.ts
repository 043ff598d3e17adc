import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';

describe(`sign-in protection (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  /** A login attempt from a given address (the app trusts x-forwarded-for, as behind a proxy). */
  const attempt = (loginName: string, password: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': ip },
      payload: { login: loginName, password },
    });

  it('locks the account after LOGIN_MAX_FAILURES wrong passwords and lets it in again once the lock has passed', async () => {
    const max = t.config.loginMaxFailures;
    expect(max).toBeGreaterThan(1);
    for (let i = 0; i < max; i++) {
      const res = await attempt('tech', 'wrong-password', '198.51.100.1');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await attempt('tech', 'houqin', '198.51.100.2');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    // by phone number too: the lock belongs to the account, not to the name typed
    expect((await attempt('13800000004', 'houqin', '198.51.100.2')).statusCode).toBe(423);
    const techId = (await t.db.selectFrom('users').select('id').where('username', '=', 'tech').executeTakeFirstOrThrow()).id;
    const seen = await admin.get<{ lockedUntil: string | null }>(`/api/v1/users/${techId}`);
    expect(seen.body.lockedUntil).not.toBeNull();
    const lockAudit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', techId)
      .where('action', '=', 'lock')
      .execute();
    expect(lockAudit).toHaveLength(1);

    t.clock.advance(t.config.loginLockMinutes * 60_000 - 1000);
    expect((await attempt('tech', 'houqin', '198.51.100.3')).statusCode).toBe(423);
    t.clock.advance(2000);
    const ok = await attempt('tech', 'houqin', '198.51.100.3');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.username).toBe('tech');
    const after = await t.db
      .selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('id', '=', techId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('a success before the limit resets the failure count', async () => {
    const max = t.config.loginMaxFailures;
    for (let i = 0; i < max - 1; i++) expect((await attempt('property', 'nope-123', '198.51.100.4')).statusCode).toBe(401);
    expect((await attempt('property', 'houqin', '198.51.100.4')).statusCode).toBe(200);
    expect((await attempt('property', 'nope-123', '198.51.100.5')).statusCode).toBe(401);
    expect((await attempt('property', 'houqin', '198.51.100.5')).statusCode).toBe(200);
  });

  it('rate-limits login attempts per address (20 a minute), not for other addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt(`nobody${i}`, 'whatever1', '203.0.113.7')).statusCode);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await attempt('admin', 'houqin', '203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await attempt('admin', 'houqin', '203.0.113.8')).statusCode).toBe(200);
  });
});
