import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { mayAccess, visibleUnits } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit-log.service';
import { AppError, ErrorCode, forbidden, notFound } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { Tenancy } from '../database/tenancy';
import { UnitOfWork } from '../database/unit-of-work';
import { isUniqueViolation } from '../database/pg-errors';
import { CreateUnitDto } from './dto/create-unit.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { StaffUserDto } from './dto/staff-user.dto';
import { UnitDto } from './dto/unit.dto';
import { OrganisationRepository, StaffUserRecord, UnitRecord } from './organisation.repository';
import { hashPassword } from './passwords';

@Injectable()
export class OrganisationService {
  private readonly logger = new Logger(OrganisationService.name);

  constructor(
    private readonly repository: OrganisationRepository,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  listMunicipalities(): Promise<{ id: string; name: string }[]> {
    return this.repository.listMunicipalities();
  }

  municipality(id: string): Promise<{ id: string; name: string } | null> {
    return this.repository.findMunicipality(id);
  }

  /**
   * Creates the configured municipality and its first admin if the municipality does not exist yet.
   * Replicas may start together: the unique name decides which one creates it, in one transaction.
   */
  async bootstrap(name: string, adminEmail: string, adminPassword: string): Promise<boolean> {
    const passwordHash = await hashPassword(adminPassword, this.config.BCRYPT_ROUNDS);
    // Before the municipality exists there is no municipality to be scoped to.
    return this.tenancy.acrossMunicipalities(() =>
      this.uow.run(async () => {
        const municipalityId = await this.repository.insertMunicipalityIfAbsent(name);
        if (!municipalityId) return false;
        await this.repository.insertStaffUser({ municipalityId, email: adminEmail.trim().toLowerCase(), passwordHash, role: 'admin', unitIds: [] });
        this.logger.log(`Created municipality "${name}" and its first admin`);
        return true;
      }),
    );
  }

  createUnit(actor: Actor, dto: CreateUnitDto): Promise<UnitDto> {
    return this.repository.insertUnit({ municipalityId: actor.municipalityId, name: dto.name, serviceArea: dto.serviceArea, district: dto.district, address: dto.address ?? null });
  }

  listUnits(actor: Actor): Promise<UnitDto[]> {
    return this.repository.listUnits(actor.municipalityId, visibleUnits(actor));
  }

  /** The districts of a municipality's units: public, as the sign-up form offers them. */
  districts(municipalityId: string): Promise<string[]> {
    return this.tenancy.within(municipalityId, () => this.repository.districts(municipalityId));
  }

  /** The unit if the actor may act on it: an admin on any unit of the municipality, a manager on own units. */
  async unitForActor(actor: Actor, unitId: string): Promise<UnitRecord> {
    const unit = await this.repository.findUnit(actor.municipalityId, unitId);
    if (!unit || !mayAccess(actor, { municipalityId: unit.municipalityId, unitId: unit.id })) throw notFound('The unit');
    return unit;
  }

  async createUser(actor: Actor, dto: CreateUserDto): Promise<StaffUserDto> {
    const unitIds = [...new Set(dto.unitIds)];
    if (dto.role === 'admin' && unitIds.length > 0) {
      throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, 'An admin acts on every unit; leave unitIds empty.', [
        { field: 'unitIds', problem: 'must be empty for an admin' },
      ]);
    }
    const passwordHash = await hashPassword(dto.password, this.config.BCRYPT_ROUNDS);
    const user = await this.uow
      .run(async () => {
        if ((await this.repository.countUnits(actor.municipalityId, unitIds)) !== unitIds.length) throw notFound('One of the units in unitIds');
        const created = await this.repository.insertStaffUser({ municipalityId: actor.municipalityId, email: dto.email, passwordHash, role: dto.role, unitIds });
        await this.audit.record({ municipalityId: actor.municipalityId, actor, action: 'user_created', entity: 'staff_user', entityId: created.id, details: { role: dto.role, unitIds } });
        return created;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'uq_staff_user_email')) {
          throw new AppError(HttpStatus.CONFLICT, ErrorCode.USER_EXISTS, 'A user with this email already exists.', [{ field: 'email', problem: 'is already in use' }]);
        }
        throw error;
      });
    return toStaffUserDto(user);
  }

  /** The municipality's staff users, for the staffing team: email, role and units (no password hash). */
  async listUsers(actor: Actor): Promise<StaffUserDto[]> {
    if (actor.role !== 'admin') throw forbidden('Only the staffing team can list staff users.');
    return (await this.repository.listStaffUsers(actor.municipalityId)).map(toStaffUserDto);
  }

  findStaffUserByEmail(email: string): Promise<StaffUserRecord | null> {
    return this.repository.findStaffUserByEmail(email);
  }

  /** Who a staff user is now (role, municipality, units), or null if the user no longer exists. */
  async staffActor(userId: string): Promise<Actor | null> {
    const user = await this.repository.findStaffUser(userId);
    return user ? { id: user.id, role: user.role, municipalityId: user.municipalityId, unitIds: user.unitIds } : null;
  }

  adminEmails(municipalityId: string): Promise<string[]> {
    return this.repository.adminEmails(municipalityId);
  }

  managerEmails(unitId: string): Promise<string[]> {
    return this.repository.managerEmails(unitId);
  }
}

function toStaffUserDto(user: Omit<StaffUserRecord, 'passwordHash'>): StaffUserDto {
  return { id: user.id, email: user.email, role: user.role, municipalityId: user.municipalityId, unitIds: user.unitIds, createdAt: user.createdAt };
}
