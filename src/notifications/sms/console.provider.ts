import { randomUUID } from 'node:crypto';
import { maskRecipient } from '../../common/mask';
import { OutgoingSms, SentSmsRecord, SmsDeliveryStatus, SmsProvider } from './sms-provider';

/** Development provider: writes each SMS to the log instead of sending it. */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console';

  constructor(private readonly log: (line: string) => void) {}

  async send(message: OutgoingSms): Promise<{ providerMessageId: string }> {
    const providerMessageId = `console-${randomUUID()}`;
    this.log(`[sms] to=${maskRecipient(message.to)} id=${providerMessageId} text=${JSON.stringify(message.text)}`);
    return { providerMessageId };
  }

  async listSentSince(_since: Date): Promise<SentSmsRecord[] | null> {
    return null;
  }

  parseDeliveryReport(_body: unknown): { providerMessageId: string; status: SmsDeliveryStatus } | null {
    return null;
  }
}
