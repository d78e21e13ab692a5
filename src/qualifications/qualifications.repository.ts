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
}
