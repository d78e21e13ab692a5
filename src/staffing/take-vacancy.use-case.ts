import { HttpStatus, Injectable } from '@nestjs/common';
import { AbsencesService } from '../absences/absences.service';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { BookingsService, vacancyTaken } from '../bookings/bookings.service';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { EligibilityService } from '../matching/eligibility.service';
import { AcceptedOfferDto } from '../offers/dto/offer-answer.dto';
import { OffersService } from '../offers/offers.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { OpenVacancyDto } from './dto/open-vacancy.dto';

/**
 * A substitute takes an open vacancy themselves: booked through the same checks and answers as an accepted
 * offer (the substitute's row, then the vacancy's, locked; the booking's constraints the last word), and
 * NOT_ELIGIBLE when they could not have been offered it.
 */
@Injectable()
export class TakeVacancy {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly absences: AbsencesService,
    private readonly bookings: BookingsService,
    private readonly offers: OffersService,
    private readonly substitutes: SubstitutesService,
    private readonly eligibility: EligibilityService,
    private readonly audit: AuditLog,
  ) {}

  /** The vacancies the substitute could take now, soonest first. */
  async openFor(actor: Actor): Promise<OpenVacancyDto[]> {
    const ids = await this.eligibility.openFor(actor.municipalityId, actor.id);
    const described = await this.absences.describeMany(ids);
    return ids.map((id) => {
      const v = described.get(id)!;
      return { id, unitId: v.unitId, unit: v.unitName, address: v.unitAddress, qualification: v.qualificationCode, qualificationName: v.qualificationName, shifts: v.shifts, startsAt: v.shifts[0].start };
    });
  }

  async take(actor: Actor, vacancyId: string): Promise<AcceptedOfferDto> {
    return this.uow.run(async () => {
      const substitute = await this.substitutes.lock(actor.id);
      const vacancy = await this.absences.lockVacancy(vacancyId);
      if (!substitute || !vacancy || vacancy.municipalityId !== actor.municipalityId) throw notFound('The vacancy');
      const now = new Date();
      if (vacancy.status === 'filled') throw vacancyTaken();
      if (vacancy.status === 'cancelled' || substitute.status !== 'active') throw new AppError(HttpStatus.GONE, ErrorCode.OFFER_WITHDRAWN, 'This vacancy is no longer offered.');
      if (vacancy.status === 'unfilled' || vacancy.startsAt <= now) throw new AppError(HttpStatus.GONE, ErrorCode.OFFER_EXPIRED, 'This vacancy has already started.');
      if (!(await this.eligibility.mayTake(actor.municipalityId, actor.id, vacancyId))) {
        throw new AppError(HttpStatus.CONFLICT, ErrorCode.NOT_ELIGIBLE, 'You cannot take this vacancy: your qualifications, districts or availability do not match it.');
      }
      const ownOffer = await this.offers.pendingOf(vacancyId, actor.id);
      const description = await this.absences.describe(vacancyId);
      const bookingId = await this.bookings.book({ offerId: ownOffer?.id ?? null, vacancy, description, substituteId: actor.id });
      if (ownOffer) await this.offers.answer(ownOffer.id, 'accepted', now);
      await this.offers.withdrawPending(vacancyId, ownOffer?.id ?? null);
      await this.absences.changeVacancy(vacancy, { status: 'filled', filledAt: now, nextWaveAt: null });
      await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'vacancy_taken', entity: 'booking', entityId: bookingId, details: { vacancyId } });
      return { status: 'accepted' as const, bookingId };
    });
  }
}
