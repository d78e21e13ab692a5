import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { offerToken, TOKEN_PLACEHOLDER } from '../offers/offer-token';
import { OutboxService } from '../outbox/outbox.service';
import { MAILER } from './channels';
import { EmailSendError, Mailer } from './email/mailer';
import { Notification, NotificationStatus } from './notification.entity';
import { SMS_PROVIDER, SmsProvider, SmsSendError } from './sms/sms-provider';

const FINAL: NotificationStatus[] = ['sent', 'delivered', 'failed', 'unknown', 'skipped'];

/** Thrown so that BullMQ retries the job later. */
export class RetryLater extends Error {}

type Claim = { notification: Notification; reconcile: boolean } | null;

/**
 * Sends one notification, at most once per channel. A `sending` claim is committed before the provider is
 * called; a retry that finds a claim of unknown outcome reconciles with the provider instead of sending blind.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  async deliver(notificationId: string, outboxId?: string): Promise<NotificationStatus> {
    const claim = (await this.claimPending(notificationId)) ?? (await this.db.transaction((tx) => this.claim(tx, notificationId, outboxId)));
    if (!claim) return 'skipped';
    let { notification } = claim;
    const text = this.render(notification.body, notification.offerId);

    if (claim.reconcile) {
      const outcome = await this.reconcile(notification, text);
      if (outcome.kind === 'sent') return this.finish(notification, outboxId, { status: 'sent', providerMessageId: outcome.providerMessageId });
      if (outcome.kind === 'unknown') {
        this.logger.warn(`Notification ${notification.id} (${notification.channel}): outcome of an earlier send unknown; not sending again`);
        return this.finish(notification, outboxId, { status: 'unknown' });
      }
      notification = await this.reclaim(notification);
    }

    try {
      const { providerMessageId } =
        notification.channel === 'sms'
          ? await this.sms.send({ to: notification.recipient, text, reference: notification.id })
          : await this.mailer.send({
              to: notification.recipient,
              subject: notification.subject ?? '',
              text,
              html: notification.html ? this.render(notification.html, notification.offerId) : undefined,
              attachments: notification.attachments,
              messageId: `<notification-${notification.id}@vikariebanken>`,
            });
      return this.finish(notification, outboxId, { status: 'sent', providerMessageId });
    } catch (error) {
      const retryable = (error instanceof SmsSendError || error instanceof EmailSendError) && error.retryable;
      const message = (error as Error).message.slice(0, 500);
      if (!retryable) {
        this.logger.error(`Notification ${notification.id} (${notification.channel}) failed: ${message}`);
        return this.finish(notification, outboxId, { status: 'failed', lastError: message });
      }
      // An SMTP error means the message was not accepted: release the claim. An SMS error may hide a send
      // that went through, so the claim stays and the retry reconciles.
      await this.db.getRepository(Notification).update(
        { id: notification.id },
        notification.channel === 'email' ? { status: 'pending', lastError: message } : { lastError: message },
      );
      throw new RetryLater(`Notification ${notification.id}: ${message}`);
    }
  }

  /** Applies a delivery report once: only a `sent` notification moves, and only forward. */
  async applyDeliveryReport(notificationId: string, body: unknown): Promise<boolean> {
    const report = this.sms.parseDeliveryReport(body);
    if (!report) return false;
    const status = report.status === 'delivered' ? 'delivered' : report.status === 'failed' ? 'failed' : null;
    if (!status) return false;
    const result = await this.db.query(
      `UPDATE notification SET status = $1, delivered_at = CASE WHEN $1 = 'delivered' THEN now() ELSE delivered_at END
        WHERE id = $2 AND channel = 'sms' AND status IN ('sent', 'unknown', 'sending') AND (provider_message_id IS NULL OR provider_message_id = $3)`,
      [status, notificationId, report.providerMessageId],
    );
    return (result[1] ?? 0) > 0;
  }

  /**
   * The common case in one statement: a pending message (of an offer still pending) becomes `sending`.
   * Anything else (done, skipped, a claim of unknown outcome) goes through `claim`.
   */
  private async claimPending(id: string): Promise<Claim> {
    const [rows]: [Record<string, unknown>[], number] = await this.db.query(
      `UPDATE notification n SET status = 'sending', claimed_at = now(), attempts = n.attempts + 1
        WHERE n.id = $1 AND n.status = 'pending'
          AND (n.offer_id IS NULL OR EXISTS (SELECT 1 FROM offer o WHERE o.id = n.offer_id AND o.status = 'pending'))
        RETURNING n.*`,
      [id],
    );
    if (rows.length === 0) return null;
    const notification = this.db.getRepository(Notification).create(this.db.getRepository(Notification).metadata.columns.reduce(
      (entity, column) => ({ ...entity, [column.propertyName]: rows[0][column.databaseName] }),
      {} as Partial<Notification>,
    ));
    return { notification, reconcile: false };
  }

  private async claim(tx: EntityManager, id: string, outboxId?: string): Promise<Claim> {
    const notification = await tx.getRepository(Notification).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    const done = async () => {
      if (outboxId) await this.outbox.claimForDone(tx, outboxId);
      return null;
    };
    if (!notification || FINAL.includes(notification.status)) return done();
    if (notification.status === 'sending') {
      const age = Date.now() - (notification.claimedAt?.getTime() ?? 0);
      if (age < this.config.SMS_RECONCILE_AFTER_SECONDS * 1000) throw new RetryLater(`Notification ${id} is being sent by another attempt`);
      return { notification, reconcile: true };
    }
    if (notification.offerId) {
      const rows: { status: string }[] = await tx.query('SELECT status FROM offer WHERE id = $1', [notification.offerId]);
      if (rows[0]?.status !== 'pending') {
        await tx.getRepository(Notification).update({ id }, { status: 'skipped' });
        return done();
      }
    }
    const claimedAt = new Date();
    await tx.getRepository(Notification).update({ id }, { status: 'sending', claimedAt, attempts: notification.attempts + 1 });
    return { notification: { ...notification, status: 'sending', claimedAt, attempts: notification.attempts + 1 }, reconcile: false };
  }

  private async reconcile(n: Notification, text: string): Promise<{ kind: 'sent'; providerMessageId: string } | { kind: 'not_sent' } | { kind: 'unknown' }> {
    if (n.channel !== 'sms' || !n.claimedAt) return { kind: 'unknown' };
    const since = new Date(n.claimedAt.getTime() - 60_000);
    const sent = await this.sms.listSentSince(since);
    if (sent === null) return { kind: 'unknown' };
    const match = sent.find((m) => m.to === n.recipient && m.text === text);
    return match ? { kind: 'sent', providerMessageId: match.providerMessageId } : { kind: 'not_sent' };
  }

  private async reclaim(n: Notification): Promise<Notification> {
    const claimedAt = new Date();
    await this.db.getRepository(Notification).update({ id: n.id }, { claimedAt, attempts: n.attempts + 1 });
    return { ...n, claimedAt, attempts: n.attempts + 1 };
  }

  private async finish(
    n: Notification,
    outboxId: string | undefined,
    patch: { status: NotificationStatus; providerMessageId?: string; lastError?: string },
  ): Promise<NotificationStatus> {
    // One statement: the message's outcome and its outbox row's completion commit together.
    await this.db.query(
      `WITH outcome AS (
         UPDATE notification SET status = $2, provider_message_id = coalesce($3, provider_message_id), last_error = coalesce($4, last_error),
                sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
          WHERE id = $1)
       UPDATE outbox SET done_at = now() WHERE id = $5 AND done_at IS NULL`,
      [n.id, patch.status, patch.providerMessageId ?? null, patch.lastError ?? null, outboxId ?? null],
    );
    return patch.status;
  }

  /** Puts the offer link back into a stored text; the token is rebuilt from the offer id, never stored. */
  private render(text: string, offerId: string | null): string {
    if (!offerId) return text;
    return text.split(TOKEN_PLACEHOLDER).join(offerToken(this.config.offerTokenSecret, offerId));
  }
}
