import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { OutboxJobName } from '../queue/jobs';

export interface OutboxRow {
  id: string;
  municipalityId: string;
  kind: OutboxJobName;
  payload: Record<string, unknown>;
}

/** The outbox table: work that must happen because of a committed change. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /** Inserts rows in the current transaction. */
  insert(rows: { municipalityId: string; kind: OutboxJobName; payload: object }[]): Promise<OutboxRow[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return this.db.rows<OutboxRow>(
      `INSERT INTO outbox (municipality_id, kind, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])
       RETURNING id::text, municipality_id AS "municipalityId", kind, payload`,
      [rows.map((r) => r.municipalityId), rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.payload))],
    );
  }

  /** Rows whose work is not done, oldest first, created at least `minAgeMs` ago (a row being published now is left alone). */
  unfinished(limit: number, minAgeMs: number): Promise<OutboxRow[]> {
    return this.db.rows<OutboxRow>(
      `SELECT id::text, municipality_id AS "municipalityId", kind, payload FROM outbox
        WHERE done_at IS NULL AND created_at < now() - make_interval(secs => $2)
        ORDER BY id LIMIT $1`,
      [limit, minAgeMs / 1000],
    );
  }

  /**
   * Marks a row done; false if it was done already. The update takes the row's lock, so a concurrent handler
   * of the same row waits and then finds it done.
   */
  async markDone(id: string): Promise<boolean> {
    const rows = await this.db.rows(`UPDATE outbox SET done_at = now() WHERE id = $1 AND done_at IS NULL RETURNING id`, [id]);
    return rows.length > 0;
  }

  /** Removes rows finished before `before`, a batch at a time; the number removed. */
  async removeFinishedBefore(before: Date, batch: number): Promise<number> {
    const rows = await this.db.rows(`DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE done_at < $1 LIMIT $2) RETURNING id`, [before, batch]);
    return rows.length;
  }
}
