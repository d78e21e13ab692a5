import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { toLocalDate } from '../common/time';
import { AppConfig } from '../config/app-config';
import { Tenancy } from '../database/tenancy';
import { UnitOfWork } from '../database/unit-of-work';
import { OrganisationService } from '../organisation/organisation.service';
import { OutboxRow, OutboxService } from '../outbox/outbox.service';
import { HandlesJob, RetryLater } from '../queue/job-handlers';
import type { JobPayloads } from '../queue/jobs';
import { MAILER } from './channels';
import { EmailSendError, Mailer } from './email/mailer';
import { FINISHED_STATUSES, type NotificationStatus } from './notification.entity';
import { NotificationRecord, NotificationRepository } from './notification.repository';
import { withCredentials } from './credentials';
import { SMS_PROVIDER, SmsProvider, SmsSendError } from './sms/sms-provider';
import { smsBudgetSpentEmail } from './templates/emails';


type Claim = { notification: NotificationRecord; reconcile: boolean } | null;

/** Direct sends (sendClaimed) one process keeps in flight at most. */
const MAX_DIRECT_SENDS = 64;

/**
 * Sends one notification, at most once per channel. A `sending` claim is committed before the provider is
 * called; a retry that finds a claim of unknown outcome reconciles with the provider instead of sending blind.
 */
