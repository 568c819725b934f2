import { loadKbEntries } from '../generators/loadKbEntries.ts';
import { formatNumber } from '../lib/table.ts';
import type { Scenario } from './scenario.ts';
import { BASELINE_TERMS, typedQueries } from './solutionsQueries.ts';

/**
 * Recommended solutions (issue 4, point 8): GET /api/v1/solutions as the case form's panel sends
 * it while a customer admin (bob@acme.example) types, over the demo corpus plus `--entries`
 * generated entries. Baseline: one top-5 full-text select for one term on the same database.
 */
export const solutionsScenario: Scenario = {
  name: 'solutions',
  label: (options) => `recommended solutions (${formatNumber(options.entries)} entries + demo)`,
  async prepare(ctx, options, log) {
    let shown = 0;
    const result = await loadKbEntries(ctx, {
      count: options.entries,
      onProgress: (done) => {
        if (done - shown >= 20_000 || done === options.entries) {
          shown = done;
          log(`  knowledge base: ${formatNumber(done)} / ${formatNumber(options.entries)} entries`);
        }
      },
    });
    log(
      `  knowledge base: ${formatNumber(result.entries)} entries generated in ${(result.ms / 1000).toFixed(1)} s ` +
        `(${formatNumber(result.terms)} words in kb_terms)`,
    );
  },
  requests: () =>
    typedQueries().map(({ q, issueArea }) => {
      const params = new URLSearchParams({ q, limit: '5' });
      if (issueArea) params.set('issueArea', issueArea);
      return { path: `/api/v1/solutions?${params.toString()}` };
    }),
  baseline: {
    label: 'baseline: bare Fastify, one top-5 FTS select',
    requests: () =>
      BASELINE_TERMS.map((term) => ({ path: `/baseline/solutions?term=${encodeURIComponent(term)}` })),
  },
};
