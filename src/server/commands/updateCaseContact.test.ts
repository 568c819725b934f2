import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { refusal } from '../testing/refusal.ts';
import { updateCaseContact } from './updateCaseContact.ts';

describeEachDatabase('updateCaseContact', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const db = () => h.ctx.database.db;
  const contactHistory = (caseId: string) =>
    db()
      .selectFrom('case_history')
      .select(['field', 'old_value', 'new_value', 'actor_id'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'contact_changed')
      .orderBy('field')
      .execute();

  it('changes the given fields and writes one history entry per changed field', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    h.clock.advance(60_000);
    const row = await updateCaseContact(h.ctx, bob, number, {
      caseEmail: 'bob@acme.example', // unchanged: no history
      contactPhone: '+442071838750',
      contactTimezone: 'Europe/London',
    });
    expect(row).toMatchObject({
      case_email: 'bob@acme.example',
      contact_phone: '+442071838750',
      contact_timezone: 'Europe/London',
      updated_at: h.clock.now().toISOString(),
    });
    expect(await contactHistory(id)).toEqual([
      { field: 'contactPhone', old_value: '+14155550100', new_value: '+442071838750', actor_id: bob.id },
      {
        field: 'contactTimezone',
        old_value: 'America/Los_Angeles',
        new_value: 'Europe/London',
        actor_id: bob.id,
      },
    ]);
  });

  it('writes nothing when no field really changes', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    const before = await db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    h.clock.advance(60_000);
    const row = await updateCaseContact(h.ctx, bob, number, {
      caseEmail: 'bob@acme.example',
      contactTimezone: 'America/Los_Angeles',
    });
    expect(row).toEqual(before);
    expect(await contactHistory(id)).toEqual([]);
  });

  it('lets support staff correct contact data', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number, id } = await makeCase(h.ctx, bob);
    const sam = await h.actor('sam@support.example');
    await updateCaseContact(h.ctx, sam, number, { caseEmail: 'it-team@acme.example' });
    expect(await contactHistory(id)).toEqual([
      {
        field: 'caseEmail',
        old_value: 'bob@acme.example',
        new_value: 'it-team@acme.example',
        actor_id: sam.id,
      },
    ]);
  });

  it('refuses a closed case and leaves it unchanged', async () => {
    const alice = await h.actor('alice@acme.example');
    const closed = await db()
      .selectFrom('cases')
      .selectAll()
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const e = await refusal(
      updateCaseContact(h.ctx, alice, closed.number, { contactPhone: '+442071838750' }),
    );
    expect(e.status).toBe(409);
    expect(e.message).toContain(`mention ${closed.number}`);
    const after = await db()
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', closed.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(closed);
  });

  it('answers 404 to users who cannot see the case', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number } = await makeCase(h.ctx, bob);
    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      const e = await refusal(
        updateCaseContact(h.ctx, await h.actor(email), number, { contactTimezone: 'Europe/Berlin' }),
      );
      expect(e.status, email).toBe(404);
    }
  });
});
