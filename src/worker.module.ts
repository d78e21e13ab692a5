import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { loggerModule } from './common/logging';
import { AppConfig } from './config/app-config';
import { AuditModule } from './audit/audit.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MatchingModule } from './matching/matching.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OffersModule } from './offers/offers.module';
import { OutboxModule } from './outbox/outbox.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { WorkerHost } from './queue/worker-host';

/** The worker: no HTTP; the modules whose jobs and sweeps it runs (found by WorkerHost from their decorators). */
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
        RedisModule,
        AuditModule,
        DiscoveryModule,
        MatchingModule,
        NotificationsModule,
        OffersModule,
        OutboxModule,
      ],
      providers: [WorkerHost],
    };
  }
}
