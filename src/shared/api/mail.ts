import { z } from 'zod';

/** Email as staff see it (issue 5): the dev mailbox / mail log, and deliveries that failed. */
export const MailMessagesQuery = z.object({
  direction: z.enum(['out', 'in']).optional(),
  case: z
    .string()
    .regex(/^\d{1,8}$/, 'A case number has up to 8 digits')
    .transform((n) => n.padStart(8, '0'))
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const MailMessageSummary = z
  .object({
    id: z.string(),
    direction: z.enum(['out', 'in']),
    caseNumber: z.string().nullable(),
    messageId: z.string(),
    from: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    transport: z.string(),
    status: z.string().meta({
      description: 'out: sent; in: posted | duplicate | ignored_automated | bounced',
    }),
    detail: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'MailMessageSummary' });

export const MailMessage = MailMessageSummary.extend({
  inReplyTo: z.string().nullable(),
  references: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable().meta({ description: 'as sent; show it only in a sandboxed frame' }),
}).meta({ id: 'MailMessage' });

export const MailMessageList = z
  .object({ items: z.array(MailMessageSummary), total: z.number().int(), page: z.number().int() })
  .meta({ id: 'MailMessageList' });

export const OutboxQuery = z.object({
  state: z.enum(['failing', 'given_up', 'pending']).default('failing'),
});

export const OutboxItem = z
  .object({
    id: z.string(),
    topic: z.string(),
    caseNumber: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    nextAttemptAt: z.string().nullable(),
    givenUpAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxItem' });

export const OutboxList = z
  .object({ items: z.array(OutboxItem), total: z.number().int() })
  .meta({ id: 'OutboxList' });

export const MailIdParams = z.object({ id: z.string().min(1).max(64) });
