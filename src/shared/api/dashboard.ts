import { z } from 'zod';
import { PLANS, PRIORITIES } from '../enums.ts';
import { DeflectionReportQuery } from './deflection.ts';

/**
 * The support dashboard (issue 6, SPEC §5): open cases by priority and age, backlog by queue,
 * first-response SLA attainment by plan over time, escalations and the deflection rate, for support
 * managers and administrators. Days are UTC dates; `from` and `to` are inclusive.
 */
export const DashboardQuery = DeflectionReportQuery.extend({
  plan: z.enum(PLANS, { error: 'The plan is basic, silver or gold' }).optional(),
  queue: z
    .string()
    .trim()
    .min(1, 'Name a queue')
    .max(100, 'A queue key has at most 100 characters')
    .optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** Age of an open case since it was opened; the buckets of the "open cases by age" chart. */
export const AGE_BUCKETS = ['lt1d', '1to3d', '3to7d', '7to30d', 'gt30d'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
export const AGE_BUCKET_LABELS: Record<AgeBucket, string> = {
  lt1d: '< 1 day',
  '1to3d': '1–3 days',
  '3to7d': '3–7 days',
  '7to30d': '7–30 days',
  gt30d: '> 30 days',
};
/** Lower bound of each bucket, in days (the upper bound is the next one's lower bound). */
export const AGE_BUCKET_DAYS: Record<AgeBucket, number> = {
  lt1d: 0,
  '1to3d': 1,
  '3to7d': 3,
  '7to30d': 7,
  gt30d: 30,
};

const count = (description: string) => z.number().int().meta({ description });
const PriorityCounts = z.object(
  Object.fromEntries(PRIORITIES.map((p) => [p, z.number().int()])) as Record<
    (typeof PRIORITIES)[number],
    z.ZodNumber
  >,
);

export const FirstResponseFigures = z.object({
  met: count('first public support reply at or before the due time'),
  breached: count('replied after the due time, or not replied and the due time has passed'),
  notYetDue: count('not replied yet and the due time is still ahead: not counted in the rate'),
  paused: count('not replied yet and the clock is paused (pending customer): not counted in the rate'),
  attainment: z.number().nullable().meta({ description: 'met / (met + breached); null when both are 0' }),
});
export type FirstResponseFigures = z.infer<typeof FirstResponseFigures>;

const PlanFigures = z.object(
  Object.fromEntries(PLANS.map((p) => [p, FirstResponseFigures])) as Record<
    (typeof PLANS)[number],
    typeof FirstResponseFigures
  >,
);

export const DashboardPeriod = z.object({
  start: z.string().meta({ description: 'first day of the period (UTC date)' }),
  end: z.string().meta({ description: 'last day of the period (UTC date), inclusive' }),
});

export const Dashboard = z
  .object({
    from: z.string(),
    to: z.string(),
    plan: z.enum(PLANS).nullable(),
    queue: z.string().nullable(),
    generatedAt: z.string(),
    granularity: z.enum(['day', 'week']).meta({
      description: 'periods of the charts over time: days up to 31 days, else weeks (Monday to Sunday)',
    }),
    /** what the filters may choose */
    options: z.object({
      plans: z.array(z.enum(PLANS)),
      queues: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
    open: z.object({
      total: count('open cases now: new, open or pending customer'),
      unassigned: count('open cases with no owner'),
      overdue: count('open cases not yet answered whose first-response due time has passed (clock running)'),
      byPriority: z.array(z.object({ priority: z.enum(PRIORITIES), count: z.number().int() })),
      byAge: z.array(
        PriorityCounts.extend({
          bucket: z.enum(AGE_BUCKETS),
          label: z.string(),
          total: z.number().int(),
        }),
      ),
    }),
    queues: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        open: count('open cases in the queue now'),
        unassigned: count('of which no owner'),
      }),
    ),
    firstResponse: z.object({
      totals: FirstResponseFigures,
      byPlan: z.array(FirstResponseFigures.extend({ plan: z.enum(PLANS) })),
      periods: z.array(DashboardPeriod.extend({ total: FirstResponseFigures, plans: PlanFigures })),
    }),
    escalations: z.object({
      requested: count('escalations requested in the range'),
      acknowledged: count('escalations acknowledged in the range'),
      resolved: count('escalations resolved in the range'),
      awaitingAcknowledgement: count('open now: requested, not acknowledged yet'),
      inProgress: count('open now: acknowledged, not resolved yet'),
      oldestOpenSince: z
        .string()
        .nullable()
        .meta({ description: 'when the oldest open escalation was requested' }),
      medianMinutesToAcknowledge: z
        .number()
        .nullable()
        .meta({ description: 'of the escalations acknowledged in the range' }),
    }),
    deflection: z.object({
      deflected: z.number().int(),
      casesOpened: z.number().int(),
      rate: z
        .number()
        .nullable()
        .meta({ description: 'deflected / (deflected + casesOpened); null when both are 0' }),
      periods: z.array(
        DashboardPeriod.extend({
          deflected: z.number().int(),
          casesOpened: z.number().int(),
          rate: z.number().nullable(),
        }),
      ),
    }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;
