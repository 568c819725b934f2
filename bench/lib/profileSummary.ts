import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** where the time went, by area (a package, a src/server folder, node internals, GC, idle) */
  byArea: { area: string; share: number }[];
  /** the functions with the most self time */
  byFunction: { name: string; share: number }[];
}

/**
 * Reads the main thread's .cpuprofile of a folder (node --cpu-prof names them
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; tsx's loader thread writes one too) and says
 * what dominates.
 */
export function summarizeProfile(dir: string, top = 15): ProfileSummary | undefined {
  const files = readdirSync(dir)
    .filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  const file = files[0];
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let total = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(node.callFrame.functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = url ? `${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    file,
    totalMs: total / 1000,
    byArea: ranked(areas).map(([area, us]) => ({ area, share: us / total })),
    byFunction: ranked(functions).map(([name, us]) => ({ name, share: us / total })),
  };
}

function areaOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  // better-sqlite3 runs the statement inside this call: its self time is SQLite's.
  if (url.includes('kysely') && url.endsWith('sqlite/sqlite-driver.js') && functionName === 'executeQuery') {
    return 'SQLite (statements run by better-sqlite3)';
  }
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const own = url.match(/\/(src\/(?:server|shared)\/[^/]+|bench)\//);
  if (own) return own[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}
