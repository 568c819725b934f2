import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { AttachmentStore } from '../attachments/store.ts';
import { type Config, loadConfig } from '../config.ts';
import type { Context } from '../context.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { App } from '../http/types.ts';
import type { Actor } from '../policies/actor.ts';
import { loadActor } from '../queries/loadActor.ts';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.ts';
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases.ts';

/** A clock tests can move. */
export interface TestClock {
  now(): Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-11-02T09:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    set: (iso) => {
      t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface Harness {
  dialect: TestDialect;
  ctx: Context;
  app: App;
  clock: TestClock;
  /** a signed-in client for a demo (or built) user */
  signIn(email: string, password?: string): Promise<Client>;
  /** loads a user's actor by email */
  actor(email: string): Promise<Actor>;
  close(): Promise<void>;
}

export interface Client {
  email: string;
  csrfToken: string;
  cookie: string;
  request(opts: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    body?: unknown;
    headers?: Record<string, string>;
    payload?: string | Buffer;
    csrf?: boolean;
  }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Test configuration: cheap password hashing and generous rate limits unless a test sets its own. */
export function testConfig(db: TestDatabase, overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { DATABASE_URL: db.url, DATA_DIR: db.dataDir, PUBLIC_URL: 'http://localhost:3000' },
    {
      argon2: { memoryCost: 1024, timeCost: 1 },
      logLevel: 'silent',
      casesPerHourPerUser: 1000,
      ...overrides,
    },
  );
}

/**
 * A real database (a new SQLite file or a new PostgreSQL database), migrated and seeded with the
 * demo data of SPEC §12, and the app on top of it, driven through `inject` (real HTTP parsing,
 * no socket).
 */
export async function createHarness(
  dialect: TestDialect,
  options: { seed?: boolean; config?: Partial<Config> } = {},
): Promise<Harness> {
  const testDb = await createTestDatabase(dialect);
  const config = testConfig(testDb, options.config);
  const clock = testClock();
  const ctx: Context = {
    database: openDatabase(config.databaseUrl, { poolSize: 4 }),
    config,
    attachments: new AttachmentStore(config.dataDir),
    now: clock.now,
  };
  await migrateToLatest(ctx.database);
  if (options.seed !== false) await seedDemo(ctx);
  const app = await buildApp(ctx, { logger: false });
  await app.ready();

  const harness: Harness = {
    dialect,
    ctx,
    app,
    clock,
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
      if (res.statusCode !== 200)
        throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'casebook_session');
      if (!cookie) throw new Error('no session cookie');
      return makeClient(app, email, `casebook_session=${cookie.value}`, res.json().csrfToken);
    },
    async actor(email) {
      const row = await ctx.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return (await loadActor(ctx.database.db, row.id))!;
    },
    async close() {
      await app.close();
      await ctx.database.close();
      await testDb.drop();
    },
  };
  return harness;
}

function makeClient(app: App, email: string, cookie: string, csrfToken: string): Client {
  const client: Client = {
    email,
    cookie,
    csrfToken,
    async request({ method, url, body, headers = {}, payload, csrf = true }) {
      const h: Record<string, string> = { cookie, ...headers };
      if (csrf && method !== 'GET') h['x-csrf-token'] = csrfToken;
      return app.inject({
        method,
        url,
        headers: h,
        payload: payload ?? (body === undefined ? undefined : (body as object)),
      });
    },
    get: (url) => client.request({ method: 'GET', url }),
    post: (url, body) => client.request({ method: 'POST', url, body }),
    patch: (url, body) => client.request({ method: 'PATCH', url, body }),
    put: (url, body) => client.request({ method: 'PUT', url, body }),
    del: (url, body) => client.request({ method: 'DELETE', url, body }),
  };
  return client;
}
