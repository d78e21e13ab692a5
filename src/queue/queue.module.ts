import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobQueue } from './job-queue';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './jobs';
import { redisOptions } from './redis-options';

/**
 * BullMQ over one Redis, for producing jobs. The api's connection fails fast (no offline queue): with Redis
 * down a request still succeeds, because its work is in the outbox. The worker's connection waits instead.
 * Consuming is the worker's alone (WorkerHost).
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(options: { failFast: boolean }): DynamicModule {
    const bull = BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: config.QUEUE_PREFIX,
        connection: {
          ...redisOptions(config.REDIS_URL),
          ...(options.failFast ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 } : { maxRetriesPerRequest: null }),
        },
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    });
    const queues = BullModule.registerQueue(...QUEUES.map((name) => ({ name })));
    return { module: QueueModule, imports: [bull, queues], providers: [JobQueue], exports: [JobQueue] };
  }
}
