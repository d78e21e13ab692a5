import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { Period } from '../database/tstzrange';
import type { SubstituteStatus } from './substitute.entity';

export interface HeldQualification {
  code: string;
  verifiedAt: Date | null;
  /** Last valid day, YYYY-MM-DD, or null for no expiry. */
  validUntil: string | null;
}

export interface SubstituteRecord {
  id: string;
  municipalityId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  status: SubstituteStatus;
  pausedBy: 'self' | 'staff' | null;
  districts: string[];
  qualifications: HeldQualification[];
  verifiedAt: Date | null;
  consentedAt: Date;
  createdAt: Date;
}

export interface SubstituteContact {
  id: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  status: SubstituteStatus;
}

const SUBSTITUTE = `
SELECT s.id, s.municipality_id AS "municipalityId", s.first_name AS "firstName", s.last_name AS "lastName", s.email, s.phone, s.status, s.paused_by AS "pausedBy",
       s.districts, s.verified_at AS "verifiedAt", s.consented_at AS "consentedAt", s.created_at AS "createdAt",
       coalesce((SELECT json_agg(json_build_object('code', q.qualification_code, 'verifiedAt', q.verified_at, 'validUntil', q.valid_until::text)
                                 ORDER BY q.qualification_code)
                   FROM substitute_qualification q WHERE q.substitute_id = s.id), '[]') AS qualifications
  FROM substitute s`;

