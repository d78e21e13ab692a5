import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AbsencesService, VacancyView } from '../absences/absences.service';
import { Vacancy } from '../absences/vacancy.entity';
import type { Actor } from '../auth/actor';
import { BookingsService } from '../bookings/bookings.service';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { OutboxService } from '../outbox/outbox.service';
import { OfferStatus } from './offer.entity';
import { OffersService } from './offers.service';

export interface VacancyDetails extends VacancyView {
  bookedSubstituteId: string | null;
  bookingId: string | null;
  waveCount: number;
  nextWaveAt: Date | null;
  offers: { substituteId: string; wave: number; status: OfferStatus; expiresAt: Date; answeredAt: Date | null; rankReason: Record<string, unknown> }[];
}

/** Flows over a whole vacancy: its details with offers and booking, and cancelling it or its absence. */
@Injectable()
export class VacancyLifecycleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly absences: AbsencesService,
    private readonly offers: OffersService,
    private readonly bookings: BookingsService,
    private readonly outbox: OutboxService,
  ) {}

  async details(actor: Actor, id: string): Promise<VacancyDetails> {
    const vacancy = await this.absences.vacancyForActor(actor, id);
    const [view, offers, booking] = await Promise.all([
      this.absences.vacancyView(actor, id),
      this.offers.offersOfVacancy(id),
      this.bookings.confirmedBookingOf(this.db.manager, id),
    ]);
    return {
      ...view,
      bookedSubstituteId: booking?.substituteId ?? null,
      bookingId: booking?.id ?? null,
      waveCount: vacancy.waveCount,
      nextWaveAt: vacancy.nextWaveAt,
      offers: offers.map((o) => ({ substituteId: o.substituteId, wave: o.wave, status: o.status, expiresAt: o.expiresAt, answeredAt: o.answeredAt, rankReason: o.rankReason })),
    };
  }

  async cancelVacancy(actor: Actor, id: string): Promise<VacancyDetails> {
    await this.absences.vacancyForActor(actor, id);
    const rows = await this.db.transaction(async (tx) => {
      const vacancy = await this.absences.lockVacancy(tx, id);
      return vacancy ? this.cancelInside(tx, vacancy, 'Vikariatet har ställts in av enheten.') : [];
    });
    await this.outbox.publish(rows);
    return this.details(actor, id);
  }

  async cancelAbsence(actor: Actor, absenceId: string) {
    const rows = await this.db.transaction(async (tx) => {
      const vacancies = await this.absences.lockAbsenceVacancies(tx, actor, absenceId);
      const all: OutboxEntry[] = [];
      for (const vacancy of vacancies) all.push(...(await this.cancelInside(tx, vacancy, 'Frånvaron har ställts in av enheten.')));
      return all;
    });
    await this.outbox.publish(rows);
    return this.absences.getAbsence(actor, absenceId);
  }

  private async cancelInside(tx: EntityManager, vacancy: Vacancy, reason: string): Promise<OutboxEntry[]> {
    if (vacancy.status === 'cancelled') return [];
    await this.absences.updateVacancy(tx, vacancy.id, { status: 'cancelled', nextWaveAt: null });
    await this.offers.withdrawPending(tx, vacancy.id);
    return this.bookings.cancelForVacancy(tx, vacancy.id, reason);
  }
}
