import { DynamicModule, Module } from '@nestjs/common';
import { loggerModule } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MatchingModule } from './matching/matching.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OffersModule } from './offers/offers.module';
import { OutboxModule } from './outbox/outbox.module';
import { JobRunner } from './queue/job-runner.service';
import { QueueModule } from './queue/queue.module';

/** The worker: no HTTP, only the BullMQ processors. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config),
        DatabaseModule.forRoot(),
        QueueModule.forRoot({ failFast: false }),
        MatchingModule,
        NotificationsModule,
        OffersModule,
        OutboxModule,
      ],
      providers: [JobRunner],
    };
  }
}
