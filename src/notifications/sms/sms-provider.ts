export type SmsDeliveryStatus = 'sent' | 'delivered' | 'failed';

export interface OutgoingSms {
  to: string;
  text: string;
  /** our delivery row id, used in the delivery-report URL */
  reference: string;
}

export interface SentSmsRecord {
  providerMessageId: string;
  to: string;
  text: string;
  createdAt: Date;
}

export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<{ providerMessageId: string }>;
  /** Messages the provider has accepted since `since`, to reconcile a send of unknown outcome. null when the provider cannot tell. */
  listSentSince(since: Date): Promise<SentSmsRecord[] | null>;
  parseDeliveryReport(body: unknown): { providerMessageId: string; status: SmsDeliveryStatus } | null;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
