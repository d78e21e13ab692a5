import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { AccountModule } from '../account/account.module';
import { AuthModule } from '../auth/auth.module';
import { BookingsModule } from '../bookings/bookings.module';
import { MatchingModule } from '../matching/matching.module';
import { OffersModule } from '../offers/offers.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { ReportsModule } from '../reports/reports.module';
import { StaffingModule } from '../staffing/staffing.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { AssetsController } from './assets.controller';
import { PageGuard } from './page-session';
import { SignUpPagesController } from './sign-up-pages.controller';
import { StaffAdminPagesController, StaffUnitsPagesController } from './staff-organisation.controller';
import { StaffPagesController, StaffSignInController } from './staff-pages.controller';
import { StaffSubstitutesController } from './staff-substitutes.controller';
import { StaffReportsController } from './staff-reports.controller';
import { SubstitutePagesController, SubstituteSignInController } from './substitute-pages.controller';

/** The pages people use, in Swedish: server-rendered, without script, for a phone first. */
@Module({
  imports: [AbsencesModule, AccountModule, AuthModule, BookingsModule, MatchingModule, OffersModule, OrganisationModule, ProgrammesModule, QualificationsModule, ReportsModule, StaffingModule, SubstitutesModule],
  controllers: [AssetsController, SignUpPagesController, SubstituteSignInController, SubstitutePagesController, StaffSignInController, StaffPagesController, StaffUnitsPagesController, StaffAdminPagesController, StaffReportsController, StaffSubstitutesController],
  providers: [PageGuard],
})
export class WebModule {}
