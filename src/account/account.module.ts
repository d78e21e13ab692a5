import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { AuthModule } from '../auth/auth.module';
import { BookingsModule } from '../bookings/bookings.module';
import { MatchingModule } from '../matching/matching.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OffersModule } from '../offers/offers.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { AccountService } from './account.service';
import { EraseSubstitute } from './erase-substitute.use-case';
import { ExportSubstituteData } from './export-substitute-data.use-case';
import { MeController } from './me.controller';
import { SubstituteDataController } from './substitute-data.controller';

/** A signed-in person's own data: GET/PATCH /me, and a substitute's export and erasure. */
@Module({
  imports: [AbsencesModule, AuthModule, BookingsModule, MatchingModule, NotificationsModule, OffersModule, SubstitutesModule],
  controllers: [MeController, SubstituteDataController],
  providers: [AccountService, ExportSubstituteData, EraseSubstitute],
  exports: [AccountService, ExportSubstituteData, EraseSubstitute],
})
export class AccountModule {}
