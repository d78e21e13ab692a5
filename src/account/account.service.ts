import { Injectable } from '@nestjs/common';
import { AbsencesService } from '../absences/absences.service';
import type { Actor } from '../access/actor';
import { BookingsService } from '../bookings/bookings.service';
import { toLocalDate } from '../common/time';
import { OffersService } from '../offers/offers.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { MeDto, MyBookingDto, MyOfferDto } from './dto/me.dto';

/** What a signed-in person sees of themselves: a substitute also their offers, bookings and LAS days. */
@Injectable()
export class AccountService {
  constructor(
    private readonly substitutes: SubstitutesService,
    private readonly offers: OffersService,
    private readonly bookings: BookingsService,
    private readonly absences: AbsencesService,
  ) {}

  async me(actor: Actor): Promise<MeDto> {
    const user = { id: actor.id, role: actor.role, municipalityId: actor.municipalityId, unitIds: actor.unitIds };
    if (actor.role !== 'substitute') return user;
    const [substitute, offers, bookings, lasDays] = await Promise.all([
      this.substitutes.get(actor, actor.id),
      this.pendingOffers(actor.id),
      this.bookingsOf(actor.id).then((list) => list.map(({ cancelReason: _, ...booking }) => booking)),
      this.bookings.lasCount(actor.id, toLocalDate(new Date())),
    ]);
    return { ...user, substitute, offers, bookings, lasDays };
  }

  /** Offers that can still be answered, newest first, each with the link of its page. */
  async pendingOffers(substituteId: string): Promise<MyOfferDto[]> {
    const offers = await this.offers.ofSubstitute(substituteId, true);
    const vacancies = await this.absences.describeMany(offers.map((o) => o.vacancyId));
    return offers.map((o) => {
      const v = vacancies.get(o.vacancyId)!;
      return { id: o.id, vacancyId: o.vacancyId, link: this.offers.link(o.id), expiresAt: o.expiresAt, unit: v.unitName, address: v.unitAddress, qualificationName: v.qualificationName, shifts: v.shifts };
    });
  }

  /** Bookings, upcoming and past, confirmed and cancelled, in time order. */
  async bookingsOf(substituteId: string): Promise<(MyBookingDto & { cancelReason: string | null })[]> {
    const bookings = await this.bookings.ofSubstitute(substituteId);
    const vacancies = await this.absences.describeMany(bookings.map((b) => b.vacancyId));
    return bookings.map((b) => {
      const v = vacancies.get(b.vacancyId)!;
      return {
        id: b.id,
        vacancyId: b.vacancyId,
        status: b.status,
        startsAt: b.startsAt,
        cancelledAt: b.cancelledAt,
        cancelReason: b.cancelReason,
        unit: v.unitName,
        address: v.unitAddress,
        qualificationName: v.qualificationName,
        shifts: v.shifts,
      };
    });
  }
}
