import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { mayAccess } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { apiTime } from '../common/api-time.validator';
import { AppError, ErrorCode, ErrorDetail, forbidden, invalidField, invalidState, notFound, validationFailed } from '../common/errors';
import { PeriodDto } from '../common/period.dto';
import { daysBefore, inBatches } from '../common/retention';
import { AppConfig } from '../config/app-config';
import { AuditLog } from '../audit/audit-log.service';
import { Tenancy } from '../database/tenancy';
import { UnitOfWork } from '../database/unit-of-work';
import { NewNotification, NotificationsService } from '../notifications/notifications.service';
import { alreadyRegisteredEmail, signUpReceivedEmail } from '../notifications/templates/emails';
import { alreadyRegisteredSms } from '../notifications/templates/sms-texts';
import { isUniqueViolation, violatedConstraint } from '../database/pg-errors';
import type { Period } from '../database/tstzrange';
import { OrganisationService } from '../organisation/organisation.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { Sweep } from '../queue/job-handlers';
import { mergeWindows, subtractWindow } from './availability';
import { CreateSubstituteDto } from './dto/create-substitute.dto';
import { ListSubstitutesQuery } from './dto/list-substitutes.query';
import { SubstituteDto } from './dto/substitute.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { UpdateSubstituteDto } from './dto/update-substitute.dto';
import { normalisePhone } from './phone';
import type { SubstituteStatus } from './substitute.entity';
import { SubstituteContact, SubstituteRecord, SubstitutesRepository } from './substitutes.repository';

export type { SubstituteContact } from './substitutes.repository';


@Injectable()
export class SubstitutesService {
  private readonly logger = new Logger(SubstitutesService.name);

