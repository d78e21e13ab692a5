import { Agent, request } from 'node:http';

export interface Answer<T> {
  status: number;
  /** The parsed JSON, of the shape the caller expects (unchecked): the contract tests hold the shapes. */
  body: T;
  /** Wall-clock times (ms since the epoch) of the request's start and of its answer's last byte. */
  sentAt: number;
  answeredAt: number;
  /** The round trip, from a monotonic clock. */
  ms: number;
}

/**
 * JSON over HTTP/1.1 with kept-alive connections: the load client does as little per request as it can
 * (no new connection, no request library), so that its own CPU takes as little as possible from the service.
 */
export class JsonClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(baseUrl: string, connections: number) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  send<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, token?: string): Promise<Answer<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const sentAt = Date.now();
      const began = performance.now();
      const req = request({ host: this.url.hostname, port: this.url.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const ms = performance.now() - began;
          const text = Buffer.concat(chunks).toString('utf8');
          const json = (res.headers['content-type'] ?? '').includes('json') && text !== '';
          resolve({ status: res.statusCode ?? 0, body: (json ? JSON.parse(text) : text) as T, sentAt, answeredAt: Date.now(), ms });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
