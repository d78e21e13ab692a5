import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { ServiceArea } from './service-area';
import type { StaffRole } from './staff-user.entity';

export interface UnitRecord {
  id: string;
  municipalityId: string;
  name: string;
  serviceArea: ServiceArea;
  district: string;
  address: string | null;
  createdAt: Date;
}

export interface StaffUserRecord {
  id: string;
  municipalityId: string;
  email: string;
  passwordHash: string;
  role: StaffRole;
  unitIds: string[];
  createdAt: Date;
}

const UNIT_COLUMNS = `id, municipality_id AS "municipalityId", name, service_area AS "serviceArea", district, address, created_at AS "createdAt"`;

const STAFF_USER = `
SELECT u.id, u.municipality_id AS "municipalityId", u.email, u.password_hash AS "passwordHash", u.role, u.created_at AS "createdAt",
       coalesce(array_agg(su.unit_id ORDER BY su.unit_id) FILTER (WHERE su.unit_id IS NOT NULL), '{}') AS "unitIds"
  FROM staff_user u LEFT JOIN staff_user_unit su ON su.user_id = u.id`;

/** Municipalities, their units and staff users (with the units a manager answers for). */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly db: Database) {}

  listMunicipalities(): Promise<{ id: string; name: string }[]> {
    return this.db.rows(`SELECT id, name FROM municipality ORDER BY name`);
  }

  findMunicipality(id: string): Promise<{ id: string; name: string } | null> {
    return this.db.row(`SELECT id, name FROM municipality WHERE id = $1`, [id]);
  }

  /** The new municipality's id, or null when one of that name exists (the unique name decides a race). */
  async insertMunicipalityIfAbsent(name: string): Promise<string | null> {
    const row = await this.db.row<{ id: string }>(`INSERT INTO municipality (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id`, [name]);
    return row?.id ?? null;
  }

  async insertUnit(unit: Omit<UnitRecord, 'id' | 'createdAt'>): Promise<UnitRecord> {
    return (await this.db.row<UnitRecord>(
      `INSERT INTO unit (municipality_id, name, service_area, district, address) VALUES ($1, $2, $3, $4, $5) RETURNING ${UNIT_COLUMNS}`,
      [unit.municipalityId, unit.name, unit.serviceArea, unit.district, unit.address],
    ))!;
  }

  /** Units of the municipality, by name; only those in `unitIds` when it is given. */
  listUnits(municipalityId: string, unitIds?: string[]): Promise<UnitRecord[]> {
    return this.db.rows<UnitRecord>(
      `SELECT ${UNIT_COLUMNS} FROM unit WHERE municipality_id = $1 AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[])) ORDER BY name, id`,
      [municipalityId, unitIds ?? null],
    );
  }

  findUnit(municipalityId: string, id: string): Promise<UnitRecord | null> {
    return this.db.row<UnitRecord>(`SELECT ${UNIT_COLUMNS} FROM unit WHERE id = $1 AND municipality_id = $2`, [id, municipalityId]);
  }

  /** The districts the municipality's units lie in, for choosing where to work. */
  async districts(municipalityId: string): Promise<string[]> {
    const rows = await this.db.rows<{ district: string }>(`SELECT DISTINCT district FROM unit WHERE municipality_id = $1 ORDER BY district`, [municipalityId]);
    return rows.map((r) => r.district);
  }

  async countUnits(municipalityId: string, ids: string[]): Promise<number> {
    const row = await this.db.row<{ n: number }>(`SELECT count(*)::int AS n FROM unit WHERE municipality_id = $1 AND id = ANY ($2::uuid[])`, [municipalityId, ids]);
    return row!.n;
  }

  /** Inserts a staff user and the units they answer for; throws on a duplicate email (uq_staff_user_email). */
  async insertStaffUser(user: Omit<StaffUserRecord, 'id' | 'createdAt'>): Promise<StaffUserRecord> {
    const { id, createdAt } = (await this.db.row<{ id: string; createdAt: Date }>(
      `INSERT INTO staff_user (municipality_id, email, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id, created_at AS "createdAt"`,
      [user.municipalityId, user.email, user.passwordHash, user.role],
    ))!;
    if (user.unitIds.length > 0) {
      await this.db.execute(
        `INSERT INTO staff_user_unit (user_id, unit_id, municipality_id) SELECT $1, unnest($2::uuid[]), $3`,
        [id, user.unitIds, user.municipalityId],
      );
    }
    return { ...user, id, createdAt };
  }

  /** The municipality's staff users by email, with the units each answers for; never the password hash. */
  listStaffUsers(municipalityId: string): Promise<Omit<StaffUserRecord, 'passwordHash'>[]> {
    return this.db.rows(
      `SELECT u.id, u.municipality_id AS "municipalityId", u.email, u.role, u.created_at AS "createdAt",
              coalesce(array_agg(su.unit_id ORDER BY su.unit_id) FILTER (WHERE su.unit_id IS NOT NULL), '{}') AS "unitIds"
         FROM staff_user u LEFT JOIN staff_user_unit su ON su.user_id = u.id
        WHERE u.municipality_id = $1 GROUP BY u.id ORDER BY u.email`,
      [municipalityId],
    );
  }

  findStaffUserByEmail(email: string): Promise<StaffUserRecord | null> {
    return this.db.row<StaffUserRecord>(`${STAFF_USER} WHERE lower(u.email) = lower($1) GROUP BY u.id`, [email.trim()]);
  }

  findStaffUser(id: string): Promise<StaffUserRecord | null> {
    return this.db.row<StaffUserRecord>(`${STAFF_USER} WHERE u.id = $1 GROUP BY u.id`, [id]);
  }

  /** Email addresses of the municipality's staffing team, for notices to it. */
  async adminEmails(municipalityId: string): Promise<string[]> {
    const rows = await this.db.rows<{ email: string }>(`SELECT email FROM staff_user WHERE municipality_id = $1 AND role = 'admin' ORDER BY email`, [municipalityId]);
    return rows.map((r) => r.email);
  }

  /** Email addresses of the managers of a unit, for notices. */
  async managerEmails(unitId: string): Promise<string[]> {
    const rows = await this.db.rows<{ email: string }>(
      `SELECT u.email FROM staff_user u JOIN staff_user_unit su ON su.user_id = u.id WHERE su.unit_id = $1 AND u.role = 'manager' ORDER BY u.email`,
      [unitId],
    );
    return rows.map((r) => r.email);
  }
}
