import { Injectable } from '@nestjs/common';
import { daysBefore, inBatches } from '../common/retention';
import { AppConfig } from '../config/app-config';
import { toLocalDate } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxRow, OutboxService } from '../outbox/outbox.service';
import type { OutboxPayload } from '../queue/jobs';
import { DeliveryService } from './delivery.service';
import { Sweep } from '../queue/job-handlers';
import { FINISHED_STATUSES, type StoredAttachment } from './notification.entity';
import { NewNotification, NotificationRecord, NotificationRepository } from './notification.repository';
import type { EmailMessage } from './templates/emails';

export type { NewNotification } from './notification.repository';

/** One message to one person, by SMS and by email. */
export interface PersonalMessage {
  municipalityId: string;
  kind: string;
  /** Prefix of the dedupe keys: `<prefix>:sms` and `<prefix>:email`. */
  key: string;
  to: { phone: string; email: string };
  sms: string;
  email: EmailMessage;
  offerId?: string;
  attachments?: StoredAttachment[];
}

/** Writes outgoing messages and their delivery work inside the caller's unit of work. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly delivery: DeliveryService,
  ) {}

  /**
   * Inside a unit of work: the messages, each with its deliver job once the unit of work commits. With
   * `sendSmsAtOnce` (a wave of offers, where every second counts), the SMS are claimed and counted against
   * the day's budget in the unit of work and sent by this process as soon as it commits, without a job's
   * round trip through the queue; their outbox rows stay, so that a crash before they are sent is recovered.
   *
   * The claim counts on one row per municipality and day, locked until the unit of work commits: every wave
   * of the municipality waits for it. So it is written last, and the caller's unit of work must write
   * nothing after a call with `sendSmsAtOnce`, so that the row is held for one statement and the commit.
   */
  async queue(messages: NewNotification[], { sendSmsAtOnce = false } = {}): Promise<void> {
    if (messages.length === 0) return;
    const inserted = await this.notifications.insert(messages);
    const claimedIds = new Set<string>();
    const notificationOf = (row: OutboxRow) => (row.payload as OutboxPayload<'deliver'>).notificationId;
    const rows = await this.outbox.write(
      inserted.map((row) => ({ municipalityId: row.municipalityId, kind: 'deliver' as const, payload: { notificationId: row.id } })),
      (row) => claimedIds.has(notificationOf(row)),
    );
    const claimed = sendSmsAtOnce ? await this.claimSms(inserted) : [];
    if (claimed.length === 0) return;
    for (const n of claimed) claimedIds.add(n.id);
    const outboxOf = new Map(rows.map((row) => [notificationOf(row), row]));
    this.uow.afterCommit(() => this.delivery.sendClaimed(claimed.map((notification) => ({ notification, outbox: outboxOf.get(notification.id)! }))));
  }

  /** The SMS among `inserted`, claimed if the budget takes them all (see NotificationRepository.claimSmsWithinBudget). */
  private async claimSms(inserted: { id: string; municipalityId: string; channel: string }[]): Promise<NotificationRecord[]> {
    const sms = inserted.filter((row) => row.channel === 'sms');
    const municipalities = new Set(sms.map((row) => row.municipalityId));
    if (sms.length === 0 || municipalities.size !== 1) return [];
    return this.notifications.claimSmsWithinBudget(
      sms.map((row) => row.id),
      sms[0].municipalityId,
      toLocalDate(new Date()),
      this.config.SMS_DAILY_BUDGET,
    );
  }

  /** The SMS and the email of a message to one person. */
  toPerson(m: PersonalMessage): NewNotification[] {
    const base = { municipalityId: m.municipalityId, kind: m.kind, ...(m.offerId ? { offerId: m.offerId } : {}) };
    return [
      { ...base, dedupeKey: `${m.key}:sms`, channel: 'sms', recipient: m.to.phone, body: m.sms },
      {
        ...base,
        dedupeKey: `${m.key}:email`,
        channel: 'email',
        recipient: m.to.email,
        subject: m.email.subject,
        body: m.email.text,
        html: m.email.html,
        ...(m.attachments ? { attachments: m.attachments } : {}),
      },
    ];
  }

  /** One email to one address. */
  email(m: { municipalityId: string; kind: string; dedupeKey: string; recipient: string; email: EmailMessage; attachments?: StoredAttachment[] }): NewNotification {
    return {
      municipalityId: m.municipalityId,
      kind: m.kind,
      dedupeKey: m.dedupeKey,
      channel: 'email',
      recipient: m.recipient,
      subject: m.email.subject,
      body: m.email.text,
      html: m.email.html,
      ...(m.attachments ? { attachments: m.attachments } : {}),
    };
  }

  /** One email to each address (the managers of a unit), keyed `<key>:<address>`. */
  toEachEmail(m: { municipalityId: string; kind: string; key: string; recipients: string[]; email: EmailMessage }): NewNotification[] {
    return m.recipients.map((recipient) => this.email({ ...m, dedupeKey: `${m.key}:${recipient}`, recipient }));
  }

  /** What was sent (or is to be sent) to a person's phone number and email, for their data export. */
  sentTo(municipalityId: string, recipients: string[]) {
    return this.notifications.toRecipients(municipalityId, recipients);
  }

  /** Inside a unit of work: forgets every message to a person's phone number and email (erasure). */
  forgetRecipients(municipalityId: string, recipients: string[]): Promise<void> {
    return this.notifications.deleteToRecipients(municipalityId, recipients);
  }

  @Sweep('blank the text and address of messages past MESSAGE_RETENTION_DAYS', { everyMs: 3600_000 })
  async blankOldMessages(now = new Date()): Promise<number> {
    const before = daysBefore(now, this.config.MESSAGE_RETENTION_DAYS);
    return inBatches(5000, (batch) => this.notifications.blankFinishedBefore(before, FINISHED_STATUSES, batch));
  }

  /** Stops messages about offers that were not sent yet: the offers are no longer open. */
  async skipUnsentForOffers(offerIds: string[]): Promise<void> {
    if (offerIds.length > 0) await this.notifications.skipPendingOfOffers(offerIds);
  }
}
