import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { newId } from '../db/ids.ts';
import type { OutboxTable } from '../db/schema.ts';
import { composeMail } from '../mail/outbound/composeMail.ts';
import type { MailTransport } from '../mail/outbound/transport.ts';

export interface WorkerOptions {
  /** names the worker in claims; random by default */
  id?: string;
  batchSize?: number;
  /** how long a claim holds before another worker may take the row over */
  leaseMs?: number;
  /** a row's delivery failed, or (without a row) claiming failed */
  onError?: (err: unknown, row?: OutboxTable) => void;
}

const FIRST_RETRY_MS = 30_000;
/** rows delivered at once by one worker (the SMTP transport keeps as many connections open) */
const DELIVERY_LANES = 4;
const LONGEST_RETRY_MS = 3_600_000;

/** Exponential backoff: 30 s, 1 min, 2 min … at most an hour, with up to 10% jitter. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (1 + random() * 0.1));
}

/**
 * Delivers the outbox (SPEC §6, issue 5). Claims a batch of due rows — `FOR UPDATE SKIP LOCKED` on
 * PostgreSQL, an immediate write transaction on SQLite — so several workers never hold the same row;
 * renders each row's messages, sends them, and records each sent message at once (its Message-ID is
 * fixed by the row, so a retry skips what already went out); then marks the row sent. A failure is
 * retried with backoff and, after the last attempt, given up and shown to staff.
 */
export class OutboxWorker {
  readonly id: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;

  constructor(
    private readonly ctx: Context,
    private readonly transport: MailTransport,
    private readonly options: WorkerOptions = {},
  ) {
    this.id = options.id ?? `worker-${randomBytes(4).toString('hex')}`;
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 120_000;
  }

  /** Claims the due rows this worker may take now. */
  async claim(): Promise<OutboxTable[]> {
    const { database } = this.ctx;
    const now = this.ctx.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + this.leaseMs).toISOString();
    if (database.dialect === 'postgres') {
      const result = await sql<OutboxTable>`
        update outbox set claimed_by = ${this.id}, claimed_until = ${until}
        where id in (
          select id from outbox
          where sent_at is null and dead_at is null and available_at <= ${nowIso}
            and (claimed_until is null or claimed_until < ${nowIso})
          order by available_at, id
          limit ${this.batchSize}
          for update skip locked)
        returning *`.execute(database.db);
      // Times come back as ISO strings (the pool's timestamptz parser); RETURNING has no order of its own.
      return result.rows.sort(
        (a, b) => a.available_at.localeCompare(b.available_at) || a.id.localeCompare(b.id),
      );
    }
    return database.transaction(async (trx) => {
      const due = await trx
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('dead_at', 'is', null)
        .where('available_at', '<=', nowIso)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
        .orderBy('available_at')
        .orderBy('id')
        .limit(this.batchSize)
        .execute();
      if (due.length === 0) return [];
      const ids = due.map((d) => d.id);
      await trx
        .updateTable('outbox')
        .set({ claimed_by: this.id, claimed_until: until })
        .where('id', 'in', ids)
        .execute();
      return trx
        .selectFrom('outbox')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('available_at')
        .orderBy('id')
        .execute();
    });
  }

  /** Claims and delivers one batch; answers how many rows it handled. */
  async runOnce(): Promise<number> {
    const rows = await this.claim();
    // A few rows at a time: the pooled relay connections send in parallel; rows of one case keep their order.
    const byCase = new Map<string, OutboxTable[]>();
    for (const row of rows) {
      const key = row.case_id ?? row.id;
      byCase.set(key, [...(byCase.get(key) ?? []), row]);
    }
    const queues = [...byCase.values()];
    const lanes = Array.from({ length: Math.min(DELIVERY_LANES, queues.length) }, async () => {
      for (let q = queues.shift(); q; q = queues.shift()) for (const row of q) await this.deliver(row);
    });
    await Promise.all(lanes);
    return rows.length;
  }

  /** Delivers everything due now, batch after batch (tests and `casebook worker --once`). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  private async deliver(row: OutboxTable): Promise<void> {
    const db = this.ctx.database.db;
    try {
      const messages = await composeMail(this.ctx, row);
      for (const mail of messages) {
        const sent = await db
          .selectFrom('mail_messages')
          .select('id')
          .where('direction', '=', 'out')
          .where('message_id', '=', mail.messageId)
          .executeTakeFirst();
        if (sent) continue; // went out on an earlier attempt
        await this.transport.send(mail);
        const now = this.ctx.now();
        await db
          .insertInto('mail_messages')
          .values({
            id: newId(now.getTime()),
            direction: 'out',
            case_id: mail.caseId,
            outbox_id: row.id,
            message_id: mail.messageId,
            in_reply_to: mail.inReplyTo,
            references_header: mail.references.join(' ') || null,
            from_address: mail.from,
            to_addresses: JSON.stringify(mail.to),
            cc_addresses: JSON.stringify(mail.cc),
            subject: mail.subject,
            text_body: mail.text,
            html_body: mail.html,
            transport: this.transport.kind,
            status: 'sent',
            detail: null,
            comment_id: null,
            created_at: now.toISOString(),
          })
          .onConflict((oc) => oc.columns(['direction', 'message_id']).doNothing())
          .execute();
      }
      await db
        .updateTable('outbox')
        .set({
          sent_at: this.ctx.now().toISOString(),
          attempts: row.attempts + 1,
          claimed_by: null,
          claimed_until: null,
          last_error: null,
        })
        .where('id', '=', row.id)
        .execute();
    } catch (err) {
      this.options.onError?.(err, row);
      const attempts = row.attempts + 1;
      const now = this.ctx.now();
      const giveUp = attempts >= this.ctx.config.mailMaxAttempts;
      await db
        .updateTable('outbox')
        .set({
          attempts,
          last_error: describeError(err),
          claimed_by: null,
          claimed_until: null,
          available_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
          dead_at: giveUp ? now.toISOString() : null,
        })
        .where('id', '=', row.id)
        .where('claimed_by', '=', this.id)
        .execute();
    }
  }

  /** Runs until stopped: a batch, then again at once if there was work, else after the poll interval. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      while (!this.stopped) {
        let handled = 0;
        try {
          handled = await this.runOnce();
        } catch (err) {
          this.options.onError?.(err);
        }
        if (handled > 0 || this.stopped) continue;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.ctx.config.workerPollMs);
        });
      }
    };
    this.running = loop();
  }

  /** Asks an idle worker to look for work now (after a commit in the same process). */
  poke(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.running;
  }
}

/** One line for staff; never the relay URL (it may hold a password). */
function describeError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const parts = [e.code, e.responseCode, e.response ?? e.message].filter(Boolean);
  return (parts.join(' ') || String(err)).replace(/\/\/[^@/\s]*@/g, '//***@').slice(0, 500);
}
