import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  MailIdParams,
  MailMessage,
  MailMessageList,
  MailMessagesQuery,
  OutboxList,
  OutboxQuery,
} from '../../../shared/api/mail.ts';
import type { Context } from '../../context.ts';
import type { MailMessagesTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { authenticate } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { canReadMailLog, canRetryDelivery } from '../../policies/mail.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

type Row = MailMessagesTable & { case_number: string | null };

const summary = (r: Row) => ({
  id: r.id,
  direction: r.direction,
  caseNumber: r.case_number,
  messageId: r.message_id,
  from: r.from_address,
  to: JSON.parse(r.to_addresses) as string[],
  cc: JSON.parse(r.cc_addresses) as string[],
  subject: r.subject,
  transport: r.transport,
  status: r.status,
  detail: r.detail,
  createdAt: r.created_at,
});

/**
 * The mail log for support staff (issue 5): with no SMTP_URL it is the dev mailbox, showing what would
 * have been sent; with a relay it is the record of what was sent and received. Plus deliveries that
 * are failing or were given up, and a retry.
 */
export async function mailRoutes(app: App, ctx: Context) {
  const staff = [
    authenticate(ctx),
    async (request: { actor: Parameters<typeof canReadMailLog>[0] }) => {
      if (!canReadMailLog(request.actor)) {
        throw new AppError(403, 'forbidden', 'The mail log is for vendor support staff.');
      }
    },
  ];
  const db = ctx.database.db;
  const base = () =>
    db
      .selectFrom('mail_messages')
      .leftJoin('cases', 'cases.id', 'mail_messages.case_id')
      .selectAll('mail_messages')
      .select('cases.number as case_number');

  app.get(
    '/mail/messages',
    {
      onRequest: staff,
      schema: {
        tags: ['mail'],
        summary: 'Mail sent and received, newest first (the dev mailbox when no SMTP_URL is set); staff only',
        querystring: MailMessagesQuery,
        response: { 200: MailMessageList, ...errors },
      },
    },
    async (request) => {
      const { direction, case: number, page, pageSize } = request.query;
      let q = db.selectFrom('mail_messages').leftJoin('cases', 'cases.id', 'mail_messages.case_id');
      if (direction) q = q.where('mail_messages.direction', '=', direction);
      if (number) q = q.where('cases.number', '=', number);
      const total = Number(
        (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      );
      const rows = await q
        .selectAll('mail_messages')
        .select('cases.number as case_number')
        .orderBy('mail_messages.created_at', 'desc')
        .orderBy('mail_messages.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: rows.map(summary), total, page };
    },
  );

  app.get(
    '/mail/messages/:id',
    {
      onRequest: staff,
      schema: {
        tags: ['mail'],
        summary: 'One message with its bodies and threading headers; staff only',
        params: MailIdParams,
        response: { 200: MailMessage, ...errors },
      },
    },
    async (request) => {
      const row = await base().where('mail_messages.id', '=', request.params.id).executeTakeFirst();
      if (!row) throw notFound('Message');
      return {
        ...summary(row),
        inReplyTo: row.in_reply_to,
        references: row.references_header,
        text: row.text_body,
        html: row.html_body,
      };
    },
  );

  app.get(
    '/mail/outbox',
    {
      onRequest: staff,
      schema: {
        tags: ['mail'],
        summary: 'Notifications not delivered: failing (being retried), given up, or pending; staff only',
        querystring: OutboxQuery,
        response: { 200: OutboxList, ...errors },
      },
    },
    async (request) => {
      let q = db
        .selectFrom('outbox')
        .leftJoin('cases', 'cases.id', 'outbox.case_id')
        .where('outbox.sent_at', 'is', null);
      const { state } = request.query;
      if (state === 'given_up') q = q.where('outbox.dead_at', 'is not', null);
      else if (state === 'failing')
        q = q.where('outbox.dead_at', 'is', null).where('outbox.attempts', '>', 0);
      else q = q.where('outbox.dead_at', 'is', null);
      const rows = await q
        .select([
          'outbox.id',
          'outbox.topic',
          'cases.number',
          'outbox.attempts',
          'outbox.last_error',
          'outbox.created_at',
          'outbox.available_at',
          'outbox.dead_at',
        ])
        .orderBy('outbox.created_at', 'desc')
        .limit(200)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          topic: r.topic,
          caseNumber: r.number,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAt: r.created_at,
          nextAttemptAt: r.dead_at ? null : r.available_at,
          givenUpAt: r.dead_at,
        })),
        total: rows.length,
      };
    },
  );

  app.post(
    '/mail/outbox/:id/retry',
    {
      onRequest: staff,
      schema: {
        tags: ['mail'],
        summary: 'Try a notification that was given up again, now; support managers and administrators',
        params: MailIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!canRetryDelivery(request.actor)) {
        throw new AppError(
          403,
          'forbidden',
          'Retrying deliveries is for support managers and administrators.',
        );
      }
      const res = await db
        .updateTable('outbox')
        .set({ dead_at: null, attempts: 0, available_at: ctx.now().toISOString(), claimed_until: null })
        .where('id', '=', request.params.id)
        .where('sent_at', 'is', null)
        .where('dead_at', 'is not', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        const exists = await db
          .selectFrom('outbox')
          .select('id')
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!exists) throw notFound('Notification');
        throw new AppError(409, 'not_given_up', 'Only a notification that was given up can be retried.');
      }
      return reply.status(204).send(null);
    },
  );
}
