import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { AbsenceRepository } from './absence.repository';
import { AbsencesService } from './absences.service';
import { VacancyRepository } from './vacancy.repository';

/** Absences and the vacancies they open. Their routes are the staffing module's. */
@Module({
  imports: [OutboxModule],
  providers: [AbsenceRepository, VacancyRepository, AbsencesService],
  exports: [AbsencesService],
})
export class AbsencesModule {}
