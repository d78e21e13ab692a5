import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { OutboxService } from '../outbox/outbox.service';
import { JOBS } from '../queue/queues';
import { Channel, Notification, StoredAttachment } from './notification.entity';

export interface NewNotification {
  municipalityId: string;
  /** Unique per message: a repeated call with the same key creates nothing. */
  dedupeKey: string;
  kind: string;
  channel: Channel;
  recipient: string;
  offerId?: string;
  subject?: string;
  body: string;
  html?: string;
  attachments?: StoredAttachment[];
}

/** Writes outgoing messages and their delivery work inside the caller's transaction. */
@Injectable()
export class NotificationsService {
  constructor(private readonly outbox: OutboxService) {}

  /** Returns the outbox rows to publish after commit. */
  async queue(tx: EntityManager, messages: NewNotification[]): Promise<OutboxEntry[]> {
    if (messages.length === 0) return [];
    const inserted: { id: string; municipality_id: string }[] = await tx
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        messages.map((m) => ({
          municipalityId: m.municipalityId,
          dedupeKey: m.dedupeKey,
          kind: m.kind,
          channel: m.channel,
          recipient: m.recipient,
          offerId: m.offerId ?? null,
          subject: m.subject ?? null,
          body: m.body,
          html: m.html ?? null,
          attachments: m.attachments ?? [],
        })),
      )
      .orIgnore()
      .returning(['id', 'municipalityId'])
      .execute()
      .then((r) => r.raw);
    return this.outbox.write(
      tx,
      inserted.map((row) => ({ municipalityId: row.municipality_id, kind: JOBS.deliver, payload: { notificationId: row.id } })),
    );
  }

  /** Stops messages about an offer that were not sent yet (the offer was withdrawn or answered). */
  async skipUnsentForOffers(tx: EntityManager, offerIds: string[]): Promise<void> {
    if (offerIds.length === 0) return;
    await tx.query(`UPDATE notification SET status = 'skipped' WHERE offer_id = ANY($1::uuid[]) AND status = 'pending'`, [offerIds]);
  }
}
