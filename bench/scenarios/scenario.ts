import type { Context } from '../../src/server/context.ts';
import type { BenchDialect } from '../lib/benchDatabase.ts';
import type { LoadRequest } from '../lib/load.ts';
import type { Session } from '../lib/session.ts';

/** What the command line chose. */
export interface BenchOptions {
  dialect: BenchDialect;
  /** generated knowledge base entries */
  entries: number;
  /** generated cases (with comments and history), bob@acme.example's included */
  cases: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** an open-loop rate cap (requests per second in all); undefined: closed loop, as fast as answered */
  ratePerSecond?: number | undefined;
}

/** What a scenario may ask the running server before it builds its requests. */
export interface RequestContext {
  /** the server under test, http://127.0.0.1:<port> */
  serverUrl: string;
  /** bob@acme.example signed in, or the scenario's `signInAs` */
  session: Session;
}

/**
 * One row of the bench table: requests against the real server (signed in) and the comparable bare
 * request against the baseline server, both at the same connections and duration. Baseline routes
 * are registered in bench/baseline.ts.
 */
export interface Scenario {
  name: string;
  /** the demo user whose session the requests carry (password casebook-demo); bob@acme.example by default */
  signInAs?: string;
  /** the row label, e.g. "recommended solutions (100,000 entries)" */
  label(options: BenchOptions): string;
  /** loads the data the scenario needs, into the migrated and seeded database, before the servers start */
  prepare(ctx: Context, options: BenchOptions, log: (line: string) => void): Promise<void>;
  /** the requests sent in turn to the server under test */
  requests(context: RequestContext): LoadRequest[] | Promise<LoadRequest[]>;
  /** the bare baseline's label and requests (on the baseline server) */
  baseline: { label: string; requests(context: RequestContext): LoadRequest[] | Promise<LoadRequest[]> };
}
