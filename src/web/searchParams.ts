/**
 * Tolerant readers of URL search params for the router. Hand-written rather than zod so that the
 * first page load does not carry a schema library (the initial-bundle budget of issue 3).
 */
export type Raw = Record<string, unknown>;

export function str(raw: Raw, key: string): string | undefined {
  const v = raw[key];
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function oneOf<T extends string>(raw: Raw, key: string, allowed: readonly T[], fallback: T): T {
  const v = str(raw, key);
  return v && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function positiveInt(raw: Raw, key: string, fallback: number): number {
  const n = Number(raw[key]);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

export function flag(raw: Raw, key: string): boolean | undefined {
  const v = raw[key];
  return v === true || v === 'true' || v === 1 || v === '1' ? true : undefined;
}

/**
 * Wraps a reader as a Standard Schema validator, so that the router knows links may give any subset of
 * the params (input) while pages always read every field (output).
 */
export function searchSchema<Output>(read: (raw: Raw) => Output) {
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'casebook',
      validate: (value: unknown) => ({ value: read((value ?? {}) as Raw) }),
      types: undefined as unknown as { input: Partial<Output>; output: Output },
    },
  };
}
