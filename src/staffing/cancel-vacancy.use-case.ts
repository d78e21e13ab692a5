import { Injectable } from '@nestjs/common';
import { AbsencesService, VacancyRecord } from '../absences/absences.service';
import { AbsenceDto } from '../absences/dto/vacancy.dto';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { BookingsService } from '../bookings/bookings.service';
import { UnitOfWork } from '../database/unit-of-work';
import { OffersService } from '../offers/offers.service';
import { VacancyDetailsDto } from './dto/vacancy-details.dto';
import { VacancyDetails } from './vacancy-details';

/**
 * Cancels a vacancy, or every vacancy of an absence: pending offers withdrawn, a booking cancelled and the
 * booked substitute told, in one unit of work.
 */
@Injectable()
export class CancelVacancy {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly absences: AbsencesService,
    private readonly offers: OffersService,
    private readonly bookings: BookingsService,
    private readonly details: VacancyDetails,
    private readonly audit: AuditLog,
  ) {}

  async cancelVacancy(actor: Actor, id: string): Promise<VacancyDetailsDto> {
    await this.absences.vacancyForActor(actor, id);
    await this.uow.run(async () => {
      const vacancy = await this.absences.lockVacancy(id);
      if (!vacancy || vacancy.status === 'cancelled') return;
      await this.cancel(vacancy, 'Vikariatet har ställts in av enheten.');
      await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'vacancy_cancelled', entity: 'vacancy', entityId: id, details: { from: vacancy.status } });
    });
    return this.details.get(actor, id);
  }

  async cancelAbsence(actor: Actor, absenceId: string): Promise<AbsenceDto> {
    await this.uow.run(async () => {
      const vacancies = await this.absences.lockForCancelling(actor, absenceId);
      for (const vacancy of vacancies) await this.cancel(vacancy, 'Frånvaron har ställts in av enheten.');
      const cancelled = vacancies.filter((v) => v.status !== 'cancelled').map((v) => v.id);
      await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'absence_cancelled', entity: 'absence', entityId: absenceId, details: { vacancyIds: cancelled } });
    });
    return this.absences.getAbsence(actor, absenceId);
  }

  private async cancel(vacancy: VacancyRecord, reason: string): Promise<void> {
    if (vacancy.status === 'cancelled') return;
    await this.absences.changeVacancy(vacancy, { status: 'cancelled', nextWaveAt: null });
    await this.offers.withdrawPending(vacancy.id);
    await this.bookings.cancelForVacancy(vacancy.id, reason);
  }
}
