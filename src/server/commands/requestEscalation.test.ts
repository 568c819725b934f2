import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { refusal } from '../testing/refusal.ts';
import { requestEscalation } from './requestEscalation.ts';

const input = {
  reason: 'No answer on a P2 for a day',
  justification: 'Our sales team cannot sign in to the CRM during quarter close.',
};

describeEachDatabase('requestEscalation', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const db = () => h.ctx.database.db;
  const escalations = (caseId: string) =>
    db()
      .selectFrom('escalations')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('requested_at')
      .execute();

  it('records the request, marks the case, writes history and notifies the managers via the outbox', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    const { escalationId, row } = await requestEscalation(h.ctx, bob, number, input);
    expect(row.escalation_state).toBe('requested');
    const rows = await escalations(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: escalationId,
      state: 'requested',
      reason: input.reason,
      justification: input.justification,
      requested_by: bob.id,
      requested_at: h.clock.now().toISOString(),
    });
    const history = await db()
      .selectFrom('case_history')
      .selectAll()
      .where('case_id', '=', id)
      .where('action', '=', 'escalation_requested')
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ field: 'escalation', old_value: null, new_value: 'requested' });
    const outbox = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', id)
      .where('topic', '=', 'case.escalation_requested')
      .execute();
    expect(outbox.map((o) => JSON.parse(o.payload))).toEqual([
      { number, escalationId, requestedBy: bob.id, priority: 'P3' },
    ]);
  });

  it('allows one active escalation at a time; a new one once the last is resolved', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob, { teamContacts: ['alice@acme.example'] });
    await requestEscalation(h.ctx, bob, number, input);
    const e = await refusal(requestEscalation(h.ctx, await h.actor('alice@acme.example'), number, input));
    expect(e.status).toBe(409);
    expect(e.code).toBe('escalation_active');
    await db().updateTable('escalations').set({ state: 'acknowledged' }).where('case_id', '=', id).execute();
    await db().updateTable('cases').set({ escalation_state: 'acknowledged' }).where('id', '=', id).execute();
    expect((await refusal(requestEscalation(h.ctx, bob, number, input))).status).toBe(409);
    expect(await escalations(id)).toHaveLength(1);

    await db().updateTable('escalations').set({ state: 'resolved' }).where('case_id', '=', id).execute();
    await db().updateTable('cases').set({ escalation_state: 'resolved' }).where('id', '=', id).execute();
    h.clock.advance(1000);
    await requestEscalation(h.ctx, bob, number, input);
    expect((await escalations(id)).map((x) => x.state)).toEqual(['resolved', 'requested']);
  });

  it('escalates once when two requests race', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    const results = await Promise.allSettled([
      requestEscalation(h.ctx, bob, number, input),
      requestEscalation(h.ctx, bob, number, input),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await escalations(id)).toHaveLength(1);
  });

  it('refuses a solved or closed case with 409', async () => {
    const bob = await h.actor('bob@acme.example');
    for (const status of ['solved', 'closed'] as const) {
      const { number, id } = await makeCase(h.ctx, bob);
      await db().updateTable('cases').set({ status }).where('id', '=', id).execute();
      const e = await refusal(requestEscalation(h.ctx, bob, number, input));
      expect(e.status, status).toBe(409);
      expect(await escalations(id)).toEqual([]);
      const row = await db()
        .selectFrom('cases')
        .select('escalation_state')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.escalation_state).toBeNull();
    }
  });

  it('refuses support staff (403) and invisible users (404)', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    const e = await refusal(requestEscalation(h.ctx, await h.actor('mia@support.example'), number, input));
    expect(e.status).toBe(403);
    for (const email of ['erin@acme.example', 'gina@globex.example', 'carol@acme.example']) {
      expect(
        (await refusal(requestEscalation(h.ctx, await h.actor(email), number, input))).status,
        email,
      ).toBe(404);
    }
    expect(await escalations(id)).toEqual([]);
  });
});
