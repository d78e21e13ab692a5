import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { apiTime } from '../common/api-time.validator';
import { AppError, ErrorCode, ErrorDetail, forbidden, invalidField, notFound, validationFailed } from '../common/errors';
import { PeriodDto } from '../common/period.dto';
import { isUniqueViolation, violatedConstraint } from '../database/pg-errors';
import type { Period } from '../database/tstzrange';
import { OrganisationService } from '../organisation/organisation.service';
import { QualificationsService } from '../qualifications/qualifications.service';
import { mergeWindows } from './availability';
import { AvailabilityWindow } from './availability-window.entity';
import { CreateSubstituteDto } from './dto/create-substitute.dto';
import { ListSubstitutesQuery } from './dto/list-substitutes.query';
import { UpdateSubstituteDto } from './dto/update-substitute.dto';
import { normalisePhone } from './phone';
import { SubstituteQualification } from './substitute-qualification.entity';
import { Substitute } from './substitute.entity';

export interface SubstituteContact {
  id: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  status: Substitute['status'];
}

export interface SubstituteView {
  id: string;
  municipalityId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  status: Substitute['status'];
  districts: string[];
  qualifications: { code: string; verified: boolean; verifiedAt: Date | null; validUntil: string | null }[];
  availability?: Period[];
  verifiedAt: Date | null;
  createdAt: Date;
}

