import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeElks, startFakeElks } from '../../../test/support/fake-elks-server';
import { ElksSmsProvider, ElksSmsProviderOptions, formatElksTimestamp, parseElksTimestamp } from './elks.provider';
import { SmsSendError } from './sms-provider';

const USER = 'u0123456789abcdef';
const PASSWORD = 'p-secret-Ä9f8e7d6';
const TEXT = 'Nytt vikariat på Hagaskolan mån 07:00–16:00. Svara: http://localhost:3000/o/c2VjcmV0LXRva2Vu';

async function startHttp(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stopHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function sendError(promise: Promise<unknown>): Promise<SmsSendError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SmsSendError);
  const sendErr = err as SmsSendError;
  expect(sendErr.message).not.toContain(TEXT);
  expect(sendErr.message).not.toContain('c2VjcmV0LXRva2Vu');
  expect(sendErr.message).not.toContain(PASSWORD);
  return sendErr;
}

describe('ElksSmsProvider', () => {
  let elks: FakeElks;

  const provider = (overrides: Partial<ElksSmsProviderOptions> = {}): ElksSmsProvider =>
    new ElksSmsProvider({
      apiUrl: elks.url,
      user: USER,
      password: PASSWORD,
      from: 'Vikarie',
      deliveryReportUrl: (reference) => `http://127.0.0.1:9/api/v1/webhooks/46elks/delivery?key=k&delivery=${reference}`,
      timeoutMs: 2000,
      ...overrides,
    });

  beforeEach(async () => {
    elks = await startFakeElks({ user: USER, password: PASSWORD });
  });

  afterEach(async () => {
    await elks.close();
  });

  describe('send', () => {
    it('posts the form with basic auth and returns the 46elks id', async () => {
      const result = await provider().send({ to: '+46701234567', text: TEXT, reference: '42' });

      expect(elks.messages).toHaveLength(1);
      const [sms] = elks.messages;
      expect(result.providerMessageId).toBe(sms.id);
      expect(sms.id).toMatch(/^s[0-9a-f]{32}$/);
      expect(sms).toMatchObject({
        from: 'Vikarie',
        to: '+46701234567',
        message: TEXT,
        whendelivered: 'http://127.0.0.1:9/api/v1/webhooks/46elks/delivery?key=k&delivery=42',
      });
    });

    it('leaves out whendelivered when there is no report URL', async () => {
      await provider({ deliveryReportUrl: () => undefined }).send({ to: '+46701234567', text: 'Hej', reference: '1' });

      expect(elks.messages[0].whendelivered).toBeUndefined();
    });

    it('works with a trailing slash on the API URL', async () => {
      await provider({ apiUrl: `${elks.url}/` }).send({ to: '+46701234567', text: 'Hej', reference: '1' });

      expect(elks.messages).toHaveLength(1);
    });

    it('fails permanently on wrong credentials, without leaking them', async () => {
      const err = await sendError(provider({ password: 'wrong' }).send({ to: '+46701234567', text: TEXT, reference: '1' }));

      expect(err.retryable).toBe(false);
      expect(err.message).toContain('401');
      expect(elks.messages).toHaveLength(0);
    });

    it.each([500, 502, 503, 429])('is retryable on HTTP %i, and the next attempt goes through', async (status) => {
      elks.failNext(1, status);
      const sms = provider();

      const err = await sendError(sms.send({ to: '+46701234567', text: TEXT, reference: '1' }));
      expect(err.retryable).toBe(true);
      expect(err.message).toContain(String(status));
      expect(elks.messages).toHaveLength(0);

      await sms.send({ to: '+46701234567', text: TEXT, reference: '1' });
      expect(elks.messages).toHaveLength(1);
    });

    it.each([400, 403, 404, 422])('is permanent on HTTP %i', async (status) => {
      elks.failNext(1, status);

      const err = await sendError(provider().send({ to: '+46701234567', text: TEXT, reference: '1' }));

      expect(err.retryable).toBe(false);
    });

    it('is permanent when 46elks refuses the number', async () => {
      const err = await sendError(provider().send({ to: '0701234567', text: TEXT, reference: '1' }));

      expect(err.retryable).toBe(false);
      expect(err.message).toContain('Invalid to number');
    });

    it('keeps the message text out of the error even when the server echoes it', async () => {
      const echo = await startHttp((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(`Too long: ${new URLSearchParams(body).get('message')}`);
        });
      });
      try {
        await sendError(provider({ apiUrl: echo.url }).send({ to: '+46701234567', text: TEXT, reference: '1' }));
      } finally {
        await stopHttp(echo.server);
      }
    });

    it('is retryable when the API cannot be reached', async () => {
      const gone = await startHttp(() => undefined);
      await stopHttp(gone.server);

      const err = await sendError(provider({ apiUrl: gone.url }).send({ to: '+46701234567', text: TEXT, reference: '1' }));

      expect(err.retryable).toBe(true);
      expect(err.message).toContain('ECONNREFUSED');
    });

    it('is retryable when the API does not answer in time', async () => {
      const silent = await startHttp(() => undefined);
      try {
        const started = Date.now();
        const err = await sendError(provider({ apiUrl: silent.url, timeoutMs: 200 }).send({ to: '+46701234567', text: TEXT, reference: '1' }));

        expect(err.retryable).toBe(true);
        expect(err.message).toContain('timed out');
        expect(Date.now() - started).toBeLessThan(1500);
      } finally {
        await stopHttp(silent.server);
      }
    });
  });

  describe('listSentSince', () => {
    it('finds a message that was sent although its answer was lost', async () => {
      const since = new Date(Date.now() - 1000);
      elks.loseNextResponses(1);
      const sms = provider();

      const err = await sendError(sms.send({ to: '+46701234567', text: TEXT, reference: '7' }));
      expect(err.retryable).toBe(true);

      const sent = await sms.listSentSince(since);
      expect(sent).toEqual([{ providerMessageId: elks.messages[0].id, to: '+46701234567', text: TEXT, createdAt: elks.messages[0].created }]);
    });

    it('lists only outgoing messages created since the given time', async () => {
      const sms = provider();
      await sms.send({ to: '+46701111111', text: 'före', reference: '1' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const since = new Date();
      // Messages in the same millisecond as `since` are on the boundary, which this test is not about.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await sms.send({ to: '+46702222222', text: 'efter 1', reference: '2' });
      elks.receiveIncoming('+46702222222', '+46766860000', 'JA');
      await sms.send({ to: '+46703333333', text: 'efter 2', reference: '3' });

      const sent = await sms.listSentSince(since);

      expect(sent?.map((m) => m.text).sort()).toEqual(['efter 1', 'efter 2']);
      expect(await sms.listSentSince(new Date(Date.now() + 60_000))).toEqual([]);
    });

    it('follows the pages of the history', async () => {
      const since = new Date(Date.now() - 1000);
      const sms = provider({ deliveryReportUrl: () => undefined });
      for (let i = 0; i < 230; i++) {
        await sms.send({ to: '+46701234567', text: `meddelande ${i}`, reference: String(i) });
      }

      const sent = await sms.listSentSince(since);

      expect(sent).toHaveLength(230);
      expect(new Set(sent?.map((m) => m.providerMessageId))).toEqual(new Set(elks.messages.map((m) => m.id)));
    });

    it('gives null rather than a partial list when the history is longer than ten pages', async () => {
      const since = new Date(Date.now() - 1000);
      const sms = provider({ deliveryReportUrl: () => undefined });
      for (let i = 0; i < 1001; i++) {
        await sms.send({ to: '+46701234567', text: `meddelande ${i}`, reference: String(i) });
      }

      expect(await sms.listSentSince(since)).toBeNull();
    });

    it('gives null, not an error, when the history cannot be read', async () => {
      await provider().send({ to: '+46701234567', text: 'Hej', reference: '1' });

      expect(await provider({ password: 'wrong' }).listSentSince(new Date(0))).toBeNull();

      const gone = await startHttp(() => undefined);
      await stopHttp(gone.server);
      expect(await provider({ apiUrl: gone.url }).listSentSince(new Date(0))).toBeNull();
    });

    it('gives null when the history is not the 46elks shape', async () => {
      const odd = await startHttp((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items: [] }));
      });
      try {
        expect(await provider({ apiUrl: odd.url }).listSentSince(new Date(0))).toBeNull();
      } finally {
        await stopHttp(odd.server);
      }
    });
  });

  describe('parseDeliveryReport', () => {
    const id = 's17a6dafb12d6b1cabc053d57dac2b9d8';

    it('reads the form 46elks posts to whendelivered', async () => {
      let received = '';
      const webhook = await startHttp((req, res) => {
        req.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
        req.on('end', () => res.end('ok'));
      });
      try {
        const sms = provider({ deliveryReportUrl: (reference) => `${webhook.url}/dlr?delivery=${reference}` });
        const { providerMessageId } = await sms.send({ to: '+46701234567', text: 'Hej', reference: '9' });

        expect(await elks.sendDeliveryReport(providerMessageId, 'delivered')).toBe(200);
        expect(sms.parseDeliveryReport(received)).toEqual({ providerMessageId, status: 'delivered' });
      } finally {
        await stopHttp(webhook.server);
      }
    });

    it.each(['sent', 'delivered', 'failed'] as const)('accepts status %s from a parsed body, ignoring unknown fields', (status) => {
      expect(provider().parseDeliveryReport({ id, status, delivered: '2026-11-22T08:00:00Z', extra: 'x' })).toEqual({ providerMessageId: id, status });
    });

    it('accepts a raw or URLSearchParams body', () => {
      const raw = `id=${id}&status=failed`;
      expect(provider().parseDeliveryReport(raw)).toEqual({ providerMessageId: id, status: 'failed' });
      expect(provider().parseDeliveryReport(Buffer.from(raw))).toEqual({ providerMessageId: id, status: 'failed' });
      expect(provider().parseDeliveryReport(new URLSearchParams(raw))).toEqual({ providerMessageId: id, status: 'failed' });
    });

    it.each<[string, unknown]>([
      ['no body', undefined],
      ['null', null],
      ['a number', 42],
      ['an array', [id, 'delivered']],
      ['a missing id', { status: 'delivered' }],
      ['an empty id', { id: '', status: 'delivered' }],
      ['an id with odd characters', { id: 's1/../x', status: 'delivered' }],
      ['a repeated id', { id: [id, id], status: 'delivered' }],
      ['a repeated id in a raw body', `id=${id}&id=s2&status=delivered`],
      ['a missing status', { id }],
      ['an unknown status', { id, status: 'created' }],
      ['a status in the wrong case', { id, status: 'Delivered' }],
      ['a status that is not text', { id, status: 1 }],
    ])('rejects %s', (_name, body) => {
      expect(provider().parseDeliveryReport(body)).toBeNull();
    });
  });
});

