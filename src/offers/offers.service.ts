import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AbsencesService, VacancyDescription } from '../absences/absences.service';
import { Vacancy } from '../absences/vacancy.entity';
import { BookingsService } from '../bookings/bookings.service';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { AppConfig } from '../config/app-config';
import type { RankedCandidate } from '../matching/rank-candidates';
import { NotificationsService } from '../notifications/notifications.service';
import { offerEmail, offerSms } from '../notifications/templates/messages';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { OutboxService } from '../outbox/outbox.service';
import { SERVICE_AREA_NAMES, ServiceArea } from '../organisation/service-area';
import { WaveScheduler } from '../queue/wave-scheduler';
import { SubstituteContact, SubstitutesService } from '../substitutes/substitutes.service';
import { Offer } from './offer.entity';
import type { OfferPageState } from './offer-page';
import { offerLink, offerToken, TOKEN_PATTERN, TOKEN_PLACEHOLDER, tokenHash } from './offer-token';

export type AcceptResult = { status: 'accepted'; bookingId: string };

const offerError = (status: HttpStatus, code: ErrorCode, message: string) => new AppError(status, code, message);

/** Offers: created in waves by matching, answered by the substitute from a link. */
@Injectable()
export class OffersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly absences: AbsencesService,
    private readonly substitutes: SubstitutesService,
    private readonly bookings: BookingsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly waves: WaveScheduler,
  ) {}

  /** Inserts a wave's offers and their SMS and email, inside the matching transaction. */
  async createWave(
    tx: EntityManager,
    vacancy: VacancyDescription,
    candidates: RankedCandidate[],
    wave: number,
    expiresAt: Date,
  ): Promise<OutboxEntry[]> {
    if (candidates.length === 0) return [];
    const offers = candidates.map((c) => {
      const id = crypto.randomUUID();
      return {
        id,
        municipalityId: vacancy.municipalityId,
        vacancyId: vacancy.vacancyId,
        substituteId: c.substituteId,
        wave,
        status: 'pending' as const,
        tokenHash: tokenHash(offerToken(this.config.offerTokenSecret, id)),
        expiresAt,
        answeredAt: null,
        rankReason: { rank: c.rank, reason: c.reason },
      };
    });
    await tx.getRepository(Offer).insert(offers);
    const contacts = await this.substitutes.contacts(tx, offers.map((o) => o.substituteId));
    const link = offerLink(this.config.PUBLIC_URL, TOKEN_PLACEHOLDER);
    const view = { unitName: vacancy.unitName, unitAddress: vacancy.unitAddress, qualificationName: vacancy.qualificationName, shifts: vacancy.shifts };
    return this.notifications.queue(
      tx,
      offers.flatMap((offer) => {
        const person = contacts.get(offer.substituteId)!;
        const email = offerEmail({ ...view, link, expiresAt, firstName: person.firstName });
        const base = { municipalityId: offer.municipalityId, kind: 'offer', offerId: offer.id };
        return [
          { ...base, dedupeKey: `offer:${offer.id}:sms`, channel: 'sms' as const, recipient: person.phone, body: offerSms({ ...view, link, expiresAt }) },
          { ...base, dedupeKey: `offer:${offer.id}:email`, channel: 'email' as const, recipient: person.email, subject: email.subject, body: email.text, html: email.html },
        ];
      }),
    );
  }

  /** Pending offers of a vacancy that have not expired. */
  countLivePending(tx: EntityManager, vacancyId: string, now: Date): Promise<number> {
    return tx
      .getRepository(Offer)
      .createQueryBuilder('o')
      .where('o.vacancy_id = :vacancyId AND o.status = :status AND o.expires_at > :now', { vacancyId, status: 'pending', now })
      .getCount();
  }

  async earliestPendingExpiry(tx: EntityManager, vacancyId: string): Promise<Date | null> {
    const rows: { min: Date | null }[] = await tx.query(`SELECT min(expires_at) AS min FROM offer WHERE vacancy_id = $1 AND status = 'pending'`, [vacancyId]);
    return rows[0]?.min ?? null;
  }

  /** Withdraws every pending offer of a vacancy (filled or cancelled) and stops their unsent messages. */
  async withdrawPending(tx: EntityManager, vacancyId: string, exceptOfferId?: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `UPDATE offer SET status = 'withdrawn', answered_at = now() WHERE vacancy_id = $1 AND status = 'pending' AND id <> coalesce($2::uuid, '00000000-0000-0000-0000-000000000000') RETURNING id`,
      [vacancyId, exceptOfferId ?? null],
    );
    const ids = rows.map((r) => r.id);
    await this.notifications.skipUnsentForOffers(tx, ids);
    return ids;
  }

  /** Marks pending offers past their expiry as expired; returns the vacancies touched. */
  async expireDue(now: Date): Promise<string[]> {
    const rows: [{ vacancy_id: string }[], number] = await this.db.query(
      `UPDATE offer SET status = 'expired' WHERE status = 'pending' AND expires_at <= $1 RETURNING vacancy_id`,
      [now],
    );
    return [...new Set(rows[0].map((r) => r.vacancy_id))];
  }

  async offersOfVacancy(vacancyId: string): Promise<Offer[]> {
    return this.db.getRepository(Offer).find({ where: { vacancyId }, order: { wave: 'ASC', createdAt: 'ASC' } });
  }

  /**
   * Accepts an offer. One transaction: the substitute's row is locked first (one person's accepts are
   * serialised), then the vacancy's; the checks run in the order of API.md; the booking's exclusion
   * constraints are the last word.
   */
  async accept(token: string): Promise<AcceptResult> {
    const offer = await this.findByToken(token);
    const { result, rows } = await this.db.transaction(async (tx) => {
      const substitute = await this.substitutes.lockForBooking(tx, offer.substituteId);
      const vacancy = await this.absences.lockVacancy(tx, offer.vacancyId);
      const current = await tx.getRepository(Offer).findOneByOrFail({ id: offer.id });
      if (!vacancy || !substitute) throw notFound('The offer');
      if (current.status === 'accepted') {
        // A repeated click gets the same booking, as long as it stands; a cancelled booking is not re-made
        // from the old link (assertAnswerable answers that the offer no longer holds).
        const booking = await this.bookings.bookingOfOffer(tx, current.id);
        if (booking?.status === 'confirmed') return { result: { status: 'accepted' as const, bookingId: booking.id }, rows: [] };
      }
      const now = new Date();
      this.assertAnswerable(current, vacancy, substitute.status, now);
      if (current.status === 'declined') throw offerError(HttpStatus.CONFLICT, ErrorCode.OFFER_ANSWERED, 'You have already declined this offer.');
      const description = await this.absences.describe(tx, vacancy.id);
      const booked = await this.bookings.book(tx, { offerId: current.id, vacancy, description, substitute });
      await tx.getRepository(Offer).update({ id: current.id }, { status: 'accepted', answeredAt: now });
      await this.withdrawPending(tx, vacancy.id, current.id);
      await this.absences.updateVacancy(tx, vacancy.id, { status: 'filled', filledAt: now, nextWaveAt: null });
      return { result: { status: 'accepted' as const, bookingId: booked.bookingId }, rows: booked.rows };
    });
    await this.outbox.publish(rows);
    return result;
  }

  async decline(token: string): Promise<{ status: 'declined' }> {
    const offer = await this.findByToken(token);
    const nextWave = await this.db.transaction(async (tx) => {
      const substitute = await this.substitutes.lockForBooking(tx, offer.substituteId);
      const vacancy = await this.absences.lockVacancy(tx, offer.vacancyId);
      const current = await tx.getRepository(Offer).findOneByOrFail({ id: offer.id });
      if (!vacancy || !substitute) throw notFound('The offer');
      if (current.status === 'declined') return null;
      if (current.status === 'accepted') throw offerError(HttpStatus.CONFLICT, ErrorCode.OFFER_ANSWERED, 'You have already accepted this offer; cancel the booking instead.');
      const now = new Date();
      this.assertAnswerable(current, vacancy, substitute.status, now);
      await tx.getRepository(Offer).update({ id: current.id }, { status: 'declined', answeredAt: now });
      await this.notifications.skipUnsentForOffers(tx, [current.id]);
      // Nobody left to answer in this wave: the next one is due now rather than at its scheduled time.
      if ((await this.countLivePending(tx, vacancy.id, now)) > 0) return null;
      await this.absences.updateVacancy(tx, vacancy.id, { nextWaveAt: now });
      return { vacancyId: vacancy.id, wave: vacancy.waveCount + 1, at: now };
    });
    if (nextWave) await this.waves.schedule(nextWave.vacancyId, nextWave.wave, nextWave.at);
    return { status: 'declined' };
  }

  /** What the offer page shows for a token. */
  async pageState(token: string): Promise<OfferPageState> {
    let offer: Offer;
    try {
      offer = await this.findByToken(token);
    } catch {
      return { kind: 'not_found' };
    }
    const vacancy = await this.db.getRepository(Vacancy).findOneBy({ id: offer.vacancyId });
    const contacts = await this.substitutes.contacts(this.db.manager, [offer.substituteId]);
    const person = contacts.get(offer.substituteId);
    if (!vacancy || !person) return { kind: 'not_found' };
    const description = await this.absences.describe(this.db.manager, vacancy.id);
    const view = { unitName: description.unitName, unitAddress: description.unitAddress, qualificationName: description.qualificationName, shifts: description.shifts };
    if (offer.status === 'accepted') {
      const booking = await this.bookings.bookingOfOffer(this.db.manager, offer.id);
      // Accepted, but the booking was cancelled since (by the unit, or with the vacancy): the offer no longer holds.
      return booking?.status === 'confirmed' ? { kind: 'accepted', vacancy: view } : { kind: 'withdrawn' };
    }
    if (offer.status === 'declined') return { kind: 'declined' };
    if (vacancy.status === 'filled') return { kind: 'taken' };
    if (vacancy.status === 'cancelled' || offer.status === 'withdrawn' || person.status !== 'active') return { kind: 'withdrawn' };
    if (offer.status === 'expired' || offer.expiresAt <= new Date() || vacancy.status === 'unfilled') return { kind: 'expired' };
    return {
      kind: 'open',
      token,
      vacancy: { ...view, serviceAreaName: SERVICE_AREA_NAMES[description.serviceArea as ServiceArea] ?? description.serviceArea },
      expiresAt: offer.expiresAt,
      firstName: person.firstName,
    };
  }

  private assertAnswerable(offer: Offer, vacancy: Vacancy, substituteStatus: SubstituteContact['status'], now: Date): void {
    if (vacancy.status === 'filled') throw offerError(HttpStatus.CONFLICT, ErrorCode.VACANCY_TAKEN, 'Someone else has already taken this vacancy.');
    // An accepted offer gets here only when its booking was cancelled: it cannot be accepted again.
    if (vacancy.status === 'cancelled' || offer.status === 'withdrawn' || offer.status === 'accepted' || substituteStatus !== 'active') {
      throw offerError(HttpStatus.GONE, ErrorCode.OFFER_WITHDRAWN, 'This offer has been withdrawn.');
    }
    if (offer.status === 'expired' || offer.expiresAt <= now || vacancy.status === 'unfilled') {
      throw offerError(HttpStatus.GONE, ErrorCode.OFFER_EXPIRED, 'This offer has expired.');
    }
  }

  private async findByToken(token: string): Promise<Offer> {
    if (!TOKEN_PATTERN.test(token)) throw notFound('The offer');
    const offer = await this.db.getRepository(Offer).findOneBy({ tokenHash: tokenHash(token) });
    if (!offer) throw notFound('The offer');
    return offer;
  }
}
