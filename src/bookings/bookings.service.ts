import { HttpStatus, Injectable } from '@nestjs/common';
import { AbsencesService, VacancyDescription, VacancyRecord } from '../absences/absences.service';
import { AppError, ErrorCode } from '../common/errors';
import { HOUR_MS } from '../common/time';
import { AppConfig } from '../config/app-config';
import { isExclusionViolation, isUniqueViolation } from '../database/pg-errors';
import { NotificationsService } from '../notifications/notifications.service';
import type { StoredAttachment } from '../notifications/notification.entity';
import { bookingIcs, icsContentType, organizerOf } from '../notifications/templates/calendar';
import type { VacancyFacts } from '../notifications/templates/vacancy-facts';
import {
  bookingConfirmationEmail,
  managerBookedEmail,
  vacancyCancelledEmail,
} from '../notifications/templates/emails';
import { bookingConfirmationSms, vacancyCancelledSms } from '../notifications/templates/sms-texts';
import { OrganisationService } from '../organisation/organisation.service';
import { SubstituteContact, SubstitutesService } from '../substitutes/substitutes.service';
import { BookingRecord, BookingRepository } from './booking.repository';
import { countLasDays, LasCount, lasFormOf } from './las-days';

export const scheduleConflict = () =>
  new AppError(HttpStatus.CONFLICT, ErrorCode.SCHEDULE_CONFLICT, 'You already have a booked shift at that time, or too close to it for the daily rest of 11 hours.');

export const vacancyTaken = () => new AppError(HttpStatus.CONFLICT, ErrorCode.VACANCY_TAKEN, 'Someone else has already taken this vacancy.');

/** Bookings, made and cancelled inside the unit of work of a flow (an accepted offer, a cancelled vacancy or booking). */
@Injectable()
export class BookingsService {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly config: AppConfig,
    private readonly absences: AbsencesService,
    private readonly substitutes: SubstitutesService,
    private readonly organisation: OrganisationService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Inside a unit of work that holds the substitute's and the vacancy's row locks: books the substitute,
   * and tells them and the unit's managers. Daily rest is checked first; the exclusion constraints are the
   * last word, and any violation rolls the whole unit of work back.
   */
  async book(input: { offerId: string | null; vacancy: VacancyRecord; description: VacancyDescription; substituteId: string }): Promise<string> {
    const { vacancy, description, substituteId } = input;
    const halfRest = (this.config.DAILY_REST_HOURS * HOUR_MS) / 2;
    const shifts = description.shifts.map((period) => ({
      period,
      restZone: { start: new Date(period.start.getTime() - halfRest), end: new Date(period.end.getTime() + halfRest) },
    }));
    if (await this.bookings.restClash(substituteId, shifts.map((s) => s.restZone))) throw scheduleConflict();
    const bookingId = await this.bookings
      .insert({ municipalityId: vacancy.municipalityId, vacancyId: vacancy.id, substituteId, unitId: vacancy.unitId, offerId: input.offerId }, shifts)
      .catch((error: unknown) => {
        if (isExclusionViolation(error)) throw scheduleConflict();
        if (isUniqueViolation(error, 'uq_booking_vacancy_confirmed')) throw vacancyTaken();
        throw error;
      });

    const person = (await this.substitutes.contacts([substituteId])).get(substituteId)!;
    await this.notifications.queue([
      ...this.notifications.toPerson({
        municipalityId: vacancy.municipalityId,
        kind: 'booking_confirmation',
        key: `booking:${bookingId}:confirmation`,
        to: person,
        sms: bookingConfirmationSms(description),
        email: bookingConfirmationEmail({ ...description, firstName: person.firstName, calendarAttached: true }),
        attachments: [this.calendarFile(bookingId, description, person, false)],
      }),
      ...this.notifications.toEachEmail({
        municipalityId: vacancy.municipalityId,
        kind: 'manager_booked',
        key: `booking:${bookingId}:manager`,
        recipients: await this.organisation.managerEmails(vacancy.unitId),
        email: managerBookedEmail({ ...description, substituteName: `${person.firstName} ${person.lastName}` }),
      }),
    ]);
    return bookingId;
  }

  /** The booking's .ics: the invitation, or its cancellation (same UIDs, so the events leave the calendar). */
  calendarFile(bookingId: string, shifts: VacancyFacts, person: SubstituteContact, cancelled: boolean): StoredAttachment {
    const parties = { organizer: organizerOf(this.config.MAIL_FROM), attendee: { name: `${person.firstName} ${person.lastName}`, email: person.email } };
    return { filename: 'vikariat.ics', contentType: icsContentType(cancelled), content: bookingIcs({ ...shifts, uid: bookingId, parties, cancelled }) };
  }

  find(municipalityId: string, id: string): Promise<BookingRecord | null> {
    return this.bookings.find(municipalityId, id);
  }

  /** Inside a unit of work: cancels a confirmed booking and frees its shifts; false if it was cancelled already. */
  cancelBooking(id: string, reason: string): Promise<boolean> {
    return this.bookings.cancel(id, reason);
  }

  /** A substitute's bookings, confirmed and cancelled, in time order. */
  ofSubstitute(substituteId: string) {
    return this.bookings.ofSubstitute(substituteId);
  }

  /** The substitute's LAS days through this service, as of a local date (YYYY-MM-DD). */
  async lasCount(substituteId: string, asOf: string): Promise<LasCount> {
    const days = await this.bookings.employmentDays(substituteId);
    return countLasDays(days.map((d) => ({ date: d.date, form: lasFormOf(d.reason) })), asOf);
  }

  bookingOfOffer(offerId: string): Promise<BookingRecord | null> {
    return this.bookings.ofOffer(offerId);
  }

  confirmedBookingOf(vacancyId: string): Promise<BookingRecord | null> {
    return this.bookings.confirmedOfVacancy(vacancyId);
  }

  /** Inside a unit of work: cancels the vacancy's confirmed booking, if any, and tells the substitute the vacancy is off. */
  async cancelForVacancy(vacancyId: string, reason: string): Promise<void> {
    const booking = await this.bookings.confirmedOfVacancy(vacancyId);
    if (!booking || !(await this.bookings.cancel(booking.id, reason))) return;
    const facts = await this.absences.describe(vacancyId);
    const person = (await this.substitutes.contacts([booking.substituteId])).get(booking.substituteId);
    if (!person) return;
    await this.notifications.queue(
      this.notifications.toPerson({
        municipalityId: booking.municipalityId,
        kind: 'booking_cancelled',
        key: `booking:${booking.id}:cancelled`,
        to: person,
        sms: vacancyCancelledSms(facts),
        email: vacancyCancelledEmail({ ...facts, firstName: person.firstName }),
        attachments: [this.calendarFile(booking.id, facts, person, true)],
      }),
    );
  }
}