@Injectable()
export class DeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly organisation: OrganisationService,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly tenancy: Tenancy,
  ) {}

  @HandlesJob('deliver')
  async deliver({ notificationId, outboxId }: JobPayloads['deliver']): Promise<NotificationStatus> {
    const pending = await this.notifications.claimPending(notificationId);
    const claim: Claim = pending ? { notification: pending, reconcile: false } : await this.uow.run(() => this.claim(notificationId));
    if (!claim) {
      await this.outbox.markDone(outboxId);
      return 'skipped';
    }
    let { notification } = claim;

    if (claim.reconcile) {
      const outcome = await this.reconcile(notification, this.render(notification.body, notification));
      if (outcome.kind === 'sent') return this.finish(notification, outboxId, { status: 'sent', providerMessageId: outcome.providerMessageId });
      if (outcome.kind === 'unknown') {
        this.logger.warn(`Notification ${notification.id} (${notification.channel}): outcome of an earlier send unknown; not sending again`);
        return this.finish(notification, outboxId, { status: 'unknown' });
      }
      notification = (await this.notifications.claim(notification.id))!;
    }

    if (notification.channel === 'sms' && !(await this.spendSmsBudget(notification))) {
      return this.finish(notification, outboxId, { status: 'over_budget', lastError: `The daily SMS budget of ${this.config.SMS_DAILY_BUDGET} is spent` });
    }
    return this.send(notification, outboxId);
  }

  /**
   * Sends SMS that a committed unit of work claimed (and counted against the budget), side by side and at
   * once, rather than each through a deliver job (see NotificationsService.queue). Returns once they are on
   * their way; with MAX_DIRECT_SENDS in flight it waits for one to finish. A send that cannot finish here (the
   * provider asks to retry, the database is away) goes to the queue as its deliver job, which finds the claim
   * and reconciles with the provider before sending again; so does, through the outbox relay, a send that this
   * process dies in the middle of.
   */
  async sendClaimed(claimed: { notification: NotificationRecord; outbox: OutboxRow }[]): Promise<void> {
    for (const { notification, outbox } of claimed) {
      while (this.sending.size >= MAX_DIRECT_SENDS) await Promise.race(this.sending);
      const sending: Promise<void> = this.send(notification, outbox.id)
        .then(
          () => undefined,
          () => this.outbox.publish([outbox]),
        )
        .finally(() => this.sending.delete(sending));
      this.sending.add(sending);
    }
  }

  /** Lets the sends in flight finish before the process stops. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.sending]);
  }

  /** Sends a claimed notification and records the outcome; throws RetryLater when the provider may be asked again. */
  private async send(notification: NotificationRecord, outboxId: string): Promise<NotificationStatus> {
    const text = this.render(notification.body, notification);
    try {
      const { providerMessageId } =
        notification.channel === 'sms'
          ? await this.sms.send({ to: notification.recipient, text, reference: notification.id })
          : await this.mailer.send({
              to: notification.recipient,
              subject: notification.subject ?? '',
              text,
              html: notification.html ? this.render(notification.html, notification) : undefined,
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
      await this.notifications.recordFailedAttempt(notification.id, message, notification.channel === 'email');
      throw new RetryLater(`Notification ${notification.id}: ${message}`);
    }
  }

  /** Applies a delivery report once: only a message that went out moves, and only forward. */
  async applyDeliveryReport(notificationId: string, body: unknown): Promise<boolean> {
    const report = this.sms.parseDeliveryReport(body);
    if (!report || (report.status !== 'delivered' && report.status !== 'failed')) return false;
    // 46elks reports by our message id alone; the update is guarded by the provider's own id for that message.
    const { status, providerMessageId } = report;
    return this.tenancy.acrossMunicipalities(() => this.notifications.applyDeliveryReport(notificationId, status, providerMessageId));
  }

  /**
   * Counts the SMS against its municipality's budget of the day (local date). Past the budget it is not
   * sent: that is logged, and the staffing team is told once a day by email.
   */
  private async spendSmsBudget(n: NotificationRecord): Promise<boolean> {
    const day = toLocalDate(new Date());
    if (await this.notifications.spendSms(n.municipalityId, day, this.config.SMS_DAILY_BUDGET)) return true;
    this.logger.warn(`Notification ${n.id}: the daily SMS budget of municipality ${n.municipalityId} is spent; not sent`);
    const email = smsBudgetSpentEmail({ budget: this.config.SMS_DAILY_BUDGET, day });
    const recipients = await this.organisation.adminEmails(n.municipalityId);
    await this.uow.run(async () => {
      const inserted = await this.notifications.insert(
        recipients.map((recipient) => ({ municipalityId: n.municipalityId, kind: 'sms_budget_spent', dedupeKey: `sms-budget:${n.municipalityId}:${day}:${recipient}`, channel: 'email', recipient, subject: email.subject, body: email.text, html: email.html })),
      );
      await this.outbox.write(inserted.map((row) => ({ municipalityId: row.municipalityId, kind: 'deliver' as const, payload: { notificationId: row.id } })));
    });
    return false;
  }

  /** Inside a unit of work: a message that is not simply pending. Null when there is nothing to send. */
  private async claim(id: string): Promise<Claim> {
    const notification = await this.notifications.lock(id);
    if (!notification || FINISHED_STATUSES.includes(notification.status)) return null;
    if (notification.status === 'sending') {
      const age = Date.now() - (notification.claimedAt?.getTime() ?? 0);
      if (age < this.config.SMS_RECONCILE_AFTER_SECONDS * 1000) throw new RetryLater(`Notification ${id} is being sent by another attempt`);
      return { notification, reconcile: true };
    }
    // Pending again: an earlier attempt released its claim after the mail server refused.
    return { notification: (await this.notifications.claim(id))!, reconcile: false };
  }

  private async reconcile(n: NotificationRecord, text: string): Promise<{ kind: 'sent'; providerMessageId: string } | { kind: 'not_sent' } | { kind: 'unknown' }> {
    if (n.channel !== 'sms' || !n.claimedAt) return { kind: 'unknown' };
    const since = new Date(n.claimedAt.getTime() - 60_000);
    const sent = await this.sms.listSentSince(since);
    if (sent === null) return { kind: 'unknown' };
    const match = sent.find((m) => m.to === n.recipient && m.text === text);
    return match ? { kind: 'sent', providerMessageId: match.providerMessageId } : { kind: 'not_sent' };
  }

  /** Records the outcome and marks the work done, in one transaction. */
  private async finish(
    n: NotificationRecord,
    outboxId: string,
    outcome: { status: NotificationStatus; providerMessageId?: string; lastError?: string },
  ): Promise<NotificationStatus> {
    await this.uow.run(async () => {
      await this.notifications.recordOutcome(n.id, outcome);
      await this.outbox.markDone(outboxId);
    });
    return outcome.status;
  }

  /** Puts the credentials (an offer's link, a sign-in code) back into a stored text; they are rebuilt, never stored. */
  private render(text: string, n: NotificationRecord): string {
    return withCredentials(text, this.config.offerTokenSecret, n);
  }
}
