import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** `npm start`'s server: the bundle scripts/buildServer.mjs makes runs without a TypeScript loader. */
describe('the built server (dist/server/cli.mjs)', () => {
  const outDir = mkdtempSync(join(ROOT, 'dist', 'build-test-'));
  const outfile = join(outDir, 'cli.mjs');
  const dataDir = mkdtempSync(join(tmpdir(), 'casebook-build-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dataDir, 'cb.db')}`, DATA_DIR: dataDir };
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds, migrates, seeds the demo data (knowledge base included) and serves', async () => {
    await run(process.execPath, [join(ROOT, 'scripts/buildServer.mjs'), 'src/server/cli.ts', outfile]);
    expect((await run(process.execPath, [outfile, 'migrate'], { env })).stdout).toContain(
      '006_sla_lifecycle',
    );
    const seeded = (await run(process.execPath, [outfile, 'seed'], { env })).stdout;
    expect(seeded).toContain('Seeded the demo data');
    const port = await freePort();
    server = spawn(process.execPath, [outfile, 'serve', '--no-worker'], {
      env: { ...env, PORT: String(port), MAIL_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    });
    let up = false;
    for (let i = 0; i < 100 && !up; i++) {
      up = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    expect(up).toBe(true);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bob@acme.example', password: 'casebook-demo' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    // The demo knowledge base was found from the bundle's place: the search answers.
    const solutions = await fetch(`http://127.0.0.1:${port}/api/v1/solutions?q=saml+assertion`, {
      headers: { cookie },
    });
    expect(((await solutions.json()) as { total: number }).total).toBeGreaterThan(0);
  }, 90_000);
});
