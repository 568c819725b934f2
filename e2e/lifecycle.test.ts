import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLifecycleJobs } from '../src/server/jobs/lifecycle.ts';
import { recomputeCaseSla } from '../src/server/sla/caseSla.ts';
import { makeCase } from '../src/server/testing/builders.ts';
import { expectAccessible, screenshot } from './browser.ts';
import { type E2E, startE2E } from './support.ts';

const DAY = 86_400_000;

/** The lifecycle jobs' changes as the customer reads them on the case page: by "Casebook (automatic)". */
describe('e2e: automatic lifecycle changes in the case history', { timeout: 60_000 }, () => {
  let e: E2E;
  let number: string;

  beforeAll(async () => {
    e = await startE2E();
    // bob opened the case nine days ago and support asked him a day later; the jobs remind, then solve
    const asked = new Date(Date.now() - 8 * DAY);
    e.h.clock.set(new Date(asked.getTime() - DAY));
    const bob = await e.h.actor('bob@acme.example');
    const c = await makeCase(e.h.ctx, bob, { subject: 'Lifecycle e2e: waiting for the customer' });
    number = c.number;
    await e.h.ctx.database.transaction(async (trx) => {
      await trx.updateTable('cases').set({ status: 'pending_customer' }).where('id', '=', c.id).execute();
      await recomputeCaseSla(trx, c.id, asked);
    });
    e.h.clock.set(new Date(asked.getTime() + 3 * DAY));
    await runLifecycleJobs(e.h.ctx);
    e.h.clock.set(new Date(asked.getTime() + 7 * DAY));
    await runLifecycleJobs(e.h.ctx);
    e.h.clock.set(new Date());
  });
  afterAll(() => e.close());

  it('shows the reminder and the automatic solve by "Casebook (automatic)"', async () => {
    const { page } = await e.newPage({ email: 'bob@acme.example' });
    page.setDefaultTimeout(15_000);
    await page.goto(`/cases/${number}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Reminded the case contacts that the case is waiting for their reply').waitFor();
    await history.getByText('Status changed from Pending your reply to Solved').waitFor();
    // the two automatic entries, and only they, name the system as their author
    await history.getByText('Casebook (automatic)').nth(1).waitFor();
    expect(await history.getByText('Casebook (automatic)').count()).toBe(2);
    await screenshot(page, 'lifecycle-automatic-history');
    await expectAccessible(page, 'case page with automatic changes');
  });
});
