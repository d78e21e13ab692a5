import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { AbsenceReason } from './absence.entity';

export interface AbsenceRecord {
  id: string;
  municipalityId: string;
  unitId: string;
  reason: AbsenceReason;
  qualificationCode: string;
  programmeId: string | null;
  note: string | null;
  createdBy: string;
  cancelledAt: Date | null;
  createdAt: Date;
}

const ABSENCE_COLUMNS = `id, municipality_id AS "municipalityId", unit_id AS "unitId", reason, qualification_code AS "qualificationCode",
       programme_id AS "programmeId", note, created_by AS "createdBy", cancelled_at AS "cancelledAt", created_at AS "createdAt"`;

@Injectable()
export class AbsenceRepository {
  constructor(private readonly db: Database) {}

  async insert(absence: Omit<AbsenceRecord, 'id' | 'cancelledAt' | 'createdAt'>): Promise<AbsenceRecord> {
    return (await this.db.row<AbsenceRecord>(
      `INSERT INTO absence (municipality_id, unit_id, reason, qualification_code, programme_id, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ABSENCE_COLUMNS}`,
      [absence.municipalityId, absence.unitId, absence.reason, absence.qualificationCode, absence.programmeId, absence.note, absence.createdBy],
    ))!;
  }

  find(municipalityId: string, id: string): Promise<AbsenceRecord | null> {
    return this.db.row(`SELECT ${ABSENCE_COLUMNS} FROM absence WHERE id = $1 AND municipality_id = $2`, [id, municipalityId]);
  }

  /** Stamps the absence cancelled (once: a repeated cancel keeps the first time). */
  async markCancelled(id: string): Promise<void> {
    await this.db.execute(`UPDATE absence SET cancelled_at = coalesce(cancelled_at, now()) WHERE id = $1`, [id]);
  }
}
