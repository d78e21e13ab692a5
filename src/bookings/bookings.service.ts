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
import { countLasDays, LasCount, lasDaysNeededFrom } from './las-days';
import { brokenRule, DEFAULT_WORKING_TIME, WorkingTimeRule, WorkingTimeRules } from './working-time';
import { WorkingTimeSettings, WorkingTimeSettingsRepository } from './working-time-settings.repository';

const RULE_TEXTS: Record<WorkingTimeRule, (rules: WorkingTimeRules) => string> = {
  OVERLAP: () => 'a booked shift already covers part of this time',
  DAILY_REST: (r) => `it leaves less than the daily rest of ${r.dailyRestHours} hours between two bookings`,
  WEEKLY_REST: (r) => `it leaves no stretch of ${r.weeklyRestHours} hours free in a calendar week`,
  MONTHLY_CAP: (r) => `it takes the booked hours of a calendar month over ${r.monthlyHourCap}`,
};

/** 409 SCHEDULE_CONFLICT naming the working-time rule the booking would break; pages read `rule` and `rules` to say it in Swedish. */
export class ScheduleConflict extends AppError {
  constructor(
    readonly rule: WorkingTimeRule,
    readonly rules: WorkingTimeRules,
  ) {
    super(HttpStatus.CONFLICT, ErrorCode.SCHEDULE_CONFLICT, `This cannot be booked: ${RULE_TEXTS[rule](rules)}.`, [{ field: 'rule', problem: rule }]);
  }
}

export const scheduleConflict = (rule: WorkingTimeRule, rules: WorkingTimeRules = DEFAULT_WORKING_TIME) => new ScheduleConflict(rule, rules);

/** A month and a week on either side reach every period the rules look at, daily rest included. */
const RULES_REACH_MS = 32 * 24 * HOUR_MS;

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
    private readonly workingTime: WorkingTimeSettingsRepository,
  ) {}

  /** The municipality's working-time rules and LAS thresholds. */
  workingTimeSettings(municipalityId: string): Promise<WorkingTimeSettings> {
    return this.workingTime.get(municipalityId);
  }

  /**
   * Inside a unit of work. A lower daily rest shrinks the rest zones of the shifts booked (ex_booked_shift_rest
   * compares them), so that the constraint takes what matching now offers. A higher one applies to bookings
   * from now on: the zones already stored stay, and the bookings made under the old rule stand.
   */
  async saveWorkingTimeSettings(municipalityId: string, changes: Partial<WorkingTimeSettings>): Promise<WorkingTimeSettings> {
    const before = await this.workingTime.get(municipalityId);
    const saved = await this.workingTime.save(municipalityId, changes);
    if (saved.dailyRestHours < before.dailyRestHours) await this.bookings.shrinkRestZones(municipalityId, saved.dailyRestHours);
    return saved;
  }

  /**
   * Inside a unit of work that holds the substitute's and the vacancy's row locks: books the substitute,
   * and tells them and the unit's managers. Daily rest is checked first; the exclusion constraints are the
   * last word, and any violation rolls the whole unit of work back.
   */
  async book(input: { offerId: string | null; vacancy: VacancyRecord; description: VacancyDescription; substituteId: string }): Promise<string> {
    const { vacancy, description, substituteId } = input;
    const rules = await this.workingTime.get(vacancy.municipalityId);
    const halfRest = (rules.dailyRestHours * HOUR_MS) / 2;
    const shifts = description.shifts.map((period) => ({
      period,
      restZone: { start: new Date(period.start.getTime() - halfRest), end: new Date(period.end.getTime() + halfRest) },
    }));
    const first = description.shifts[0].start.getTime();
    const last = Math.max(...description.shifts.map((p) => p.end.getTime()));
    const booked = await this.bookings.bookedShiftsBetween(substituteId, new Date(first - RULES_REACH_MS), new Date(last + RULES_REACH_MS));
    const broken = brokenRule(booked, description.shifts, rules);
    if (broken) throw scheduleConflict(broken, rules);
    const bookingId = await this.bookings
      .insert({ municipalityId: vacancy.municipalityId, vacancyId: vacancy.id, substituteId, unitId: vacancy.unitId, offerId: input.offerId }, shifts)
      .catch((error: unknown) => {
        if (isExclusionViolation(error)) throw scheduleConflict(isExclusionViolation(error, 'ex_booked_shift_overlap') ? 'OVERLAP' : 'DAILY_REST', rules);
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

  /** The substitute's LAS days, booked through this service and imported from the earlier system, as of a local date (YYYY-MM-DD). */
  async lasCount(substituteId: string, asOf: string): Promise<LasCount> {
    return countLasDays(await this.bookings.employmentDays({ substituteIds: [substituteId] }, lasDaysNeededFrom(asOf)), asOf);
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
