import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local HTTP server that speaks the part of the 46elks API we use
 * (https://46elks.com/docs/send-sms, /docs/sms-history, /docs/sms-delivery-reports).
 */

export interface FakeElksMessage {
  id: string;
  from: string;
  to: string;
  message: string;
  whendelivered?: string;
  created: Date;
}

export interface FakeElks {
  /** base URL, to use as SMS_API_URL */
  url: string;
  /** outgoing messages that 46elks accepted, oldest first */
  messages: FakeElksMessage[];
  /** the next `count` POSTs to /a1/sms answer `status` (default 500) and are not stored */
  failNext(count: number, status?: number): void;
  /**
   * The next `count` POSTs to /a1/sms are stored (sent) but the connection is cut before the answer:
   * a send of unknown outcome.
   */
  loseNextResponses(count: number): void;
  /** an incoming SMS (a reply), listed by GET /a1/sms with direction "incoming" */
  receiveIncoming(from: string, to: string, message: string): void;
  /** resolves when at least n messages have arrived, rejects after timeoutMs */
  waitForMessages(n: number, timeoutMs?: number): Promise<void>;
  /** POSTs a delivery report to that message's whendelivered URL and returns the HTTP status */
  sendDeliveryReport(id: string, status: 'delivered' | 'failed'): Promise<number>;
  close(): Promise<void>;
}

interface StoredSms extends FakeElksMessage {
  direction: 'outgoing' | 'incoming';
  status: 'created' | 'sent' | 'delivered' | 'failed' | 'received';
  delivered?: Date;
}

const PAGE_SIZE = 100;
const MAX_BODY_BYTES = 64 * 1024;
const E164 = /^\+[1-9]\d{5,14}$/;
const SENDER = /^(?:[A-Za-z][A-Za-z0-9]{2,10}|\+[1-9]\d{5,14})$/;

export async function startFakeElks(options: { user?: string; password?: string } = {}): Promise<FakeElks> {
  const expectedAuthorization = `Basic ${Buffer.from(`${options.user ?? 'elks-user'}:${options.password ?? 'elks-password'}`).toString('base64')}`;
  const messages: FakeElksMessage[] = [];
  const all: StoredSms[] = [];
  const failures: number[] = [];
  let responsesToLose = 0;
  const waiters = new Set<() => void>();
  let lastCreated = 0;

  // Strictly increasing, so that paging by timestamp is unambiguous.
  const nextCreated = (): Date => {
    lastCreated = Math.max(Date.now(), lastCreated + 1);
    return new Date(lastCreated);
  };

  const store = (sms: StoredSms): void => {
    all.push(sms);
    if (sms.direction === 'outgoing') {
      const { id, from, to, message, whendelivered, created } = sms;
      messages.push(whendelivered === undefined ? { id, from, to, message, created } : { id, from, to, message, whendelivered, created });
      for (const wake of [...waiters]) wake();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake-elks');
    if (url.pathname !== '/a1/sms') return text(res, 404, 'Not found');
    if (req.headers.authorization !== expectedAuthorization) {
      res.setHeader('www-authenticate', 'Basic realm="46elks"');
      return text(res, 401, 'Authorization required');
    }

    if (req.method === 'GET') {
      let page: ReturnType<typeof listPage>;
      try {
        page = listPage(all, url.searchParams);
      } catch {
        return text(res, 400, 'Invalid start or end');
      }
      return json(res, 200, page);
    }
    if (req.method !== 'POST') return text(res, 405, 'Method not allowed');

    const body = await readBody(req);
    const failure = failures.shift();
    if (failure !== undefined) return text(res, failure, 'Simulated failure');

    const form = new URLSearchParams(body);
    for (const key of ['from', 'to', 'message']) {
      if (!form.get(key)) return text(res, 400, `Missing key ${key}`);
    }
    const from = form.get('from') as string;
    const to = form.get('to') as string;
    const message = form.get('message') as string;
    if (!E164.test(to)) return text(res, 400, 'Invalid to number');
    if (!SENDER.test(from)) return text(res, 400, 'Invalid from');
    const whendelivered = form.get('whendelivered') || undefined;

    const sms: StoredSms = { id: `s${randomBytes(16).toString('hex')}`, from, to, message, whendelivered, created: nextCreated(), direction: 'outgoing', status: 'created' };
    store(sms);

    if (responsesToLose > 0) {
      responsesToLose -= 1;
      req.socket.destroy();
      return;
    }
    json(res, 200, { status: 'created', direction: 'outgoing', from, to, message, created: elksTime(sms.created), parts: 1, cost: 3500, id: sms.id });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) text(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    messages,

    failNext(count: number, status = 500): void {
      for (let i = 0; i < count; i++) failures.push(status);
    },

    loseNextResponses(count: number): void {
      responsesToLose += count;
    },

    receiveIncoming(from: string, to: string, message: string): void {
      store({ id: `s${randomBytes(16).toString('hex')}`, from, to, message, created: nextCreated(), direction: 'incoming', status: 'received' });
    },

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
          reject(new Error(`fake 46elks: expected ${n} SMS, got ${messages.length} after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },

    async sendDeliveryReport(id: string, status: 'delivered' | 'failed'): Promise<number> {
      const sms = all.find((m) => m.id === id && m.direction === 'outgoing');
      if (sms === undefined) throw new Error(`fake 46elks: no message ${id}`);
      if (sms.whendelivered === undefined) throw new Error(`fake 46elks: message ${id} has no whendelivered URL`);

      const form = new URLSearchParams({ id, status });
      if (status === 'delivered') {
        sms.delivered = new Date();
        form.set('delivered', sms.delivered.toISOString().replace(/\.\d+Z$/, 'Z'));
      }
      sms.status = status;

      // 46elks accepts https://user:pass@host/... URLs; fetch refuses credentials in the URL.
      const target = new URL(sms.whendelivered);
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (target.username !== '' || target.password !== '') {
        const credentials = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
        headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
        target.username = '';
        target.password = '';
      }
      const response = await fetch(target, { method: 'POST', headers, body: form.toString(), signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      return response.status;
    },

    close(): Promise<void> {
      for (const wake of [...waiters]) waiters.delete(wake);
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/**
 * GET /a1/sms: newest first. As in 46elks, `start` keeps messages created at or before it,
 * `end` those created after it, and `next` is the `start` of the following page.
 */
function listPage(all: StoredSms[], query: URLSearchParams): { data: unknown[]; next?: string } {
  const start = query.get('start') ? parseTime(query.get('start') as string) : undefined;
  const end = query.get('end') ? parseTime(query.get('end') as string) : undefined;
  const to = query.get('to');
  const limit = Math.min(PAGE_SIZE, Math.max(1, Number(query.get('limit')) || PAGE_SIZE));

  const matching = all
    .filter((m) => (start === undefined || m.created.getTime() <= start) && (end === undefined || m.created.getTime() > end) && (!to || m.to === to))
    .sort((a, b) => b.created.getTime() - a.created.getTime());
  const data = matching.slice(0, limit).map((m) => ({
    id: m.id,
    created: elksTime(m.created),
    direction: m.direction,
    from: m.from,
    to: m.to,
    message: m.message,
    status: m.status,
    ...(m.delivered ? { delivered: m.delivered.toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
    ...(m.direction === 'outgoing' ? { cost: 3500 } : {}),
  }));
  return matching.length > limit ? { data, next: elksTime(matching[limit].created) } : { data };
}

/** 46elks timestamps are UTC without a zone, with microseconds. */
function elksTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '000');
}

function parseTime(value: string): number {
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const time = Date.parse(withZone.replace(' ', 'T'));
  if (Number.isNaN(time)) throw new Error(`bad timestamp ${value}`);
  return time;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
