import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AbsencesService, VacancyDescription } from '../absences/absences.service';
import { Vacancy } from '../absences/vacancy.entity';
import type { Actor } from '../auth/actor';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { HOUR_MS } from '../common/time';
import { AppConfig } from '../config/app-config';
import { isExclusionViolation, isUniqueViolation } from '../database/pg-errors';
import { toRangeLiteral } from '../database/tstzrange';
import { NotificationsService, NewNotification } from '../notifications/notifications.service';
import { bookingIcs } from '../notifications/templates/calendar';
import {
  bookingCancelledEmail,
  bookingCancelledManagerEmail,
  bookingCancelledSms,
  bookingConfirmationEmail,
  bookingConfirmationSms,
  managerBookedEmail,
  vacancyCancelledEmail,
  vacancyCancelledSms,
} from '../notifications/templates/messages';
import { OrganisationService } from '../organisation/organisation.service';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { OutboxService } from '../outbox/outbox.service';
import { JOBS } from '../queue/queues';
import { SubstituteContact, SubstitutesService } from '../substitutes/substitutes.service';
import { BookedShift } from './booked-shift.entity';
import { Booking } from './booking.entity';

export const scheduleConflict = () =>
  new AppError(HttpStatus.CONFLICT, ErrorCode.SCHEDULE_CONFLICT, 'You already have a booked shift at that time, or too close to it for the daily rest of 11 hours.');

