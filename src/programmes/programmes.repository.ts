import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { ServiceArea } from '../organisation/service-area';

export interface ProgrammeRecord {
  id: string;
  municipalityId: string;
  name: string;
  budgetSek: number;
  allocations: { serviceArea: ServiceArea; amountSek: number }[];
  createdAt: Date;
}

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
        `INSERT INTO programme_allocation (programme_id, municipality_id, service_area, amount_sek)
         SELECT $1, $2, area, amount FROM unnest($3::text[], $4::bigint[]) AS a(area, amount)`,
        [id, programme.municipalityId, programme.allocations.map((a) => a.serviceArea), programme.allocations.map((a) => a.amountSek)],
      );
    }
    return { ...programme, id, createdAt };
  }

  async exists(municipalityId: string, id: string): Promise<boolean> {
    return (await this.db.row(`SELECT 1 FROM programme WHERE id = $1 AND municipality_id = $2`, [id, municipalityId])) !== null;
  }
}