/** Substitutes, the qualifications they hold and the windows in which they can work. */
@Injectable()
export class SubstitutesRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a pending substitute with unverified qualifications; throws on a duplicate (uq_substitute_phone, uq_substitute_email). */
  async insert(s: Pick<SubstituteRecord, 'municipalityId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'districts'>, codes: string[]): Promise<string> {
    const { id } = (await this.db.row<{ id: string }>(
      `INSERT INTO substitute (municipality_id, first_name, last_name, email, phone, status, districts, consented_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, now()) RETURNING id`,
      [s.municipalityId, s.firstName, s.lastName, s.email, s.phone, s.districts],
    ))!;
    await this.db.execute(
      `INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id) SELECT $1, unnest($2::text[]), $3`,
      [id, codes, s.municipalityId],
    );
    return id;
  }

  /** A substitute of the municipality; an erased one is not found. */
  async find(municipalityId: string, id: string): Promise<SubstituteRecord | null> {
    return this.toRecord(await this.db.row<RawSubstitute>(`${SUBSTITUTE} WHERE s.id = $1 AND s.municipality_id = $2 AND s.status <> 'erased'`, [id, municipalityId]));
  }

  /** The substitutes of the municipality with this phone number or email (lower-case), erased ones aside. */
  findByContact(municipalityId: string, contact: { phone?: string | null; email?: string | null }): Promise<SubstituteContact[]> {
    return this.db.rows(
      `SELECT id, first_name AS "firstName", last_name AS "lastName", phone, email, status FROM substitute
        WHERE municipality_id = $1 AND status <> 'erased' AND (phone = $2 OR lower(email) = $3)`,
      [municipalityId, contact.phone ?? null, contact.email ?? null],
    );
  }

  /** Substitutes by status, a name (any part of first or last name), a qualification held and a district named. */
  async list(
    municipalityId: string,
    filter: { status?: SubstituteStatus; name?: string; qualification?: string; district?: string; limit: number; offset: number },
  ): Promise<SubstituteRecord[]> {
    const rows = await this.db.rows<RawSubstitute>(
      `${SUBSTITUTE} WHERE s.municipality_id = $1 AND s.status <> 'erased' AND ($2::text IS NULL OR s.status = $2)
          AND ($5::text IS NULL OR (s.first_name || ' ' || s.last_name) ILIKE '%' || $5 || '%')
          AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM substitute_qualification q WHERE q.substitute_id = s.id AND q.qualification_code = $6))
          AND ($7::text IS NULL OR $7 = ANY (s.districts))
        ORDER BY s.created_at, s.id LIMIT $3 OFFSET $4`,
      [municipalityId, filter.status ?? null, filter.limit, filter.offset, filter.name ? escapeLike(filter.name) : null, filter.qualification ?? null, filter.district ?? null],
    );
    return rows.map((r) => this.toRecord(r)!);
  }

  /**
   * Locks the substitute's row for the rest of the transaction: one person's changes and bookings go one at a
   * time. FOR NO KEY UPDATE, so that another transaction inserting a row that refers to the substitute (an
   * offer of a wave) is not blocked by it, and cannot deadlock with it.
   */
  lock(id: string, municipalityId?: string): Promise<{ id: string; status: SubstituteStatus; pausedBy: 'self' | 'staff' | null } | null> {
    return this.db.row(
      `SELECT id, status, paused_by AS "pausedBy" FROM substitute WHERE id = $1 AND ($2::uuid IS NULL OR municipality_id = $2) AND status <> 'erased' FOR NO KEY UPDATE`,
      [id, municipalityId ?? null],
    );
  }

  /**
   * Locks the first `count` of these substitutes, in the order given, that no other transaction holds,
   * without waiting for those it does, and still active once locked: their contact details, in that order
   * (what the offers need next).
   */
  lockFirstFree(ids: string[], count: number): Promise<SubstituteContact[]> {
    return this.db.rows<SubstituteContact>(
      `SELECT s.id, s.first_name AS "firstName", s.last_name AS "lastName", s.phone, s.email, s.status
         FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, position) JOIN substitute s ON s.id = c.id
        WHERE s.status = 'active'
        ORDER BY c.position LIMIT $2 FOR NO KEY UPDATE OF s SKIP LOCKED`,
      [ids, count],
    );
  }

  /** Marks qualifications verified now, adding those not yet held. */
  async verifyQualifications(id: string, municipalityId: string, codes: string[]): Promise<void> {
    await this.db.execute(
      `INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id, verified_at)
       SELECT $1, unnest($2::text[]), $3, now()
       ON CONFLICT (substitute_id, qualification_code) DO UPDATE SET verified_at = excluded.verified_at`,
      [id, codes, municipalityId],
    );
  }

  async setValidUntil(id: string, code: string, validUntil: string | null): Promise<void> {
    await this.db.execute(`UPDATE substitute_qualification SET valid_until = $3::date WHERE substitute_id = $1 AND qualification_code = $2`, [id, code, validUntil]);
  }

  /** Sets the status; the first activation stamps verified_at (the last ranking tie-break). */
  async setStatus(id: string, status: Exclude<SubstituteStatus, 'erased'>, pausedBy: 'self' | 'staff' = 'staff'): Promise<void> {
    await this.db.execute(
      `UPDATE substitute SET status = $2, paused_by = CASE WHEN $2 = 'paused' THEN $3 END,
              verified_at = CASE WHEN $2 = 'active' THEN coalesce(verified_at, now()) ELSE verified_at END, updated_at = now()
        WHERE id = $1`,
      [id, status, pausedBy],
    );
  }

  /** Changes the substitute's own details; throws on a phone or email another substitute has (uq_substitute_*). */
  async updateContact(id: string, change: { districts?: string[]; email?: string; phone?: string }): Promise<void> {
    await this.db.execute(
      `UPDATE substitute SET districts = coalesce($2, districts), email = coalesce($3, email), phone = coalesce($4, phone), updated_at = now() WHERE id = $1`,
      [id, change.districts ?? null, change.email ?? null, change.phone ?? null],
    );
  }

  async replaceAvailability(id: string, municipalityId: string, windows: Period[]): Promise<void> {
    await this.db.execute(`DELETE FROM availability_window WHERE substitute_id = $1`, [id]);
    if (windows.length === 0) return;
    await this.db.execute(
      `INSERT INTO availability_window (substitute_id, municipality_id, period)
       SELECT $1, $2, tstzrange(w.start_at, w.end_at, '[)') FROM unnest($3::timestamptz[], $4::timestamptz[]) AS w(start_at, end_at)`,
      [id, municipalityId, windows.map((w) => w.start), windows.map((w) => w.end)],
    );
  }

  availability(id: string): Promise<Period[]> {
    return this.db.rows<Period>(`SELECT lower(period) AS start, upper(period) AS "end" FROM availability_window WHERE substitute_id = $1 ORDER BY lower(period)`, [id]);
  }

  /** Names and contact details, for messages. */
  async contacts(ids: string[]): Promise<Map<string, SubstituteContact>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.rows<SubstituteContact>(
      `SELECT id, first_name AS "firstName", last_name AS "lastName", phone, email, status FROM substitute WHERE id = ANY ($1::uuid[]) AND status <> 'erased'`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Erases what the substitute told us: names, contact details, districts, qualifications and availability.
   * The row stays, with its id only, so that past bookings still count in statistics.
   */
  async erase(id: string): Promise<void> {
    await this.db.execute(`DELETE FROM availability_window WHERE substitute_id = $1`, [id]);
    await this.db.execute(`DELETE FROM substitute_qualification WHERE substitute_id = $1`, [id]);
    await this.db.execute(
      `UPDATE substitute SET status = 'erased', erased_at = now(), first_name = NULL, last_name = NULL, email = NULL, phone = NULL,
              districts = '{}', paused_by = NULL, updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  async exists(municipalityId: string, id: string): Promise<boolean> {
    return (await this.db.row(`SELECT 1 FROM substitute WHERE id = $1 AND municipality_id = $2 AND status <> 'erased'`, [id, municipalityId])) !== null;
  }

  async countIn(municipalityId: string, ids: string[]): Promise<number> {
    const row = await this.db.row<{ n: number }>(`SELECT count(*)::int AS n FROM substitute WHERE municipality_id = $1 AND id = ANY ($2::uuid[]) AND status <> 'erased'`, [municipalityId, ids]);
    return row!.n;
  }

  /**
   * Removes substitutes still pending, never verified, who signed up (or were registered) before `before`,
   * a batch at a time; their qualifications, availability and codes go with them. The number removed.
   */
  async removeUnverifiedBefore(before: Date, batch: number): Promise<number> {
    const rows = await this.db.rows(
      `DELETE FROM substitute WHERE id IN (
         SELECT id FROM substitute WHERE status = 'pending' AND verified_at IS NULL AND created_at < $1 LIMIT $2) RETURNING id`,
      [before, batch],
    );
    return rows.length;
  }

  private toRecord(row: RawSubstitute | null): SubstituteRecord | null {
    if (!row) return null;
    return { ...row, qualifications: row.qualifications.map((q) => ({ ...q, verifiedAt: q.verifiedAt === null ? null : new Date(q.verifiedAt) })) };
  }
}

type RawSubstitute = Omit<SubstituteRecord, 'qualifications'> & { qualifications: { code: string; verifiedAt: string | null; validUntil: string | null }[] };

/** The text as a LIKE pattern that matches it literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
