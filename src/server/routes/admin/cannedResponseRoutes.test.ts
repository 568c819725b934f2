import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

interface Canned {
  id: string;
  title: string;
  body: string;
  queue: string | null;
}

describeEachDatabase('canned responses', (dialect) => {
  let h: Harness;
  let mia: Client;
  beforeAll(async () => {
    h = await createHarness(dialect);
    mia = await h.signIn('mia@support.example');
    // start from an empty list, so the assertions below see only what this file makes
    await h.ctx.database.db.deleteFrom('canned_responses').execute();
  });
  afterAll(() => h.close());

  it('creates, reads, edits and deletes; the creator is shown', async () => {
    const created = await mia.post('/api/v1/canned-responses', {
      title: 'Ask for a HAR file',
      body: 'Please record a **HAR** file while reproducing.',
      queue: 'identity',
    });
    expect(created.statusCode, created.body).toBe(201);
    const c: Canned & { createdBy: { name: string } } = created.json();
    expect(c).toMatchObject({
      title: 'Ask for a HAR file',
      queue: 'identity',
      createdBy: { name: 'Mia Manager' },
    });

    const read = await mia.get(`/api/v1/canned-responses/${c.id}`);
    expect(read.json().body).toBe('Please record a **HAR** file while reproducing.');

    const edited = await mia.patch(`/api/v1/canned-responses/${c.id}`, {
      body: 'Please record a HAR file.',
      queue: null,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Ask for a HAR file',
      body: 'Please record a HAR file.',
      queue: null,
    });

    expect((await mia.del(`/api/v1/canned-responses/${c.id}`)).statusCode).toBe(204);
    expect((await mia.get(`/api/v1/canned-responses/${c.id}`)).statusCode).toBe(404);
    expect((await mia.del(`/api/v1/canned-responses/${c.id}`)).statusCode).toBe(404);
    expect((await mia.patch(`/api/v1/canned-responses/${c.id}`, { title: 'x' })).statusCode).toBe(404);
  });

  it("filtered by queue: that queue's responses and those for every queue, by title", async () => {
    for (const [title, queue] of [
      ['Welcome', null],
      ['SAML certificate rollover', 'identity'],
      ['SCIM push errors', 'lifecycle'],
      ['Closing note', null],
    ] as const) {
      const res = await mia.post('/api/v1/canned-responses', { title, body: `${title}.`, queue });
      expect(res.statusCode, res.body).toBe(201);
    }
    const sam = await h.signIn('sam@support.example');
    const titles = async (url: string) => ((await sam.get(url)).json().items as Canned[]).map((c) => c.title);
    expect(await titles('/api/v1/canned-responses?queue=identity')).toEqual([
      'Closing note',
      'SAML certificate rollover',
      'Welcome',
    ]);
    expect(await titles('/api/v1/canned-responses?queue=lifecycle')).toEqual([
      'Closing note',
      'SCIM push errors',
      'Welcome',
    ]);
    expect(await titles('/api/v1/canned-responses?queue=unknown')).toEqual(['Closing note', 'Welcome']);
    expect(await titles('/api/v1/canned-responses')).toHaveLength(4);
  });

  it('refuses a duplicate title in the same place (409), an unknown queue (422), bad fields (400)', async () => {
    const dup = await mia.post('/api/v1/canned-responses', { title: 'welcome', body: 'Hi' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({
      title: 'Another canned response for every queue has this title',
    });
    // the same title for one queue is another place: fine
    expect(
      (await mia.post('/api/v1/canned-responses', { title: 'Welcome', body: 'Hi', queue: 'identity' }))
        .statusCode,
    ).toBe(201);

    const queue = await mia.post('/api/v1/canned-responses', { title: 'X', body: 'Y', queue: 'nowhere' });
    expect(queue.statusCode).toBe(422);
    expect(queue.json().error.fields).toEqual({ queue: 'No queue with this key' });

    const bad = await mia.post('/api/v1/canned-responses', { title: '', body: 'x'.repeat(20_001) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      title: 'Title is required',
      body: 'Body must be at most 20,000 characters',
    });
    const wrongType = await mia.post('/api/v1/canned-responses', { title: 5, body: null, queue: 7 });
    expect(wrongType.statusCode).toBe(400);
    expect(Object.keys(wrongType.json().error.fields).sort()).toEqual(['body', 'queue', 'title']);
  });
});
