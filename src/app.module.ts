import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccountModule } from './account/account.module';
import { AuthModule } from './auth/auth.module';
import { BookingsModule } from './bookings/bookings.module';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { SlidingWindowStorage } from './common/rate-limit-storage';
import { AppThrottlerGuard } from './common/throttler.guard';
import { loggerModule } from './common/logging';
import { AppConfig } from './config/app-config';
import { AuditModule } from './audit/audit.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MatchingModule } from './matching/matching.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OffersModule } from './offers/offers.module';
import { OrganisationModule } from './organisation/organisation.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { QualificationsModule } from './qualifications/qualifications.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';
import { StaffingModule } from './staffing/staffing.module';
import { SubstitutesModule } from './substitutes/substitutes.module';
import { WebModule } from './web/web.module';

/** The api: HTTP only. Queue processors live in WorkerModule, so the api never processes jobs. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(config),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }], storage: new SlidingWindowStorage() }),
        DatabaseModule.forRoot(),
        QueueModule.forRoot({ failFast: true }),
        RedisModule,
        AuditModule,
        // Before every module that imports SubstitutesModule: Express matches routes in the order they are
        // registered, and GET /api/v1/substitutes/las-warnings must come before GET /api/v1/substitutes/:id.
        BookingsModule,
        AuthModule,
        OrganisationModule,
        QualificationsModule,
        SubstitutesModule,
        ProgrammesModule,
        StaffingModule,
        AccountModule,
        OffersModule,
        MatchingModule,
        ReportsModule,
        NotificationsModule,
        HealthModule,
        WebModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
