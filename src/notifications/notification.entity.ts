import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type Channel = 'sms' | 'email';
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped', 'over_budget'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
/** Statuses a message does not leave by sending (a delivery report may still move sent to delivered or failed). */
export const FINISHED_STATUSES: NotificationStatus[] = ['sent', 'delivered', 'failed', 'unknown', 'skipped', 'over_budget'];

export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * One message on one channel. `dedupeKey` is unique (an offer's SMS is `offer:<id>:sms`), so a message is
 * never created twice; the delivery processor commits a `sending` claim before it calls the provider.
 */
@Entity('notification')
@Unique('uq_notification_dedupe', ['dedupeKey'])
@Index('ix_notification_offer', ['offerId'])
@Index('ix_notification_text_kept', ['createdAt'], { where: `"body" <> ''` })
@Check('ck_notification_channel', `"channel" IN ('sms', 'email')`)
@Check('ck_notification_status', `"status" IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped', 'over_budget')`)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @Column('text')
  dedupeKey: string;

  /** Template kind, e.g. offer, booking_confirmation, manager_booked. */
  @Column('text')
  kind: string;

  @Column('text')
  channel: Channel;

  /** E.164 phone number or email address. */
  @Column('text')
  recipient: string;

  /** Set for offers: the link is rebuilt from the offer id at send time, never stored. */
  @Column('uuid', { nullable: true })
  offerId: string | null;

  /** Set for sign-in codes: the code is rebuilt from this id at send time, never stored. */
  @Column('uuid', { nullable: true })
  oneTimeCodeId: string | null;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('text')
  body: string;

  @Column('text', { nullable: true })
  html: string | null;

  @Column('jsonb', { default: () => `'[]'` })
  attachments: StoredAttachment[];

  @Column('text', { default: 'pending' })
  status: NotificationStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz', { nullable: true })
  claimedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  @Column('text', { nullable: true })
  providerMessageId: string | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
