import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** Counts test results and writes them to CASEBOOK_TEST_COUNTS for scripts/test.mjs to print the CI line. */
export default class CountingReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, moduleErrors: 0, unhandled: unhandledErrors.length };
    for (const mod of testModules) {
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) counts.moduleErrors++;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    const file = process.env.CASEBOOK_TEST_COUNTS;
    if (file) writeFileSync(file, JSON.stringify(counts));
  }
}
