import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { BookingsModule } from '../bookings/bookings.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OffersModule } from '../offers/offers.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { EligibilityService } from './eligibility.service';
import { MatchingSettingsRepository } from './matching-settings.repository';
import { MatchingSettingsService } from './matching-settings.service';
import { MatchingController } from './matching.controller';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';
import { RunWave } from './run-wave.use-case';

@Module({
  imports: [AbsencesModule, BookingsModule, NotificationsModule, OffersModule, OrganisationModule, OutboxModule, SubstitutesModule],
  controllers: [MatchingController],
  providers: [EligibilityService, MatchingSettingsRepository, MatchingSettingsService, PreferencesRepository, PreferencesService, RunWave],
  exports: [EligibilityService, MatchingSettingsService, PreferencesService],
})
export class MatchingModule {}
