import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { Role } from '../access/actor';

export interface WebSessionRecord {
  municipalityId: string;
  role: Role;
  subjectId: string;
  csrfToken: string;
}

@Injectable()
export class WebSessionRepository {
  constructor(private readonly db: Database) {}

  async insert(session: WebSessionRecord & { tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.execute(
      `INSERT INTO web_session (token_hash, municipality_id, role, subject_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [session.tokenHash, session.municipalityId, session.role, session.subjectId, session.csrfToken, session.expiresAt],
    );
  }

  findLive(tokenHash: string): Promise<WebSessionRecord | null> {
    return this.db.row(
      `SELECT municipality_id AS "municipalityId", role, subject_id AS "subjectId", csrf_token AS "csrfToken" FROM web_session WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    );
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.execute(`DELETE FROM web_session WHERE token_hash = $1`, [tokenHash]);
  }

  async deleteOf(subjectId: string): Promise<void> {
    await this.db.execute(`DELETE FROM web_session WHERE subject_id = $1`, [subjectId]);
  }
}
