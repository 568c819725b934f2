import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../testing/databases.ts';
import { type Database, type Executor, openDatabase } from './database.ts';

/** A scratch table of its own: these tests are about transactions, not the schema. */
async function createNotes(database: Database) {
  await sql`create table notes (id integer primary key, body text not null)`.execute(database.db);
}

const insertNote = (trx: Executor, id: number) =>
  sql`insert into notes (id, body) values (${id}, ${`note ${id}`})`.execute(trx);

async function noteIds(database: Database): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select id from notes order by id`.execute(database.db);
  return rows.map((r) => Number(r.id));
}

describeEachDatabase('transactions', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  beforeEach(async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url);
    await createNotes(database);
  });
  afterEach(async () => {
    await database.close();
    await testDb.drop();
  });

  it('stores every one of many concurrent transactions and gives each its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        database.transaction(async (trx) => {
          await insertNote(trx, i + 1);
          return `stored ${i + 1}`;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 150 }, (_, i) => `stored ${i + 1}`));
    expect(await noteIds(database)).toHaveLength(150);
  });

  it('undoes all the writes of a failing transaction and none of the others asked for at the same time', async () => {
    const outcomes = await Promise.allSettled([
      database.transaction((trx) => insertNote(trx, 1)),
      database.transaction(async (trx) => {
        await insertNote(trx, 2);
        await insertNote(trx, 3);
        throw new Error('the command refused');
      }),
      database.transaction(async (trx) => {
        await insertNote(trx, 4);
        await insertNote(trx, 1); // duplicate key: the database refuses
      }),
      database.transaction((trx) => insertNote(trx, 5)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('the command refused'));
    expect(await noteIds(database)).toEqual([1, 5]);
  });
});

describe('group commit on SQLite', () => {
  let testDb: TestDatabase;
  let database: Database;
  let otherConnection: BetterSqlite3.Database;
  /** What another process sees: only what was committed. */
  const committedIds = () =>
    (otherConnection.prepare('select id from notes order by id').all() as { id: number }[]).map((r) => r.id);

  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    database = openDatabase(testDb.url);
    await createNotes(database);
    otherConnection = new BetterSqlite3(testDb.url.slice('sqlite:'.length), { readonly: true });
  });
  afterEach(async () => {
    otherConnection.close();
    await database.close();
    await testDb.drop();
  });

  it('runs the transactions asked for in one turn under one COMMIT and answers none before it', async () => {
    let firstAnswered = false;
    const seenBySecond: { firstAnswered: boolean; idsInTransaction: number[]; committed: number[] }[] = [];
    const first = database
      .transaction((trx) => insertNote(trx, 1))
      .then(() => {
        firstAnswered = true;
        return committedIds(); // at the moment the caller hears back
      });
    const second = database.transaction(async (trx) => {
      await insertNote(trx, 2);
      const { rows } = await sql<{ id: number }>`select id from notes order by id`.execute(trx);
      seenBySecond.push({
        firstAnswered,
        idsInTransaction: rows.map((r) => r.id),
        committed: committedIds(),
      });
    });
    const [committedWhenFirstAnswered] = await Promise.all([first, second]);
    // the second ran after the first, saw its write, while neither was committed nor answered …
    expect(seenBySecond).toEqual([{ firstAnswered: false, idsInTransaction: [1, 2], committed: [] }]);
    // … and when the first was answered, both were committed
    expect(committedWhenFirstAnswered).toEqual([1, 2]);
  });

  it('answers a failing transaction without waiting, and commits the rest of its group', async () => {
    const events: string[] = [];
    const ok = database.transaction((trx) => insertNote(trx, 1)).then(() => events.push('first answered'));
    const failing = database
      .transaction(async (trx) => {
        await insertNote(trx, 2);
        throw new Error('refused');
      })
      .catch(() => events.push(`failure answered, committed so far: [${committedIds().join(',')}]`));
    const last = database.transaction((trx) => insertNote(trx, 3)).then(() => events.push('last answered'));
    await Promise.all([ok, failing, last]);
    expect(events).toEqual(['failure answered, committed so far: []', 'first answered', 'last answered']);
    expect(committedIds()).toEqual([1, 3]);
  });

  it('rejects what ran before if SQLite abandons the transaction, and runs the rest in a new one', async () => {
    const outcomes = await Promise.allSettled([
      database.transaction((trx) => insertNote(trx, 1)),
      database.transaction(async (trx) => {
        await insertNote(trx, 2);
        // what SQLite does on a full disk or an I/O error: the whole transaction is rolled back
        await sql`rollback`.execute(trx);
        throw new Error('disk full');
      }),
      database.transaction((trx) => insertNote(trx, 3)),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'stored' : String(o.reason)))).toEqual([
      'Error: disk full',
      'Error: disk full',
      'stored',
    ]);
    expect(committedIds()).toEqual([3]);
  });

  it('keeps working when a whole group fails to start (the database is locked by another process)', async () => {
    const locker = new BetterSqlite3(testDb.url.slice('sqlite:'.length));
    locker.pragma('busy_timeout = 0');
    locker.exec('begin immediate');
    await sql`pragma busy_timeout = 50`.execute(database.db);
    const refused = await Promise.allSettled([
      database.transaction((trx) => insertNote(trx, 1)),
      database.transaction((trx) => insertNote(trx, 2)),
    ]);
    expect(refused.map((o) => (o.status === 'rejected' ? String(o.reason) : 'stored'))).toEqual([
      'SqliteError: database is locked',
      'SqliteError: database is locked',
    ]);
    locker.exec('rollback');
    locker.close();
    await database.transaction((trx) => insertNote(trx, 3));
    expect(committedIds()).toEqual([3]);
  });
});
