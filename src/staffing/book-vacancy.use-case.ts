import { HttpStatus, Injectable } from '@nestjs/common';
import { AbsencesService, VacancyRecord } from '../absences/absences.service';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { BookingsService, vacancyTaken } from '../bookings/bookings.service';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { EligibilityService, HandBookingObstacle } from '../matching/eligibility.service';
import { AcceptedOfferDto } from '../offers/dto/offer-answer.dto';
import { OffersService } from '../offers/offers.service';
import type { SubstituteStatus } from '../substitutes/substitute.entity';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { OpenVacancyDto } from './dto/open-vacancy.dto';

const OBSTACLE_TEXTS: Record<HandBookingObstacle, string> = {
  NOT_QUALIFIED: 'has no verified qualification for this vacancy that is valid through its last shift',
  BLOCKED: 'is blocked by this unit',
};

/**
 * Books a vacancy without an offer: a substitute takes an open vacancy themselves, or staff book one by
 * hand. Both go through the same checks and answers as an accepted offer (the substitute's row, then the
 * vacancy's, locked; the booking's schedule checks and constraints the last word).
 */
@Injectable()
export class BookVacancy {
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

  /** The signed-in substitute takes the vacancy; NOT_ELIGIBLE when they could not have been offered it. */
  async take(actor: Actor, vacancyId: string): Promise<AcceptedOfferDto> {
    return this.uow.run(async () => {
      const substitute = await this.substitutes.lock(actor.id);
      const vacancy = await this.absences.lockVacancy(vacancyId);
      if (!substitute || !vacancy || vacancy.municipalityId !== actor.municipalityId) throw notFound('The vacancy');
      this.ensureBookable(vacancy, substitute);
      if (!(await this.eligibility.mayTake(actor.municipalityId, actor.id, vacancyId))) {
        throw new AppError(HttpStatus.CONFLICT, ErrorCode.NOT_ELIGIBLE, 'You cannot take this vacancy: your qualifications, districts or availability do not match it.');
      }
      const bookingId = await this.bookOn(vacancy, actor.id);
      await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'vacancy_taken', entity: 'booking', entityId: bookingId, details: { vacancyId } });
      return { status: 'accepted' as const, bookingId };
    });
  }

  /**
   * Staff book a substitute they have reached themselves. Availability and districts are the staff's
   * judgement; a valid qualification, the unit's block list and the working-time rules are not.
   */
  async bookByHand(actor: Actor, vacancyId: string, substituteId: string): Promise<AcceptedOfferDto> {
    await this.absences.vacancyForActor(actor, vacancyId);
    return this.uow.run(async () => {
      const substitute = await this.substitutes.lock(substituteId);
      // Row-level security hides another municipality's substitute.
      if (!substitute) throw notFound('The substitute');
      const vacancy = await this.absences.lockVacancy(vacancyId);
      if (!vacancy) throw notFound('The vacancy');
      this.ensureBookable(vacancy, substitute, { unfilledToo: true });
      const obstacles = await this.eligibility.handBookingObstacles(actor.municipalityId, substituteId, vacancyId);
      if (obstacles.length > 0) {
        throw new AppError(
          HttpStatus.CONFLICT,
          ErrorCode.NOT_ELIGIBLE,
          `This substitute cannot be booked on this vacancy: they ${obstacles.map((o) => OBSTACLE_TEXTS[o]).join(' and ')}.`,
          obstacles.map((problem) => ({ field: 'substituteId', problem })),
        );
      }
      const bookingId = await this.bookOn(vacancy, substituteId);
      await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'booked_by_hand', entity: 'booking', entityId: bookingId, details: { vacancyId, substituteId } });
      return { status: 'accepted' as const, bookingId };
    });
  }

  /**
   * The answers of an accepted offer, in its order, for a vacancy and substitute already locked. Staff may
   * also book a vacancy that matching left unfilled (`unfilledToo`), as long as it has not started.
   */
  private ensureBookable(vacancy: VacancyRecord, substitute: { status: SubstituteStatus }, options: { unfilledToo?: boolean } = {}): void {
    if (vacancy.status === 'filled') throw vacancyTaken();
    if (vacancy.status === 'cancelled' || substitute.status !== 'active') throw new AppError(HttpStatus.GONE, ErrorCode.OFFER_WITHDRAWN, 'This vacancy is no longer offered.');
    if (vacancy.startsAt <= new Date()) throw new AppError(HttpStatus.GONE, ErrorCode.OFFER_EXPIRED, 'This vacancy has already started.');
    if (vacancy.status === 'unfilled' && !options.unfilledToo) throw new AppError(HttpStatus.GONE, ErrorCode.OFFER_EXPIRED, 'This vacancy is no longer offered.');
  }

  /** Books the substitute, settles their own pending offer and withdraws everyone else's. */
  private async bookOn(vacancy: VacancyRecord, substituteId: string): Promise<string> {
    const now = new Date();
    const ownOffer = await this.offers.pendingOf(vacancy.id, substituteId);
    const description = await this.absences.describe(vacancy.id);
    const bookingId = await this.bookings.book({ offerId: ownOffer?.id ?? null, vacancy, description, substituteId });
    if (ownOffer) await this.offers.answer(ownOffer.id, 'accepted', now);
    await this.offers.withdrawPending(vacancy.id, ownOffer?.id ?? null);
    await this.absences.changeVacancy(vacancy, { status: 'filled', filledAt: now, nextWaveAt: null });
    return bookingId;
  }
}
