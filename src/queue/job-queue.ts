import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../common/with-timeout';
import { JobName, JobPayloads, QUEUE_OF_JOB, QueueName } from './jobs';

/** A request never waits longer than this for Redis: what was not enqueued is swept from PostgreSQL later. */
const ENQUEUE_TIMEOUT_MS = 300;

export interface EnqueueOptions {
  jobId: string;
  /** Not before this time. */
  runAt?: Date;
}

/** Typed access to the queues: a job goes to the queue its name belongs to, with the payload its name declares. */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(@InjectQueue('matching') matching: Queue, @InjectQueue('notifications') notifications: Queue) {
    this.queues = { matching, notifications };
  }

  add<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions): Promise<unknown> {
    const delay = options.runAt ? Math.max(0, options.runAt.getTime() - Date.now()) : undefined;
    return this.queues[QUEUE_OF_JOB[name]].add(name, data, { jobId: options.jobId, delay });
  }

  /**
   * Enqueues without making the caller wait on Redis or fail with it: the work is in PostgreSQL (an outbox
   * row, a vacancy's next_wave_at) and a sweep enqueues what this could not.
   */
  async addSoon<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    await withTimeout(this.add(name, data, options), ENQUEUE_TIMEOUT_MS).catch((error: Error) => {
      this.logger.warn(`Job ${options.jobId} not enqueued now (${error.message}); a sweep will enqueue it`);
    });
  }

  /**
   * Makes sure the job is there to run: enqueues it if BullMQ no longer has it (a job id deduplicates only
   * while the job exists), and retries it if it exhausted its attempts.
   */
  async ensure<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    const job = await this.queues[QUEUE_OF_JOB[name]].getJob(options.jobId);
    if (!job) await this.add(name, data, options);
    else if (await job.isFailed()) await job.retry();
  }

  /** A connection to Redis, for the health check. */
  ping(): Promise<string> {
    return this.queues.matching.client.then((client) => (client as unknown as { ping(): Promise<string> }).ping());
  }
}
