import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { clientAddress } from './client-address';

/** The general request limit per client address (an IPv6 /64 counts as one); sign-in has limits of its own. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return clientAddress(typeof req.ip === 'string' ? req.ip : undefined);
  }
}
