import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { ServiceArea } from '../organisation/service-area';

export interface QualificationRecord {
  code: string;
  name: string;
  serviceArea: ServiceArea;
}

/** The qualification catalogue, shared by all municipalities and seeded by a migration. */
@Injectable()
export class QualificationsRepository {
  constructor(private readonly db: Database) {}

  list(): Promise<QualificationRecord[]> {
    return this.db.rows(`SELECT code, name, service_area AS "serviceArea" FROM qualification ORDER BY service_area, code`);
  }

  find(code: string): Promise<QualificationRecord | null> {
    return this.db.row(`SELECT code, name, service_area AS "serviceArea" FROM qualification WHERE code = $1`, [code]);
  }

  /** The codes among `codes` that are in the catalogue. */
  async known(codes: string[]): Promise<Set<string>> {
    const rows = await this.db.rows<{ code: string }>(`SELECT code FROM qualification WHERE code = ANY ($1::text[])`, [codes]);
    return new Set(rows.map((r) => r.code));
  }
}
