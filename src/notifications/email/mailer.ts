import { createTransport } from 'nodemailer';
import { maskRecipient } from '../../common/mask';
import type { SendMailOptions, Transporter } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
  /** deterministic, e.g. <notification-123@vikariebanken>, so that a resend can be recognised */
  messageId: string;
}

export interface MailerOptions {
  /** e.g. smtp://127.0.0.1:1025; without it mail is only written to the log */
  smtpUrl?: string;
  from: string;
  log: (line: string) => void;
  /** connection, greeting and socket inactivity timeout; 10 s by default */
  timeoutMs?: number;
}

export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'EmailSendError';
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

// Nodemailer codes for failures of the connection rather than refusals of the message.
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

interface SendInfo {
  messageId?: string;
  serverMessageId?: string;
}

export class Mailer {
  private readonly transport: Transporter<SendInfo>;
  private readonly smtp: boolean;

  constructor(private readonly options: MailerOptions) {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.smtp = Boolean(options.smtpUrl);
    this.transport = options.smtpUrl
      ? createTransport({
          url: options.smtpUrl,
          pool: false,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
          disableFileAccess: true,
          disableUrlAccess: true,
        })
      : createTransport({ jsonTransport: true, disableFileAccess: true, disableUrlAccess: true });
  }

  async send(mail: OutgoingEmail): Promise<{ providerMessageId: string }> {
    const message: SendMailOptions = {
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      attachments: mail.attachments?.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
    };

    let info: SendInfo;
    try {
      info = await this.transport.sendMail(message);
    } catch (err) {
      throw toEmailSendError(err);
    }
    const messageId = info.messageId ?? mail.messageId;
    if (!this.smtp) {
      this.options.log(`[mail] to=${maskRecipient(mail.to)} subject=${JSON.stringify(mail.subject)} messageId=${messageId}`);
    }
    // Some relays (Microsoft 365, SES) replace the Message-ID; theirs is what recipients see.
    return { providerMessageId: info.serverMessageId ?? messageId };
  }

  close(): void {
    this.transport.close();
  }
}

function toEmailSendError(err: unknown): EmailSendError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const reason = typeof e.message === 'string' ? e.message : String(err);

  let retryable: boolean;
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 600) {
    retryable = responseCode < 500;
  } else {
    retryable = code !== undefined && TRANSIENT_CODES.has(code);
  }
  const label = [code, responseCode].filter((part) => part !== undefined).join(' ');
  return new EmailSendError(`SMTP send failed${label ? ` (${label})` : ''}: ${reason}`, retryable);
}
