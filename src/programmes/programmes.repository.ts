import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { ServiceArea } from '../organisation/service-area';

export interface ProgrammeRecord {
  id: string;
  municipalityId: string;
  name: string;
  budgetSek: number;
  allocations: AllocationRecord[];
  createdAt: Date;
}

export interface AllocationRecord {
  serviceArea: ServiceArea;
  amountSek: number;
  /** Kronor per booked substitute hour; null when not set. */
  hourlyCostSek: number | null;
}

export type ProgrammeSummary = Pick<ProgrammeRecord, 'id' | 'name' | 'budgetSek'>;

/** Funding programmes and their budget per service area. */
@Injectable()
export class ProgrammesRepository {
  constructor(private readonly db: Database) {}

  async insert(programme: Omit<ProgrammeRecord, 'id' | 'createdAt'>): Promise<ProgrammeRecord> {
    const { id, createdAt } = (await this.db.row<{ id: string; createdAt: Date }>(
      `INSERT INTO programme (municipality_id, name, budget_sek) VALUES ($1, $2, $3) RETURNING id, created_at AS "createdAt"`,
      [programme.municipalityId, programme.name, programme.budgetSek],
    ))!;
    if (programme.allocations.length > 0) {
      await this.db.execute(
        `INSERT INTO programme_allocation (programme_id, municipality_id, service_area, amount_sek, hourly_cost_sek)
         SELECT $1, $2, area, amount, hourly_cost FROM unnest($3::text[], $4::bigint[], $5::numeric[]) AS a(area, amount, hourly_cost)`,
        [
          id,
          programme.municipalityId,
          programme.allocations.map((a) => a.serviceArea),
          programme.allocations.map((a) => a.amountSek),
          programme.allocations.map((a) => a.hourlyCostSek),
        ],
      );
    }
    return { ...programme, id, createdAt };
  }

  /** The municipality's programmes, by name. */
  list(municipalityId: string): Promise<ProgrammeSummary[]> {
    return this.db.rows(`SELECT id, name, budget_sek::float8 AS "budgetSek" FROM programme WHERE municipality_id = $1 ORDER BY name, id`, [municipalityId]);
  }

  /** The programme with its allocations, by service area; null if it is not the municipality's. */
  async find(municipalityId: string, id: string): Promise<ProgrammeRecord | null> {
    const programme = await this.db.row<Omit<ProgrammeRecord, 'allocations'>>(
      `SELECT id, municipality_id AS "municipalityId", name, budget_sek::float8 AS "budgetSek", created_at AS "createdAt" FROM programme WHERE id = $1 AND municipality_id = $2`,
      [id, municipalityId],
    );
    if (!programme) return null;
    const allocations = await this.db.rows<AllocationRecord>(
      `SELECT service_area AS "serviceArea", amount_sek::float8 AS "amountSek", hourly_cost_sek::float8 AS "hourlyCostSek"
         FROM programme_allocation WHERE programme_id = $1 AND municipality_id = $2 ORDER BY service_area`,
      [id, municipalityId],
    );
    return { ...programme, allocations };
  }

  async exists(municipalityId: string, id: string): Promise<boolean> {
    return (await this.db.row(`SELECT 1 FROM programme WHERE id = $1 AND municipality_id = $2`, [id, municipalityId])) !== null;
  }
}
