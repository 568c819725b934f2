import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', join(import.meta.dirname, 'cli.ts')];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The operators' command line and `npm start`'s path, as real processes on a temporary SQLite file. */
describe('casebook CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-cli-'));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'cb.db')}`,
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
  };
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, seeds once, and creates a support administrator', async () => {
    const migrate = await run(process.execPath, [...CLI, 'migrate'], { env });
    expect(migrate.stdout).toContain('001_initial');
    expect((await run(process.execPath, [...CLI, 'migrate'], { env })).stdout).toContain('up to date');
    expect((await run(process.execPath, [...CLI, 'seed'], { env })).stdout).toContain('Seeded the demo data');
    expect((await run(process.execPath, [...CLI, 'seed'], { env })).stdout).toContain(
      'already holds accounts',
    );
    const created = await run(
      process.execPath,
      [...CLI, 'create-admin', '--email', 'ops@vendor.example', '--name', 'Ops'],
      {
        env: { ...env, CASEBOOK_ADMIN_PASSWORD: 'a-long-enough-password' },
      },
    );
    expect(created.stdout).toContain('ops@vendor.example');
    await expect(
      run(
        process.execPath,
        [...CLI, 'create-admin', '--email', 'ops@vendor.example', '--password', 'a-long-enough-password'],
        { env },
      ),
    ).rejects.toThrow(/exists already/);
    await expect(
      run(process.execPath, [...CLI, 'create-admin', '--email', 'x@vendor.example', '--password', 'short'], {
        env,
      }),
    ).rejects.toThrow(/12 characters/);
  }, 60_000);

  it('serve prints the URL and demo sign-ins, and the printed sign-in works', async () => {
    const port = await freePort();
    const freshDir = mkdtempSync(join(dir, 'fresh-'));
    server = spawn(process.execPath, [...CLI, 'serve'], {
      env: {
        ...env,
        DATABASE_URL: `sqlite:${join(freshDir, 'cb.db')}`,
        DATA_DIR: freshDir,
        PORT: String(port),
        MAIL_PORT: '0',
        HOST: '127.0.0.1',
      },
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 45_000);
      server!.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('root@support.example')) {
          clearTimeout(timer);
          resolve();
        }
      });
      server!.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    expect(out).toContain(`http://localhost:${port}`);
    expect(out).toContain('casebook-demo');
    expect(out).toContain('bob@acme.example');
    const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bob@acme.example', password: 'casebook-demo' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const cases = await fetch(`http://127.0.0.1:${port}/api/v1/cases?status=all`, { headers: { cookie } });
    expect(cases.status).toBe(200);
    expect(((await cases.json()) as { total: number }).total).toBeGreaterThan(0);
  }, 60_000);
});
