import { Injectable } from '@nestjs/common';
import { mayAccess } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { SignInCodes } from '../auth/sign-in-codes.use-case';
import { WebSessions } from '../auth/web-sessions.service';
import { CancelBooking } from '../bookings/cancel-booking.use-case';
import { LasService } from '../bookings/las.service';
import { notFound } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { PreferencesService } from '../matching/preferences.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OffersService } from '../offers/offers.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { AccountService } from './account.service';
import { ErasedDto } from './dto/substitute-export.dto';

/**
 * Erases a substitute (GDPR), in one unit of work: upcoming bookings are cancelled (the units are told and
 * the vacancies rematched), pending offers withdrawn, and names, contact details, qualifications,
 * availability, employment days imported from the earlier system, messages, codes and sessions deleted.
 * Past bookings stay, under the bare id, for the statistics; the id then answers 404. The audit log keeps its entries, which hold ids, not details.
 */
@Injectable()
export class EraseSubstitute {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly substitutes: SubstitutesService,
    private readonly account: AccountService,
    private readonly cancelBooking: CancelBooking,
    private readonly las: LasService,
    private readonly offers: OffersService,
    private readonly notifications: NotificationsService,
    private readonly preferences: PreferencesService,
    private readonly codes: SignInCodes,
    private readonly sessions: WebSessions,
    private readonly audit: AuditLog,
  ) {}

  async run(actor: Actor, substituteId: string): Promise<ErasedDto> {
    if (!mayAccess(actor, { municipalityId: actor.municipalityId, substituteId })) throw notFound('The substitute');
    const profile = await this.substitutes.get(actor, substituteId);
    const self = { id: substituteId, role: 'substitute' as const, municipalityId: profile.municipalityId, unitIds: [] };
    await this.uow.run(async () => {
      if (!(await this.substitutes.lock(substituteId))) throw notFound('The substitute');
      const now = new Date();
      for (const booking of await this.account.bookingsOf(substituteId)) {
        if (booking.status === 'confirmed' && booking.startsAt > now) await this.cancelBooking.run(self, booking.id, 'Vikarien har tagits bort ur Vikariebanken.');
      }
      await this.offers.withdrawOfSubstitute(substituteId);
      await this.notifications.forgetRecipients(profile.municipalityId, [profile.phone, profile.email]);
      await this.preferences.forgetSubstitute(substituteId);
      await this.las.forgetHistory(substituteId);
      await this.codes.forget(substituteId);
      await this.sessions.endAllOf(substituteId);
      await this.substitutes.erase(substituteId);
      await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'substitute_erased', entity: 'substitute', entityId: substituteId });
    });
    return { status: 'erased' };
  }
}
