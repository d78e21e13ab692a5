import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { MatchingService } from '../matching/matching.service';
import { DeliveryService, RetryLater } from '../notifications/delivery.service';
import { OffersService } from '../offers/offers.service';
import { OutboxService } from '../outbox/outbox.service';
import { JOBS, QueueName, QUEUES } from './queues';
import { redisOptions } from './redis-options';
import { WaveScheduler } from './wave-scheduler';

/**
 * The worker's BullMQ consumers and its sweep. Which queues run is chosen by WORKER_QUEUES, so matching and
 * notifications can scale apart. The sweep runs on a timer, not as a repeatable job, so that wiping Redis
 * cannot stop the relay that refills it.
 */
@Injectable()
export class JobRunner implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly workers: Worker[] = [];
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly matching: MatchingService,
    private readonly delivery: DeliveryService,
    private readonly offers: OffersService,
    private readonly outbox: OutboxService,
    private readonly waves: WaveScheduler,
  ) {}

  onModuleInit(): void {
    const selected = this.config.WORKER_QUEUES.split(',').map((q) => q.trim()).filter(Boolean);
    const runs = (queue: QueueName) => selected.length === 0 || selected.includes(queue);
    const handlers: Partial<Record<QueueName, (job: Job) => Promise<unknown>>> = {
      [QUEUES.matching]: (job) => this.handleMatching(job),
      [QUEUES.notifications]: (job) => this.delivery.deliver(job.data.notificationId, job.data.outboxId),
    };
    for (const [queue, handler] of Object.entries(handlers) as [QueueName, (job: Job) => Promise<unknown>][]) {
      if (!runs(queue)) continue;
      const worker = new Worker(queue, handler, {
        connection: { ...redisOptions(this.config.REDIS_URL), maxRetriesPerRequest: null },
        prefix: this.config.QUEUE_PREFIX,
        concurrency: queue === QUEUES.notifications ? 20 : 5,
        lockDuration: this.config.JOB_LOCK_MS,
        stalledInterval: Math.max(1000, Math.floor(this.config.JOB_LOCK_MS / 2)),
      });
      worker.on('failed', (job, error) => {
        const log = error instanceof RetryLater ? this.logger.debug.bind(this.logger) : this.logger.warn.bind(this.logger);
        log(`Job ${job?.id} (${job?.name}) failed, attempt ${job?.attemptsMade}: ${error.message}`);
      });
      worker.on('error', (error) => this.logger.warn(`Queue ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    if (runs(QUEUES.maintenance)) {
      this.sweepTimer = setInterval(() => void this.sweep(), this.config.SWEEP_INTERVAL_MS);
      void this.sweep();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private handleMatching(job: Job): Promise<unknown> {
    const { vacancyId, outboxId, wave } = job.data as { vacancyId: string; outboxId?: string; wave?: string };
    if (job.name === JOBS.match && outboxId) return this.matching.runWave({ vacancyId, outboxId });
    if (job.name === JOBS.wave && wave) return this.matching.runWave({ vacancyId, wave: Number(wave) });
    throw new Error(`Unknown matching job ${job.name}`);
  }

  /** Catches up what a lost job left behind: unfinished outbox rows, due waves, expired offers. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const now = new Date();
      await this.offers.expireDue(now);
      await this.outbox.relay();
      for (const due of await this.matching.dueWaves(now)) await this.waves.schedule(due.id, due.wave, due.at);
    } catch (error) {
      this.logger.warn(`Sweep failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}
