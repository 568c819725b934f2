import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { listCases } from './listCases.ts';
import { peopleById } from './people.ts';

const query = { view: 'mine', status: 'all', sort: 'updated', order: 'desc', page: 1, pageSize: 25 } as const;
const base = { view: 'mine', status: 'open', sort: 'updated', order: 'desc', page: 1, pageSize: 25 } as const;

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

describeEachDatabase('listCases compiled once per shape', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
    // enough cases for several pages: bob's, and one of dave's with bob on its team
    const bob = await h.actor('bob@acme.example');
    for (let i = 0; i < 6; i++) {
      h.clock.advance(60_000);
      await makeCase(h.ctx, bob, { subject: `Paged case ${i}` });
    }
    h.clock.advance(60_000);
    await makeCase(h.ctx, await h.actor('dave@acme.example'), {
      subject: 'Dave asks, Bob is on the team',
      teamContacts: ['bob@acme.example'],
    });
  });
  afterAll(() => h.close());

  const CUSTOMERS = [
    'alice@acme.example',
    'bob@acme.example',
    'dave@acme.example',
    'erin@acme.example',
    'gina@globex.example',
    'hank@globex.example',
  ];

  it('answers as the list built per request, for every customer, view, status, sort and page', async () => {
    for (const email of CUSTOMERS) {
      const actor = await h.actor(email);
      for (const view of ['mine', 'account'] as const) {
        for (const status of ['open', 'all'] as const) {
          for (const [sort, order] of [
            ['updated', 'desc'],
            ['created', 'asc'],
            ['number', 'desc'],
          ] as const) {
            for (const [page, pageSize] of [
              [1, 25],
              [1, 2],
              [2, 2],
              [3, 3],
              [9, 2],
            ] as const) {
              const query = { ...base, view, status, sort, order, page, pageSize };
              const label = `${email} ${JSON.stringify(query)}`;
              const compiled = await listCases(h.ctx.database, actor, query).catch((e: Error) => e.message);
              // every priority: the same cases, through the query built for this request
              const built = await listCases(h.ctx.database, actor, {
                ...query,
                priority: 'P1,P2,P3,P4',
              }).catch((e: Error) => e.message);
              expect(compiled, label).toEqual(built);
            }
          }
        }
      }
    }
  });

  it('counts when the page is full or past the end, and knows the total from a short page', async () => {
    const bob = await h.actor('bob@acme.example');
    const { total } = await listCases(h.ctx.database, bob, { ...base, status: 'all', pageSize: 100 });
    expect(total).toBeGreaterThan(6);
    for (const pageSize of [1, total - 1, total, total + 1]) {
      for (let page = 1; page <= Math.ceil(total / pageSize) + 1; page++) {
        const answer = await listCases(h.ctx.database, bob, { ...base, status: 'all', page, pageSize });
        expect(answer.total, `page ${page} of ${pageSize}`).toBe(total);
        expect(answer.items).toHaveLength(Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize)));
      }
    }
  });

  it('runs each user with their own ids: no case crosses to another user or account', async () => {
    const numbers = async (email: string) =>
      (await listCases(h.ctx.database, await h.actor(email), { ...base, status: 'all', pageSize: 100 })).items
        .map((i) => i.number)
        .sort();
    const bob = await numbers('bob@acme.example');
    const gina = await numbers('gina@globex.example');
    const erin = await numbers('erin@acme.example');
    expect(bob.length).toBeGreaterThan(0);
    expect(gina.length).toBeGreaterThan(0);
    expect(bob.filter((n) => gina.includes(n) || erin.includes(n))).toEqual([]);
    expect(await numbers('bob@acme.example')).toEqual(bob);
    // the case bob is on the team of is his to see, not its opener's only
    const onTeam = await listCases(h.ctx.database, await h.actor('bob@acme.example'), {
      ...base,
      status: 'all',
      q: 'Bob is on the team',
    });
    expect(onTeam.items.map((i) => i.number)).toHaveLength(1);
    expect(bob).toContain(onTeam.items[0]!.number);
  });

  it('peopleById reads any number of ids, unknown ones left out', async () => {
    const users = await h.ctx.database.db.selectFrom('users').select(['id', 'name', 'email']).execute();
    const db = h.ctx.database.db;
    expect(await peopleById(db, [])).toEqual(new Map());
    expect(await peopleById(db, [null, undefined])).toEqual(new Map());
    for (const count of [1, 2, 3, 5, users.length]) {
      const some = users.slice(0, count);
      const found = await peopleById(db, [...some.map((u) => u.id), some[0]!.id, null]);
      expect(found).toEqual(new Map(some.map((u) => [u.id, u])));
    }
    // over one statement's worth of ids: 200 unknown ones around the real ones
    const many = [...Array.from({ length: 100 }, () => newId()), ...users.map((u) => u.id)];
    many.push(...Array.from({ length: 100 }, () => newId()));
    expect(await peopleById(db, many)).toEqual(new Map(users.map((u) => [u.id, u])));
  });
});
