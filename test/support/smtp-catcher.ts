import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A local SMTP server that keeps what it receives, parsed by mailparser. */

export interface CaughtEmail {
  /** envelope recipients (RCPT TO) */
  to: string[];
  /** envelope sender (MAIL FROM) */
  from: string;
  subject: string;
  /** the first text/plain part that is not an attachment, with LF line ends */
  text: string;
  /** the first text/html part that is not an attachment, with LF line ends */
  html?: string;
  messageId?: string;
  attachments: { filename: string; contentType: string; content: string }[];
  raw: string;
}

export interface SmtpCatcher {
  /** smtp://127.0.0.1:port */
  url: string;
  messages: CaughtEmail[];
  /** resolves when at least n messages have arrived, rejects after timeoutMs */
  waitForMessages(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: CaughtEmail[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            const envelopeFrom = session.envelope.mailFrom;
            messages.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              from: envelopeFrom ? envelopeFrom.address : '',
              subject: mail.subject ?? '',
              text: (mail.text ?? '').replace(/\r\n/g, '\n'),
              ...(typeof mail.html === 'string' ? { html: mail.html.replace(/\r\n/g, '\n') } : {}),
              ...(mail.messageId ? { messageId: mail.messageId } : {}),
              attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content.toString('utf8') })),
              raw: raw.toString('utf8'),
            });
            for (const wake of [...waiters]) wake();
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client that hangs up mid-session (a worker killed by a test) is its own business, not a failure here.
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessages(n: number, timeoutMs = 5000): Promise<void> {
      if (messages.length >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP catcher: expected ${n} messages, got ${messages.length} after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close(): Promise<void> {
      waiters.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
