import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { caseDetail } from './caseDetail.ts';
import { findVisibleCase } from './findVisibleCase.ts';

describeEachDatabase('caseDetail: the case JSON from the case row', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const person = (email: string) => ({ id: expect.any(String), name: expect.any(String), email });

  it('names the rows the case points to, its team oldest first, and the escalations with who asked', async () => {
    const bobActor = await h.actor('bob@acme.example');
    const { number } = await makeCase(h.ctx, bobActor, { teamContacts: ['dave@acme.example'] });
    const bob = await h.signIn('bob@acme.example');
    h.clock.advance(60_000);
    expect((await bob.post(`/api/v1/cases/${number}/team`, { email: 'alice@acme.example' })).statusCode).toBe(
      201,
    );

    const fresh = (await bob.get(`/api/v1/cases/${number}`)).json();
    expect(fresh).toMatchObject({
      number,
      org: 'acme',
      issueArea: 'saml-sso',
      openedBy: person('bob@acme.example'),
      owner: null,
      account: 'Acme Corp',
      plan: 'gold',
      escalation: null,
      escalations: [],
      queue: null,
      sla: null,
      mergedInto: null,
    });
    expect(fresh.issueAreaName).toEqual(expect.any(String));
    expect(fresh.team.map((t: { email: string }) => t.email)).toEqual([
      'dave@acme.example',
      'alice@acme.example',
    ]);

    const reason = { reason: 'Production is down', justification: 'Quarter close' };
    expect((await bob.post(`/api/v1/cases/${number}/escalation`, reason)).statusCode).toBe(201);
    const escalated = (await bob.get(`/api/v1/cases/${number}`)).json();
    expect(escalated.escalation).toBe('requested');
    expect(escalated.escalations).toEqual([
      expect.objectContaining({ state: 'requested', ...reason, requestedBy: person('bob@acme.example') }),
    ]);

    // staff: the queue (by its name) and the SLA; the assignee as owner; a duplicate points to its target
    const mia = await h.signIn('mia@support.example');
    expect((await mia.post(`/api/v1/cases/${number}/assignment`, { action: 'take' })).statusCode).toBe(200);
    const staff = (await mia.get(`/api/v1/cases/${number}`)).json();
    const queue = await h.ctx.database.db
      .selectFrom('queues')
      .innerJoin('cases', 'cases.queue_key', 'queues.key')
      .select(['queues.key', 'queues.name'])
      .where('cases.number', '=', number)
      .executeTakeFirstOrThrow();
    expect(staff).toMatchObject({ owner: person('mia@support.example'), queue, sla: { state: 'running' } });
    expect((await bob.get(`/api/v1/cases/${number}`)).json()).toMatchObject({
      owner: person('mia@support.example'),
      queue: null,
      sla: null,
    });

    const duplicate = await makeCase(h.ctx, bobActor);
    expect((await mia.post(`/api/v1/cases/${duplicate.number}/merge`, { into: number })).statusCode).toBe(
      200,
    );
    expect((await bob.get(`/api/v1/cases/${duplicate.number}`)).json().mergedInto).toBe(number);
  });

  it('answers the same with the team findVisibleCase read as with the team read by itself', async () => {
    const db = h.ctx.database.db;
    const cases = await db.selectFrom('cases').select('number').orderBy('number').execute();
    for (const email of ['bob@acme.example', 'mia@support.example']) {
      const actor = await h.actor(email);
      for (const { number } of cases) {
        const found = await findVisibleCase(db, actor, number).catch(() => null);
        if (!found) continue;
        const now = h.clock.now();
        expect(await caseDetail(db, found.row, actor, now, found.team)).toEqual(
          await caseDetail(db, found.row, actor, now),
        );
        expect(found.facts.teamUserIds).toEqual(found.team.map((t) => t.id));
      }
    }
  });
});
