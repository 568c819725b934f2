import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseStatus } from '../../shared/enums.ts';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { refusal } from '../testing/refusal.ts';
import { solveCase } from './solveCase.ts';

describeEachDatabase('solveCase', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const db = () => h.ctx.database.db;
  const caseRow = (id: string) =>
    db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const withStatus = async (status: CaseStatus) => {
    const bob = await h.actor('bob@acme.example');
    const c = await makeCase(h.ctx, bob);
    await db().updateTable('cases').set({ status }).where('id', '=', c.id).execute();
    return c;
  };

  it.each(['new', 'open', 'pending_customer'] as const)('marks a %s case solved', async (status) => {
    const { number, id } = await withStatus(status);
    const bob = await h.actor('bob@acme.example');
    const row = await solveCase(h.ctx, bob, number);
    const now = h.clock.now().toISOString();
    expect(row).toMatchObject({ status: 'solved', solved_at: now, updated_at: now });
    const history = await db()
      .selectFrom('case_history')
      .selectAll()
      .where('case_id', '=', id)
      .where('action', '=', 'status_changed')
      .execute();
    expect(history.map((x) => [x.old_value, x.new_value, x.actor_id])).toEqual([[status, 'solved', bob.id]]);
    const outbox = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', id)
      .where('topic', '=', 'case.status_changed')
      .execute();
    expect(outbox.map((o) => JSON.parse(o.payload))).toEqual([
      { number, from: status, to: 'solved', by: bob.id },
    ]);
  });

  it('lets a team contact and an Elevated Support Contact solve, too', async () => {
    const bob = await h.actor('bob@acme.example');
    const a = await makeCase(h.ctx, bob, { teamContacts: ['alice@acme.example'] });
    await solveCase(h.ctx, await h.actor('alice@acme.example'), a.number);
    const b = await makeCase(h.ctx, bob);
    await solveCase(h.ctx, await h.actor('dave@acme.example'), b.number);
    expect((await caseRow(a.id)).status).toBe('solved');
    expect((await caseRow(b.id)).status).toBe('solved');
  });

  it('refuses an already solved or closed case with 409 and changes nothing', async () => {
    const bob = await h.actor('bob@acme.example');
    for (const status of ['solved', 'closed'] as const) {
      const { number, id } = await withStatus(status);
      const before = await caseRow(id);
      const e = await refusal(solveCase(h.ctx, bob, number));
      expect(e.status, status).toBe(409);
      expect(await caseRow(id)).toEqual(before);
    }
  });

  it('refuses support staff (403): they change status from the support side', async () => {
    const { number, id } = await withStatus('open');
    const e = await refusal(solveCase(h.ctx, await h.actor('mia@support.example'), number));
    expect(e.status).toBe(403);
    expect((await caseRow(id)).status).toBe('open');
  });

  it('answers 404 to users who cannot see the case', async () => {
    const { number, id } = await withStatus('open');
    for (const email of ['erin@acme.example', 'gina@globex.example', 'alice@acme.example']) {
      const e = await refusal(solveCase(h.ctx, await h.actor(email), number));
      expect(e.status, email).toBe(404);
    }
    expect((await caseRow(id)).status).toBe('open');
  });

  it('solves once when two requests race', async () => {
    const { number, id } = await withStatus('open');
    const bob = await h.actor('bob@acme.example');
    const results = await Promise.allSettled([solveCase(h.ctx, bob, number), solveCase(h.ctx, bob, number)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toMatchObject({ status: 409 });
    const history = await db()
      .selectFrom('case_history')
      .select('id')
      .where('case_id', '=', id)
      .where('action', '=', 'status_changed')
      .execute();
    expect(history).toHaveLength(1);
  });
});
