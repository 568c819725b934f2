import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { makeAccount, makeAdmin, makeCase, makeOrg } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { refusal } from '../testing/refusal.ts';
import { addTeamContact } from './addTeamContact.ts';

describeEachDatabase('addTeamContact', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const db = () => h.ctx.database.db;
  const team = async (caseId: string) =>
    (
      await db()
        .selectFrom('case_team')
        .innerJoin('users', 'users.id', 'case_team.user_id')
        .select('users.email')
        .where('case_id', '=', caseId)
        .orderBy('users.email')
        .execute()
    ).map((r) => r.email);
  const traces = async (caseId: string) => ({
    history: (await db().selectFrom('case_history').select('id').where('case_id', '=', caseId).execute())
      .length,
    outbox: (await db().selectFrom('outbox').select('id').where('case_id', '=', caseId).execute()).length,
  });

  it('adds an admin of the case org, records history and notifies through the outbox', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    const row = await addTeamContact(h.ctx, bob, number, ' Alice@Acme.example ');
    expect(row.id).toBe(id);
    expect(await team(id)).toEqual(['alice@acme.example']);
    const history = await db()
      .selectFrom('case_history')
      .selectAll()
      .where('case_id', '=', id)
      .where('action', '=', 'team_contact_added')
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ field: 'team', new_value: 'alice@acme.example', actor_id: bob.id });
    const outbox = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', id)
      .where('topic', '=', 'case.team_added')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ number, email: 'alice@acme.example' });
    // the new contact now sees the case
    const alice = await h.actor('alice@acme.example');
    await expect(findVisibleCase(db(), alice, number)).resolves.toBeTruthy();
  });

  it('refuses an admin of another org of the account, naming the case org, and changes nothing', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob, { teamContacts: ['dave@acme.example'] });
    const before = await traces(id);
    const e = await refusal(addTeamContact(h.ctx, bob, number, 'erin@acme.example'));
    expect(e.status).toBe(422);
    expect(e.fields?.email).toContain('acme');
    expect(e.fields?.email).toContain('erin@acme.example');
    expect(await team(id)).toEqual(['dave@acme.example']);
    expect(await traces(id)).toEqual(before);
  });

  it('refuses an admin of another account, an unknown address and a deactivated admin', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    const acmeOrg = await db()
      .selectFrom('orgs')
      .select('id')
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const acme = await db()
      .selectFrom('orgs')
      .select('account_id')
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const gone = await makeAdmin(h.ctx, acme.account_id, [{ orgId: acmeOrg.id }], { active: false });
    const other = await makeAccount(h.ctx);
    const otherOrg = await makeOrg(h.ctx, other.id);
    const stranger = await makeAdmin(h.ctx, other.id, [{ orgId: otherOrg.id, role: 'super_admin' }]);
    for (const email of ['gina@globex.example', 'nobody@acme.example', gone.email, stranger.email]) {
      const e = await refusal(addTeamContact(h.ctx, bob, number, email));
      expect(e.status, email).toBe(422);
      expect(e.fields?.email, email).toMatch(/not an admin of acme/);
    }
    expect(await team(id)).toEqual([]);
  });

  it('refuses the opener, someone already on the team, and any change to a closed case', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob, { teamContacts: ['dave@acme.example'] });
    const opener = await refusal(addTeamContact(h.ctx, bob, number, 'bob@acme.example'));
    expect(opener.status).toBe(409);
    expect(opener.message).toContain('already receives every email as the opener');
    const twice = await refusal(addTeamContact(h.ctx, bob, number, 'dave@acme.example'));
    expect(twice.status).toBe(409);
    expect(twice.fields?.email).toContain('already on the case team');
    expect(await team(id)).toEqual(['dave@acme.example']);

    const alice = await h.actor('alice@acme.example');
    const closed = await db()
      .selectFrom('cases')
      .select(['number', 'id'])
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const e = await refusal(addTeamContact(h.ctx, alice, closed.number, 'bob@acme.example'));
    expect(e.status).toBe(409);
    expect(e.code).toBe('case_closed');
    expect(await team(closed.id)).toEqual([]);
  });

  it('lets an admin without Case Admin be added (they get the emails) and lets support add contacts', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    await addTeamContact(h.ctx, bob, number, 'carol@acme.example');
    const sam = await h.actor('sam@support.example');
    const row = await addTeamContact(h.ctx, sam, number, 'alice@acme.example');
    expect(row.number).toBe(number);
    expect(await team(id)).toEqual(['alice@acme.example', 'carol@acme.example']);
  });

  describe('visibility', () => {
    it('answers 404 to users who cannot see the case, and changes nothing', async () => {
      const bob = await h.actor('bob@acme.example');
      const { number, id } = await makeCase(h.ctx, bob);
      for (const email of ['erin@acme.example', 'gina@globex.example', 'carol@acme.example']) {
        const e = await refusal(addTeamContact(h.ctx, await h.actor(email), number, 'alice@acme.example'));
        expect(e.status, email).toBe(404);
      }
      expect(await team(id)).toEqual([]);
    });
  });
});
