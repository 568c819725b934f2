import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { BaselineDatabase } from './baselineDatabase.ts';

type Row = Record<string, unknown>;

/** One statement with the bare driver, by dialect: `?` placeholders become `$n` on PostgreSQL. */
function statement(database: BaselineDatabase, name: string, text: string) {
  if (database.dialect === 'sqlite') {
    const prepared = database.sqlite.prepare(text);
    return {
      all: async (...values: unknown[]) => prepared.all(...values) as Row[],
      run: async (...values: unknown[]) => void prepared.run(...values),
    };
  }
  let n = 0;
  const pgText = text.replace(/\?/g, () => `$${++n}`);
  const pool = database.pool;
  return {
    all: async (...values: unknown[]) => (await pool.query({ name, text: pgText, values })).rows as Row[],
    run: async (...values: unknown[]) => void (await pool.query({ name, text: pgText, values })),
  };
}

/**
 * The bare baselines of the case scenarios: what the database work of each route costs without the
 * application (no session, no policy, no validation, no history or outbox).
 */
export function caseBaselines(app: FastifyInstance, database: BaselineDatabase): void {
  const myCases = statement(
    database,
    'baseline-my-cases',
    "select id, number, status, priority, subject, created_at, updated_at from cases where opener_id = ? and status in ('new', 'open', 'pending_customer') order by updated_at desc limit 25",
  );
  app.get<{ Querystring: { opener?: string } }>('/baseline/my-cases', async (request) => ({
    items: await myCases.all(request.query.opener ?? ''),
  }));

  const byNumber = statement(database, 'baseline-case', 'select * from cases where number = ?');
  app.get<{ Querystring: { number?: string } }>('/baseline/case', async (request, reply) => {
    const [row] = await byNumber.all(request.query.number ?? '');
    return row ?? reply.status(404).send({ error: 'not found' });
  });

  const caseId = statement(database, 'baseline-case-id', 'select id from cases where number = ?');
  const insertComment = statement(
    database,
    'baseline-comment',
    "insert into comments (id, case_id, author_id, body, internal, via, created_at) values (?, ?, null, 'Here is the HAR file you asked for.', 0, 'web', ?)",
  );
  const ids = new Map<string, string>();
  app.post<{ Querystring: { number?: string } }>('/baseline/comment', async (request, reply) => {
    const number = request.query.number ?? '';
    let id = ids.get(number);
    if (!id) {
      const [row] = await caseId.all(number);
      if (!row) return reply.status(404).send({ error: 'not found' });
      id = String(row.id);
      ids.set(number, id);
    }
    await insertComment.run(randomUUID(), id, new Date().toISOString());
    return reply.status(201).send({ ok: true });
  });

  // A comparable row in `cases` (the same columns the app writes), numbers from 90,000,000 on.
  const openerAccount = statement(
    database,
    'baseline-opener',
    'select u.account_id, (select org_id from org_admins where user_id = u.id limit 1) as org_id from users u where u.id = ?',
  );
  const maxNumber = statement(
    database,
    'baseline-max-number',
    "select max(number) as n from cases where number >= '90000000'",
  );
  const insertCase = statement(
    database,
    'baseline-open-case',
    'insert into cases (id, number, account_id, org_id, opener_id, status, priority, subject, description, ' +
      'steps_to_reproduce, issue_area_key, queue_key, scope, business_impact, case_email, contact_phone, ' +
      'contact_timezone, p1_confirmed, created_at, updated_at) ' +
      "values (?, ?, ?, ?, ?, 'new', 'P2', 'SAML assertion rejected after certificate rotation', " +
      "'Since this morning users get invalid assertion (E0000004) right after signing in.', " +
      "'Sign in as any member of the Sales group.', 'saml-sso', 'identity', 'group_of_users', " +
      "'The sales team cannot reach the CRM.', 'bob@acme.example', '+14155550100', 'America/Los_Angeles', 0, ?, ?)",
  );
  let next = 0;
  app.post<{ Querystring: { opener?: string } }>('/baseline/open-case', async (request, reply) => {
    const [owner] = await openerAccount.all(request.query.opener ?? '');
    if (!owner) return reply.status(404).send({ error: 'not found' });
    if (next === 0) {
      const [row] = await maxNumber.all();
      next = row?.n ? Number(row.n) + 1 : 90_000_000;
    }
    const now = new Date().toISOString();
    const number = String(next++).padStart(8, '0');
    await insertCase.run(
      randomUUID(),
      number,
      owner.account_id,
      owner.org_id,
      request.query.opener,
      now,
      now,
    );
    return reply.status(201).send({ number });
  });
}
