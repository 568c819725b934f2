import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLANS, PRIORITIES } from './enums.ts';
import {
  aboutToBreachMs,
  addSupportTime,
  DEFAULT_RESPONSE_TARGETS,
  DEFAULT_SUPPORT_HOURS,
  firstResponseDue,
  localMidnight,
  pausedFirstResponseDue,
  type SlaClock,
  type SlaPause,
  slaAt,
  supportTimeBetween,
  wallTime,
} from './sla.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The local wall time of an instant as `YYYY-MM-DD HH:MM` and the weekday, for readable expectations. */
function local(iso: string | number, timeZone: string): string {
  const w = wallTime(typeof iso === 'number' ? iso : Date.parse(iso), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][w.weekday];
  return `${day} ${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}

describe('firstResponseDue', () => {
  it('gives gold P1 30 minutes, around the clock', () => {
    // a Sunday night: gold is 24×7
    const due = firstResponseDue({
      createdAt: '2026-11-08T23:50:00.000Z',
      plan: 'gold',
      priority: 'P1',
      contactTimezone: 'Europe/Berlin',
    });
    expect(due).toBe('2026-11-09T00:20:00.000Z');
  });

  it('gives silver P2 2 hours, also over a weekend', () => {
    const due = firstResponseDue({
      createdAt: '2026-11-07T10:00:00.000Z', // a Saturday
      plan: 'silver',
      priority: 'P2',
      contactTimezone: 'America/New_York',
    });
    expect(due).toBe('2026-11-07T12:00:00.000Z');
  });

  it('follows the targets of SPEC §4 on a weekday', () => {
    // Wednesday 2026-11-04 12:00 UTC: no weekend within 24 h for any plan.
    const createdAt = '2026-11-04T12:00:00.000Z';
    const expected = {
      basic: { P1: 2, P2: 12, P3: 24, P4: 24 },
      silver: { P1: 1, P2: 2, P3: 8, P4: 24 },
      gold: { P1: 0.5, P2: 1, P3: 4, P4: 24 },
    };
    for (const plan of PLANS) {
      for (const priority of PRIORITIES) {
        const due = firstResponseDue({ createdAt, plan, priority, contactTimezone: 'UTC' });
        expect(Date.parse(due) - Date.parse(createdAt), `${plan} ${priority}`).toBe(
          expected[plan][priority] * HOUR,
        );
      }
    }
  });

  it('stops the basic clock at the weekend: Friday 23:00 New York P1 is due Monday 01:00', () => {
    const createdAt = '2026-11-07T04:00:00.000Z'; // Friday 2026-11-06 23:00 EST
    expect(local(createdAt, 'America/New_York')).toBe('Fri 2026-11-06 23:00');
    const due = firstResponseDue({
      createdAt,
      plan: 'basic',
      priority: 'P1',
      contactTimezone: 'America/New_York',
    });
    // one hour on Friday, the clock resumes Monday 00:00 local, one more hour
    expect(local(due, 'America/New_York')).toBe('Mon 2026-11-09 01:00');
    expect(due).toBe('2026-11-09T06:00:00.000Z');
  });

  it('starts a basic case opened on Saturday at Monday 00:00 local', () => {
    const due = firstResponseDue({
      createdAt: '2026-11-07T15:00:00.000Z', // Saturday 10:00 New York
      plan: 'basic',
      priority: 'P1',
      contactTimezone: 'America/New_York',
    });
    expect(local(due, 'America/New_York')).toBe('Mon 2026-11-09 02:00');
    const sunday = firstResponseDue({
      createdAt: '2026-11-09T04:59:00.000Z', // Sunday 23:59 New York
      plan: 'basic',
      priority: 'P2',
      contactTimezone: 'America/New_York',
    });
    expect(local(sunday, 'America/New_York')).toBe('Mon 2026-11-09 12:00');
  });

  it('uses the contact time zone, not UTC, for the weekend', () => {
    // Friday 2026-11-06 23:30 UTC is already Saturday 00:30 in Berlin, but still Friday in New York.
    const createdAt = '2026-11-06T23:30:00.000Z';
    const berlin = firstResponseDue({
      createdAt,
      plan: 'basic',
      priority: 'P1',
      contactTimezone: 'Europe/Berlin',
    });
    expect(local(berlin, 'Europe/Berlin')).toBe('Mon 2026-11-09 02:00');
    expect(berlin).toBe('2026-11-09T01:00:00.000Z');
    const newYork = firstResponseDue({
      createdAt,
      plan: 'basic',
      priority: 'P1',
      contactTimezone: 'America/New_York',
    });
    expect(newYork).toBe('2026-11-07T01:30:00.000Z');
  });

  it('counts support time across the US change to daylight saving time', () => {
    // Friday 2026-03-06 23:30 EST; DST starts Sunday 2026-03-08 02:00.
    const createdAt = '2026-03-07T04:30:00.000Z';
    expect(local(createdAt, 'America/New_York')).toBe('Fri 2026-03-06 23:30');
    const due = firstResponseDue({
      createdAt,
      plan: 'basic',
      priority: 'P2',
      contactTimezone: 'America/New_York',
    });
    // 30 minutes on Friday, 11.5 hours from Monday 00:00 EDT
    expect(local(due, 'America/New_York')).toBe('Mon 2026-03-09 11:30');
    expect(due).toBe('2026-03-09T15:30:00.000Z');
  });

  it('counts support time across the end of daylight saving time in Berlin', () => {
    // Friday 2026-10-23 20:00 CEST; DST ends Sunday 2026-10-25 03:00 → 02:00.
    const createdAt = '2026-10-23T18:00:00.000Z';
    expect(local(createdAt, 'Europe/Berlin')).toBe('Fri 2026-10-23 20:00');
    const due = firstResponseDue({
      createdAt,
      plan: 'basic',
      priority: 'P2',
      contactTimezone: 'Europe/Berlin',
    });
    // 4 hours on Friday, 8 from Monday 00:00 CET
    expect(local(due, 'Europe/Berlin')).toBe('Mon 2026-10-26 08:00');
    expect(due).toBe('2026-10-26T07:00:00.000Z');
  });

  it('gives a basic P3 opened Monday morning in Berlin 24 hours', () => {
    const due = firstResponseDue({
      createdAt: '2026-11-09T08:00:00.000Z', // Monday 09:00 CET
      plan: 'basic',
      priority: 'P3',
      contactTimezone: 'Europe/Berlin',
    });
    expect(due).toBe('2026-11-10T08:00:00.000Z');
  });

  it('ignores weekends for 24×7 plans', () => {
    const createdAt = '2026-11-06T22:00:00.000Z'; // Friday evening in New York
    for (const plan of ['silver', 'gold'] as const) {
      const due = firstResponseDue({ createdAt, plan, priority: 'P4', contactTimezone: 'America/New_York' });
      expect(due).toBe('2026-11-07T22:00:00.000Z');
    }
  });

  it('takes the targets and hours from configuration', () => {
    const due = firstResponseDue({
      createdAt: '2026-11-07T10:00:00.000Z', // Saturday
      plan: 'gold',
      priority: 'P1',
      contactTimezone: 'UTC',
      targets: { ...DEFAULT_RESPONSE_TARGETS, gold: { P1: 15, P2: 60, P3: 240, P4: 1440 } },
      hours: { ...DEFAULT_SUPPORT_HOURS, gold: '24x5' },
    });
    expect(due).toBe('2026-11-09T00:15:00.000Z');
  });
});

describe('addSupportTime', () => {
  it('makes a target that ends exactly at the end of Friday due when the clock runs again', () => {
    // Friday 22:00 New York + 2 h of support time: used up at Friday 24:00; nothing counts until Monday.
    const due = addSupportTime(Date.parse('2026-11-07T03:00:00.000Z'), 120, '24x5', 'America/New_York');
    expect(local(due, 'America/New_York')).toBe('Mon 2026-11-09 00:00');
  });

  it('adds nothing for a zero target on a weekday, and moves a weekend start to Monday', () => {
    const wednesday = Date.parse('2026-11-04T12:00:00.000Z');
    expect(addSupportTime(wednesday, 0, '24x5', 'UTC')).toBe(wednesday);
    expect(addSupportTime(Date.parse('2026-11-08T12:00:00.000Z'), 0, '24x5', 'UTC')).toBe(
      Date.parse('2026-11-09T00:00:00.000Z'),
    );
  });

  it('spans several weeks for long targets', () => {
    // Monday 00:00 UTC + 10 support days = two full working weeks, due when the third week starts
    const due = addSupportTime(Date.parse('2026-11-09T00:00:00.000Z'), 10 * 1440, '24x5', 'UTC');
    expect(new Date(due).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    const less = addSupportTime(Date.parse('2026-11-09T00:00:00.000Z'), 10 * 1440 - 1, '24x5', 'UTC');
    expect(new Date(less).toISOString()).toBe('2026-11-20T23:59:00.000Z');
  });

  it('counts a weekday whose midnight is skipped (a DST change at midnight) as a short day', () => {
    // Africa/Cairo skips Friday 2026-04-24 00:00 → 01:00: that Friday has 23 support hours.
    const thursday = Date.parse('2026-04-23T20:00:00.000Z'); // Thursday 22:00 local (UTC+2)
    expect(local(thursday, 'Africa/Cairo')).toBe('Thu 2026-04-23 22:00');
    const due = addSupportTime(thursday, 2 * 60 + 23 * 60 + 30, '24x5', 'Africa/Cairo');
    expect(local(due, 'Africa/Cairo')).toBe('Mon 2026-04-27 00:30');
    // a weekend start in Beirut, which skips Sunday 00:00 on the last Sunday of March, resumes on Monday
    const due2 = addSupportTime(Date.parse('2026-03-28T10:00:00.000Z'), 60, '24x5', 'Asia/Beirut');
    expect(local(due2, 'Asia/Beirut')).toBe('Mon 2026-03-30 01:00');
  });

  it('ends Friday at the first Saturday midnight when that midnight happens twice', () => {
    // Asia/Gaza, 2016-10-29: Saturday 01:00 → 00:00. The repeated hour is Saturday: no support time.
    const friday = Date.parse('2016-10-28T20:00:00.000Z'); // Friday 23:00 local (UTC+3)
    expect(local(friday, 'Asia/Gaza')).toBe('Fri 2016-10-28 23:00');
    const due = addSupportTime(friday, 120, '24x5', 'Asia/Gaza');
    expect(local(due, 'Asia/Gaza')).toBe('Mon 2016-10-31 01:00');
  });
});

describe('localMidnight', () => {
  it('finds local midnight in zones east and west of UTC', () => {
    expect(new Date(localMidnight(2026, 11, 9, 'America/New_York')).toISOString()).toBe(
      '2026-11-09T05:00:00.000Z',
    );
    expect(new Date(localMidnight(2026, 3, 9, 'America/New_York')).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(new Date(localMidnight(2026, 11, 9, 'Asia/Kathmandu')).toISOString()).toBe(
      '2026-11-08T18:15:00.000Z',
    );
    expect(new Date(localMidnight(2026, 11, 9, 'Pacific/Kiritimati')).toISOString()).toBe(
      '2026-11-08T10:00:00.000Z',
    );
  });

  it('gives the first moment of a day whose midnight is skipped', () => {
    // Africa/Cairo: Friday 2026-04-24 00:00 → 01:00 (last Friday of April)
    const cairo = localMidnight(2026, 4, 24, 'Africa/Cairo');
    expect(local(cairo, 'Africa/Cairo')).toBe('Fri 2026-04-24 01:00');
    expect(local(cairo - 1, 'Africa/Cairo')).toBe('Thu 2026-04-23 23:59');
    // America/Santiago: Sunday 2026-09-06 00:00 → 01:00 (this used to answer Saturday 23:00)
    const santiago = localMidnight(2026, 9, 6, 'America/Santiago');
    expect(local(santiago, 'America/Santiago')).toBe('Sun 2026-09-06 01:00');
    expect(local(santiago - 1, 'America/Santiago')).toBe('Sat 2026-09-05 23:59');
  });

  it('gives the earlier midnight when midnight happens twice', () => {
    // America/Havana: Sunday 2026-11-01 01:00 CDT → 00:00 CST
    const havana = localMidnight(2026, 11, 1, 'America/Havana');
    expect(new Date(havana).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(local(havana - 1, 'America/Havana')).toBe('Sat 2026-10-31 23:59');
  });

  it('gives the next day that exists when a whole day is skipped', () => {
    // Pacific/Apia went from Thursday 2011-12-29 straight to Saturday 2011-12-31.
    const apia = localMidnight(2011, 12, 30, 'Pacific/Apia');
    expect(local(apia, 'Pacific/Apia')).toBe('Sat 2011-12-31 00:00');
    expect(local(apia - 1, 'Pacific/Apia')).toBe('Thu 2011-12-29 23:59');
  });
});

// ── properties ──────────────────────────────────────────────────────────────────────────────────

/** Zones with unusual offsets and DST rules, several of them changing at midnight. */
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/London',
  'America/Santiago',
  'America/Havana',
  'America/Asuncion',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Asia/Beirut',
  'Asia/Tehran',
  'Asia/Gaza',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Africa/Cairo',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/Nuuk',
];

const zone = fc.constantFrom(...ZONES);
/** Whole-minute instants from 2000 to 2040 (local weekday boundaries are whole minutes there). */
const start = fc
  .integer({ min: Date.UTC(2000, 0, 1) / MINUTE, max: Date.UTC(2040, 0, 1) / MINUTE })
  .map((m) => m * MINUTE);
const target = fc.integer({ min: 1, max: 3 * 1440 });
const plan = fc.constantFrom(...PLANS);
const priority = fc.constantFrom(...PRIORITIES);

const isWeekend = (instant: number, tz: string) => {
  const d = wallTime(instant, tz).weekday;
  return d === 0 || d === 6;
};

describe('SLA properties', () => {
  it('the due time is after the start', () => {
    fc.assert(
      fc.property(start, plan, priority, zone, (s, p, prio, tz) => {
        const createdAt = new Date(s).toISOString();
        const due = Date.parse(firstResponseDue({ createdAt, plan: p, priority: prio, contactTimezone: tz }));
        return due > s;
      }),
      { numRuns: 500 },
    );
  });

  it('24×7 adds exactly the target', () => {
    fc.assert(
      fc.property(start, target, zone, (s, minutes, tz) => {
        expect(addSupportTime(s, minutes, '24x7', tz) - s).toBe(minutes * MINUTE);
      }),
      { numRuns: 500 },
    );
  });

  it('24×5 never falls due at the weekend, and takes at least the target', () => {
    fc.assert(
      fc.property(start, target, zone, (s, minutes, tz) => {
        const due = addSupportTime(s, minutes, '24x5', tz);
        expect(isWeekend(due, tz), `due ${local(due, tz)} ${tz}`).toBe(false);
        expect(due - s).toBeGreaterThanOrEqual(minutes * MINUTE);
      }),
      { numRuns: 1000 },
    );
  });

  it('24×5 counts exactly the target in weekday minutes (checked minute by minute)', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 1440 }), zone, (s, minutes, tz) => {
        const due = addSupportTime(s, minutes, '24x5', tz);
        let counted = 0;
        for (let t = s; t < due; t += MINUTE) if (!isWeekend(t, tz)) counted++;
        expect(counted, `${local(s, tz)} + ${minutes} min → ${local(due, tz)} ${tz}`).toBe(minutes);
        // and no weekday minute was skipped right before the due time: the minute before it is a weekday
        // one, unless the target ran out exactly at Friday 24:00 and the case is due at Monday 00:00 local
        if (isWeekend(due - MINUTE, tz)) {
          expect(wallTime(due, tz)).toMatchObject({ weekday: 1, hour: 0, minute: 0 });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a target running out exactly at Friday 24:00 (found by fast-check: Sydney, 2005) is due Monday 00:00', () => {
    const due = addSupportTime(1110480480000, 1092, '24x5', 'Australia/Sydney');
    expect(wallTime(due, 'Australia/Sydney')).toMatchObject({
      year: 2005,
      month: 3,
      day: 14,
      weekday: 1,
      hour: 0,
      minute: 0,
    });
  });

  it('localMidnight is the first instant of the local day', () => {
    fc.assert(
      fc.property(start, zone, (s, tz) => {
        const w = wallTime(s, tz);
        const m = localMidnight(w.year, w.month, w.day, tz);
        const at = wallTime(m, tz);
        expect([at.year, at.month, at.day]).toEqual([w.year, w.month, w.day]);
        const before = wallTime(m - 1, tz);
        expect([before.year, before.month, before.day]).not.toEqual([w.year, w.month, w.day]);
        expect(m).toBeLessThanOrEqual(s);
      }),
      { numRuns: 1000 },
    );
  });
});

// ── pauses, states and the clock of issue 6 ─────────────────────────────────────────────────────

const iso = (t: number) => new Date(t).toISOString();
const clockOf = (
  createdAt: number,
  targetMinutes: number,
  hours: '24x7' | '24x5',
  timeZone: string,
  pauses: SlaPause[] = [],
  respondedAt: number | null = null,
): SlaClock => ({
  createdAt: iso(createdAt),
  targetMinutes,
  hours,
  timeZone,
  pauses,
  respondedAt: respondedAt === null ? null : iso(respondedAt),
});
const dueOf = (clock: SlaClock) => Date.parse(pausedFirstResponseDue(clock) ?? 'NaN');

describe('supportTimeBetween', () => {
  it('counts weekday time in the zone only', () => {
    // Friday 22:00 → Monday 02:00 New York: 2 h on Friday and 2 h on Monday
    const from = Date.parse('2026-11-07T03:00:00.000Z');
    const to = Date.parse('2026-11-09T07:00:00.000Z');
    expect(supportTimeBetween(from, to, '24x5', 'America/New_York')).toBe(4 * HOUR);
    expect(supportTimeBetween(from, to, '24x7', 'America/New_York')).toBe(to - from);
    expect(supportTimeBetween(to, from, '24x5', 'America/New_York')).toBe(0);
  });

  it('gives no support time to a weekend whose Sunday midnight is skipped (Santiago: 47 hours)', () => {
    // America/Santiago 2026-09-06 is a Sunday; its midnight is skipped, so the weekend is an hour short
    const saturday = localMidnight(2026, 9, 5, 'America/Santiago');
    const monday = localMidnight(2026, 9, 7, 'America/Santiago');
    expect(supportTimeBetween(saturday, monday, '24x5', 'America/Santiago')).toBe(0);
    expect(supportTimeBetween(saturday - HOUR, monday + HOUR, '24x5', 'America/Santiago')).toBe(2 * HOUR);
    expect(monday - saturday).toBe(47 * HOUR);
  });
});

describe('the first-response clock with pauses', () => {
  it('moves the due time out by the support time spent paused (24×7)', () => {
    const created = Date.parse('2026-11-04T12:00:00.000Z');
    const pauses = [{ from: iso(created + 10 * MINUTE), to: iso(created + 70 * MINUTE) }];
    expect(dueOf(clockOf(created, 60, '24x7', 'UTC', pauses))).toBe(created + 2 * HOUR);
  });

  it('has no due time while paused with time left, and keeps the time left frozen', () => {
    const created = Date.parse('2026-11-04T12:00:00.000Z');
    const clock = clockOf(created, 60, '24x7', 'UTC', [{ from: iso(created + 20 * MINUTE), to: null }]);
    expect(pausedFirstResponseDue(clock)).toBeNull();
    const a = slaAt(clock, created + HOUR);
    const b = slaAt(clock, created + 50 * HOUR);
    expect(a).toMatchObject({ state: 'paused', dueAt: null, breached: false, remainingMs: 40 * MINUTE });
    expect(b).toEqual(a);
  });

  it('does not count a pause over a weekend of a 24×5 plan: no support time passes then anyway', () => {
    // Thursday 12:00 Berlin, 24 h target: due Friday 12:00 without pauses
    const created = Date.parse('2026-11-05T11:00:00.000Z');
    const plain = dueOf(clockOf(created, 1440, '24x5', 'Europe/Berlin'));
    expect(local(plain, 'Europe/Berlin')).toBe('Fri 2026-11-06 12:00');
    // paused Friday 10:00 → Monday 01:00: 14 h of Friday and 1 h of Monday were paused; 2 h were left
    const paused = dueOf(
      clockOf(created, 1440, '24x5', 'Europe/Berlin', [
        { from: '2026-11-06T09:00:00.000Z', to: '2026-11-09T00:00:00.000Z' },
      ]),
    );
    expect(local(paused, 'Europe/Berlin')).toBe('Mon 2026-11-09 03:00');
  });

  it('counts a pause across the end of daylight saving time in Lord Howe (30-minute shift)', () => {
    // Australia/Lord_Howe: 2026-04-05 02:00 (+11) → 01:30 (+10:30). A 24×7 pause is wall-clock independent…
    const created = Date.parse('2026-04-04T13:00:00.000Z'); // Sunday 00:00 local
    const pauses = [{ from: iso(created + HOUR), to: iso(created + 4 * HOUR) }];
    expect(dueOf(clockOf(created, 120, '24x7', 'Australia/Lord_Howe', pauses))).toBe(created + 5 * HOUR);
    // …and a 24×5 case opened that Sunday starts counting at Monday 00:00, 24.5 h later in real time
    const monday = dueOf(clockOf(created, 0, '24x5', 'Australia/Lord_Howe'));
    expect(local(monday, 'Australia/Lord_Howe')).toBe('Mon 2026-04-06 00:00');
    expect(monday - created).toBe(24.5 * HOUR);
  });

  it('keeps a late case late: a pause that starts after the due time changes nothing', () => {
    const created = Date.parse('2026-11-04T12:00:00.000Z');
    const late = clockOf(created, 30, '24x7', 'UTC', [{ from: iso(created + HOUR), to: null }]);
    expect(slaAt(late, created + 2 * HOUR)).toMatchObject({
      state: 'breached',
      breached: true,
      dueAt: iso(created + 30 * MINUTE),
    });
  });

  it('is met by a reply at the due time and breached by one a minute later (met-late counts as breached)', () => {
    const created = Date.parse('2026-11-04T12:00:00.000Z');
    const onTime = slaAt(clockOf(created, 60, '24x7', 'UTC', [], created + HOUR), created + 5 * HOUR);
    expect(onTime).toMatchObject({ state: 'met', breached: false, dueAt: iso(created + HOUR) });
    const late = slaAt(clockOf(created, 60, '24x7', 'UTC', [], created + HOUR + MINUTE), created + 5 * HOUR);
    expect(late).toMatchObject({ state: 'breached', breached: true });
  });

  it('ends a pause still open at the reply with the reply', () => {
    const created = Date.parse('2026-11-04T12:00:00.000Z');
    const clock = clockOf(
      created,
      60,
      '24x7',
      'UTC',
      [{ from: iso(created + 30 * MINUTE), to: null }],
      created + 10 * HOUR,
    );
    // 30 minutes ran before the pause; the reply came while paused: met
    expect(slaAt(clock, created + 11 * HOUR)).toMatchObject({
      state: 'met',
      dueAt: iso(created + 10.5 * HOUR),
    });
  });

  it('flags a running case about to breach with a quarter of its target, at most 30 minutes, left', () => {
    expect(aboutToBreachMs(30)).toBe(7.5 * MINUTE);
    expect(aboutToBreachMs(120)).toBe(30 * MINUTE);
    expect(aboutToBreachMs(1440)).toBe(30 * MINUTE);
    const created = Date.parse('2026-11-04T12:00:00.000Z');
    const clock = clockOf(created, 30, '24x7', 'UTC');
    expect(slaAt(clock, created + 22 * MINUTE)).toMatchObject({ state: 'running', aboutToBreach: false });
    expect(slaAt(clock, created + 23 * MINUTE)).toMatchObject({
      state: 'running',
      aboutToBreach: true,
      remainingMs: 7 * MINUTE,
      timeToBreachMs: 7 * MINUTE,
    });
    expect(slaAt(clock, created + 30 * MINUTE)).toMatchObject({ state: 'running', timeToBreachMs: 0 });
    expect(slaAt(clock, created + 30 * MINUTE + 1)).toMatchObject({
      state: 'breached',
      aboutToBreach: false,
    });
  });

  it('counts the time to breach of a 24×5 case in support time, over the weekend', () => {
    // Friday 23:50 New York, basic P1 (2 h): 10 minutes left on Friday, 110 on Monday
    const created = Date.parse('2026-11-07T04:50:00.000Z');
    const clock = clockOf(created, 120, '24x5', 'America/New_York');
    const saturday = Date.parse('2026-11-07T15:00:00.000Z');
    const s = slaAt(clock, saturday);
    expect(s.state).toBe('running');
    expect(s.remainingMs).toBe(110 * MINUTE);
    expect(local(Date.parse(s.dueAt ?? ''), 'America/New_York')).toBe('Mon 2026-11-09 01:50');
    expect(s.aboutToBreach).toBe(false);
  });
});

/** Pauses after `created`: each a gap after the previous one's end, then a length (minutes). */
const pauseList = (created: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 3 * 1440 }), fc.integer({ min: 0, max: 3 * 1440 })), {
      maxLength: 4,
    })
    .map((pairs) => {
      const pauses: SlaPause[] = [];
      let t = created;
      for (const [gap, length] of pairs) {
        const from = t + gap * MINUTE;
        t = from + length * MINUTE;
        pauses.push({ from: iso(from), to: iso(t) });
      }
      return pauses;
    });

const hoursArb = fc.constantFrom('24x7' as const, '24x5' as const);

describe('SLA properties with pauses', () => {
  it('without pauses, the due time is the support time added to the creation', () => {
    fc.assert(
      fc.property(start, target, hoursArb, zone, (s, minutes, h, tz) => {
        expect(dueOf(clockOf(s, minutes, h, tz))).toBe(addSupportTime(s, minutes, h, tz));
      }),
      { numRuns: 300 },
    );
  });

  it('supportTimeBetween undoes addSupportTime', () => {
    fc.assert(
      fc.property(start, target, zone, (s, minutes, tz) => {
        const due = addSupportTime(s, minutes, '24x5', tz);
        expect(supportTimeBetween(s, due, '24x5', tz)).toBe(minutes * MINUTE);
      }),
      { numRuns: 300 },
    );
  });

  it('pausing never makes a case due earlier', () => {
    fc.assert(
      fc.property(
        start.chain((s) => fc.tuple(fc.constant(s), pauseList(s))),
        target,
        hoursArb,
        zone,
        ([s, pauses], minutes, h, tz) => {
          const plain = dueOf(clockOf(s, minutes, h, tz));
          const withPauses = dueOf(clockOf(s, minutes, h, tz, pauses));
          expect(withPauses).toBeGreaterThanOrEqual(plain);
          // and one more pause at the end never moves it earlier either
          const fewer = dueOf(clockOf(s, minutes, h, tz, pauses.slice(0, -1)));
          expect(withPauses).toBeGreaterThanOrEqual(fewer);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a pause of length 0 changes nothing', () => {
    fc.assert(
      fc.property(
        start,
        fc.integer({ min: 0, max: 5 * 1440 }),
        target,
        hoursArb,
        zone,
        (s, at, minutes, h, tz) => {
          const t = iso(s + at * MINUTE);
          expect(dueOf(clockOf(s, minutes, h, tz, [{ from: t, to: t }]))).toBe(
            dueOf(clockOf(s, minutes, h, tz)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('24×7: due = created + target + the pauses that start before it', () => {
    fc.assert(
      fc.property(
        start,
        target,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 3000 })), {
          maxLength: 5,
        }),
        (s, minutes, pairs) => {
          // running time before each pause stays below the target, so every pause starts before the due time
          const pauses: SlaPause[] = [];
          let t = s;
          let ran = 0;
          let paused = 0;
          for (const [gap, length] of pairs) {
            if (ran + gap >= minutes) break;
            ran += gap;
            const from = t + gap * MINUTE;
            t = from + length * MINUTE;
            paused += length * MINUTE;
            pauses.push({ from: iso(from), to: iso(t) });
          }
          expect(dueOf(clockOf(s, minutes, '24x7', 'UTC', pauses))).toBe(s + minutes * MINUTE + paused);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('24×5: the support time outside pauses up to the due time is exactly the target', () => {
    fc.assert(
      fc.property(
        start.chain((s) => fc.tuple(fc.constant(s), pauseList(s))),
        fc.integer({ min: 1, max: 2 * 1440 }),
        zone,
        ([s, pauses], minutes, tz) => {
          const due = dueOf(clockOf(s, minutes, '24x5', tz, pauses));
          let pausedSupport = 0;
          for (const p of pauses) {
            const from = Math.min(Date.parse(p.from), due);
            const to = Math.min(Date.parse(p.to ?? ''), due);
            pausedSupport += supportTimeBetween(from, to, '24x5', tz);
          }
          expect(supportTimeBetween(s, due, '24x5', tz) - pausedSupport).toBe(minutes * MINUTE);
          expect(isWeekend(due, tz)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a longer target is never due earlier (monotone in the target)', () => {
    fc.assert(
      fc.property(
        start.chain((s) => fc.tuple(fc.constant(s), pauseList(s))),
        target,
        fc.integer({ min: 0, max: 1440 }),
        hoursArb,
        zone,
        ([s, pauses], minutes, more, h, tz) => {
          expect(dueOf(clockOf(s, minutes + more, h, tz, pauses))).toBeGreaterThanOrEqual(
            dueOf(clockOf(s, minutes, h, tz, pauses)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the state follows the due time: running before it, breached after it, paused without it', () => {
    fc.assert(
      fc.property(
        start.chain((s) => fc.tuple(fc.constant(s), pauseList(s))),
        target,
        hoursArb,
        zone,
        fc.integer({ min: 0, max: 10 * 1440 }),
        fc.boolean(),
        ([s, pauses], minutes, h, tz, after, open) => {
          const list =
            open && pauses.length > 0 ? [...pauses.slice(0, -1), { ...pauses.at(-1)!, to: null }] : pauses;
          const clock = clockOf(s, minutes, h, tz, list);
          const lastFrom = list.length ? Date.parse(list.at(-1)!.from) : s;
          const now = Math.max(s, lastFrom) + after * MINUTE;
          const sla = slaAt(clock, now);
          const due = pausedFirstResponseDue(clock);
          if (due === null) {
            expect(sla.state).toBe('paused');
            expect(sla.remainingMs).toBeGreaterThanOrEqual(0);
            expect(sla.remainingMs).toBeLessThanOrEqual(minutes * MINUTE);
          } else if (now > Date.parse(due)) {
            expect(sla).toMatchObject({ state: 'breached', breached: true, aboutToBreach: false });
          } else {
            expect(sla.state).toBe('running');
            expect(sla.aboutToBreach).toBe((sla.remainingMs ?? 0) < aboutToBreachMs(minutes));
            expect(sla.timeToBreachMs).toBe(Date.parse(due) - now);
          }
          // answering at `now` meets the target exactly when the case was not breached
          const answered = slaAt({ ...clock, respondedAt: iso(now) }, now + HOUR);
          expect(answered.breached).toBe(sla.breached);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('24×5: a case opened on Friday at 23:59 with a two-minute target is due on Monday at 00:01', () => {
    fc.assert(
      fc.property(
        zone,
        fc.integer({ min: 2001, max: 2039 }),
        fc.integer({ min: 0, max: 51 }),
        (tz, year, week) => {
          // the Friday of that week of the year, 23:59 local (or the last minute of Friday if it is shifted)
          const jan1 = Date.UTC(year, 0, 1);
          const d = new Date(jan1 + week * 7 * DAY_MS);
          const toFriday = (5 - d.getUTCDay() + 7) % 7;
          const friday = new Date(d.getTime() + toFriday * DAY_MS);
          const saturday = new Date(friday.getTime() + DAY_MS);
          const weekEnd = localMidnight(
            saturday.getUTCFullYear(),
            saturday.getUTCMonth() + 1,
            saturday.getUTCDate(),
            tz,
          );
          const created = weekEnd - MINUTE;
          fc.pre(wallTime(created, tz).weekday === 5);
          const due = dueOf(clockOf(created, 2, '24x5', tz));
          expect(wallTime(due, tz)).toMatchObject({ weekday: 1 });
          expect(supportTimeBetween(created, due, '24x5', tz)).toBe(2 * MINUTE);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const DAY_MS = 24 * HOUR;
