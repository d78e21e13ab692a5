import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { AuditAction, AuditActorRole, AuditedEntity } from './audit-actions';

export interface AuditRecord {
  id: string;
  municipalityId: string;
  at: Date;
  actorRole: AuditActorRole;
  actorId: string | null;
  action: AuditAction;
  entity: AuditedEntity;
  entityId: string;
  details: Record<string, unknown>;
}

const COLUMNS = `id, municipality_id AS "municipalityId", at, actor_role AS "actorRole", actor_id AS "actorId", action, entity, entity_id AS "entityId", details`;

/** The audit log: appended to, read by admins, thinned by age. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(entry: Omit<AuditRecord, 'id' | 'at'>): Promise<void> {
    await this.db.execute(
      `INSERT INTO audit_entry (municipality_id, actor_role, actor_id, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.municipalityId, entry.actorRole, entry.actorId, entry.action, entry.entity, entry.entityId, JSON.stringify(entry.details)],
    );
  }

  /** Newest first: of one record, of one kind of record, or all. */
  list(municipalityId: string, filter: { entity?: AuditedEntity; entityId?: string; limit: number }): Promise<AuditRecord[]> {
    return this.db.rows(
      `SELECT ${COLUMNS} FROM audit_entry
        WHERE municipality_id = $1 AND ($2::text IS NULL OR entity = $2) AND ($3::uuid IS NULL OR entity_id = $3)
        ORDER BY at DESC, id LIMIT $4`,
      [municipalityId, filter.entity ?? null, filter.entityId ?? null, filter.limit],
    );
  }

  /** What a person did, and what was done to any of these records (theirs), oldest first. */
  concerning(municipalityId: string, personId: string, recordIds: string[]): Promise<AuditRecord[]> {
    return this.db.rows(
      `SELECT ${COLUMNS} FROM audit_entry
        WHERE municipality_id = $1 AND (actor_id = $2 OR entity_id = $2 OR entity_id = ANY ($3::uuid[]))
        ORDER BY at, id`,
      [municipalityId, personId, recordIds],
    );
  }

  /** Removes entries older than `before`, a batch at a time; the number removed. */
  async removeOlderThan(before: Date, batch: number): Promise<number> {
    const rows = await this.db.rows(
      `DELETE FROM audit_entry WHERE id IN (SELECT id FROM audit_entry WHERE at < $1 LIMIT $2) RETURNING id`,
      [before, batch],
    );
    return rows.length;
  }
}
