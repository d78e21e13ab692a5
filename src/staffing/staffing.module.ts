import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { BookingsModule } from '../bookings/bookings.module';
import { MatchingModule } from '../matching/matching.module';
import { OffersModule } from '../offers/offers.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { AbsencesController } from './absences.controller';
import { CancelVacancy } from './cancel-vacancy.use-case';
import { PostAbsence } from './post-absence.use-case';
import { BookVacancy } from './book-vacancy.use-case';
import { VacanciesController } from './vacancies.controller';
import { VacancyDetails } from './vacancy-details';

/**
 * Filling vacancies, as people do it: unit managers and the staffing team post absences, follow their
 * vacancies fill and cancel them; substitutes take open vacancies themselves and staff book by hand. It sits above the modules
 * whose flows it joins (absences, bookings, offers, matching).
 */
@Module({
  imports: [AbsencesModule, BookingsModule, MatchingModule, OffersModule, OrganisationModule, ProgrammesModule, QualificationsModule, SubstitutesModule],
  controllers: [AbsencesController, VacanciesController],
  providers: [PostAbsence, CancelVacancy, BookVacancy, VacancyDetails],
  exports: [BookVacancy, CancelVacancy, PostAbsence, VacancyDetails],
})
export class StaffingModule {}
