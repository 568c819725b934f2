import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { preparedQuery } from '../db/preparedQuery.ts';

/** Topics of notifications written to the outbox; the mail worker (and later webhooks) deliver them. */
export type OutboxTopic =
  | 'case.created'
  | 'case.comment_added'
  | 'case.status_changed'
  | 'case.team_added'
  | 'case.escalation_requested'
  | 'case.attachment_added'
  | 'case.priority_changed'
  | 'case.escalation_updated'
  | 'case.pending_reminder'
  /** support (re)assigned a case or moved it to another queue (issue 6): no customer mail */
  | 'case.assigned'
  | 'case.queue_changed'
  /** a bounce answering an inbound mail that could not be posted: payload is BouncePayload */
  | 'mail.bounce';

/** What the worker needs to write a bounce; never the refused message's body. */
export interface BouncePayload {
  to: string;
  reason:
    | 'not_a_case_participant'
    | 'no_matching_case'
    | 'case_closed'
    | 'message_too_large'
    | 'rate_limited';
  originalSubject: string;
  /** Message-ID of the refused mail, for In-Reply-To */
  originalMessageId: string | null;
  caseNumber?: string | undefined;
  detail?: string | undefined;
}

/** Writes a notification in the caller's transaction, so it exists if and only if the change does. */
export async function enqueue(
  trx: Executor,
  topic: OutboxTopic,
  caseId: string | null,
  payload: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await insertOutboxRow(trx, newId(now.getTime()), topic, caseId, JSON.stringify(payload), at);
}

const insertOutboxRow = preparedQuery<[string, OutboxTopic, string | null, string, string], never>(
  (db, id, topic, caseId, payload, at) =>
    db.insertInto('outbox').values({
      id,
      topic: topic as OutboxTopic,
      case_id: caseId,
      payload,
      created_at: at,
      available_at: at,
      attempts: 0,
      claimed_until: null,
      sent_at: null,
      last_error: null,
    }),
  5,
);
