import { sql } from 'kysely';
import { formatCaseNumber } from '../../shared/caseNumber.ts';
import type { DialectName, Executor } from './database.ts';
import { preparedQuery } from './preparedQuery.ts';

/**
 * The next case number, unique across concurrent requests and server processes:
 * a PostgreSQL sequence, or on SQLite an UPDATE … RETURNING on a counter row inside the caller's
 * write transaction (SQLite admits one writer at a time, across processes too).
 */
export async function nextCaseNumber(trx: Executor, dialect: DialectName): Promise<string> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ n: number }>`select nextval('case_number_seq')::integer as n`.execute(trx);
    return formatCaseNumber(rows[0]!.n);
  }
  const [row] = await takeSqliteCaseNumber(trx);
  if (!row) throw new Error('The case number counter is missing (counters.case_number)');
  return formatCaseNumber(row.value);
}

const takeSqliteCaseNumber = preparedQuery<[], { value: number }>(
  (db) =>
    db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'case_number')
      .returning('value'),
  0,
);
