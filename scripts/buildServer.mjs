#!/usr/bin/env node
// Builds the server for running without a TypeScript loader: src/server/cli.ts and what it imports,
// bundled by esbuild into dist/server/cli.mjs (packages stay in node_modules). `npm start` runs it;
// running from sources through tsx costs about 60 MB more memory (docs/performance.md).
// Usage: node scripts/buildServer.mjs [entry] [outfile]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry = 'src/server/cli.ts', outfile = 'dist/server/cli.mjs'] = process.argv.slice(2);
await build({
  entryPoints: [resolve(root, entry)],
  outfile: resolve(root, outfile),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
