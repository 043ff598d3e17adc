import path from 'node:path';

/**
 * The one configuration object. Every environment variable is read here and
 * documented in README.md (table "Configuration"); nothing else reads process.env.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** null = decide on first start: demo data when the database is empty */
  demo: boolean | null;
  sessionTtlHours: number;
  uploadMaxBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** SMTP url, e.g. smtp://user:pass@127.0.0.1:2525 — default for organisations without their own */
  smtpUrl: string | null;
  mailFrom: string;
  /** webhook url defaults (organisations can set their own in 通知渠道) */
  wecomWebhook: string | null;
  dingtalkWebhook: string | null;
  dingtalkSecret: string | null;
  s3: { endpoint: string; bucket: string; region: string; accessKey: string; secretKey: string } | null;
  logLevel: string;
  /** public base url used in links inside notifications and QR labels */
  publicUrl: string;
  /** background jobs (deadline warnings and escalations, auto-acceptance) in this process */
  scheduler: { enabled: boolean; intervalMs: number };
  /** Bearer token that opens GET /metrics from other hosts; null = loopback only */
  metricsToken: string | null;
  /**
   * Which peers' X-Forwarded-For the server believes (Fastify's trustProxy): by default
   * only a proxy on this machine, so a client reaching the server directly cannot pick
   * the address the login limit counts.
   */
  trustProxy: boolean | string;
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${key} must be a non-negative integer, got "${raw}"`);
  return n;
}

function str(env: NodeJS.ProcessEnv, key: string): string | null {
  const raw = env[key];
  return raw === undefined || raw === '' ? null : raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 3000);
  const host = str(env, 'HOST') ?? '127.0.0.1';
  const databaseUrl = str(env, 'DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it empty for SQLite)');
  }
  const demoRaw = str(env, 'HOUQIN_DEMO');
  if (demoRaw !== null && demoRaw !== '0' && demoRaw !== '1') throw new Error('HOUQIN_DEMO must be 0 or 1');
  const s3Endpoint = str(env, 'S3_ENDPOINT');
  const schedulerRaw = str(env, 'SCHEDULER');
  if (schedulerRaw !== null && schedulerRaw !== 'on' && schedulerRaw !== 'off') throw new Error('SCHEDULER must be on or off');
  const tickSeconds = int(env, 'SCHEDULER_INTERVAL_SECONDS', 60);
  if (tickSeconds < 1) throw new Error('SCHEDULER_INTERVAL_SECONDS must be at least 1');
  const metricsToken = str(env, 'METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16) throw new Error('METRICS_TOKEN must be at least 16 characters');
  return {
    port,
    host,
    dataDir: path.resolve(str(env, 'DATA_DIR') ?? './data'),
    databaseUrl,
    demo: demoRaw === null ? null : demoRaw === '1',
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12),
    uploadMaxBytes: int(env, 'UPLOAD_MAX_MB', 20) * 1024 * 1024,
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15),
    smtpUrl: str(env, 'SMTP_URL'),
    mailFrom: str(env, 'MAIL_FROM') ?? 'Houqin <houqin@localhost>',
    wecomWebhook: str(env, 'WECOM_WEBHOOK_URL'),
    dingtalkWebhook: str(env, 'DINGTALK_WEBHOOK_URL'),
    dingtalkSecret: str(env, 'DINGTALK_SECRET'),
    s3: s3Endpoint
      ? {
          endpoint: s3Endpoint,
          bucket: str(env, 'S3_BUCKET') ?? 'houqin',
          region: str(env, 'S3_REGION') ?? 'us-east-1',
          accessKey: str(env, 'S3_ACCESS_KEY') ?? '',
          secretKey: str(env, 'S3_SECRET_KEY') ?? '',
        }
      : null,
    logLevel: str(env, 'LOG_LEVEL') ?? 'info',
    publicUrl: str(env, 'PUBLIC_URL') ?? `http://${host}:${port}`,
    scheduler: { enabled: schedulerRaw !== 'off', intervalMs: tickSeconds * 1000 },
    metricsToken,
    trustProxy: trustProxyOf(str(env, 'TRUST_PROXY')),
  };
}

/** `loopback` (default), `true`/`false`, or a comma-separated list of addresses/CIDRs. */
function trustProxyOf(raw: string | null): boolean | string {
  if (raw === null || raw === '') return 'loopback';
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return raw;
}
