import type { Plan, Priority } from './enums.ts';

/** First-response targets in minutes, plan × priority (SPEC §4). Configuration may override this default. */
export type ResponseTargets = Record<Plan, Record<Priority, number>>;
export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  basic: { P1: 120, P2: 720, P3: 1440, P4: 1440 },
  silver: { P1: 60, P2: 120, P3: 480, P4: 1440 },
  gold: { P1: 30, P2: 60, P3: 240, P4: 1440 },
};

/** `24x7`: the clock always runs. `24x5`: Monday 00:00 to Friday 23:59 in the case's contact time zone. */
export type SupportHours = '24x7' | '24x5';
export const DEFAULT_SUPPORT_HOURS: Record<Plan, SupportHours> = {
  basic: '24x5',
  silver: '24x7',
  gold: '24x7',
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallTime(instant: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

function offsetAt(instant: number, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const HOUR = 60 * MINUTE;

const dateKey = (w: { year: number; month: number; day: number }) => w.year * 10_000 + w.month * 100 + w.day;

/**
 * The first instant of the local day `year-month-day` in `timeZone`: the instant the wall clock shows
 * 00:00 (the earlier one when midnight repeats), or, when midnight is skipped by a DST change, the first
 * moment of that day (e.g. 01:00).
 */
export function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  // Local midnight lies between guess − 14 h and guess + 12 h; it is `guess − offset` for one of the
  // offsets in force around then, if that offset really holds at that instant.
  const offsets = new Set<number>();
  for (let h = -15; h <= 13; h++) offsets.add(offsetAt(guess + h * HOUR, timeZone));
  let first = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const candidate = guess - offset;
    if (offsetAt(candidate, timeZone) === offset) first = Math.min(first, candidate);
  }
  if (first !== Number.POSITIVE_INFINITY) return first;
  // Midnight is skipped: find the first instant whose local date is this day (or later) by bisection.
  const target = dateKey({ year, month, day });
  let before = guess - 15 * HOUR; // local date still earlier
  let after = guess + 13 * HOUR; // local date already this day or later
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (dateKey(wallTime(mid, timeZone)) >= target) after = mid;
    else before = mid;
  }
  return after;
}

/** Adds `minutes` of support time to `start` under the given hours. */
export function addSupportTime(
  start: number,
  minutes: number,
  hours: SupportHours,
  timeZone: string,
): number {
  if (hours === '24x7') return start + minutes * MINUTE;
  let t = start;
  let remaining = minutes * MINUTE;
  for (let guard = 0; guard < 10_000; guard++) {
    const w = wallTime(t, timeZone);
    // Calendar day arithmetic on a UTC date avoids DST surprises.
    const today = Date.UTC(w.year, w.month - 1, w.day);
    if (w.weekday === 0 || w.weekday === 6) {
      const monday = new Date(today + (w.weekday === 6 ? 2 : 1) * DAY);
      t = localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
      continue;
    }
    const saturday = new Date(today + (6 - w.weekday) * DAY);
    const weekEnd = localMidnight(
      saturday.getUTCFullYear(),
      saturday.getUTCMonth() + 1,
      saturday.getUTCDate(),
      timeZone,
    );
    // Time used up exactly at the end of Friday falls due when the clock runs again, on Monday: no
    // support time passes over the weekend, so nothing is late before then.
    if (t + remaining < weekEnd) return t + remaining;
    remaining -= weekEnd - t;
    t = weekEnd;
  }
  throw new Error('support time did not converge');
}

export interface SlaInput {
  createdAt: string;
  plan: Plan;
  priority: Priority;
  contactTimezone: string;
  targets?: ResponseTargets;
  hours?: Record<Plan, SupportHours>;
}

/** When the first public support reply is due (ISO), from submission. */
export function firstResponseDue(input: SlaInput): string {
  const targets = input.targets ?? DEFAULT_RESPONSE_TARGETS;
  const hours = input.hours ?? DEFAULT_SUPPORT_HOURS;
  const start = Date.parse(input.createdAt);
  return new Date(
    addSupportTime(start, targets[input.plan][input.priority], hours[input.plan], input.contactTimezone),
  ).toISOString();
}
