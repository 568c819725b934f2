import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project's folder (where package.json is), found from this file's place: the same whether the
 * server runs from its sources (src/server, through tsx) or from its build (dist/server/cli.mjs).
 */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

/** A path inside the project, e.g. `projectPath('kb', 'demo')`. */
export const projectPath = (...parts: string[]) => resolve(PROJECT_ROOT, ...parts);
