import { OutgoingSms, SentSmsRecord, SmsDeliveryStatus, SmsProvider, SmsSendError } from './sms-provider';

export interface ElksSmsProviderOptions {
  apiUrl: string;
  user: string;
  password: string;
  from: string;
  /** URL 46elks posts delivery reports to for this delivery, or undefined for none */
  deliveryReportUrl: (reference: string) => string | undefined;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_HISTORY_PAGES = 10;
const PAGE_SIZE = 100;
const ELKS_ID = /^[A-Za-z0-9]{1,64}$/;
const DELIVERY_STATUSES: readonly SmsDeliveryStatus[] = ['sent', 'delivered', 'failed'];

/** SMS through the 46elks REST API (https://46elks.com/docs/send-sms). */
export class ElksSmsProvider implements SmsProvider {
  readonly name = '46elks';
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly secrets: readonly string[];
  private readonly from: string;
  private readonly deliveryReportUrl: (reference: string) => string | undefined;
  private readonly timeoutMs: number;

  constructor(options: ElksSmsProviderOptions) {
    this.baseUrl = options.apiUrl.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`, 'utf8').toString('base64')}`;
    this.secrets = [options.password, this.authorization].filter((s) => s !== '');
    this.from = options.from;
    this.deliveryReportUrl = options.deliveryReportUrl;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async send(message: OutgoingSms): Promise<{ providerMessageId: string }> {
    const form = new URLSearchParams({ from: this.from, to: message.to, message: message.text });
    const reportUrl = this.deliveryReportUrl(message.reference);
    if (reportUrl) form.set('whendelivered', reportUrl);

    let status: number;
    let body: string;
    try {
      // Redirects are not followed: a POST turned into a GET would look like a success.
      const response = await fetch(`${this.baseUrl}/a1/sms`, {
        method: 'POST',
        headers: {
          authorization: this.authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      body = await response.text();
    } catch (err) {
      // The request may have reached 46elks: the caller must reconcile before sending again.
      throw new SmsSendError(`46elks send failed: ${describeFetchError(err, this.timeoutMs)}`, true);
    }

    if (status < 200 || status > 299) {
      const detail = errorDetail(body, [message.text, ...this.secrets]);
      throw new SmsSendError(`46elks send failed: HTTP ${status}${detail}`, isRetryableStatus(status));
    }
    const id = readMessageId(body);
    if (id === null) {
      throw new SmsSendError(`46elks send answered HTTP ${status} without a message id`, true);
    }
    return { providerMessageId: id };
  }

  async listSentSince(since: Date): Promise<SentSmsRecord[] | null> {
    const found = new Map<string, SentSmsRecord>();
    let before: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      // 46elks's names are easy to misread: `end` keeps messages created after it, `start` those
      // created before it, and `next` is the `start` of the following (older) page.
      const query = new URLSearchParams({ end: formatElksTimestamp(since), limit: String(PAGE_SIZE) });
      if (before !== undefined) query.set('start', before);
      const history = parseHistoryPage(await this.getJson(`/a1/sms?${query.toString()}`));
      if (history === null) return null;

      let reachedSince = false;
      for (const record of history.data) {
        if (record.createdAt !== null && record.createdAt < since) {
          reachedSince = true;
          continue;
        }
        if (record.direction !== 'outgoing') continue;
        if (record.createdAt === null) return null;
        found.set(record.id, { providerMessageId: record.id, to: record.to, text: record.message, createdAt: record.createdAt });
      }
      if (history.next === undefined || history.data.length === 0 || reachedSince) return [...found.values()];
      before = history.next;
    }
    // More pages than we read: an incomplete list could make the caller send a second time.
    return null;
  }

  parseDeliveryReport(body: unknown): { providerMessageId: string; status: SmsDeliveryStatus } | null {
    const fields = readFormFields(body);
    if (fields === null) return null;
    const id = fields.get('id');
    const status = fields.get('status');
    if (id === undefined || !ELKS_ID.test(id)) return null;
    if (!isDeliveryStatus(status)) return null;
    return { providerMessageId: id, status };
  }

  /** The parsed JSON body of a successful GET, or undefined on any failure. */
  private async getJson(pathAndQuery: string): Promise<unknown> {
    try {
      const response = await fetch(`${this.baseUrl}${pathAndQuery}`, {
        headers: { authorization: this.authorization, accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        return undefined;
      }
      return (await response.json()) as unknown;
    } catch {
      return undefined;
    }
  }
}

/** 46elks writes UTC without a zone and with microseconds: `2017-03-14T09:52:07.302000`. */
export function formatElksTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '000');
}

/** Reads a 46elks timestamp; one without a zone is UTC (JavaScript would read it as local time). */
export function parseElksTimestamp(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  if (m === null) return null;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = m;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  // Date.UTC rolls 2027-02-30 over into March; such a value is not a timestamp.
  if (new Date(utc).toISOString().slice(0, 19) !== `${year}-${month}-${day}T${hour}:${minute}:${second}`) return null;
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

interface HistoryRecord {
  id: string;
  to: string;
  message: string;
  direction: string;
  createdAt: Date | null;
}

function parseHistoryPage(body: unknown): { data: HistoryRecord[]; next?: string } | null {
  if (!isObject(body) || !Array.isArray(body.data)) return null;
  const data: HistoryRecord[] = [];
  for (const item of body.data as unknown[]) {
    if (!isObject(item)) return null;
    const { id, to, message, direction, created } = item;
    if (direction === 'outgoing' && (typeof id !== 'string' || typeof to !== 'string' || typeof message !== 'string')) {
      return null;
    }
    data.push({
      id: String(id),
      to: String(to),
      message: String(message),
      direction: typeof direction === 'string' ? direction : '',
      createdAt: typeof created === 'string' ? parseElksTimestamp(created) : null,
    });
  }
  const next = typeof body.next === 'string' && body.next !== '' ? body.next : undefined;
  return { data, next };
}

function readMessageId(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return isObject(parsed) && typeof parsed.id === 'string' && ELKS_ID.test(parsed.id) ? parsed.id : null;
  } catch {
    return null;
  }
}

/** Form fields from a raw body or an already parsed one; null when a field is repeated or not text. */
function readFormFields(body: unknown): Map<string, string> | null {
  let params: URLSearchParams | undefined;
  if (typeof body === 'string') params = new URLSearchParams(body);
  else if (Buffer.isBuffer(body)) params = new URLSearchParams(body.toString('utf8'));
  else if (body instanceof URLSearchParams) params = body;

  const fields = new Map<string, string>();
  if (params !== undefined) {
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key);
      if (values.length === 1) fields.set(key, values[0]);
      else if (key === 'id' || key === 'status') return null;
    }
    return fields;
  }
  if (!isObject(body) || Array.isArray(body)) return null;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') fields.set(key, value);
  }
  return fields;
}

function isDeliveryStatus(value: string | undefined): value is SmsDeliveryStatus {
  return DELIVERY_STATUSES.includes(value as SmsDeliveryStatus);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors come from another realm under Jest, so instanceof Error fails there.
  const name = isObject(err) ? err.name : undefined;
  if (name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (name === 'AbortError') return 'aborted';
  const cause = isObject(err) && isObject(err.cause) ? err.cause : undefined;
  const code = typeof cause?.code === 'string' && /^[A-Z0-9_]+$/.test(cause.code) ? cause.code : undefined;
  return code ? `network error (${code})` : 'network error';
}

/** A short excerpt of an error body, without anything that could carry a secret link or credentials. */
function errorDetail(body: string, secrets: readonly string[]): string {
  if (secrets.some((secret) => secret !== '' && body.includes(secret))) return '';
  const text = body
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[url]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return text === '' ? '' : `: ${text}`;
}
