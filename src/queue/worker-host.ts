import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Tenancy } from '../database/tenancy';
import { FoundHandler, handlerTable, JOB_HANDLER, RetryLater, SWEEP } from './job-handlers';
import { JOB_NAMES, JobName, QUEUE_OF_JOB, QueueName, ScopedJob, selectQueues } from './jobs';
import { redisOptions } from './redis-options';

const CONCURRENCY: Record<QueueName, number> = { matching: 5, notifications: 20 };

interface FoundSweep {
  description: string;
  everyMs: number;
  lastRunAt: number;
  run: () => Promise<unknown>;
}

/**
 * The worker's consumers and its sweep timer. At start it finds every @HandlesJob and @Sweep method of the
 * worker's providers, refuses to start unless each job has exactly one handler and WORKER_QUEUES names known
 * queues, and runs a BullMQ worker for each selected queue. Every worker sweeps; the sweeps are idempotent.
 */
@Injectable()
export class WorkerHost implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];
  private sweeps: FoundSweep[] = [];
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly tenancy: Tenancy,
  ) {}

  onModuleInit(): void {
    const queues = selectQueues(this.config.WORKER_QUEUES);
    const { handlers, sweeps } = this.discover();
    const table = handlerTable(JOB_NAMES, handlers);
    this.sweeps = sweeps;
    for (const queue of queues) this.workers.push(this.consume(queue, table));
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.SWEEP_INTERVAL_MS);
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await Promise.all(this.workers.map((w) => w.close()));
  }

  /** Runs every sweep once, in turn; a failing sweep does not stop the others. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const sweep of this.sweeps) {
        if (Date.now() - sweep.lastRunAt < sweep.everyMs) continue;
        sweep.lastRunAt = Date.now();
        // A sweep looks across every municipality (due waves, unfinished outbox rows, retention).
        await this.tenancy.acrossMunicipalities(() => sweep.run()).catch((error: Error) => this.logger.warn(`Sweep "${sweep.description}" failed: ${error.message}`));
      }
    } finally {
      this.sweeping = false;
    }
  }

  private consume(queue: QueueName, table: Map<JobName, FoundHandler>): Worker {
    const worker = new Worker(
      queue,
      async (job) => {
        const handler = table.get(job.name as JobName);
        if (!handler || QUEUE_OF_JOB[handler.job] !== queue) throw new Error(`Queue ${queue} has no job named ${job.name}`);
        return this.runScoped(job.data as Partial<ScopedJob>, () => handler.run(job.data));
      },
      {
        connection: { ...redisOptions(this.config.REDIS_URL), maxRetriesPerRequest: null },
        prefix: this.config.QUEUE_PREFIX,
        concurrency: CONCURRENCY[queue],
        lockDuration: this.config.JOB_LOCK_MS,
        stalledInterval: Math.max(1000, Math.floor(this.config.JOB_LOCK_MS / 2)),
      },
    );
    worker.on('failed', (job, error) => {
      const message = `Job ${job?.id} (${job?.name}) failed, attempt ${job?.attemptsMade}: ${error.message}`;
      if (error instanceof RetryLater) this.logger.debug(message);
      else this.logger.warn(message);
    });
    worker.on('error', (error) => this.logger.warn(`Queue ${queue}: ${error.message}`));
    return worker;
  }

  /**
   * A job runs as the municipality in its payload. Jobs enqueued before payloads carried one (an upgrade
   * with jobs waiting in Redis) run across municipalities, as every job did then.
   */
  private runScoped<T>(data: Partial<ScopedJob>, work: () => Promise<T>): Promise<T> {
    if (typeof data.municipalityId === 'string') return this.tenancy.within(data.municipalityId, work);
    this.logger.warn('A job without a municipality (enqueued before the upgrade) runs across municipalities');
    return this.tenancy.acrossMunicipalities(work);
  }

  private discover(): { handlers: FoundHandler[]; sweeps: FoundSweep[] } {
    const handlers: FoundHandler[] = [];
    const sweeps: FoundSweep[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, (...args: unknown[]) => Promise<unknown>> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const job = this.reflector.get<JobName | undefined>(JOB_HANDLER, instance[method]);
        if (job) handlers.push({ job, owner: `${instance.constructor.name}.${method}`, run: (data) => instance[method](data) });
        const sweep = this.reflector.get<{ description: string; everyMs: number } | undefined>(SWEEP, instance[method]);
        if (sweep) sweeps.push({ ...sweep, lastRunAt: -Infinity, run: () => instance[method]() });
      }
    }
    return { handlers, sweeps };
  }
}
