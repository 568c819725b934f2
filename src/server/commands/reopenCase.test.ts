import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { refusal } from '../testing/refusal.ts';
import { reopenCase } from './reopenCase.ts';
import { solveCase } from './solveCase.ts';

const DAY = 86_400_000;

describeEachDatabase('reopenCase', (dialect) => {
  let h: Harness;
  let start: Date;
  beforeAll(async () => {
    h = await createHarness(dialect);
    start = h.clock.now();
  });
  afterEach(() => h.clock.set(start));
  afterAll(() => h.close());

  const db = () => h.ctx.database.db;
  const caseRow = (id: string) =>
    db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const solved = async () => {
    const bob = await h.actor('bob@acme.example');
    const c = await makeCase(h.ctx, bob);
    await solveCase(h.ctx, bob, c.number);
    return c;
  };

  it('reopens a solved case within 14 days: open again, solved_at cleared, history and notification', async () => {
    const { number, id } = await solved();
    h.clock.advance(13 * DAY);
    const bob = await h.actor('bob@acme.example');
    const row = await reopenCase(h.ctx, bob, number);
    expect(row).toMatchObject({ status: 'open', solved_at: null, updated_at: h.clock.now().toISOString() });
    const history = await db()
      .selectFrom('case_history')
      .selectAll()
      .where('case_id', '=', id)
      .where('action', '=', 'status_changed')
      .orderBy('created_at')
      .execute();
    expect(history.map((x) => `${x.old_value}→${x.new_value}`)).toEqual(['new→solved', 'solved→open']);
    const outbox = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', id)
      .where('topic', '=', 'case.status_changed')
      .execute();
    expect(outbox.map((o) => JSON.parse(o.payload).to).sort()).toEqual(['open', 'solved']);
  });

  it('still reopens at exactly 14 days', async () => {
    const { number, id } = await solved();
    h.clock.advance(14 * DAY);
    await reopenCase(h.ctx, await h.actor('bob@acme.example'), number);
    expect((await caseRow(id)).status).toBe('open');
  });

  it('refuses after 14 days and tells the customer to open a new case mentioning this one', async () => {
    const { number, id } = await solved();
    const before = await caseRow(id);
    h.clock.advance(15 * DAY);
    const e = await refusal(reopenCase(h.ctx, await h.actor('bob@acme.example'), number));
    expect(e.status).toBe(409);
    expect(e.code).toBe('reopen_window_passed');
    expect(e.message).toContain(`Open a new case and mention ${number}`);
    expect(await caseRow(id)).toEqual(before);
  });

  it('refuses a closed case with the same advice, and a case that is not solved', async () => {
    const alice = await h.actor('alice@acme.example');
    const closed = await db()
      .selectFrom('cases')
      .selectAll()
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const e = await refusal(reopenCase(h.ctx, alice, closed.number));
    expect(e.status).toBe(409);
    expect(e.message).toContain(`Open a new case and mention ${closed.number}`);
    expect(await caseRow(closed.id)).toEqual(closed);

    const bob = await h.actor('bob@acme.example');
    const { number } = await makeCase(h.ctx, bob);
    const open = await refusal(reopenCase(h.ctx, bob, number));
    expect(open.status).toBe(409);
    expect(open.code).toBe('not_solved');
  });

  it('refuses support staff (403) and invisible users (404)', async () => {
    const { number, id } = await solved();
    expect((await refusal(reopenCase(h.ctx, await h.actor('sam@support.example'), number))).status).toBe(403);
    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      expect((await refusal(reopenCase(h.ctx, await h.actor(email), number))).status, email).toBe(404);
    }
    expect((await caseRow(id)).status).toBe('solved');
  });
});
