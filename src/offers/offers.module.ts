import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { BookingsModule } from '../bookings/bookings.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { OffersController, VacanciesController } from './offers.controller';
import { OffersService } from './offers.service';
import { VacancyLifecycleService } from './vacancy-lifecycle.service';

@Module({
  imports: [AbsencesModule, BookingsModule, NotificationsModule, OutboxModule, SubstitutesModule],
  controllers: [OffersController, VacanciesController],
  providers: [OffersService, VacancyLifecycleService],
  exports: [OffersService],
})
export class OffersModule {}
