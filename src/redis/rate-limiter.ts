import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { rateLimited } from '../common/errors';
import { withTimeout } from '../common/with-timeout';
import { AppConfig } from '../config/app-config';
import { REDIS } from './redis-client';

/** Counts a hit in the key's window and returns the count and the milliseconds left of the window. */
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }`;

export interface RateLimit {
  /** What is counted, e.g. `code-address:203.0.113.7`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every replica. When Redis does not answer, a hit is let through
 * and logged: the limits that guard cost also have a count in PostgreSQL behind them.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Counts a hit: the count in the window so far, and whether it is within the limit. */
  async hit(limit: RateLimit): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
    try {
      const [count, ttl] = (await withTimeout(this.redis.eval(HIT, 1, this.keyOf(limit.key), limit.windowSeconds * 1000), 300)) as [number, number];
      return { allowed: count <= limit.limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch (error) {
      this.logger.warn(`Rate limit ${limit.key.split(':')[0]} not counted (${(error as Error).message}); let through`);
      return { allowed: true, count: 0, retryAfterSeconds: 0 };
    }
  }

  /** Counts a hit and throws 429, with Retry-After, past the limit. */
  async enforce(limit: RateLimit): Promise<void> {
    const { allowed, retryAfterSeconds } = await this.hit(limit);
    if (!allowed) throw rateLimited(retryAfterSeconds);
  }

  /** Seconds left of a lock on `key`, 0 when there is none (or Redis does not answer). */
  async lockedFor(key: string): Promise<number> {
    const ttl = await this.safely(() => this.redis.pttl(this.keyOf(`lock:${key}`)), -2);
    return ttl > 0 ? Math.ceil(ttl / 1000) : 0;
  }

  /** Locks `key` for the seconds given. */
  async lock(key: string, seconds: number): Promise<void> {
    await this.safely(() => this.redis.set(this.keyOf(`lock:${key}`), '1', 'EX', seconds), null);
  }

  /** Forgets the count of a limit (after a success, say). */
  async reset(key: string): Promise<void> {
    await this.safely(() => this.redis.del(this.keyOf(key)), 0);
  }

  private keyOf(key: string): string {
    return `${this.config.QUEUE_PREFIX}:rl:${key}`;
  }

  private async safely<T>(command: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await withTimeout(command(), 300);
    } catch (error) {
      this.logger.warn(`Rate limit state not read or written (${(error as Error).message})`);
      return fallback;
    }
  }
}
