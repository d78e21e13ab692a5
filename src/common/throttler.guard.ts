import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

const LOGIN_PATH = '/api/v1/auth/login';

/**
 * Limits per client address, and sign-in per address and account: password guessing against one account
 * is slowed, while a team behind one address signing in to many accounts is not.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req.body as { email?: unknown } | undefined;
    const ip = String(req.ip ?? '');
    return req.path === LOGIN_PATH && typeof body?.email === 'string' ? `${ip}|${body.email.trim().toLowerCase()}` : ip;
  }
}
