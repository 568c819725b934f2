import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeflectionReport } from '../../../shared/api/deflection.ts';
import { newCaseInput } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';
import { loadKbFixtures } from '../../testing/kbFixtures.ts';

const MINUTE = 60_000;

describeEachDatabase('deflection: suggestion events and the staff report', (dialect) => {
  let h: Harness;
  let ids: Record<string, string>;
  let entry: string;
  let other: string;
  beforeAll(async () => {
    h = await createHarness(dialect);
    ids = await loadKbFixtures(h.ctx);
    entry = ids['reset-forgotten-password']!;
    other = ids['saml-assertion-invalid-audience']!;
    // Start on a clean day, after the demo data's own cases.
    h.clock.set('2026-11-10T08:00:00.000Z');
  });
  afterAll(() => h.close());

  const event = (
    c: Client,
    formSession: string,
    type: 'shown' | 'opened',
    entryIds: string[],
    issueArea?: string,
  ) => c.post('/api/v1/solutions/events', { formSession, type, entryIds, issueArea });
  const report = async (query = 'from=2026-11-10&to=2026-11-12'): Promise<DeflectionReport> => {
    const mia = await h.signIn('mia@support.example');
    const res = await mia.get(`/api/v1/reports/deflection?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  describe('counting', () => {
    beforeAll(async () => {
      const bob = await h.signIn('bob@acme.example');
      const dave = await h.signIn('dave@acme.example');
      const hank = await h.signIn('hank@globex.example');

      // 1. bob reads a suggestion and leaves: deflected.
      const deflected = randomUUID();
      expect((await event(bob, deflected, 'shown', [entry, other], 'passwords')).statusCode).toBe(204);
      expect((await event(bob, deflected, 'opened', [entry], 'passwords')).statusCode).toBe(204);
      expect((await event(bob, deflected, 'opened', [entry], 'passwords')).statusCode).toBe(204);

      // 2. dave sees suggestions, opens none, submits the form: a case opened.
      const submitted = randomUUID();
      await event(dave, submitted, 'shown', [other], 'saml-sso');
      const opened = await dave.post('/api/v1/cases', newCaseInput({ formSession: submitted }));
      expect(opened.statusCode, opened.body).toBe(201);

      // 3. hank sees suggestions and leaves without opening one: abandoned.
      await event(hank, randomUUID(), 'shown', [entry], 'passwords');

      // 4. A form submitted without ever showing a suggestion still counts as a case opened.
      const quiet = await dave.post('/api/v1/cases', newCaseInput({ formSession: randomUUID() }));
      expect(quiet.statusCode, quiet.body).toBe(201);

      // 5. Next day: hank opens a suggestion, leaves, and opens a case anyway an hour later: not deflected.
      h.clock.set('2026-11-11T10:00:00.000Z');
      const hank2 = await h.signIn('hank@globex.example');
      const cameBack = randomUUID();
      await event(hank2, cameBack, 'opened', [entry]);
      h.clock.advance(60 * MINUTE);
      const later = await hank2.post('/api/v1/cases', newCaseInput({ org: 'globex' }));
      expect(later.statusCode, later.body).toBe(201);

      // 6. dave is still reading a suggestion right now: in progress.
      h.clock.set('2026-11-12T09:00:00.000Z');
      const dave2 = await h.signIn('dave@acme.example');
      await event(dave2, randomUUID(), 'opened', [other], 'saml-sso');
      h.clock.advance(10 * MINUTE);
    });

    it('counts deflected, opened, abandoned and in-progress forms, with the rate', async () => {
      const r = await report();
      expect(r.totals).toEqual({
        formSessions: 6,
        withSuggestions: 3,
        withClicks: 3,
        casesOpened: 2,
        deflected: 1,
        abandoned: 2,
        inProgress: 1,
        deflectionRate: 0.3333,
      });
    });

    it('gives every day of the range, by the UTC day the form started', async () => {
      const r = await report();
      expect(r.days.map((d) => d.date)).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
      expect(r.days[0]).toMatchObject({ formSessions: 4, casesOpened: 2, deflected: 1, abandoned: 1 });
      expect(r.days[1]).toMatchObject({ formSessions: 1, deflected: 0, abandoned: 1, deflectionRate: null });
      expect(r.days[2]).toMatchObject({ formSessions: 1, inProgress: 1 });
    });

    it('gives the rate per issue area, the area chosen last in the form', async () => {
      const r = await report();
      const byArea = Object.fromEntries(r.issueAreas.map((a) => [a.issueArea ?? '-', a]));
      expect(byArea.passwords).toMatchObject({
        formSessions: 2,
        deflected: 1,
        abandoned: 1,
        deflectionRate: 1,
      });
      expect(byArea['saml-sso']).toMatchObject({ casesOpened: 2, inProgress: 1, deflectionRate: 0 });
      expect(byArea['-']).toMatchObject({ formSessions: 1, name: 'No issue area chosen', abandoned: 1 });
    });

    it('turns a form in progress into deflected once it has been idle long enough', async () => {
      h.clock.advance(31 * MINUTE);
      const r = await report();
      expect(r.totals).toMatchObject({ deflected: 2, inProgress: 0, deflectionRate: 0.5 });
    });

    it('records each opened entry once per form, and the click count', async () => {
      const clicks = await h.ctx.database.db
        .selectFrom('solution_clicks')
        .select(['entry_id'])
        .where('entry_id', '=', entry)
        .execute();
      expect(clicks.length).toBe(2); // bob's form (clicked twice) and hank's second form
      const bobForm = await h.ctx.database.db
        .selectFrom('form_sessions')
        .select(['clicks', 'impressions'])
        .where('clicks', '=', 2)
        .execute();
      expect(bobForm).toEqual([{ clicks: 2, impressions: 2 }]);
    });

    it('limits the range to dates and at most 366 days', async () => {
      const mia = await h.signIn('mia@support.example');
      const before = await mia.get('/api/v1/reports/deflection?from=2026-11-12&to=2026-11-10');
      expect(before.statusCode).toBe(422);
      expect(before.json().error.fields.to).toMatch(/before/);
      const long = await mia.get('/api/v1/reports/deflection?from=2024-01-01&to=2026-11-10');
      expect(long.statusCode).toBe(422);
      const bad = await mia.get('/api/v1/reports/deflection?from=yesterday');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.from).toMatch(/date/);
      const defaults = await mia.get('/api/v1/reports/deflection');
      expect(defaults.statusCode).toBe(200);
      expect(defaults.json().days).toHaveLength(30);
    });
  });

  describe('who may do what', () => {
    it('keeps the report for support managers and administrators', async () => {
      for (const email of ['sam@support.example', 'bob@acme.example', 'dave@acme.example']) {
        const res = await (await h.signIn(email)).get('/api/v1/reports/deflection');
        expect(res.statusCode, email).toBe(403);
      }
      const root = await (await h.signIn('root@support.example')).get('/api/v1/reports/deflection');
      expect(root.statusCode).toBe(200);
    });

    it('takes events only from customer admins who may open cases', async () => {
      const carol = await h.signIn('carol@acme.example');
      expect((await event(carol, randomUUID(), 'shown', [entry])).statusCode).toBe(403);
      const sam = await h.signIn('sam@support.example');
      expect((await event(sam, randomUUID(), 'shown', [entry])).statusCode).toBe(403);
    });

    it("refuses another user's form session and leaves it as it was", async () => {
      const bob = await h.signIn('bob@acme.example');
      const gina = await h.signIn('gina@globex.example');
      const id = randomUUID();
      await event(bob, id, 'shown', [entry]);
      const res = await event(gina, id, 'opened', [entry]);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('form_session_taken');
      const row = await h.ctx.database.db
        .selectFrom('form_sessions')
        .select(['clicks'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.clicks).toBe(0);
      // Opening a case with someone else's form session still opens the case; the measure ignores it.
      const opened = await gina.post('/api/v1/cases', newCaseInput({ org: 'globex', formSession: id }));
      expect(opened.statusCode, opened.body).toBe(201);
      const after = await h.ctx.database.db
        .selectFrom('form_sessions')
        .select(['case_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(after.case_id).toBeNull();
    });

    it('answers bad events with field errors', async () => {
      const bob = await h.signIn('bob@acme.example');
      const notUuid = await event(bob, 'abc', 'shown', [entry]);
      expect(notUuid.statusCode).toBe(400);
      expect(notUuid.json().error.fields.formSession).toMatch(/UUID/);
      const unknown = await event(bob, randomUUID(), 'opened', ['no-such-entry']);
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error.fields.entryIds).toMatch(/no-such-entry/);
      const empty = await event(bob, randomUUID(), 'opened', []);
      expect(empty.statusCode).toBe(400);
      const kind = await bob.post('/api/v1/solutions/events', {
        formSession: randomUUID(),
        type: 'hovered',
        entryIds: [entry],
      });
      expect(kind.statusCode).toBe(400);
      expect(kind.json().error.fields.type).toBeDefined();
    });
  });
});
