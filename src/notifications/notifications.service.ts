import { Injectable } from '@nestjs/common';
import { daysBefore, inBatches } from '../common/retention';
import { AppConfig } from '../config/app-config';
import { OutboxService } from '../outbox/outbox.service';
import { Sweep } from '../queue/job-handlers';
import { FINISHED_STATUSES, type StoredAttachment } from './notification.entity';
import { NewNotification, NotificationRepository } from './notification.repository';
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
  ) {}

  async queue(messages: NewNotification[]): Promise<void> {
    if (messages.length === 0) return;
    const inserted = await this.notifications.insert(messages);
    await this.outbox.write(inserted.map((row) => ({ municipalityId: row.municipalityId, kind: 'deliver' as const, payload: { notificationId: row.id } })));
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
