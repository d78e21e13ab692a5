import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SmtpCatcher, startSmtpCatcher } from '../../../test/support/smtp-catcher';
import { EmailSendError, Mailer } from './mailer';

const SUBJECT = 'Nytt vikariat på Hagaskolan – svara senast 14:00';
const TEXT = [
  'Hej Åsa!',
  '',
  'Förskolan Äppelgården söker en vikarie måndag 07:00–16:00 för en förskollärare som är sjuk.',
  'Svara här: http://localhost:3000/o/c2VjcmV0LXRva2Vu',
  '',
  'Hälsningar, bemanningsenheten i Öckerö',
].join('\n');
const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'SUMMARY:Vikariat på Hagaskolan', 'DTSTART:20270111T060000Z', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

async function rejection(promise: Promise<unknown>): Promise<EmailSendError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmailSendError);
  return err as EmailSendError;
}

async function listen(server: Server | SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = (server instanceof SMTPServer ? server.server : server).address() as AddressInfo;
  return address.port;
}

describe('Mailer over SMTP', () => {
  let catcher: SmtpCatcher;
  let mailer: Mailer;
  const logged: string[] = [];

  beforeEach(async () => {
    catcher = await startSmtpCatcher();
    mailer = new Mailer({ smtpUrl: catcher.url, from: 'Vikariebanken <vikariebanken@example.se>', log: (line) => logged.push(line) });
  });

  afterEach(async () => {
    mailer.close();
    await catcher.close();
  });

  it('delivers a Swedish subject and body intact', async () => {
    const result = await mailer.send({ to: 'asa.lind@example.se', subject: SUBJECT, text: TEXT, html: `<p>${TEXT.replace(/\n/g, '<br>')}</p>`, messageId: '<notification-123@vikariebanken>' });

    await catcher.waitForMessages(1);
    const [mail] = catcher.messages;
    expect(mail.to).toEqual(['asa.lind@example.se']);
    expect(mail.from).toBe('vikariebanken@example.se');
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.text.trimEnd()).toBe(TEXT);
    expect(mail.html).toContain('Förskolan Äppelgården söker');
    expect(mail.messageId).toBe('<notification-123@vikariebanken>');
    expect(result.providerMessageId).toBe('<notification-123@vikariebanken>');
    // The raw message must not carry the Swedish text unencoded: that is what the parser is for.
    expect(mail.raw).not.toContain('på Hagaskolan');
    expect(logged).toEqual([]);
  });

  it('keeps a long subject intact across folded encoded words', async () => {
    const subject = `${SUBJECT} · ${'Ärendet gäller förskoleklass på Östra skolan, '.repeat(4)}slut`;

    await mailer.send({ to: 'a@example.se', subject, text: 'å', messageId: '<n-1@vikariebanken>' });

    await catcher.waitForMessages(1);
    expect(catcher.messages[0].subject).toBe(subject);
  });

  it('delivers a calendar attachment', async () => {
    await mailer.send({
      to: 'asa.lind@example.se',
      subject: SUBJECT,
      text: TEXT,
      attachments: [{ filename: 'vikariat.ics', content: ICS, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
      messageId: '<notification-124@vikariebanken>',
    });

    await catcher.waitForMessages(1);
    const [mail] = catcher.messages;
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.text.trimEnd()).toBe(TEXT);
    expect(mail.attachments).toEqual([{ filename: 'vikariat.ics', contentType: 'text/calendar', content: ICS }]);
  });

  it('delivers concurrent sends', async () => {
    await Promise.all([1, 2, 3].map((n) => mailer.send({ to: `p${n}@example.se`, subject: `Nr ${n}`, text: 'Hej', messageId: `<n-${n}@vikariebanken>` })));

    await catcher.waitForMessages(3);
    expect(catcher.messages.map((m) => m.subject).sort()).toEqual(['Nr 1', 'Nr 2', 'Nr 3']);
  });
});

describe('Mailer errors', () => {
  const closers: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  const mailTo = (to: string) => ({ to, subject: SUBJECT, text: TEXT, messageId: '<notification-9@vikariebanken>' });

  it('is retryable when the SMTP port is unreachable', async () => {
    const probe = createServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const mailer = new Mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'vb@example.se', log: () => undefined });
    closers.push(() => mailer.close());

    const err = await rejection(mailer.send(mailTo('a@example.se')));

    expect(err.retryable).toBe(true);
    expect(err.message).not.toContain('c2VjcmV0LXRva2Vu');
  });

  it('is retryable when the server never greets', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          sockets.forEach((s) => s.destroy());
          silent.close(() => resolve());
        }),
    );
    const mailer = new Mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'vb@example.se', log: () => undefined, timeoutMs: 300 });
    closers.push(() => mailer.close());

    const started = Date.now();
    const err = await rejection(mailer.send(mailTo('a@example.se')));

    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    [451, true],
    [452, true],
    [550, false],
    [553, false],
  ])('treats an SMTP %i reply to the recipient as retryable=%s', async (responseCode, retryable) => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode }));
      },
    });
    const port = await listen(server);
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const mailer = new Mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'vb@example.se', log: () => undefined });
    closers.push(() => mailer.close());

    const err = await rejection(mailer.send(mailTo('a@example.se')));

    expect(err.retryable).toBe(retryable);
    expect(err.message).toContain(String(responseCode));
    expect(err.message).not.toContain('c2VjcmV0LXRva2Vu');
  });
});

describe('Mailer without SMTP', () => {
  it('writes one line with the recipient masked and the subject to the log, not the body', async () => {
    const lines: string[] = [];
    const mailer = new Mailer({ from: 'vb@example.se', log: (line) => lines.push(line) });

    const result = await mailer.send({ to: 'asa.lind@example.se', subject: SUBJECT, text: TEXT, messageId: '<notification-5@vikariebanken>' });
    mailer.close();

    expect(result.providerMessageId).toBe('<notification-5@vikariebanken>');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain('to=a***@example.se');
    expect(lines[0]).not.toContain('asa.lind');
    expect(lines[0]).toContain(SUBJECT);
    expect(lines[0]).not.toContain('c2VjcmV0LXRva2Vu');
  });
});