@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly absences: AbsencesService,
    private readonly substitutes: SubstitutesService,
    private readonly organisation: OrganisationService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Books a substitute on a vacancy inside the caller's transaction, which holds the substitute's and the
   * vacancy's row locks. Checks overlap and daily rest first; the exclusion constraints are the last word.
   */
  async book(
    tx: EntityManager,
    input: { offerId: string | null; vacancy: Vacancy; description: VacancyDescription; substitute: { id: string } },
  ): Promise<{ bookingId: string; rows: OutboxEntry[] }> {
    const { vacancy, description } = input;
    const halfRest = (this.config.DAILY_REST_HOURS * HOUR_MS) / 2;
    const zones = description.shifts.map((s) => ({ start: new Date(s.start.getTime() - halfRest), end: new Date(s.end.getTime() + halfRest) }));
    const clash: unknown[] = await tx.query(
      `SELECT 1 FROM booked_shift WHERE substitute_id = $1 AND rest_zone && ANY ($2::tstzrange[]) LIMIT 1`,
      [input.substitute.id, zones.map(toRangeLiteral)],
    );
    if (clash.length > 0) throw scheduleConflict();

    // The checks above hold the row locks; the constraints are the last word, and any violation rolls back
    // the caller's whole transaction.
    let booking: Booking;
    try {
      booking = await tx.getRepository(Booking).save({
        municipalityId: vacancy.municipalityId,
        vacancyId: vacancy.id,
        substituteId: input.substitute.id,
        unitId: vacancy.unitId,
        offerId: input.offerId,
        status: 'confirmed',
        cancelledAt: null,
        cancelReason: null,
      });
      await tx.getRepository(BookedShift).insert(
        description.shifts.map((period, i) => ({
          bookingId: booking.id,
          substituteId: input.substitute.id,
          municipalityId: vacancy.municipalityId,
          unitId: vacancy.unitId,
          period,
          restZone: zones[i],
        })),
      );
    } catch (error) {
      if (isExclusionViolation(error)) throw scheduleConflict();
      if (isUniqueViolation(error, 'uq_booking_vacancy_confirmed')) {
        throw new AppError(HttpStatus.CONFLICT, ErrorCode.VACANCY_TAKEN, 'Someone else has already taken this vacancy.');
      }
      throw error;
    }

    const person = (await this.substitutes.contacts(tx, [input.substitute.id])).get(input.substitute.id)!;
    const view = this.view(description);
    const confirmation = bookingConfirmationEmail({ ...view, firstName: person.firstName, calendarAttached: true });
    const managerNotice = managerBookedEmail({ ...view, substituteName: `${person.firstName} ${person.lastName}` });
    const base = { municipalityId: vacancy.municipalityId };
    const messages: NewNotification[] = [
      { ...base, kind: 'booking_confirmation', dedupeKey: `booking:${booking.id}:confirmation:sms`, channel: 'sms', recipient: person.phone, body: bookingConfirmationSms(view) },
      {
        ...base,
        kind: 'booking_confirmation',
        dedupeKey: `booking:${booking.id}:confirmation:email`,
        channel: 'email',
        recipient: person.email,
        subject: confirmation.subject,
        body: confirmation.text,
        html: confirmation.html,
        attachments: [{ filename: 'vikariat.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: bookingIcs({ ...view, uid: booking.id }) }],
      },
      ...(await this.organisation.managerEmails(vacancy.unitId, tx)).map((email) => ({
        ...base,
        kind: 'manager_booked',
        dedupeKey: `booking:${booking.id}:manager:${email}`,
        channel: 'email' as const,
        recipient: email,
        subject: managerNotice.subject,
        body: managerNotice.text,
        html: managerNotice.html,
      })),
    ];
    return { bookingId: booking.id, rows: await this.notifications.queue(tx, messages) };
  }

  bookingOfOffer(tx: EntityManager, offerId: string): Promise<Booking | null> {
    return tx.getRepository(Booking).findOne({ where: { offerId }, order: { createdAt: 'DESC' } });
  }

  confirmedBookingOf(manager: EntityManager, vacancyId: string): Promise<Booking | null> {
    return manager.getRepository(Booking).findOneBy({ vacancyId, status: 'confirmed' });
  }

  /**
   * Cancels a booking: the vacancy reopens and a rematch starts (the cancelling substitute was offered it
   * already, so is not offered it again); the other side is told.
   */
  async cancel(actor: Actor, bookingId: string, reason: string): Promise<{ status: 'cancelled'; vacancyStatus: string }> {
    const booking = await this.db.getRepository(Booking).findOneBy({ id: bookingId, municipalityId: actor.municipalityId });
    const mayCancel =
      booking &&
      (actor.role === 'admin' || (actor.role === 'manager' && actor.unitIds.includes(booking.unitId)) || (actor.role === 'substitute' && actor.id === booking.substituteId));
    if (!booking || !mayCancel) throw notFound('The booking');

    const rows = await this.db.transaction(async (tx) => {
      const vacancy = await this.absences.lockVacancy(tx, booking.vacancyId);
      const current = await tx.getRepository(Booking).findOneByOrFail({ id: bookingId });
      if (!vacancy) throw notFound('The booking');
      if (current.status === 'cancelled') return [];
      await this.cancelInside(tx, current, reason);
      const reopen = vacancy.status === 'filled' && vacancy.startsAt > new Date();
      await this.absences.updateVacancy(tx, vacancy.id, { status: reopen ? 'open' : vacancy.status === 'filled' ? 'unfilled' : vacancy.status, filledAt: null, nextWaveAt: null });
      const description = await this.absences.describe(tx, vacancy.id);
      const person = (await this.substitutes.contacts(tx, [current.substituteId])).get(current.substituteId)!;
      const messages = actor.role === 'substitute'
        ? await this.managerNoticeOfCancellation(tx, current, description, person, reason)
        : this.substituteNoticeOfBookingCancelled(current, description, person, reason);
      const notices = await this.notifications.queue(tx, messages);
      const rematch = reopen ? await this.outbox.write(tx, [{ municipalityId: vacancy.municipalityId, kind: JOBS.match, payload: { vacancyId: vacancy.id } }]) : [];
      return [...notices, ...rematch];
    });
    await this.outbox.publish(rows);
    const vacancy = await this.db.getRepository(Vacancy).findOneByOrFail({ id: booking.vacancyId });
    return { status: 'cancelled', vacancyStatus: vacancy.status };
  }

  /** Cancels the vacancy's confirmed booking, if any, inside the caller's transaction; tells the substitute. */
  async cancelForVacancy(tx: EntityManager, vacancyId: string, reason: string): Promise<OutboxEntry[]> {
    const booking = await this.confirmedBookingOf(tx, vacancyId);
    if (!booking) return [];
    await this.cancelInside(tx, booking, reason);
    const description = await this.absences.describe(tx, vacancyId);
    const person = (await this.substitutes.contacts(tx, [booking.substituteId])).get(booking.substituteId)!;
    return this.notifications.queue(tx, this.substituteNoticeOfCancellation(booking, description, person));
  }

  private async cancelInside(tx: EntityManager, booking: Booking, reason: string): Promise<void> {
    await tx.getRepository(Booking).update({ id: booking.id }, { status: 'cancelled', cancelledAt: new Date(), cancelReason: reason });
    await tx.getRepository(BookedShift).delete({ bookingId: booking.id });
  }

  private substituteNoticeOfCancellation(booking: Booking, description: VacancyDescription, person: SubstituteContact): NewNotification[] {
    const view = this.view(description);
    const email = vacancyCancelledEmail({ ...view, firstName: person.firstName });
    const base = { municipalityId: booking.municipalityId, kind: 'booking_cancelled' };
    return [
      { ...base, dedupeKey: `booking:${booking.id}:cancelled:sms`, channel: 'sms', recipient: person.phone, body: vacancyCancelledSms(view) },
      { ...base, dedupeKey: `booking:${booking.id}:cancelled:email`, channel: 'email', recipient: person.email, subject: email.subject, body: email.text, html: email.html },
    ];
  }

  /** The unit or the staffing team cancelled the booking; the vacancy stays and is offered to others. */
  private substituteNoticeOfBookingCancelled(booking: Booking, description: VacancyDescription, person: SubstituteContact, reason: string): NewNotification[] {
    const view = this.view(description);
    const email = bookingCancelledEmail({ ...view, firstName: person.firstName, reason });
    const base = { municipalityId: booking.municipalityId, kind: 'booking_cancelled' };
    return [
      { ...base, dedupeKey: `booking:${booking.id}:cancelled:sms`, channel: 'sms', recipient: person.phone, body: bookingCancelledSms(view) },
      { ...base, dedupeKey: `booking:${booking.id}:cancelled:email`, channel: 'email', recipient: person.email, subject: email.subject, body: email.text, html: email.html },
    ];
  }

  private async managerNoticeOfCancellation(
    tx: EntityManager,
    booking: Booking,
    description: VacancyDescription,
    person: SubstituteContact,
    reason: string,
  ): Promise<NewNotification[]> {
    const email = bookingCancelledManagerEmail({ ...this.view(description), substituteName: `${person.firstName} ${person.lastName}`, reason });
    return (await this.organisation.managerEmails(booking.unitId, tx)).map((recipient) => ({
      municipalityId: booking.municipalityId,
      kind: 'booking_cancelled_manager',
      dedupeKey: `booking:${booking.id}:cancelled:manager:${recipient}`,
      channel: 'email' as const,
      recipient,
      subject: email.subject,
      body: email.text,
      html: email.html,
    }));
  }

  private view(d: VacancyDescription) {
    return { unitName: d.unitName, unitAddress: d.unitAddress, qualificationName: d.qualificationName, shifts: d.shifts };
  }
}
