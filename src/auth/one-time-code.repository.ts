import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';

export interface OneTimeCodeRecord {
  id: string;
  codeHash: string;
  attempts: number;
}

/** Sign-in codes: their hashes, how often they were tried, whether they were used. */
@Injectable()
export class OneTimeCodeRepository {
  constructor(private readonly db: Database) {}

  async insert(code: { id: string; municipalityId: string; substituteId: string; channel: 'sms' | 'email'; codeHash: string; expiresAt: Date }): Promise<void> {
    await this.db.execute(
      `INSERT INTO one_time_code (id, municipality_id, substitute_id, channel, code_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [code.id, code.municipalityId, code.substituteId, code.channel, code.codeHash, code.expiresAt],
    );
  }

  /** How many codes the substitute was sent since `since`. */
  async countSince(substituteId: string, since: Date): Promise<number> {
    const row = await this.db.row<{ n: number }>(`SELECT count(*)::int AS n FROM one_time_code WHERE substitute_id = $1 AND created_at >= $2`, [substituteId, since]);
    return row!.n;
  }

  /** When codes were sent and used, for a person's data export. */
  ofSubstitute(substituteId: string): Promise<{ channel: string; createdAt: Date; usedAt: Date | null }[]> {
    return this.db.rows(`SELECT channel, created_at AS "createdAt", used_at AS "usedAt" FROM one_time_code WHERE substitute_id = $1 ORDER BY created_at`, [substituteId]);
  }

  async deleteOf(substituteId: string): Promise<void> {
    await this.db.execute(`DELETE FROM one_time_code WHERE substitute_id = $1`, [substituteId]);
  }

  /** The newest code that can still be answered, locked for the answer. */
  live(substituteId: string, maxAttempts: number): Promise<OneTimeCodeRecord | null> {
    return this.db.row(
      `SELECT id, code_hash AS "codeHash", attempts FROM one_time_code
        WHERE substitute_id = $1 AND used_at IS NULL AND expires_at > now() AND attempts < $2
        ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [substituteId, maxAttempts],
    );
  }

  async recordWrongAnswer(id: string): Promise<void> {
    await this.db.execute(`UPDATE one_time_code SET attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  /** Uses the code, and with it every other code of the substitute still open. */
  async use(id: string, substituteId: string): Promise<void> {
    await this.db.execute(`UPDATE one_time_code SET used_at = now() WHERE substitute_id = $2 AND (id = $1 OR used_at IS NULL)`, [id, substituteId]);
  }
}
