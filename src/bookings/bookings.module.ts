import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { BookingRepository } from './booking.repository';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { CancelBooking } from './cancel-booking.use-case';
import { LasController } from './las.controller';
import { LasHistoryRepository } from './las-history.repository';
import { LasService } from './las.service';
import { WorkingTimeSettingsRepository } from './working-time-settings.repository';

@Module({
  imports: [AbsencesModule, NotificationsModule, OrganisationModule, OutboxModule, SubstitutesModule],
  controllers: [LasController, BookingsController],
  providers: [BookingRepository, BookingsService, CancelBooking, LasHistoryRepository, LasService, WorkingTimeSettingsRepository],
  exports: [BookingsService, CancelBooking, LasService],
})
export class BookingsModule {}
