import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

const POLL_MS = 2_000;
const HEARTBEAT_MS = 20_000;
/** A page left open all day reconnects now and then, and is re-authorised when it does. */
const MAX_STREAM_MS = 30 * 60_000;

/** A short name for a state of what a page shows; the page puts it in its events URL as `?version=`. */
export function liveVersion(state: unknown): string {
  return createHash('sha256').update(JSON.stringify(state)).digest('hex').slice(0, 16);
}

/** The version a page was rendered with, from its events URL; undefined when it is not one. */
export function versionParam(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value) ? value : undefined;
}

/**
 * Answers with server-sent events: "change" whenever `version()` differs from `shown`, the version the
 * page was rendered with, so that a change between the page's render and this stream's start is not lost.
 * It polls PostgreSQL, which every process writes to, so a change made by a worker is seen as surely as one
 * made by this api; at a few small reads every two seconds per open page.
 */
export function streamChanges(req: Request, res: Response, shown: string, version: () => Promise<string>): void {
  res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  res.write('retry: 5000\n\n');
  let last = shown;
  let polling = false;
  const check = () => {
    if (polling) return;
    polling = true;
    version()
      .then((now) => {
        if (now !== last) {
          last = now;
          res.write('event: change\ndata: {}\n\n');
        }
      })
      .catch(() => stop())
      .finally(() => (polling = false));
  };
  check();
  const poll = setInterval(check, POLL_MS);
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
  const limit = setTimeout(() => stop(), MAX_STREAM_MS);
  function stop(): void {
    clearInterval(poll);
    clearInterval(heartbeat);
    clearTimeout(limit);
    res.end();
  }
  req.on('close', stop);
}
