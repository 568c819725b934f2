import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../src/server/http/webApp.ts';

/** Issue 3: the initial JS of the sign-in and the case-form routes stays within 200 KB gzipped. */
const BUDGET = 200 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  src?: string;
}

function manifest(): Record<string, Chunk> {
  return JSON.parse(readFileSync(join(WEB_DIST, '.vite', 'manifest.json'), 'utf8'));
}

/** The JS a route needs before it can render: its chunk and everything it imports statically. */
function initialJs(keys: string[]): { files: string[]; gzipBytes: number } {
  const m = manifest();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of m[key]?.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  const files = [...seen].map((k) => m[k]!.file).filter((f) => f.endsWith('.js'));
  const gzipBytes = files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(WEB_DIST, f)), { level: 9 }).length,
    0,
  );
  return { files, gzipBytes };
}

describe('initial JavaScript budget', () => {
  it('sign-in route ≤ 200 KB gzipped', () => {
    const { gzipBytes, files } = initialJs(['index.html']);
    console.log(`sign-in route: ${(gzipBytes / 1024).toFixed(1)} KB gzipped (${files.length} files)`);
    expect(gzipBytes).toBeLessThanOrEqual(BUDGET);
  });

  it('case-form route ≤ 200 KB gzipped', () => {
    const { gzipBytes, files } = initialJs(['index.html', 'pages/OpenCasePage.tsx']);
    console.log(`case-form route: ${(gzipBytes / 1024).toFixed(1)} KB gzipped (${files.length} files)`);
    expect(gzipBytes).toBeLessThanOrEqual(BUDGET);
  });
});
