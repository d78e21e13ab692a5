import { Injectable } from '@nestjs/common';
import { clientAddress } from '../common/client-address';
import { rateLimited } from '../common/errors';
import { RateLimiter } from '../redis/rate-limiter';

/** Wrong passwords an account may have in an hour before it is locked, for longer each time. */
const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_SECONDS = 30;
const LONGEST_LOCK_SECONDS = 3600;
/** Wrong passwords from one address (an IPv6 /64) in a quarter of an hour: many people may share one. */
const FAILURES_PER_ADDRESS = 50;

/**
 * Password guessing, counted in Redis so that every replica sees the same counts: per account whatever the
 * address (a lock after 5 wrong passwords, doubling from 30 seconds to an hour, so the owner gets back in
 * after the backoff), and per address across accounts.
 */
@Injectable()
export class SignInAttempts {
  constructor(private readonly limits: RateLimiter) {}

  /** Before checking a password: 429 while the account is locked or the address has guessed too much. */
  async assertMayTry(email: string, ip: string | undefined): Promise<void> {
    const locked = await this.limits.lockedFor(accountKey(email));
    if (locked > 0) throw rateLimited(locked);
    const address = await this.limits.hit({ key: `login-address:${clientAddress(ip)}`, limit: FAILURES_PER_ADDRESS, windowSeconds: 900 });
    if (!address.allowed) throw rateLimited(address.retryAfterSeconds);
  }

  /** A wrong password: from the fifth in an hour the account is locked, twice as long each time. */
  async failed(email: string): Promise<void> {
    const { count } = await this.limits.hit({ key: `login-account:${accountKey(email)}`, limit: FAILURES_BEFORE_LOCK, windowSeconds: 3600 });
    if (count >= FAILURES_BEFORE_LOCK) {
      await this.limits.lock(accountKey(email), Math.min(LONGEST_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (count - FAILURES_BEFORE_LOCK)));
    }
  }

  async succeeded(email: string): Promise<void> {
    await this.limits.reset(`login-account:${accountKey(email)}`);
  }
}

const accountKey = (email: string) => email.trim().toLowerCase();
