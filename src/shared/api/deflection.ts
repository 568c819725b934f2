import { z } from 'zod';

/**
 * Deflection (issue 4, SPEC §2): the case form reports what the recommended-solutions panel showed and
 * what the user opened, under the id of its form session; a staff report turns that into a rate.
 */
export const SOLUTION_EVENT_TYPES = ['shown', 'opened'] as const;

export const FormSessionId = z.uuid('A form session id is a UUID');

export const SolutionEvent = z
  .object({
    formSession: FormSessionId,
    type: z.enum(SOLUTION_EVENT_TYPES, { error: 'The event type is shown or opened' }),
    entryIds: z
      .array(z.string().min(1).max(64), { error: 'entryIds must be a list of knowledge base entry ids' })
      .min(1, 'Name at least one entry')
      .max(20, 'At most 20 entries per event'),
    issueArea: z.string().trim().min(1).max(100).nullish(),
  })
  .meta({ id: 'SolutionEvent' });
export type SolutionEvent = z.infer<typeof SolutionEvent>;

const isoDate = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name} is a date like 2026-11-29`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), `${name} is not a real date`);

export const DeflectionReportQuery = z.object({
  from: isoDate('from').optional(),
  to: isoDate('to').optional(),
});

export const DeflectionFigures = z.object({
  formSessions: z.number().int().meta({ description: 'case forms started' }),
  withSuggestions: z.number().int().meta({ description: 'forms where the panel showed at least one entry' }),
  withClicks: z.number().int().meta({ description: 'forms where the user opened at least one entry' }),
  casesOpened: z.number().int().meta({ description: 'forms that ended in a case' }),
  deflected: z.number().int().meta({
    description: 'forms left after opening an entry, with no case opened by that user within a day',
  }),
  abandoned: z.number().int().meta({ description: 'forms left without opening an entry or a case' }),
  inProgress: z.number().int().meta({ description: 'forms with activity in the last idle window' }),
  deflectionRate: z
    .number()
    .nullable()
    .meta({ description: 'deflected / (deflected + casesOpened); null when both are 0' }),
});
export type DeflectionFigures = z.infer<typeof DeflectionFigures>;

export const DeflectionReport = z
  .object({
    from: z.string(),
    to: z.string(),
    idleMinutes: z.number().int(),
    totals: DeflectionFigures,
    days: z.array(DeflectionFigures.extend({ date: z.string() })),
    issueAreas: z.array(DeflectionFigures.extend({ issueArea: z.string().nullable(), name: z.string() })),
  })
  .meta({ id: 'DeflectionReport' });
export type DeflectionReport = z.infer<typeof DeflectionReport>;
