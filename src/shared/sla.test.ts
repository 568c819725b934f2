import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLANS, PRIORITIES } from './enums.ts';
import {
  addSupportTime,
  DEFAULT_RESPONSE_TARGETS,
  DEFAULT_SUPPORT_HOURS,
  firstResponseDue,
  localMidnight,
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
