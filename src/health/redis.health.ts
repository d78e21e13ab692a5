import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../common/with-timeout';
import { JobQueue } from '../queue/job-queue';

/** Terminus has no Redis check without the microservices package: a PING over the queue's own connection. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly jobs: JobQueue,
  ) {}

  async isHealthy(key: string, timeoutMs = 1000) {
    const indicator = this.health.check(key);
    try {
      await withTimeout(this.jobs.ping(), timeoutMs);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
