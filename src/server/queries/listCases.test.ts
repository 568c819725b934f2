import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { listCases } from './listCases.ts';

const query = { view: 'mine', status: 'all', sort: 'updated', order: 'desc', page: 1, pageSize: 25 } as const;

describeEachDatabase('listCases search', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('folds non-ASCII case the same on both databases', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number } = await makeCase(h.ctx, bob, { subject: 'ÜBERWEISUNG an Ärzte schlägt fehl' });
    const found = await listCases(h.ctx.database, bob, { ...query, q: 'überweisung an ärzte' });
    expect(found.items.map((i) => i.number)).toEqual([number]);
  });

  it('digits find the case number and the text alike', async () => {
    const bob = await h.actor('bob@acme.example');
    const { number } = await makeCase(h.ctx, bob, {
      subject: 'Gateway answers error 50213 on token refresh',
    });
    const byText = await listCases(h.ctx.database, bob, { ...query, q: '50213' });
    expect(byText.items.map((i) => i.number)).toContain(number);
    const byNumber = await listCases(h.ctx.database, bob, { ...query, q: number.slice(-5) });
    expect(byNumber.items.map((i) => i.number)).toContain(number);
  });
});
