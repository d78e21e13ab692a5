import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OffersModule } from '../offers/offers.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { MatchingSettingsService } from './matching-settings.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';
import { PreferencesService } from './preferences.service';

@Module({
  imports: [AbsencesModule, NotificationsModule, OffersModule, OrganisationModule, OutboxModule, SubstitutesModule],
  controllers: [MatchingController],
  providers: [MatchingService, MatchingSettingsService, PreferencesService],
  exports: [MatchingService],
})
export class MatchingModule {}
