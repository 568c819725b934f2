import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('makes UUID v7s: version 7, RFC 9562 variant, the time in the first 48 bits', () => {
    const now = Date.parse('2026-11-29T08:00:00.000Z');
    const id = newId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('never repeats, also past the end of a pool of random bytes, and sorts by time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => newId(1_800_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(14))).size).toBe(ids.length); // the random part alone differs
    expect([...ids].sort((a, b) => a.slice(0, 13).localeCompare(b.slice(0, 13)))).toEqual(ids);
  });
});
