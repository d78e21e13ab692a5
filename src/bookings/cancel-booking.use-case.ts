import { Injectable } from '@nestjs/common';
import { AbsencesService } from '../absences/absences.service';
import { mayAccess } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { notFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { NotificationsService } from '../notifications/notifications.service';
import { bookingCancelledEmail, bookingCancelledManagerEmail, ownCancellationEmail } from '../notifications/templates/emails';
import { bookingCancelledSms } from '../notifications/templates/sms-texts';
import { OrganisationService } from '../organisation/organisation.service';
import { OutboxService } from '../outbox/outbox.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { BookingsService } from './bookings.service';
import { CancelledBookingDto } from './dto/cancelled-booking.dto';

/**
 * Cancels a booking. Before its first shift the vacancy reopens and a rematch starts (the cancelling
 * substitute was offered it already, so is not offered it again); after, it is unfilled. The other side is
 * told: the unit's managers when the substitute cancels, the substitute otherwise.
 */
@Injectable()
export class CancelBooking {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly bookings: BookingsService,
    private readonly absences: AbsencesService,
    private readonly substitutes: SubstitutesService,
    private readonly organisation: OrganisationService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
  ) {}

  async run(actor: Actor, bookingId: string, reason: string): Promise<CancelledBookingDto> {
    const booking = await this.bookings.find(actor.municipalityId, bookingId);
    if (!booking || !mayAccess(actor, booking)) throw notFound('The booking');

    return this.uow.run(async () => {
      const vacancy = await this.absences.lockVacancy(booking.vacancyId);
      if (!vacancy) throw notFound('The booking');
      if (!(await this.bookings.cancelBooking(bookingId, reason))) return { status: 'cancelled', vacancyStatus: vacancy.status };
      const reopen = vacancy.status === 'filled' && vacancy.startsAt > new Date();
      const status = reopen ? 'open' : vacancy.status === 'filled' ? 'unfilled' : vacancy.status;
      if (status !== vacancy.status) await this.absences.changeVacancy(vacancy, { status, filledAt: null, nextWaveAt: null });
      const facts = await this.absences.describe(vacancy.id);
      const person = (await this.substitutes.contacts([booking.substituteId])).get(booking.substituteId);
      // An erased substitute is not told, and not named.
      if (person) {
        const calendar = this.bookings.calendarFile(booking.id, facts, person, true);
        await this.notifications.queue(
          actor.role === 'substitute'
            ? [
                ...this.notifications.toEachEmail({
                  municipalityId: booking.municipalityId,
                  kind: 'booking_cancelled_manager',
                  key: `booking:${booking.id}:cancelled:manager`,
                  recipients: await this.organisation.managerEmails(booking.unitId),
                  email: bookingCancelledManagerEmail({ ...facts, substituteName: `${person.firstName} ${person.lastName}`, reason }),
                }),
                this.notifications.email({
                  municipalityId: booking.municipalityId,
                  kind: 'booking_cancelled_own',
                  dedupeKey: `booking:${booking.id}:cancelled:own`,
                  recipient: person.email,
                  email: ownCancellationEmail({ ...facts, firstName: person.firstName }),
                  attachments: [calendar],
                }),
              ]
            : this.notifications.toPerson({
                municipalityId: booking.municipalityId,
                kind: 'booking_cancelled',
                key: `booking:${booking.id}:cancelled`,
                to: person,
                sms: bookingCancelledSms(facts),
                email: bookingCancelledEmail({ ...facts, firstName: person.firstName, reason }),
                attachments: [calendar],
              }),
        );
      }
      if (reopen) await this.outbox.write([{ municipalityId: vacancy.municipalityId, kind: 'match', payload: { vacancyId: vacancy.id } }]);
      await this.audit.record({
        municipalityId: booking.municipalityId,
        actor,
        action: 'booking_cancelled',
        entity: 'booking',
        entityId: booking.id,
        details: { vacancyId: vacancy.id, reason, vacancyStatus: status },
      });
      return { status: 'cancelled', vacancyStatus: status };
    });
  }
}
