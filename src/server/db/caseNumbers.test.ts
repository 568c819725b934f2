import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '../testing/openCasesProcess.ts');

describeEachDatabase('case numbers across server processes', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('three processes opening cases at once never share a number', async () => {
    const before = await h.ctx.database.db.selectFrom('cases').select('number').execute();
    const perProcess = 40;
    const outputs = await Promise.all(
      ['bob@acme.example', 'dave@acme.example', 'alice@acme.example'].map((email) =>
        run(
          process.execPath,
          [
            '--import',
            'tsx',
            SCRIPT,
            h.ctx.config.databaseUrl,
            h.ctx.config.dataDir,
            email,
            String(perProcess),
          ],
          {
            timeout: 60_000,
          },
        ),
      ),
    );
    const numbers = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
    expect(numbers).toHaveLength(3 * perProcess);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(n).toMatch(/^\d{8}$/);
    const after = await h.ctx.database.db.selectFrom('cases').select('number').execute();
    expect(after.length - before.length).toBe(numbers.length);
  }, 90_000);
});
