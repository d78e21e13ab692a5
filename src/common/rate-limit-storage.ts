import { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Counter {
  /** The fixed window the counts belong to: Math.floor(time / ttl). */
  window: number;
  current: number;
  previous: number;
  blockedUntil: number;
}

/**
 * The general per-client limit's counts, in constant time per request: a sliding window estimated from two
 * fixed ones (the hits of the window before, weighted by how much of it the last `ttl` still covers, plus
 * this window's). The throttler's own storage keeps a timestamp per hit and filters them all on every
 * request, so a busy address (a mobile operator's NAT, the bench's client) paid for every request it made
 * in the last minute: at 20,000 a minute that was the api's most expensive library. A client over the limit
 * is refused until `blockDuration` has passed. The estimate takes the last window's hits as spread evenly
 * over it, so a burst at a window's start weighs on the next window a little longer than it should.
 */
export class SlidingWindowStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly counters = new Map<string, Counter>();
  private sweep?: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const window = Math.floor(now / ttl);
    const counter = this.counterOf(key, window, ttl);
    const timeToExpire = Math.ceil(((window + 1) * ttl - now) / 1000);
    if (now < counter.blockedUntil) {
      return { totalHits: limit + 1, timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil((counter.blockedUntil - now) / 1000) };
    }
    const previousShare = 1 - (now - window * ttl) / ttl;
    const totalHits = Math.floor(counter.previous * previousShare) + counter.current + 1;
    if (totalHits <= limit) {
      counter.current += 1;
      return { totalHits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
    }
    // Refused requests are not counted: the block is what holds the client back.
    counter.blockedUntil = now + Math.max(blockDuration, 1);
    return { totalHits, timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil(Math.max(blockDuration, 1) / 1000) };
  }

  /** Clients counted (for tests). */
  get size(): number {
    return this.counters.size;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  private counterOf(key: string, window: number, ttl: number): Counter {
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { window, current: 0, previous: 0, blockedUntil: 0 };
      this.counters.set(key, counter);
      this.sweepEvery(ttl);
    } else if (counter.window !== window) {
      counter.previous = counter.window === window - 1 ? counter.current : 0;
      counter.current = 0;
      counter.window = window;
    }
    return counter;
  }

  /** Forgets clients that made no request for two windows and are not blocked. */
  forgetIdle(ttl: number): void {
    const now = this.now();
    const window = Math.floor(now / ttl);
    for (const [key, counter] of this.counters) if (counter.window < window - 1 && counter.blockedUntil <= now) this.counters.delete(key);
  }

  private sweepEvery(ttl: number): void {
    if (this.sweep) return;
    this.sweep = setInterval(() => this.forgetIdle(ttl), ttl);
    this.sweep.unref();
  }
}
