import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A local SMTP server that keeps what it receives, with a MIME parser for what nodemailer writes. */

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
        try {
          const raw = Buffer.concat(chunks);
          const envelopeFrom = session.envelope.mailFrom;
          messages.push({
            ...parseEmail(raw),
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: envelopeFrom ? envelopeFrom.address : '',
          });
          for (const wake of [...waiters]) wake();
          callback();
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
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

// --- A small MIME parser: enough for nodemailer's output, not for mail in general. ---

interface MimePart {
  headers: Map<string, string>;
  /** the body as a binary string: one char per byte */
  body: string;
}

interface HeaderValue {
  value: string;
  params: Map<string, string>;
}

export function parseEmail(raw: Buffer): Omit<CaughtEmail, 'to' | 'from'> {
  const root = splitPart(raw.toString('latin1'));
  const result: Omit<CaughtEmail, 'to' | 'from'> = {
    subject: decodeWords(root.headers.get('subject') ?? ''),
    text: '',
    attachments: [],
    raw: raw.toString('utf8'),
  };
  const messageId = root.headers.get('message-id');
  if (messageId !== undefined) result.messageId = messageId.trim();

  const visit = (part: MimePart): void => {
    const type = parseHeaderValue(part.headers.get('content-type') ?? 'text/plain');
    const mediaType = type.value.toLowerCase();
    if (mediaType.startsWith('multipart/')) {
      const boundary = type.params.get('boundary');
      if (boundary === undefined) throw new Error('multipart without boundary');
      splitMultipart(part.body, boundary).forEach(visit);
      return;
    }
    const disposition = parseHeaderValue(part.headers.get('content-disposition') ?? 'inline');
    const filename = disposition.params.get('filename') ?? type.params.get('name');
    const content = decodeCharset(decodeTransfer(part), type.params.get('charset'));
    if (disposition.value.toLowerCase() === 'attachment' || filename !== undefined) {
      result.attachments.push({ filename: filename ?? '', contentType: mediaType, content });
    } else if (mediaType === 'text/plain' && result.text === '') {
      result.text = content.replace(/\r\n/g, '\n');
    } else if (mediaType === 'text/html' && result.html === undefined) {
      result.html = content.replace(/\r\n/g, '\n');
    }
  };
  visit(root);
  return result;
}

function splitPart(source: string): MimePart {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match ? source.slice(0, match.index) : source;
  const body = match ? source.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  // Unfold continuation lines, then keep the first of each header.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // Raw 8-bit header bytes are taken as UTF-8; encoded words are plain ASCII and unaffected.
    if (!headers.has(name)) headers.set(name, Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8'));
  }
  return { headers, body };
}

function splitMultipart(body: string, boundary: string): MimePart[] {
  const parts: MimePart[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}` || trimmed === `--${boundary}--`) {
      if (current !== undefined) parts.push(splitPart(current.join('\r\n')));
      if (trimmed === `--${boundary}--`) return parts;
      current = [];
    } else if (current !== undefined) {
      current.push(line);
    }
  }
  throw new Error(`multipart ${boundary} has no closing delimiter`);
}

/** `text/plain; charset=utf-8; name="a.ics"`, with RFC 2231 `name*=utf-8''...` and `name*0*=` continuations. */
function parseHeaderValue(header: string): HeaderValue {
  const [value, ...rest] = splitOutsideQuotes(header, ';');
  const params = new Map<string, string>();
  const continued = new Map<string, { index: number; text: string; encoded: boolean }[]>();
  let charset = 'utf-8';
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    const key = param.slice(0, eq).trim().toLowerCase();
    let text = param.slice(eq + 1).trim();
    if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).replace(/\\(.)/g, '$1');
    const extended = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (extended === null || (extended[2] === undefined && extended[3] === undefined)) {
      params.set(key, decodeWords(text));
      continue;
    }
    const [, name, index = '0', star] = extended;
    if (star !== undefined && index === '0') {
      const charsetMatch = /^([^']*)'[^']*'(.*)$/.exec(text);
      if (charsetMatch) {
        charset = charsetMatch[1] || charset;
        text = charsetMatch[2];
      }
    }
    const pieces = continued.get(name) ?? [];
    pieces.push({ index: Number(index), text, encoded: star !== undefined });
    continued.set(name, pieces);
  }
  for (const [name, pieces] of continued) {
    const bytes = pieces
      .sort((a, b) => a.index - b.index)
      .map((p) => (p.encoded ? p.text.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : p.text))
      .join('');
    params.set(name, decodeCharset(bytes, charset));
  }
  return { value: value.trim(), params };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quoted) {
      current += ch + (text[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (ch === separator && !quoted) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/** The body's bytes (as a binary string) after undoing Content-Transfer-Encoding. */
function decodeTransfer(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const body = part.body;
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (encoding === 'quoted-printable') {
    return body
      .replace(/[ \t]+(?=\r?\n)/g, '')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return body;
}

function decodeCharset(binary: string, charset = 'utf-8'): string {
  const bytes = Buffer.from(binary, 'latin1');
  try {
    return new TextDecoder(charset.toLowerCase(), { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`cannot decode ${bytes.length} bytes as ${charset}`);
  }
}

/**
 * RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=). Adjacent words are joined before
 * decoding: the whitespace between them is not part of the text, and a character may span two words.
 */
export function decodeWords(header: string): string {
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  let out = '';
  let pending: { charset: string; bytes: string } | undefined;
  let last = 0;
  const flush = (): void => {
    if (pending) out += decodeCharset(pending.bytes, pending.charset);
    pending = undefined;
  };
  for (let m = word.exec(header); m !== null; m = word.exec(header)) {
    const between = header.slice(last, m.index);
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const [, rawCharset, encoding, text] = m;
    const charset = rawCharset.replace(/\*.*$/, '').toLowerCase();
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('latin1')
        : text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_s, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (pending && pending.charset === charset) pending.bytes += bytes;
    else {
      flush();
      pending = { charset, bytes };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + header.slice(last);
}
