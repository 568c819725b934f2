import type { Context } from '../../src/server/context.ts';
import { BOB_CASES, loadCases } from '../generators/loadCases.ts';
import type { LoadRequest } from '../lib/load.ts';
import { formatNumber } from '../lib/table.ts';
import type { BenchOptions, RequestContext } from './scenario.ts';

/** The generated cases several scenarios share: loaded once, by the first scenario that needs them. */
export async function ensureCases(
  ctx: Context,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<void> {
  const present = await ctx.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('number', '>=', '20000000')
    .executeTakeFirstOrThrow();
  if (Number(present.n) > 0) return;
  let shown = 0;
  const result = await loadCases(ctx, {
    count: options.cases,
    onProgress: (done) => {
      if (done - shown >= 100_000 || done === options.cases) {
        shown = done;
        log(`  cases: ${formatNumber(done)} / ${formatNumber(options.cases)}`);
      }
    },
  });
  log(
    `  cases: ${formatNumber(result.cases)} cases, ${formatNumber(result.comments)} comments, ` +
      `${formatNumber(result.accounts)} generated accounts in ${(result.ms / 1000).toFixed(1)} s`,
  );
}

/** GET as bob through the API (JSON). */
export async function getJson<T>(context: RequestContext, path: string): Promise<T> {
  const res = await fetch(`${context.serverUrl}${path}`, { headers: { cookie: context.session.cookie } });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Bob's generated case numbers (the first BOB_CASES generated ones), or the ones he has open. */
export async function bobCaseNumbers(context: RequestContext, status: 'all' | 'open'): Promise<string[]> {
  const numbers: string[] = [];
  for (let page = 1; numbers.length < BOB_CASES; page++) {
    const list = await getJson<{ items: { number: string }[]; total: number }>(
      context,
      `/api/v1/cases?view=mine&status=${status}&sort=number&order=asc&pageSize=100&page=${page}`,
    );
    numbers.push(...list.items.map((i) => i.number).filter((n) => n >= '20000000'));
    if (list.items.length === 0 || page * list.items.length >= list.total) break;
  }
  if (numbers.length === 0)
    throw new Error(`bob@acme.example has no generated ${status} cases: load cases first`);
  return numbers;
}

/** The signed-in user's id (for baselines that select by it). */
export async function myId(context: RequestContext): Promise<string> {
  return (await getJson<{ id: string }>(context, '/api/v1/me')).id;
}

export const jsonPost = (path: string, body: unknown, csrfToken: string): LoadRequest => ({
  method: 'POST',
  path,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
});
