import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { Channel, NotificationStatus, StoredAttachment } from './notification.entity';

export interface NotificationRecord {
  id: string;
  municipalityId: string;
  channel: Channel;
  recipient: string;
  offerId: string | null;
  oneTimeCodeId: string | null;
  subject: string | null;
  body: string;
  html: string | null;
  attachments: StoredAttachment[];
  status: NotificationStatus;
  attempts: number;
  claimedAt: Date | null;
}

export interface NewNotification {
  municipalityId: string;
  /** Unique per message: a repeated call with the same key creates nothing. */
  dedupeKey: string;
  kind: string;
  channel: Channel;
  recipient: string;
  offerId?: string;
  oneTimeCodeId?: string;
  subject?: string;
  body: string;
  html?: string;
  attachments?: StoredAttachment[];
}

const COLUMNS = `id, municipality_id AS "municipalityId", channel, recipient, offer_id AS "offerId", one_time_code_id AS "oneTimeCodeId", subject, body, html, attachments, status,
       attempts, claimed_at AS "claimedAt"`;

/** Outgoing messages, one row per message and channel, and how their sending went. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the messages whose dedupe key is new; returns those inserted. */
  insert(messages: NewNotification[]): Promise<{ id: string; municipalityId: string; channel: Channel }[]> {
    return this.db.rows(
      `INSERT INTO notification (municipality_id, dedupe_key, kind, channel, recipient, offer_id, one_time_code_id, subject, body, html, attachments)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::jsonb[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, municipality_id AS "municipalityId", channel`,
      [
        messages.map((m) => m.municipalityId),
        messages.map((m) => m.dedupeKey),
        messages.map((m) => m.kind),
        messages.map((m) => m.channel),
        messages.map((m) => m.recipient),
        messages.map((m) => m.offerId ?? null),
        messages.map((m) => m.oneTimeCodeId ?? null),
        messages.map((m) => m.subject ?? null),
        messages.map((m) => m.body),
        messages.map((m) => m.html ?? null),
        messages.map((m) => JSON.stringify(m.attachments ?? [])),
      ],
    );
  }

  /**
   * Claims these pending SMS and counts them against the municipality's budget of the day, all or none: none
   * when the budget cannot take them all (each is then sent, or refused, by its own deliver job).
   */
  claimSmsWithinBudget(ids: string[], municipalityId: string, day: string, budget: number): Promise<NotificationRecord[]> {
    return this.db.rows(
      `WITH spent AS (
         INSERT INTO sms_day_count AS c (municipality_id, day, sent) SELECT $2, $3, cardinality($1::uuid[]) WHERE cardinality($1::uuid[]) <= $4
         ON CONFLICT (municipality_id, day) DO UPDATE SET sent = c.sent + excluded.sent WHERE c.sent + excluded.sent <= $4
         RETURNING 1)
       UPDATE notification SET status = 'sending', claimed_at = now(), attempts = attempts + 1
        WHERE id = ANY ($1::uuid[]) AND channel = 'sms' AND status = 'pending' AND EXISTS (SELECT 1 FROM spent)
       RETURNING ${COLUMNS}`,
      [ids, municipalityId, day, budget],
    );
  }

  /** The common case in one statement: a pending message becomes `sending` (the claim commits before any send). */
  claimPending(id: string): Promise<NotificationRecord | null> {
    return this.db.row(
      `UPDATE notification SET status = 'sending', claimed_at = now(), attempts = attempts + 1 WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
      [id],
    );
  }

  lock(id: string): Promise<NotificationRecord | null> {
    return this.db.row(`SELECT ${COLUMNS} FROM notification WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** A new claim on a message: `sending` now, one more attempt. */
  claim(id: string): Promise<NotificationRecord | null> {
    return this.db.row(`UPDATE notification SET status = 'sending', claimed_at = now(), attempts = attempts + 1 WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
  }

  async recordOutcome(id: string, outcome: { status: NotificationStatus; providerMessageId?: string; lastError?: string }): Promise<void> {
    await this.db.execute(
      `UPDATE notification SET status = $2, provider_message_id = coalesce($3, provider_message_id), last_error = coalesce($4, last_error),
              sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
        WHERE id = $1`,
      [id, outcome.status, outcome.providerMessageId ?? null, outcome.lastError ?? null],
    );
  }

  /** Keeps the error; `release` hands the message back to `pending` (it was certainly not sent). */
  async recordFailedAttempt(id: string, lastError: string, release: boolean): Promise<void> {
    await this.db.execute(`UPDATE notification SET last_error = $2, status = CASE WHEN $3 THEN 'pending' ELSE status END WHERE id = $1`, [id, lastError, release]);
  }

  /** Applies a delivery report once: only a message that went out moves, only forward, and only if the provider's id matches. */
  async applyDeliveryReport(id: string, status: 'delivered' | 'failed', providerMessageId: string): Promise<boolean> {
    const rows = await this.db.rows(
      `UPDATE notification SET status = $2, delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
        WHERE id = $1 AND channel = 'sms' AND status IN ('sent', 'unknown', 'sending') AND (provider_message_id IS NULL OR provider_message_id = $3)
        RETURNING id`,
      [id, status, providerMessageId],
    );
    return rows.length > 0;
  }

  /** The messages sent or to be sent to these addresses and numbers, for a person's data export. */
  toRecipients(municipalityId: string, recipients: string[]): Promise<{ kind: string; channel: Channel; recipient: string; subject: string | null; body: string; status: NotificationStatus; createdAt: Date; sentAt: Date | null }[]> {
    return this.db.rows(
      `SELECT kind, channel, recipient, subject, body, status, created_at AS "createdAt", sent_at AS "sentAt" FROM notification
        WHERE municipality_id = $1 AND recipient = ANY ($2::text[]) ORDER BY created_at`,
      [municipalityId, recipients],
    );
  }

  /** Deletes the messages to these addresses and numbers (a person erased): they hold names, contact details and shifts. */
  async deleteToRecipients(municipalityId: string, recipients: string[]): Promise<void> {
    await this.db.execute(`DELETE FROM notification WHERE municipality_id = $1 AND recipient = ANY ($2::text[])`, [municipalityId, recipients]);
  }

  /** Counts one SMS against the municipality's budget of the day; false when the budget is spent. */
  async spendSms(municipalityId: string, day: string, budget: number): Promise<boolean> {
    const rows = await this.db.rows(
      `INSERT INTO sms_day_count AS c (municipality_id, day, sent) VALUES ($1, $2, 1)
       ON CONFLICT (municipality_id, day) DO UPDATE SET sent = c.sent + 1 WHERE c.sent < $3
       RETURNING sent`,
      [municipalityId, day, budget],
    );
    return rows.length > 0;
  }

  /** Stops messages about these offers that are not sent yet. */
  async skipPendingOfOffers(offerIds: string[]): Promise<void> {
    await this.db.execute(`UPDATE notification SET status = 'skipped' WHERE offer_id = ANY ($1::uuid[]) AND status = 'pending'`, [offerIds]);
  }

  /**
   * Blanks the text, subject, attachments and address of finished messages created before `before`, a batch
   * at a time; the row (kind, channel, status, times) stays for the statistics. The number blanked.
   */
  async blankFinishedBefore(before: Date, finished: NotificationStatus[], batch: number): Promise<number> {
    const rows = await this.db.rows(
      `UPDATE notification SET body = '', subject = NULL, html = NULL, attachments = '[]', recipient = ''
        WHERE id IN (SELECT id FROM notification WHERE body <> '' AND created_at < $1 AND status = ANY ($2::text[]) LIMIT $3)
        RETURNING id`,
      [before, finished, batch],
    );
    return rows.length;
  }
}
