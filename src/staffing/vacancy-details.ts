import { Injectable } from '@nestjs/common';
import { AbsencesService, VacancyRecord } from '../absences/absences.service';
import type { Actor } from '../access/actor';
import { BookingsService } from '../bookings/bookings.service';
import { OffersService } from '../offers/offers.service';
import { VacancyDetailsDto } from './dto/vacancy-details.dto';

/** A vacancy as its unit sees it: status, shifts, every offer with its wave and answer, and the booking. */
@Injectable()
export class VacancyDetails {
  constructor(
    private readonly absences: AbsencesService,
    private readonly offers: OffersService,
    private readonly bookings: BookingsService,
  ) {}

  async get(actor: Actor, id: string): Promise<VacancyDetailsDto> {
    return this.of(await this.absences.vacancyForActor(actor, id));
  }

  async of(vacancy: VacancyRecord): Promise<VacancyDetailsDto> {
    const [view, offers, booking] = await Promise.all([this.absences.vacancyView(vacancy), this.offers.ofVacancy(vacancy.id), this.bookings.confirmedBookingOf(vacancy.id)]);
    return {
      ...view,
      bookedSubstituteId: booking?.substituteId ?? null,
      bookingId: booking?.id ?? null,
      waveCount: vacancy.waveCount,
      nextWaveAt: vacancy.nextWaveAt,
      offers: offers.map((o) => ({ substituteId: o.substituteId, wave: o.wave, status: o.status, expiresAt: o.expiresAt, answeredAt: o.answeredAt, rankReason: o.rankReason })),
    };
  }
}
