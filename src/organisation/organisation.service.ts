import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { AppConfig } from '../config/app-config';
import { AppError, ErrorCode, notFound } from '../common/errors';
import { isUniqueViolation } from '../database/pg-errors';
import { CreateUnitDto } from './dto/create-unit.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { Municipality } from './municipality.entity';
import { StaffUserUnit } from './staff-user-unit.entity';
import { StaffUser } from './staff-user.entity';
import { Unit } from './unit.entity';

export interface StaffUserView {
  id: string;
  email: string;
  role: StaffUser['role'];
  municipalityId: string;
  unitIds: string[];
  createdAt: Date;
}

@Injectable()
export class OrganisationService {
  private readonly logger = new Logger(OrganisationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  listMunicipalities(): Promise<Pick<Municipality, 'id' | 'name'>[]> {
    return this.db.getRepository(Municipality).find({ select: { id: true, name: true }, order: { name: 'ASC' } });
  }

  async municipalityExists(id: string): Promise<boolean> {
    return this.db.getRepository(Municipality).exists({ where: { id } });
  }

  /**
   * Creates the configured municipality and its first admin if the municipality does not exist yet.
   * Replicas may start together: the unique name decides which one creates it, in one transaction.
   */
  async bootstrap(name: string, adminEmail: string, adminPassword: string): Promise<boolean> {
    const passwordHash = await hashPassword(adminPassword, this.config.BCRYPT_ROUNDS);
    return this.db.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        'INSERT INTO municipality (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id',
        [name],
      );
      if (inserted.length === 0) return false;
      await tx.getRepository(StaffUser).insert({
        municipalityId: inserted[0].id,
        email: adminEmail.trim().toLowerCase(),
        passwordHash,
        role: 'admin',
      });
      this.logger.log(`Created municipality "${name}" and its first admin`);
      return true;
    });
  }

  createUnit(actor: Actor, dto: CreateUnitDto): Promise<Unit> {
    return this.db.getRepository(Unit).save({
      municipalityId: actor.municipalityId,
      name: dto.name,
      serviceArea: dto.serviceArea,
      district: dto.district,
      address: dto.address ?? null,
    });
  }

  listUnits(actor: Actor): Promise<Unit[]> {
    const where =
      actor.role === 'admin'
        ? { municipalityId: actor.municipalityId }
        : { municipalityId: actor.municipalityId, id: In(actor.unitIds) };
    return this.db.getRepository(Unit).find({ where, order: { name: 'ASC' } });
  }

  /** The unit if the actor may act on it: an admin on any unit of the municipality, a manager on own units. */
  async unitForActor(actor: Actor, unitId: string, manager: EntityManager = this.db.manager): Promise<Unit> {
    const unit = await manager.getRepository(Unit).findOneBy({ id: unitId, municipalityId: actor.municipalityId });
    if (!unit || (actor.role === 'manager' && !actor.unitIds.includes(unit.id))) throw notFound('The unit');
    if (actor.role === 'substitute') throw notFound('The unit');
    return unit;
  }

  async createUser(actor: Actor, dto: CreateUserDto): Promise<StaffUserView> {
    const unitIds = [...new Set(dto.unitIds)];
    if (dto.role === 'admin' && unitIds.length > 0) {
      throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, 'An admin acts on every unit; leave unitIds empty.', [
        { field: 'unitIds', problem: 'must be empty for an admin' },
      ]);
    }
    const passwordHash = await hashPassword(dto.password, this.config.BCRYPT_ROUNDS);
    return this.db.transaction(async (tx) => {
      const found = await tx.getRepository(Unit).countBy({ municipalityId: actor.municipalityId, id: In(unitIds) });
      if (found !== unitIds.length) throw notFound('One of the units in unitIds');
      let user: StaffUser;
      try {
        user = await tx.getRepository(StaffUser).save({ municipalityId: actor.municipalityId, email: dto.email, passwordHash, role: dto.role });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError(HttpStatus.CONFLICT, ErrorCode.USER_EXISTS, 'A user with this email already exists.', [
            { field: 'email', problem: 'is already in use' },
          ]);
        }
        throw error;
      }
      await tx.getRepository(StaffUserUnit).insert(unitIds.map((unitId) => ({ userId: user.id, unitId, municipalityId: actor.municipalityId })));
      return { id: user.id, email: user.email, role: user.role, municipalityId: user.municipalityId, unitIds, createdAt: user.createdAt };
    });
  }

  findStaffUserByEmail(email: string): Promise<StaffUser | null> {
    return this.db.getRepository(StaffUser).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: email.trim() }).getOne();
  }

  async staffActor(userId: string): Promise<Actor | null> {
    const rows: { id: string; role: 'admin' | 'manager'; municipality_id: string; unit_ids: string[] }[] = await this.db.query(
      `SELECT u.id, u.role, u.municipality_id, coalesce(array_agg(su.unit_id) FILTER (WHERE su.unit_id IS NOT NULL), '{}') AS unit_ids
         FROM staff_user u LEFT JOIN staff_user_unit su ON su.user_id = u.id
        WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    const row = rows[0];
    return row ? { id: row.id, role: row.role, municipalityId: row.municipality_id, unitIds: row.unit_ids } : null;
  }

  /** Email addresses of the managers of a unit, for notices. */
  async managerEmails(unitId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { email: string }[] = await manager.query(
      `SELECT u.email FROM staff_user u JOIN staff_user_unit su ON su.user_id = u.id WHERE su.unit_id = $1 AND u.role = 'manager' ORDER BY u.email`,
      [unitId],
    );
    return rows.map((r) => r.email);
  }
}