describe('46elks timestamps', () => {
  it('reads a timestamp without a zone as UTC', () => {
    expect(parseElksTimestamp('2017-03-14T09:52:07.302000')?.toISOString()).toBe('2017-03-14T09:52:07.302Z');
    expect(parseElksTimestamp('2027-07-01T23:59:59')?.toISOString()).toBe('2027-07-01T23:59:59.000Z');
  });

  it('honours an explicit zone', () => {
    expect(parseElksTimestamp('2017-03-14T09:52:10Z')?.toISOString()).toBe('2017-03-14T09:52:10.000Z');
    expect(parseElksTimestamp('2017-03-14T10:52:10+01:00')?.toISOString()).toBe('2017-03-14T09:52:10.000Z');
  });

  it('rejects what is not a timestamp', () => {
    expect(parseElksTimestamp('yesterday')).toBeNull();
    expect(parseElksTimestamp('')).toBeNull();
    expect(parseElksTimestamp('2027-02-30T10:00:00')).toBeNull();
    expect(parseElksTimestamp('2027-01-01T24:00:00')).toBeNull();
  });

  it('writes the 46elks form', () => {
    expect(formatElksTimestamp(new Date('2017-03-14T09:52:07.302Z'))).toBe('2017-03-14T09:52:07.302000');
  });
});
