import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { VacancyDescription } from '../absences/absences.service';
import type { VacancyStatus } from '../absences/vacancy-status';
import { notFound } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { Tenancy } from '../database/tenancy';
import { UnitOfWork } from '../database/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import { offerLink, offerToken, TOKEN_PATTERN, TOKEN_PLACEHOLDER, tokenHash } from '../notifications/credentials';
import { offerEmail } from '../notifications/templates/emails';
import { offerSms } from '../notifications/templates/sms-texts';
import type { Period } from '../database/tstzrange';
import { Sweep } from '../queue/job-handlers';
import { SubstituteContact, SubstitutesService } from '../substitutes/substitutes.service';
import { OfferRecord, OfferRepository } from './offer.repository';

export type { OfferRecord } from './offer.repository';

export interface WaveCandidate {
  substituteId: string;
  rank: number;
  reason: string[];
}

/** A candidate taken for a wave: locked, with the contact details its messages go to. */
export type TakenCandidate<C> = C & { contact: SubstituteContact };

/**
 * Offers: created in waves by matching, answered by the substitute from a link. Whenever an offer leaves
 * pending, its messages not yet sent are stopped in the same unit of work.
 */
@Injectable()
export class OffersService {
  constructor(
    private readonly offers: OfferRepository,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly substitutes: SubstitutesService,
    private readonly notifications: NotificationsService,
    private readonly tenancy: Tenancy,
  ) {}

  /** Inside the matching unit of work: a wave's offers and their SMS and email. */
  async createWave(vacancy: VacancyDescription, candidates: TakenCandidate<WaveCandidate>[], wave: number, expiresAt: Date): Promise<void> {
    if (candidates.length === 0) return;
    const offers = candidates.map((c) => {
      const id = randomUUID();
      return {
        id,
        municipalityId: vacancy.municipalityId,
        vacancyId: vacancy.vacancyId,
        substituteId: c.substituteId,
        wave,
        tokenHash: tokenHash(offerToken(this.config.offerTokenSecret, id)),
        expiresAt,
        rankReason: { rank: c.rank, reason: c.reason },
        person: c.contact,
      };
    });
    await this.offers.insert(offers);
    const link = offerLink(this.config.PUBLIC_URL, TOKEN_PLACEHOLDER);
    const sms = offerSms({ ...vacancy, link, expiresAt });
    await this.notifications.queue(
      offers.flatMap(({ person, ...offer }) =>
        this.notifications.toPerson({
          municipalityId: offer.municipalityId,
          kind: 'offer',
          key: `offer:${offer.id}`,
          offerId: offer.id,
          to: person,
          sms,
          email: offerEmail({ ...vacancy, link, expiresAt, firstName: person.firstName }),
        }),
      ),
      { sendSmsAtOnce: true },
    );
  }

  /**
   * Inside the matching unit of work: up to `count` of the candidates, best first, who may be offered these
   * shifts now. Each is locked first, passing over anyone another transaction holds (a rival wave at the
   * same moment); then whoever holds a live offer at an overlapping time is left out. So two waves cannot both
   * offer one person a time. `tried`: how many of the list it went through; `lost`: of those, how many it
   * passed over.
   */
  async takeFree<C extends { substituteId: string }>(candidates: C[], count: number, shifts: Period[]): Promise<{ free: TakenCandidate<C>[]; tried: number; lost: number }> {
    const free: TakenCandidate<C>[] = [];
    let tried = 0;
    while (free.length < count && tried < candidates.length) {
      const rest = candidates.slice(tried);
      const need = count - free.length;
      const locked = await this.substitutes.lockFirstFree(rest.map((c) => c.substituteId), need);
      // Fewer locked than asked: every one of the rest was either locked or held by someone else.
      const through = locked.length < need ? rest.length : rest.findIndex((c) => c.substituteId === locked[locked.length - 1].id) + 1;
      const busy = await this.offers.holdingOverlappingOffers(locked.map((person) => person.id), shifts);
      const ours = new Map(locked.filter((person) => !busy.has(person.id)).map((person) => [person.id, person]));
      free.push(...rest.slice(0, through).flatMap((c) => (ours.has(c.substituteId) ? [{ ...c, contact: ours.get(c.substituteId)! }] : [])));
      tried += through;
    }
    return { free, tried, lost: tried - free.length };
  }

  /** The offer a link's token belongs to (404 for anything else); the request is from then on its municipality's. */
  async findByToken(token: string): Promise<OfferRecord & { vacancyStatus: VacancyStatus }> {
    // A link carries no municipality: whose offer it is is looked up across them (by the function made for it).
    const offer = TOKEN_PATTERN.test(token) ? await this.offers.findByTokenHash(tokenHash(token)) : null;
    if (!offer) throw notFound('The offer');
    this.tenancy.enter(offer.municipalityId);
    return offer;
  }

  async get(id: string): Promise<OfferRecord> {
    const offer = await this.offers.find(id);
    if (!offer) throw notFound('The offer');
    return offer;
  }

  pendingCounts(vacancyIds: string[]): Promise<Map<string, number>> {
    return this.offers.pendingCounts(vacancyIds);
  }

  ofVacancy(vacancyId: string): Promise<OfferRecord[]> {
    return this.offers.ofVacancy(vacancyId);
  }

  /** A substitute's offers, newest first; with `pendingOnly`, those that can still be answered. */
  ofSubstitute(substituteId: string, pendingOnly = false): Promise<OfferRecord[]> {
    return this.offers.ofSubstitute(substituteId, pendingOnly);
  }

  pendingOf(vacancyId: string, substituteId: string): Promise<OfferRecord | null> {
    return this.offers.pendingOf(vacancyId, substituteId);
  }

  /** Inside a unit of work: withdraws every pending offer of a substitute who is erased. */
  async withdrawOfSubstitute(substituteId: string): Promise<void> {
    await this.notifications.skipUnsentForOffers(await this.offers.withdrawOfSubstitute(substituteId));
  }

  /** The link of an offer, as its messages carry it. */
  link(offerId: string): string {
    return offerLink(this.config.PUBLIC_URL, offerToken(this.config.offerTokenSecret, offerId));
  }

  countLivePending(vacancyId: string, now: Date): Promise<number> {
    return this.offers.countLivePending(vacancyId, now);
  }

  earliestPendingExpiry(vacancyId: string): Promise<Date | null> {
    return this.offers.earliestPendingExpiry(vacancyId);
  }

  /** Inside a unit of work: records the answer and stops the offer's messages not yet sent. */
  async answer(id: string, to: 'accepted' | 'declined', at: Date): Promise<void> {
    if (!(await this.offers.answer(id, to, at))) throw new Error(`Offer ${id} cannot become ${to} from its current status`);
    await this.notifications.skipUnsentForOffers([id]);
  }

  /** Inside a unit of work: withdraws every pending offer of a vacancy (filled or cancelled) but one. */
  async withdrawPending(vacancyId: string, exceptOfferId: string | null = null): Promise<void> {
    await this.notifications.skipUnsentForOffers(await this.offers.withdrawOfVacancy(vacancyId, exceptOfferId));
  }

  @Sweep('expire offers')
  async expireDue(now = new Date()): Promise<number> {
    return this.uow.run(async () => {
      const expired = await this.offers.expireDue(now);
      await this.notifications.skipUnsentForOffers(expired);
      return expired.length;
    });
  }
}
