import { resolve } from 'node:path';

/** Configuration from the environment; the names are fixed by SPEC §10. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  mailPort: number;
  mailDomain: string;
  smtpUrl: string | undefined;
  publicUrl: string;
  /** true when cookies must be Secure (PUBLIC_URL is https) */
  secureCookies: boolean;
  demo: boolean;
  /** Fastify's trustProxy: false (default), true, a hop count, or addresses/CIDRs of trusted proxies */
  trustProxy: boolean | number | string;
  logLevel: string;
  sessionDays: number;
  signInAttemptsPerWindow: number;
  signInWindowSeconds: number;
  casesPerHourPerUser: number;
  /** inbound mail: largest whole message accepted, in bytes (MAIL_MAX_BYTES, default 25 MB) */
  mailMaxBytes: number;
  /** inbound mail: messages accepted per sender address per hour (MAIL_PER_SENDER_PER_HOUR) */
  mailPerSenderPerHour: number;
  /** outbox: delivery attempts before a message is given up and shown to staff (MAIL_MAX_ATTEMPTS) */
  mailMaxAttempts: number;
  /** outbox: how often an idle worker looks for work, in milliseconds (WORKER_POLL_MS) */
  workerPollMs: number;
  /** lifecycle (issue 6): days pending the customer before the reminder (PENDING_REMINDER_DAYS, 3) */
  pendingReminderDays: number;
  /** days pending the customer before the case is solved automatically (AUTO_SOLVE_DAYS, 7) */
  autoSolveDays: number;
  /** days a solved case stays solved before it is closed (CLOSE_SOLVED_DAYS, 14) */
  closeSolvedDays: number;
  /** full days a closed case keeps its attachments; they go as the next day starts (ATTACHMENT_RETENTION_DAYS, 7) */
  attachmentRetentionDays: number;
  /** how often the lifecycle jobs run, in milliseconds (JOBS_INTERVAL_MS, 60000) */
  jobsIntervalMs: number;
  /** memory-hard password hashing cost; lowered only in tests */
  argon2: { memoryCost: number; timeCost: number };
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (got "${value}")`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int('PORT', env.PORT, 3000);
  const host = env.HOST || '0.0.0.0';
  const dataDir = resolve(env.DATA_DIR || './data');
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || 'sqlite:./data/casebook.db',
    dataDir,
    mailPort: int('MAIL_PORT', env.MAIL_PORT, 2525),
    mailDomain: env.MAIL_DOMAIN || 'casebook.localhost',
    smtpUrl: env.SMTP_URL || undefined,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    demo: env.CASEBOOK_DEMO !== '0',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL || 'info',
    sessionDays: int('SESSION_DAYS', env.SESSION_DAYS, 14),
    signInAttemptsPerWindow: int('SIGN_IN_ATTEMPTS', env.SIGN_IN_ATTEMPTS, 10),
    signInWindowSeconds: int('SIGN_IN_WINDOW_SECONDS', env.SIGN_IN_WINDOW_SECONDS, 900),
    casesPerHourPerUser: int('CASES_PER_HOUR', env.CASES_PER_HOUR, 60),
    mailMaxBytes: int('MAIL_MAX_BYTES', env.MAIL_MAX_BYTES, 25 * 1024 * 1024),
    mailPerSenderPerHour: int('MAIL_PER_SENDER_PER_HOUR', env.MAIL_PER_SENDER_PER_HOUR, 120),
    mailMaxAttempts: int('MAIL_MAX_ATTEMPTS', env.MAIL_MAX_ATTEMPTS, 20),
    workerPollMs: int('WORKER_POLL_MS', env.WORKER_POLL_MS, 1000),
    pendingReminderDays: int('PENDING_REMINDER_DAYS', env.PENDING_REMINDER_DAYS, 3),
    autoSolveDays: int('AUTO_SOLVE_DAYS', env.AUTO_SOLVE_DAYS, 7),
    closeSolvedDays: int('CLOSE_SOLVED_DAYS', env.CLOSE_SOLVED_DAYS, 14),
    attachmentRetentionDays: int('ATTACHMENT_RETENTION_DAYS', env.ATTACHMENT_RETENTION_DAYS, 7),
    jobsIntervalMs: int('JOBS_INTERVAL_MS', env.JOBS_INTERVAL_MS, 60_000),
    argon2: { memoryCost: 19_456, timeCost: 2 },
    ...overrides,
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
