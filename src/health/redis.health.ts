import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { QUEUES } from '../queue/queues';
import { withTimeout } from '../common/with-timeout';

/** Terminus has no Redis check without the microservices package: a PING over the queue's own connection. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue,
  ) {}

  async isHealthy(key: string, timeoutMs = 1000) {
    const indicator = this.health.check(key);
    try {
      const ping = this.queue.client.then((client) => (client as unknown as { ping(): Promise<string> }).ping());
      await withTimeout(ping, timeoutMs);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
