import { afterAll, beforeAll, expect, it } from 'vitest';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { makeAdmin, makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { refusal } from '../testing/refusal.ts';
import { addTeamContact } from './addTeamContact.ts';
import { removeTeamContact } from './removeTeamContact.ts';

describeEachDatabase('removeTeamContact', (dialect) => {
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
  const acmeAdmin = async () => {
    const org = await db()
      .selectFrom('orgs')
      .select(['id', 'account_id'])
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    return makeAdmin(h.ctx, org.account_id, [{ orgId: org.id }]);
  };

  it('removes a contact and records who removed whom', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob, {
      teamContacts: ['dave@acme.example', 'alice@acme.example'],
    });
    await removeTeamContact(h.ctx, bob, number, 'Dave@acme.example');
    expect(await team(id)).toEqual(['alice@acme.example']);
    const history = await db()
      .selectFrom('case_history')
      .selectAll()
      .where('case_id', '=', id)
      .where('action', '=', 'team_contact_removed')
      .execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ field: 'team', old_value: 'dave@acme.example', actor_id: bob.id });
  });

  it('answers 404 naming the email when the address is not on the team, and changes nothing', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob, { teamContacts: ['dave@acme.example'] });
    for (const email of ['alice@acme.example', 'bob@acme.example', 'gina@globex.example']) {
      const e = await refusal(removeTeamContact(h.ctx, bob, number, email));
      expect(e.status, email).toBe(404);
      expect(e.fields?.email, email).toContain(email);
    }
    expect(await team(id)).toEqual(['dave@acme.example']);
    const removed = await db()
      .selectFrom('case_history')
      .select('id')
      .where('case_id', '=', id)
      .where('action', '=', 'team_contact_removed')
      .execute();
    expect(removed).toHaveLength(0);
  });

  it('lets a contact remove themselves; then the case is gone for them, but not for an ESC', async () => {
    const bob = await h.actor('bob@acme.example');
    const helper = await acmeAdmin();
    const { number } = await makeCase(h.ctx, bob, { teamContacts: [helper.email, 'dave@acme.example'] });
    await expect(findVisibleCase(db(), helper, number)).resolves.toBeTruthy();
    await removeTeamContact(h.ctx, helper, number, helper.email);
    await expect(findVisibleCase(db(), helper, number)).rejects.toMatchObject({ status: 404 });
    const e = await refusal(removeTeamContact(h.ctx, helper, number, 'dave@acme.example'));
    expect(e.status).toBe(404);

    const dave = await h.actor('dave@acme.example');
    await removeTeamContact(h.ctx, dave, number, 'dave@acme.example');
    await expect(findVisibleCase(db(), dave, number)).resolves.toBeTruthy();
  });

  it('refuses changes to a closed case', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    await addTeamContact(h.ctx, bob, number, 'alice@acme.example');
    await db().updateTable('cases').set({ status: 'closed' }).where('id', '=', id).execute();
    const e = await refusal(removeTeamContact(h.ctx, bob, number, 'alice@acme.example'));
    expect(e.status).toBe(409);
    expect(e.code).toBe('case_closed');
    expect(await team(id)).toEqual(['alice@acme.example']);
  });

  it('answers 404 to users who cannot see the case', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob, { teamContacts: ['dave@acme.example'] });
    for (const email of ['erin@acme.example', 'gina@globex.example', 'alice@acme.example']) {
      const e = await refusal(removeTeamContact(h.ctx, await h.actor(email), number, 'dave@acme.example'));
      expect(e.status, email).toBe(404);
    }
    expect(await team(id)).toEqual(['dave@acme.example']);
  });
});