  constructor(
    private readonly repository: SubstitutesRepository,
    private readonly uow: UnitOfWork,
    private readonly organisation: OrganisationService,
    private readonly qualifications: QualificationsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  /** Registration by an admin: a pending substitute, or 409 when the phone or email is registered. */
  async create(actor: Actor, dto: CreateSubstituteDto): Promise<SubstituteDto> {
    if (actor.role !== 'admin') throw forbidden('Only the staffing team can register substitutes; sign up without signing in.');
    if (dto.municipalityId && dto.municipalityId !== actor.municipalityId) throw notFound('The municipality');
    const input = await this.validated(dto);
    const id = await this.uow
      .run(() => this.repository.insert({ ...input, municipalityId: actor.municipalityId }, input.codes))
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          const field = violatedConstraint(error) === 'uq_substitute_phone' ? 'phone' : 'email';
          throw new AppError(HttpStatus.CONFLICT, ErrorCode.SUBSTITUTE_EXISTS, 'A substitute with this email or phone number is already registered in this municipality.', [
            { field, problem: 'is already registered in this municipality' },
          ]);
        }
        throw error;
      });
    return this.view(actor.municipalityId, id);
  }

  /**
   * The public sign-up. Every valid sign-up gets the same answer, so that it cannot tell a stranger who is
   * registered: a new person becomes a pending substitute and is told what happens next; someone already
   * registered is told so, on the contact details we have.
   */
  async signUp(dto: CreateSubstituteDto): Promise<void> {
    if (!dto.municipalityId) throw invalidField('municipalityId', 'is required to sign up (see GET /api/v1/municipalities)');
    this.tenancy.enter(dto.municipalityId);
    const municipality = await this.organisation.municipality(dto.municipalityId);
    if (!municipality) throw notFound('The municipality');
    const input = await this.validated(dto);
    const pagesLink = `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/vikarie`;
    await this.uow.run(async () => {
      const existing = await this.repository.findByContact(municipality.id, { phone: input.phone, email: input.email });
      if (existing.length === 0) {
        const id = await this.repository.insert({ ...input, municipalityId: municipality.id }, input.codes).catch((error: unknown) => {
          // Someone signed up with the same details at the same moment: they are registered, which is all we promise.
          if (isUniqueViolation(error)) return null;
          throw error;
        });
        if (id === null) return;
        const email = signUpReceivedEmail({ firstName: input.firstName, municipalityName: municipality.name, pagesLink });
        await this.notifications.queue([this.notifications.email({ municipalityId: municipality.id, kind: 'sign_up_received', dedupeKey: `signup:${id}:email`, recipient: input.email, email })]);
        return;
      }
      // At most one such message an hour to a person, however often their details are entered.
      const hour = new Date().toISOString().slice(0, 13);
      await this.notifications.queue(
        existing.flatMap((person): NewNotification[] => {
          if (person.email === input.email) {
            const email = alreadyRegisteredEmail({ firstName: person.firstName, pagesLink });
            return [this.notifications.email({ municipalityId: municipality.id, kind: 'sign_up_repeated', dedupeKey: `signup-repeated:${person.id}:email:${hour}`, recipient: person.email, email })];
          }
          return [{ municipalityId: municipality.id, kind: 'sign_up_repeated', dedupeKey: `signup-repeated:${person.id}:sms:${hour}`, channel: 'sms' as const, recipient: person.phone, body: alreadyRegisteredSms(pagesLink) }];
        }),
      );
    });
  }

  async list(actor: Actor, query: ListSubstitutesQuery): Promise<SubstituteDto[]> {
    const rows = await this.repository.list(actor.municipalityId, { status: query.status, name: query.name, qualification: query.qualification, district: query.district, limit: query.limit, offset: query.offset });
    return rows.map(toDto);
  }

  async get(actor: Actor, id: string): Promise<SubstituteDto> {
    this.assertMaySee(actor, id);
    return this.view(actor.municipalityId, id, true);
  }

  async update(actor: Actor, id: string, dto: UpdateSubstituteDto): Promise<SubstituteDto> {
    return this.uow.run(async () => {
      const substitute = await this.repository.lock(id, actor.municipalityId);
      if (!substitute) throw notFound('The substitute');
      const verified = [...new Set(dto.verifiedQualifications ?? [])];
      const unknown = await this.qualifications.unknownCodes(verified);
      if (unknown.length > 0) throw invalidField('verifiedQualifications', `names unknown qualifications: ${unknown.join(', ')}`);
      if (verified.length > 0) await this.repository.verifyQualifications(id, actor.municipalityId, verified);
      const validUntil = Object.entries(dto.qualificationValidUntil ?? {});
      if (validUntil.length > 0) {
        const held = new Set((await this.repository.find(actor.municipalityId, id))!.qualifications.map((q) => q.code));
        for (const [code, until] of validUntil) {
          if (!held.has(code)) throw invalidField(`qualificationValidUntil.${code}`, 'names a qualification the substitute does not hold');
          if (until !== null && (typeof until !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(until) || !DateTime.fromISO(until).isValid)) {
            throw invalidField(`qualificationValidUntil.${code}`, 'must be a date such as 2027-06-30, or null');
          }
          await this.repository.setValidUntil(id, code, until);
        }
      }
      if (dto.status && dto.status !== substitute.status) await this.repository.setStatus(id, dto.status);
      await this.audit.record({
        municipalityId: actor.municipalityId,
        actor,
        action: 'substitute_updated',
        entity: 'substitute',
        entityId: id,
        details: {
          ...(dto.status && dto.status !== substitute.status ? { status: { from: substitute.status, to: dto.status } } : {}),
          ...(verified.length > 0 ? { verifiedQualifications: verified } : {}),
          ...(validUntil.length > 0 ? { qualificationValidUntil: Object.fromEntries(validUntil) } : {}),
        },
      });
      return this.view(actor.municipalityId, id, true);
    });
  }

  async replaceAvailability(actor: Actor, id: string, periods: PeriodDto[]): Promise<Period[]> {
    const windows = periods.map((p) => ({ start: apiTime(p.start), end: apiTime(p.end) }));
    const details = windows.flatMap((w, i) => (w.end > w.start ? [] : [{ field: `${i}.end`, problem: 'must be after start' }]));
    if (details.length > 0) throw validationFailed('Every window must end after it starts.', details);
    return this.changeAvailability(actor, id, () => mergeWindows(windows));
  }

  private async changeAvailability(actor: Actor, id: string, change: (current: Period[]) => Period[]): Promise<Period[]> {
    this.assertMaySee(actor, id);
    return this.uow.run(async () => {
      if (!(await this.repository.lock(id, actor.municipalityId))) throw notFound('The substitute');
      const windows = change(await this.repository.availability(id));
      await this.repository.replaceAvailability(id, actor.municipalityId, windows);
      return windows;
    });
  }

  /** The substitute a sign-in is for, by the phone number or email they gave; null for anyone else. */
  async findForSignIn(municipalityId: string, contact: { phone?: string; email?: string }): Promise<SubstituteContact | null> {
    const phone = contact.phone ? normalisePhone(contact.phone) : null;
    const email = phone ? null : (contact.email ?? null);
    if (!phone && !email) return null;
    const found = await this.repository.findByContact(municipalityId, { phone, email });
    return found.find((p) => (phone ? p.phone === phone : p.email === email)) ?? null;
  }

  /** A substitute changes their own districts, contact details, or pauses and resumes. */
  async updateOwn(actor: Actor, dto: UpdateMeDto): Promise<SubstituteDto> {
    if (actor.role !== 'substitute') throw forbidden('Only a substitute has these details.');
    const phone = dto.phone === undefined ? undefined : normalisePhone(dto.phone);
    if (phone === null) throw invalidField('phone', 'must be a mobile number that can receive SMS, such as 070-123 45 67');
    return this.uow
      .run(async () => {
        const me = await this.repository.lock(actor.id, actor.municipalityId);
        if (!me) throw notFound('The substitute');
        if (dto.paused === true && me.status !== 'paused') {
          if (me.status !== 'active') throw invalidState('You can pause once the staffing team has activated you.');
          await this.repository.setStatus(actor.id, 'paused', 'self');
        }
        if (dto.paused === false && me.status === 'paused') {
          if (me.pausedBy !== 'self') throw invalidState('The staffing team has paused you; ask them to resume.');
          await this.repository.setStatus(actor.id, 'active');
        }
        await this.repository.updateContact(actor.id, { districts: dto.districts && [...new Set(dto.districts)], email: dto.email, phone });
        return this.view(actor.municipalityId, actor.id, true);
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          const field = violatedConstraint(error) === 'uq_substitute_phone' ? 'phone' : 'email';
          throw new AppError(HttpStatus.CONFLICT, ErrorCode.SUBSTITUTE_EXISTS, `Another substitute has this ${field === 'phone' ? 'phone number' : 'email'}.`, [
            { field, problem: 'belongs to another substitute' },
          ]);
        }
        throw error;
      });
  }

  async availability(actor: Actor, id: string): Promise<Period[]> {
    this.assertMaySee(actor, id);
    return this.repository.availability(id);
  }

  /** Adds windows to those the substitute has; they merge with those they overlap or touch. */
  async addAvailability(actor: Actor, id: string, periods: Period[]): Promise<Period[]> {
    return this.changeAvailability(actor, id, (current) => mergeWindows([...current, ...periods]));
  }

  /** Takes a period out of the substitute's windows. */
  async removeAvailability(actor: Actor, id: string, period: Period): Promise<Period[]> {
    return this.changeAvailability(actor, id, (current) => subtractWindow(current, period));
  }

  /** Inside a unit of work: erases what the substitute told us (see SubstitutesRepository.erase). */
  erase(id: string): Promise<void> {
    return this.repository.erase(id);
  }

  /** Names and contact details, for messages. */
  contacts(ids: string[]): Promise<Map<string, SubstituteContact>> {
    return this.repository.contacts(ids);
  }

  /** Locks the substitute's row for the unit of work: one person's bookings and sign-ins go one at a time. Null if unknown. */
  lock(id: string): Promise<{ id: string; status: SubstituteStatus } | null> {
    return this.repository.lock(id);
  }

  /** Whether the substitute is still there (not erased), for a sign-in that names them. */
  exists(municipalityId: string, id: string): Promise<boolean> {
    return this.repository.exists(municipalityId, id);
  }

  /**
   * Locks, for the unit of work, the first `count` of these substitutes (in the order given) that nobody else
   * is working on (a rival wave offering them, an accept): their contact details. Never waits, so that waves
   * for the same time do not queue behind each other.
   */
  lockFirstFree(ids: string[], count: number): Promise<SubstituteContact[]> {
    return this.repository.lockFirstFree(ids, count);
  }

  /** Throws 404 unless every id is a substitute of the municipality. */
  async assertAllExist(municipalityId: string, ids: string[]): Promise<void> {
    if (ids.length > 0 && (await this.repository.countIn(municipalityId, ids)) !== ids.length) throw notFound('One of the substitutes');
  }

  /** Checks what a sign-up or a registration says, naming every problem at once. */
  private async validated(dto: CreateSubstituteDto) {
    const details: ErrorDetail[] = [];
    if (dto.consent !== true) details.push({ field: 'consent', problem: 'must be true: we need your consent to store these details' });
    const phone = normalisePhone(dto.phone);
    if (!phone) details.push({ field: 'phone', problem: 'must be a mobile number that can receive SMS, such as 070-123 45 67' });
    const codes = [...new Set(dto.qualifications)];
    for (const code of await this.qualifications.unknownCodes(codes)) {
      details.push({ field: 'qualifications', problem: `"${code}" is not a known qualification (see GET /api/v1/qualifications)` });
    }
    if (details.length > 0) throw validationFailed(`Invalid request: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}.`, details);
    return { firstName: dto.firstName, lastName: dto.lastName, email: dto.email, phone: phone!, districts: [...new Set(dto.districts)], codes };
  }

  @Sweep('remove sign-ups never verified within UNVERIFIED_SIGN_UP_RETENTION_DAYS', { everyMs: 3600_000 })
  async removeUnverifiedSignUps(now = new Date()): Promise<number> {
    const before = daysBefore(now, this.config.UNVERIFIED_SIGN_UP_RETENTION_DAYS);
    const removed = await inBatches(1000, (batch) => this.repository.removeUnverifiedBefore(before, batch));
    if (removed > 0) this.logger.log(`Removed ${removed} sign-ups never verified in ${this.config.UNVERIFIED_SIGN_UP_RETENTION_DAYS} days`);
    return removed;
  }

  /** Admins of the municipality and the substitute themself; everyone else is told it does not exist. */
  private assertMaySee(actor: Actor, substituteId: string): void {
    if (!mayAccess(actor, { municipalityId: actor.municipalityId, substituteId })) throw notFound('The substitute');
  }

  private async view(municipalityId: string, id: string, withAvailability = false): Promise<SubstituteDto> {
    const substitute = await this.repository.find(municipalityId, id);
    if (!substitute) throw notFound('The substitute');
    const dto = toDto(substitute);
    if (withAvailability) dto.availability = await this.repository.availability(id);
    return dto;
  }
}

function toDto(s: SubstituteRecord): SubstituteDto {
  return {
    id: s.id,
    municipalityId: s.municipalityId,
    firstName: s.firstName,
    lastName: s.lastName,
    email: s.email,
    phone: s.phone,
    status: s.status,
    pausedBy: s.pausedBy,
    districts: s.districts,
    qualifications: s.qualifications.map((q) => ({ code: q.code, verified: q.verifiedAt !== null, verifiedAt: q.verifiedAt, validUntil: q.validUntil })),
    verifiedAt: s.verifiedAt,
    consentedAt: s.consentedAt,
    createdAt: s.createdAt,
  };
}
