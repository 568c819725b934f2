import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** In a bench child: prints `{"port": …}` and stops cleanly on SIGTERM/SIGINT. */
export function announceReady(address: string | AddressInfo | null, close: () => Promise<void>): void {
  if (!address || typeof address === 'string') throw new Error('The server listens on no TCP port');
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
  const stop = () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export interface BenchChild {
  name: string;
  pid: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** resident set size now, in bytes (Linux /proc; undefined elsewhere) */
  rss(): number | undefined;
  /** the highest resident set size since start ("high water mark"), in bytes */
  peakRss(): number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Record<string, string>;
  /** write a V8 CPU profile of the child into this folder (node --cpu-prof) */
  cpuProfileDir?: string | undefined;
  timeoutMs?: number;
}

/**
 * Starts `node --import tsx <entry>`, or `node <entry>` for a built `.mjs` (node itself, not the tsx wrapper, so the pid is the server's
 * and its RSS is the server's) and waits for its `{"port": …}` line.
 */
export async function startChild(name: string, entry: string, options: StartOptions): Promise<BenchChild> {
  // A built bundle (.mjs) runs on plain node, as `npm start` runs the server; sources through tsx.
  const args = entry.endsWith('.mjs') ? [] : ['--import', 'tsx'];
  if (options.cpuProfileDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  if (process.env.BENCH_NODE_FLAGS) args.push(...process.env.BENCH_NODE_FLAGS.split(' '));
  args.push(resolve(import.meta.dirname, '..', entry));
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${options.timeoutMs ?? 30_000} ms\n${stderr}`)),
      options.timeoutMs ?? 30_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const message = JSON.parse(line) as { port?: unknown };
        if (typeof message.port === 'number') {
          clearTimeout(timer);
          resolvePort(message.port);
        }
      } catch {
        // not our line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it listened\n${stderr}`));
    });
  });
  const pid = child.pid!;
  return {
    name,
    pid,
    url: `http://127.0.0.1:${port}`,
    rss: () => procStatus(pid, 'VmRSS'),
    peakRss: () => procStatus(pid, 'VmHWM'),
    stop: () => stopChild(child),
  };
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