@Injectable()
export class SubstitutesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisation: OrganisationService,
    private readonly qualifications: QualificationsService,
  ) {}

  /** Public sign-up (no actor) or creation by an admin; both give a pending substitute. */
  async create(actor: Actor | undefined, dto: CreateSubstituteDto): Promise<SubstituteView> {
    const municipalityId = await this.municipalityForCreate(actor, dto.municipalityId);
    const details: ErrorDetail[] = [];
    if (dto.consent !== true) details.push({ field: 'consent', problem: 'must be true: we need your consent to store these details' });
    const phone = normalisePhone(dto.phone);
    if (!phone) details.push({ field: 'phone', problem: 'must be a mobile number that can receive SMS, such as 070-123 45 67' });
    const codes = [...new Set(dto.qualifications)];
    for (const code of await this.qualifications.unknownCodes(codes)) {
      details.push({ field: 'qualifications', problem: `"${code}" is not a known qualification (see GET /api/v1/qualifications)` });
    }
    if (details.length > 0) throw validationFailed(`Invalid request: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}.`, details);

    const id = await this.db
      .transaction(async (tx) => {
        const substitute = await tx.getRepository(Substitute).save({
          municipalityId,
          firstName: dto.firstName,
          lastName: dto.lastName,
          email: dto.email,
          phone: phone!,
          status: 'pending',
          districts: [...new Set(dto.districts)],
          consentedAt: new Date(),
          verifiedAt: null,
        });
        await tx.getRepository(SubstituteQualification).insert(
          codes.map((code) => ({ substituteId: substitute.id, qualificationCode: code, municipalityId, verifiedAt: null, validUntil: null })),
        );
        return substitute.id;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          const field = violatedConstraint(error) === 'uq_substitute_phone' ? 'phone' : 'email';
          throw new AppError(HttpStatus.CONFLICT, ErrorCode.SUBSTITUTE_EXISTS, 'A substitute with this email or phone number is already registered in this municipality.', [
            { field, problem: 'is already registered in this municipality' },
          ]);
        }
        throw error;
      });
    return this.view(this.db.manager, municipalityId, id);
  }

  async list(actor: Actor, query: ListSubstitutesQuery): Promise<SubstituteView[]> {
    const rows = await this.db.getRepository(Substitute).find({
      where: { municipalityId: actor.municipalityId, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const held = await this.heldQualifications(this.db.manager, rows.map((r) => r.id));
    return rows.map((row) => toView(row, held.get(row.id) ?? []));
  }

  async get(actor: Actor, id: string): Promise<SubstituteView> {
    this.assertMaySee(actor, id);
    return this.view(this.db.manager, actor.municipalityId, id, true);
  }

  async update(actor: Actor, id: string, dto: UpdateSubstituteDto): Promise<SubstituteView> {
    return this.db.transaction(async (tx) => {
      const substitute = await this.lock(tx, actor.municipalityId, id);
      const verified = [...new Set(dto.verifiedQualifications ?? [])];
      const validUntil = dto.qualificationValidUntil ?? {};
      await this.assertKnownCodes(tx, verified, 'verifiedQualifications');
      const now = new Date();
      if (verified.length > 0) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(SubstituteQualification)
          .values(verified.map((code) => ({ substituteId: id, qualificationCode: code, municipalityId: actor.municipalityId, verifiedAt: now })))
          .orUpdate(['verified_at'], ['substitute_id', 'qualification_code'])
          .execute();
      }
      const held = new Set((await this.heldQualifications(tx, [id])).get(id)?.map((q) => q.qualificationCode));
      for (const [code, until] of Object.entries(validUntil)) {
        if (!held.has(code)) throw invalidField(`qualificationValidUntil.${code}`, 'names a qualification the substitute does not hold');
        if (until !== null && (typeof until !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(until) || !DateTime.fromISO(until).isValid)) {
          throw invalidField(`qualificationValidUntil.${code}`, 'must be a date such as 2027-06-30, or null');
        }
        await tx.getRepository(SubstituteQualification).update({ substituteId: id, qualificationCode: code }, { validUntil: until });
      }
      if (dto.status && dto.status !== substitute.status) {
        await tx.getRepository(Substitute).update(
          { id },
          { status: dto.status, ...(dto.status === 'active' && !substitute.verifiedAt ? { verifiedAt: now } : {}) },
        );
      }
      return this.view(tx, actor.municipalityId, id, true);
    });
  }

  async replaceAvailability(actor: Actor, id: string, periods: PeriodDto[]): Promise<Period[]> {
    this.assertMaySee(actor, id);
    const windows = periods.map((p) => ({ start: apiTime(p.start), end: apiTime(p.end) }));
    const details = windows.flatMap((w, i) => (w.end > w.start ? [] : [{ field: `${i}.end`, problem: 'must be after start' }]));
    if (details.length > 0) throw validationFailed('Every window must end after it starts.', details);
    const merged = mergeWindows(windows);
    await this.db.transaction(async (tx) => {
      await this.lock(tx, actor.municipalityId, id);
      await tx.getRepository(AvailabilityWindow).delete({ substituteId: id });
      if (merged.length > 0) {
        await tx.getRepository(AvailabilityWindow).insert(merged.map((period) => ({ substituteId: id, municipalityId: actor.municipalityId, period })));
      }
    });
    return merged;
  }

  /** Names and contact details, for messages. */
  async contacts(manager: EntityManager, ids: string[]): Promise<Map<string, SubstituteContact>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.getRepository(Substitute).find({
      select: { id: true, firstName: true, lastName: true, phone: true, email: true, status: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map((r) => [r.id, { id: r.id, firstName: r.firstName, lastName: r.lastName, phone: r.phone, email: r.email, status: r.status }]));
  }

  /** Locks the substitute's row so that one person's bookings are made one at a time. */
  lockForBooking(tx: EntityManager, id: string): Promise<Substitute | null> {
    return tx.getRepository(Substitute).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Throws 404 unless every id is a substitute of the municipality. */
  async assertAllExist(manager: EntityManager, municipalityId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await manager.getRepository(Substitute).countBy({ municipalityId, id: In(ids) });
    if (found !== ids.length) throw notFound('One of the substitutes');
  }

  private async municipalityForCreate(actor: Actor | undefined, requested: string | undefined): Promise<string> {
    if (actor && actor.role !== 'admin') throw forbidden('Only the staffing team can register substitutes; sign up without signing in.');
    if (actor) {
      if (requested && requested !== actor.municipalityId) throw notFound('The municipality');
      return actor.municipalityId;
    }
    if (!requested) throw invalidField('municipalityId', 'is required to sign up (see GET /api/v1/municipalities)');
    if (!(await this.organisation.municipalityExists(requested))) throw notFound('The municipality');
    return requested;
  }

  private assertMaySee(actor: Actor, id: string): void {
    if (actor.role === 'admin') return;
    if (actor.role === 'substitute' && actor.id === id) return;
    throw notFound('The substitute');
  }

  private async lock(tx: EntityManager, municipalityId: string, id: string): Promise<Substitute> {
    const substitute = await tx.getRepository(Substitute).findOne({ where: { id, municipalityId }, lock: { mode: 'pessimistic_write' } });
    if (!substitute) throw notFound('The substitute');
    return substitute;
  }

  private async assertKnownCodes(tx: EntityManager, codes: string[], field: string): Promise<void> {
    const unknown = await this.qualifications.unknownCodes(codes, tx);
    if (unknown.length > 0) throw invalidField(field, `names unknown qualifications: ${unknown.join(', ')}`);
  }

  private async heldQualifications(manager: EntityManager, ids: string[]): Promise<Map<string, SubstituteQualification[]>> {
    const byId = new Map<string, SubstituteQualification[]>();
    if (ids.length === 0) return byId;
    const rows = await manager
      .getRepository(SubstituteQualification)
      .createQueryBuilder('q')
      .where('q.substitute_id IN (:...ids)', { ids })
      .orderBy('q.qualification_code')
      .getMany();
    for (const row of rows) byId.set(row.substituteId, [...(byId.get(row.substituteId) ?? []), row]);
    return byId;
  }

  private async view(manager: EntityManager, municipalityId: string, id: string, withAvailability = false): Promise<SubstituteView> {
    const substitute = await manager.getRepository(Substitute).findOneBy({ id, municipalityId });
    if (!substitute) throw notFound('The substitute');
    const held = await this.heldQualifications(manager, [id]);
    const view = toView(substitute, held.get(id) ?? []);
    if (withAvailability) {
      const windows = await manager.getRepository(AvailabilityWindow).find({ where: { substituteId: id } });
      view.availability = windows.map((w) => w.period).sort((a, b) => a.start.getTime() - b.start.getTime());
    }
    return view;
  }
}

function toView(s: Substitute, held: SubstituteQualification[]): SubstituteView {
  return {
    id: s.id,
    municipalityId: s.municipalityId,
    firstName: s.firstName,
    lastName: s.lastName,
    email: s.email,
    phone: s.phone,
    status: s.status,
    districts: s.districts,
    qualifications: held.map((q) => ({ code: q.qualificationCode, verified: q.verifiedAt !== null, verifiedAt: q.verifiedAt, validUntil: q.validUntil })),
    verifiedAt: s.verifiedAt,
    createdAt: s.createdAt,
  };
}
