import type { VacancyStatus } from '../absences/vacancy-status';
import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { Period } from '../database/tstzrange';
import { OfferStatus, statusesThatMayBecome } from './offer-status';

export interface OfferRecord {
  id: string;
  municipalityId: string;
  vacancyId: string;
  substituteId: string;
  wave: number;
  status: OfferStatus;
  expiresAt: Date;
  answeredAt: Date | null;
  rankReason: Record<string, unknown>;
  createdAt: Date;
}

export type NewOffer = Omit<OfferRecord, 'status' | 'answeredAt' | 'createdAt'> & { tokenHash: string };

const OFFER_COLUMNS = `id, municipality_id AS "municipalityId", vacancy_id AS "vacancyId", substitute_id AS "substituteId", wave, status,
       expires_at AS "expiresAt", answered_at AS "answeredAt", rank_reason AS "rankReason", created_at AS "createdAt"`;

/** Offers. A status changes only from pending, through the guarded updates here. */
@Injectable()
export class OfferRepository {
  constructor(private readonly db: Database) {}

  async insert(offers: NewOffer[]): Promise<void> {
    await this.db.execute(
      `INSERT INTO offer (id, municipality_id, vacancy_id, substitute_id, wave, status, token_hash, expires_at, rank_reason)
       SELECT o.id, o.municipality_id, o.vacancy_id, o.substitute_id, o.wave, 'pending', o.token_hash, o.expires_at, o.rank_reason
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::timestamptz[], $8::jsonb[])
              AS o(id, municipality_id, vacancy_id, substitute_id, wave, token_hash, expires_at, rank_reason)`,
      [
        offers.map((o) => o.id),
        offers.map((o) => o.municipalityId),
        offers.map((o) => o.vacancyId),
        offers.map((o) => o.substituteId),
        offers.map((o) => o.wave),
        offers.map((o) => o.tokenHash),
        offers.map((o) => o.expiresAt),
        offers.map((o) => JSON.stringify(o.rankReason)),
      ],
    );
  }

  find(id: string): Promise<OfferRecord | null> {
    return this.db.row(`SELECT ${OFFER_COLUMNS} FROM offer WHERE id = $1`, [id]);
  }

  /**
   * The offer of a link, whichever municipality's, with its vacancy's status as it stands (read, not locked):
   * one round trip, through the one function that may read offers across municipalities (see the
   * OfferByTokenHash migration).
   */
  findByTokenHash(tokenHash: string): Promise<(OfferRecord & { vacancyStatus: VacancyStatus }) | null> {
    return this.db.row(`SELECT ${OFFER_COLUMNS}, vacancy_status AS "vacancyStatus" FROM offer_by_token_hash($1)`, [tokenHash]);
  }

  ofVacancy(vacancyId: string): Promise<OfferRecord[]> {
    return this.db.rows(`SELECT ${OFFER_COLUMNS} FROM offer WHERE vacancy_id = $1 ORDER BY wave, created_at`, [vacancyId]);
  }

  /** How many offers of each vacancy wait for an answer. */
  async pendingCounts(vacancyIds: string[]): Promise<Map<string, number>> {
    const rows = await this.db.rows<{ vacancyId: string; count: number }>(
      `SELECT vacancy_id AS "vacancyId", count(*)::int AS count FROM offer WHERE vacancy_id = ANY ($1::uuid[]) AND status = 'pending' GROUP BY vacancy_id`,
      [vacancyIds],
    );
    return new Map(rows.map((r) => [r.vacancyId, r.count]));
  }

  /** A substitute's offers, newest first; only the pending ones that can still be answered with `pendingOnly`. */
  ofSubstitute(substituteId: string, pendingOnly: boolean): Promise<OfferRecord[]> {
    return this.db.rows(
      `SELECT ${OFFER_COLUMNS} FROM offer WHERE substitute_id = $1 AND (NOT $2 OR (status = 'pending' AND expires_at > now())) ORDER BY created_at DESC`,
      [substituteId, pendingOnly],
    );
  }

  /** The substitute's pending offer for the vacancy, if any. */
  pendingOf(vacancyId: string, substituteId: string): Promise<OfferRecord | null> {
    return this.db.row(`SELECT ${OFFER_COLUMNS} FROM offer WHERE vacancy_id = $1 AND substitute_id = $2 AND status = 'pending'`, [vacancyId, substituteId]);
  }

  /** Withdraws every pending offer of a substitute (erased); returns their ids. */
  async withdrawOfSubstitute(substituteId: string): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(`UPDATE offer SET status = 'withdrawn', answered_at = now() WHERE substitute_id = $1 AND status = 'pending' RETURNING id`, [substituteId]);
    return rows.map((r) => r.id);
  }

  /** Those of the substitutes who hold a live offer for a shift overlapping one of these periods. */
  async holdingOverlappingOffers(substituteIds: string[], shifts: Period[]): Promise<Set<string>> {
    const rows = await this.db.rows<{ substituteId: string }>(
      `SELECT DISTINCT o.substitute_id AS "substituteId" FROM offer o JOIN vacancy_shift s ON s.vacancy_id = o.vacancy_id
        WHERE o.substitute_id = ANY ($1::uuid[]) AND o.status = 'pending' AND o.expires_at > now()
          AND s.period && ANY (SELECT tstzrange(p.s, p.e, '[)') FROM unnest($2::timestamptz[], $3::timestamptz[]) AS p(s, e))`,
      [substituteIds, shifts.map((p) => p.start), shifts.map((p) => p.end)],
    );
    return new Set(rows.map((r) => r.substituteId));
  }

  /** Pending offers of a vacancy that have not expired. */
  async countLivePending(vacancyId: string, now: Date): Promise<number> {
    const row = await this.db.row<{ n: number }>(`SELECT count(*)::int AS n FROM offer WHERE vacancy_id = $1 AND status = 'pending' AND expires_at > $2`, [vacancyId, now]);
    return row!.n;
  }

  async earliestPendingExpiry(vacancyId: string): Promise<Date | null> {
    const row = await this.db.row<{ at: Date | null }>(`SELECT min(expires_at) AS at FROM offer WHERE vacancy_id = $1 AND status = 'pending'`, [vacancyId]);
    return row?.at ?? null;
  }

  /** Answers an offer (accepted or declined); false if its status does not allow it. */
  async answer(id: string, to: 'accepted' | 'declined', at: Date): Promise<boolean> {
    const rows = await this.db.rows(`UPDATE offer SET status = $2, answered_at = $3 WHERE id = $1 AND status = ANY ($4::text[]) RETURNING id`, [
      id,
      to,
      at,
      statusesThatMayBecome(to),
    ]);
    return rows.length > 0;
  }

  /**
   * Withdraws the vacancy's pending offers but one; returns their ids. (Pending is written out, here and in
   * expireDue, so that the partial indexes apply; it is the only status an offer leaves.)
   */
  async withdrawOfVacancy(vacancyId: string, exceptOfferId: string | null): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(
      `UPDATE offer SET status = 'withdrawn', answered_at = now() WHERE vacancy_id = $1 AND status = 'pending' AND id IS DISTINCT FROM $2::uuid RETURNING id`,
      [vacancyId, exceptOfferId],
    );
    return rows.map((r) => r.id);
  }

  /** Expires offers whose time to answer has passed; returns their ids. */
  async expireDue(now: Date): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(`UPDATE offer SET status = 'expired' WHERE status = 'pending' AND expires_at <= $1 RETURNING id`, [now]);
    return rows.map((r) => r.id);
  }
}
