import { HttpStatus, Injectable } from '@nestjs/common';
import { AbsencesService, VacancyRecord } from '../absences/absences.service';
import { AuditLog } from '../audit/audit-log.service';
import { BookingsService, vacancyTaken } from '../bookings/bookings.service';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { SERVICE_AREA_NAMES } from '../organisation/service-area';
import { SubstitutesService } from '../substitutes/substitutes.service';
import type { SubstituteStatus } from '../substitutes/substitute.entity';
import type { OfferPageState } from './offer-page';
import { AcceptLines } from './accept-line';
import { OfferRecord, OffersService } from './offers.service';
import { AcceptedOfferDto, DeclinedOfferDto } from './dto/offer-answer.dto';

const withdrawn = () => new AppError(HttpStatus.GONE, ErrorCode.OFFER_WITHDRAWN, 'This offer has been withdrawn.');
const expired = () => new AppError(HttpStatus.GONE, ErrorCode.OFFER_EXPIRED, 'This offer has expired.');
const answered = (message: string) => new AppError(HttpStatus.CONFLICT, ErrorCode.OFFER_ANSWERED, message);

/**
 * A substitute's answer to an offer, from the link (the token is the credential). One unit of work: the
 * substitute's row is locked first (one person's answers are serialised), then the vacancy's; the checks run
 * in the order of the API; on accept the booking's constraints are the last word.
 */
@Injectable()
export class AnswerOffer {
  private readonly lines = new AcceptLines();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly offers: OffersService,
    private readonly absences: AbsencesService,
    private readonly bookings: BookingsService,
    private readonly substitutes: SubstitutesService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Accepts of one vacancy queue in this process (AcceptLines) rather than at the vacancy's row lock, so that
   * a wave clicked at once costs one booking and a quick "taken" for the rest.
   */
  async accept(token: string): Promise<AcceptedOfferDto> {
    const offer = await this.offers.findByToken(token);
    // Someone else has the vacancy already: the checks in the transaction would say so after waiting for the
    // vacancy's lock, behind everyone else who clicked at the same moment. (The offer's own earlier accept
    // is not someone else's: it gets its booking back.)
    if (offer.vacancyStatus === 'filled' && offer.status !== 'accepted') throw vacancyTaken();
    return this.lines.join(offer.vacancyId, async (line) => {
      // Someone who waited in this process's line won it meanwhile: that much is known without asking again.
      if (line.wonBy !== null && line.wonBy !== offer.id) throw vacancyTaken();
      const accepted = await this.acceptInTransaction(offer);
      line.wonBy = offer.id;
      return accepted;
    });
  }

  private acceptInTransaction(offer: OfferRecord): Promise<AcceptedOfferDto> {
    return this.uow.run(async () => {
      const { current, vacancy, substituteStatus } = await this.lock(offer);
      if (current.status === 'accepted') {
        // A repeated click gets the same booking, as long as it stands; a cancelled booking is not re-made
        // from the old link (assertAnswerable answers that the offer no longer holds).
        const booking = await this.bookings.bookingOfOffer(current.id);
        if (booking?.status === 'confirmed') return { status: 'accepted' as const, bookingId: booking.id };
      }
      const now = new Date();
      assertAnswerable(current, vacancy, substituteStatus, now);
      if (current.status === 'declined') throw answered('You have already declined this offer.');
      const description = await this.absences.describe(vacancy.id);
      const bookingId = await this.bookings.book({ offerId: current.id, vacancy, description, substituteId: current.substituteId });
      await this.offers.answer(current.id, 'accepted', now);
      await this.offers.withdrawPending(vacancy.id, current.id);
      await this.absences.changeVacancy(vacancy, { status: 'filled', filledAt: now, nextWaveAt: null });
      // The link is the substitute's own: whoever follows it acts as them.
      await this.audit.record({
        municipalityId: vacancy.municipalityId,
        actor: { role: 'substitute', id: current.substituteId },
        action: 'offer_accepted',
        entity: 'booking',
        entityId: bookingId,
        details: { vacancyId: vacancy.id, offerId: current.id },
      });
      return { status: 'accepted' as const, bookingId };
    });
  }

  async decline(token: string): Promise<DeclinedOfferDto> {
    const offer = await this.offers.findByToken(token);
    await this.uow.run(async () => {
      const { current, vacancy, substituteStatus } = await this.lock(offer);
      if (current.status === 'declined') return;
      if (current.status === 'accepted') throw answered('You have already accepted this offer; cancel the booking instead.');
      const now = new Date();
      assertAnswerable(current, vacancy, substituteStatus, now);
      await this.offers.answer(current.id, 'declined', now);
      // Nobody left to answer in this wave: the next one is due now rather than at its scheduled time.
      if ((await this.offers.countLivePending(vacancy.id, now)) === 0) await this.absences.changeVacancy(vacancy, { nextWaveAt: now });
    });
    return { status: 'declined' };
  }

  /** What the offer page shows for a token. */
  async pageState(token: string): Promise<OfferPageState> {
    let offer: OfferRecord;
    try {
      offer = await this.offers.findByToken(token);
    } catch {
      return { kind: 'not_found' };
    }
    const [vacancy, person] = await Promise.all([this.absences.describe(offer.vacancyId).catch(() => null), this.substitutes.contacts([offer.substituteId])]);
    const substitute = person.get(offer.substituteId);
    if (!vacancy || !substitute) return { kind: 'not_found' };
    const status = vacancy.status;
    if (offer.status === 'accepted') {
      const booking = await this.bookings.bookingOfOffer(offer.id);
      // Accepted, but the booking was cancelled since (by the unit, or with the vacancy): the offer no longer holds.
      return booking?.status === 'confirmed' ? { kind: 'accepted', vacancy } : { kind: 'withdrawn' };
    }
    if (offer.status === 'declined') return { kind: 'declined' };
    if (status === 'filled') return { kind: 'taken' };
    if (status === 'cancelled' || offer.status === 'withdrawn' || substitute.status !== 'active') return { kind: 'withdrawn' };
    if (offer.status === 'expired' || offer.expiresAt <= new Date() || status === 'unfilled') return { kind: 'expired' };
    return {
      kind: 'open',
      token,
      vacancy: { ...vacancy, serviceAreaName: SERVICE_AREA_NAMES[vacancy.serviceArea] ?? vacancy.serviceArea },
      expiresAt: offer.expiresAt,
      firstName: substitute.firstName,
    };
  }

  private async lock(offer: OfferRecord): Promise<{ current: OfferRecord; vacancy: VacancyRecord; substituteStatus: SubstituteStatus }> {
    const substitute = await this.substitutes.lock(offer.substituteId);
    const vacancy = await this.absences.lockVacancy(offer.vacancyId);
    if (!vacancy || !substitute) throw notFound('The offer');
    return { current: await this.offers.get(offer.id), vacancy, substituteStatus: substitute.status };
  }
}

function assertAnswerable(offer: OfferRecord, vacancy: VacancyRecord, substituteStatus: SubstituteStatus, now: Date): void {
  if (vacancy.status === 'filled') throw vacancyTaken();
  // An accepted offer gets here only when its booking was cancelled: it cannot be accepted again.
  if (vacancy.status === 'cancelled' || offer.status === 'withdrawn' || offer.status === 'accepted' || substituteStatus !== 'active') throw withdrawn();
  if (offer.status === 'expired' || offer.expiresAt <= now || vacancy.status === 'unfilled') throw expired();
}
