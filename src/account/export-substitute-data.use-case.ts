import { Injectable } from '@nestjs/common';
import { mayAccess } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { toAuditEntryDto } from '../audit/dto/audit-entry.dto';
import { SignInCodes } from '../auth/sign-in-codes.use-case';
import { LasService } from '../bookings/las.service';
import { notFound } from '../common/errors';
import { NotificationsService } from '../notifications/notifications.service';
import { OffersService } from '../offers/offers.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { AccountService } from './account.service';
import { SubstituteExportDto } from './dto/substitute-export.dto';

/** Everything held about a substitute, as JSON, for the substitute or the staffing team (GDPR). */
@Injectable()
export class ExportSubstituteData {
  constructor(
    private readonly substitutes: SubstitutesService,
    private readonly account: AccountService,
    private readonly offers: OffersService,
    private readonly notifications: NotificationsService,
    private readonly codes: SignInCodes,
    private readonly las: LasService,
    private readonly audit: AuditLog,
  ) {}

  async run(actor: Actor, substituteId: string): Promise<SubstituteExportDto> {
    if (!mayAccess(actor, { municipalityId: actor.municipalityId, substituteId })) throw notFound('The substitute');
    const profile = await this.substitutes.get(actor, substituteId);
    // Recorded first, so that the export itself is among the entries it shows.
    await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'data_exported', entity: 'substitute', entityId: substituteId });
    const [offers, bookings, messages, signInCodes, lasHistory] = await Promise.all([
      this.offers.ofSubstitute(substituteId),
      this.account.bookingsOf(substituteId),
      this.notifications.sentTo(profile.municipalityId, [profile.phone, profile.email]),
      this.codes.sentTo(substituteId),
      this.las.historyOf(substituteId),
    ]);
    return {
      exportedAt: new Date(),
      profile,
      offers: offers.map((o) => ({ id: o.id, vacancyId: o.vacancyId, wave: o.wave, status: o.status, createdAt: o.createdAt, answeredAt: o.answeredAt, rankReason: o.rankReason })),
      bookings,
      messages,
      signInCodes,
      lasHistory,
      auditEntries: (await this.audit.concerning(profile.municipalityId, substituteId, bookings.map((b) => b.id))).map(toAuditEntryDto),
    };
  }
}
