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
  const key = `${timeZone} ${year}-${month}-${day}`;
  let midnight = knownMidnights.get(key);
  if (midnight === undefined) {
    if (knownMidnights.size >= KNOWN_MIDNIGHTS_LIMIT) knownMidnights.clear();
    midnight = findLocalMidnight(year, month, day, timeZone);
    knownMidnights.set(key, midnight);
  }
  return midnight;
}

/**
 * Midnights already found, by zone and day: finding one asks the time zone database about thirty times
 * (Intl), which made a 24×5 due time cost about 0.7 ms; the same few weeks of the same zones come up again
 * and again. Bounded; a zone's rules do not change while the process runs.
 */
const knownMidnights = new Map<string, number>();
const KNOWN_MIDNIGHTS_LIMIT = 20_000;

function findLocalMidnight(year: number, month: number, day: number, timeZone: string): number {
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

// ── the first-response clock with pauses (issue 6) ─────────────────────────────────────────────

/** Adds `ms` of support time to `start` (fractional minutes allowed: pauses start and end at any instant). */
function addSupportMs(start: number, ms: number, hours: SupportHours, timeZone: string): number {
  return addSupportTime(start, ms / MINUTE, hours, timeZone);
}

/** The support time (ms) between two instants: all of it for 24×7, the weekday part in `timeZone` for 24×5. */
export function supportTimeBetween(from: number, to: number, hours: SupportHours, timeZone: string): number {
  if (to <= from) return 0;
  if (hours === '24x7') return to - from;
  let t = from;
  let total = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    if (t >= to) return total;
    const w = wallTime(t, timeZone);
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
    total += Math.min(to, weekEnd) - t;
    t = weekEnd;
  }
  throw new Error('support time did not converge');
}

/** A span during which the first-response clock stood still (ISO instants); `to` null: it still does. */
export interface SlaPause {
  from: string;
  to: string | null;
}

/** Everything the first-response clock of one case depends on. */
export interface SlaClock {
  createdAt: string;
  /** the target of the case's plan × priority, in minutes of support time */
  targetMinutes: number;
  hours: SupportHours;
  timeZone: string;
  /** when the clock stood still (the case waited for the customer, or was solved), in order */
  pauses?: readonly SlaPause[];
  /** the first public support reply, which stops the clock for good */
  respondedAt?: string | null;
}

interface ClockRun {
  /** when the target runs out; null while paused with time left */
  dueAt: number | null;
  /** support time left when the clock stopped (paused) or at the due time (0) */
  remainingMs: number;
  paused: boolean;
}

/**
 * Runs the clock from creation: it counts support time except within pauses, until the target is used up.
 * Pauses that start after that instant change nothing (a case that is late stays late). An open pause
 * ends at `openPauseEnd` (the first reply) or keeps the clock stopped.
 */
function runClock(clock: SlaClock, openPauseEnd: number | null): ClockRun {
  const { hours, timeZone } = clock;
  let t = Date.parse(clock.createdAt);
  let remaining = clock.targetMinutes * MINUTE;
  const pauses = [...(clock.pauses ?? [])]
    .map((p) => ({
      from: Date.parse(p.from),
      to: p.to === null ? (openPauseEnd ?? Number.POSITIVE_INFINITY) : Date.parse(p.to),
    }))
    .sort((a, b) => a.from - b.from);
  for (const pause of pauses) {
    const from = Math.max(pause.from, t);
    if (pause.to <= from) continue; // empty, or within a pause already counted
    const due = addSupportMs(t, remaining, hours, timeZone);
    if (due <= from) return { dueAt: due, remainingMs: 0, paused: false };
    remaining -= supportTimeBetween(t, from, hours, timeZone);
    if (pause.to === Number.POSITIVE_INFINITY) return { dueAt: null, remainingMs: remaining, paused: true };
    t = pause.to;
  }
  return { dueAt: addSupportMs(t, remaining, hours, timeZone), remainingMs: remaining, paused: false };
}

/**
 * When the first public support reply is due, counting only support time outside pauses: each pause
 * moves the due time out by the support time it lasted. Null while the clock is paused with time left.
 */
export function pausedFirstResponseDue(clock: SlaClock): string | null {
  const run = runClock(clock, clock.respondedAt ? Date.parse(clock.respondedAt) : null);
  return run.dueAt === null ? null : new Date(run.dueAt).toISOString();
}

export const SLA_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaStatus {
  state: SlaState;
  /** the due time of the first response (ISO); null while paused with time left */
  dueAt: string | null;
  /** responded late, or not responded and past due. Met-late counts as breached. */
  breached: boolean;
  /** running, with less than `aboutToBreachMs(target)` of support time left */
  aboutToBreach: boolean;
  /** support time left (ms): frozen while paused; null once met or breached */
  remainingMs: number | null;
  /** wall-clock time until the breach (ms): null unless running */
  timeToBreachMs: number | null;
}

/**
 * How close to the due time a running case is flagged "about to breach": a quarter of its target, but
 * never more than 30 minutes of support time. A quarter keeps short targets meaningful (a gold P1 with 30
 * minutes is flagged with 7½ minutes left, not the moment it arrives); the 30-minute cap keeps a 24-hour
 * target from being flagged six hours early, so the flag always means "answer this one now".
 */
export function aboutToBreachMs(targetMinutes: number): number {
  return Math.min(targetMinutes * MINUTE * 0.25, 30 * MINUTE);
}

/** The first-response SLA of a case at `now`. A reply at the due time itself is on time. */
export function slaAt(clock: SlaClock, now: number): SlaStatus {
  if (clock.respondedAt) {
    const responded = Date.parse(clock.respondedAt);
    const run = runClock(clock, responded);
    const dueAt = run.dueAt ?? responded; // cannot be null: every pause has ended by the reply
    const breached = responded > dueAt;
    return {
      state: breached ? 'breached' : 'met',
      dueAt: new Date(dueAt).toISOString(),
      breached,
      aboutToBreach: false,
      remainingMs: null,
      timeToBreachMs: null,
    };
  }
  const run = runClock(clock, null);
  if (run.dueAt !== null && now > run.dueAt) {
    return {
      state: 'breached',
      dueAt: new Date(run.dueAt).toISOString(),
      breached: true,
      aboutToBreach: false,
      remainingMs: null,
      timeToBreachMs: null,
    };
  }
  if (run.dueAt === null) {
    return {
      state: 'paused',
      dueAt: null,
      breached: false,
      aboutToBreach: false,
      remainingMs: run.remainingMs,
      timeToBreachMs: null,
    };
  }
  const remainingMs = supportTimeBetween(now, run.dueAt, clock.hours, clock.timeZone);
  return {
    state: 'running',
    dueAt: new Date(run.dueAt).toISOString(),
    breached: false,
    aboutToBreach: remainingMs < aboutToBreachMs(clock.targetMinutes),
    remainingMs,
    timeToBreachMs: run.dueAt - now,
  };
}
