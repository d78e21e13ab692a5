import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { Period } from '../database/tstzrange';
import { BookingStatus, statusesThatMayBecome } from './booking-status';
import { EmploymentDay, SAVA_REASONS } from './las-days';

export interface BookingRecord {
  id: string;
  municipalityId: string;
  vacancyId: string;
  substituteId: string;
  unitId: string;
  offerId: string | null;
  status: BookingStatus;
  createdAt: Date;
}

const BOOKING_COLUMNS = `id, municipality_id AS "municipalityId", vacancy_id AS "vacancyId", substitute_id AS "substituteId", unit_id AS "unitId",
       offer_id AS "offerId", status, created_at AS "createdAt"`;

/** Bookings and their booked shifts, which carry the schedule invariants as exclusion constraints. */
@Injectable()
export class BookingRepository {
  constructor(private readonly db: Database) {}

  /** The substitute's booked shifts (confirmed bookings) that reach into [from, to). */
  bookedShiftsBetween(substituteId: string, from: Date, to: Date): Promise<{ bookingId: string; start: Date; end: Date }[]> {
    return this.db.rows(
      `SELECT booking_id AS "bookingId", lower(period) AS start, upper(period) AS "end" FROM booked_shift
        WHERE substitute_id = $1 AND period && tstzrange($2, $3, '[)') ORDER BY lower(period)`,
      [substituteId, from, to],
    );
  }

  /** Narrows every rest zone of the municipality's booked shifts wider than half of `dailyRestHours` on each side to that. */
  async shrinkRestZones(municipalityId: string, dailyRestHours: number): Promise<void> {
    await this.db.execute(
      `UPDATE booked_shift SET rest_zone = tstzrange(lower(period) - half, upper(period) + half, '[)')
         FROM (SELECT make_interval(secs => $2 * 1800) AS half) AS h
        WHERE municipality_id = $1 AND lower(rest_zone) < lower(period) - half`,
      [municipalityId, dailyRestHours],
    );
  }

  /**
   * Inserts a confirmed booking and its shifts, each with its rest zone. Throws the database's error on an
   * overlapping or too close shift (ex_booked_shift_overlap, ex_booked_shift_rest) or a second confirmed
   * booking of the vacancy (uq_booking_vacancy_confirmed).
   */
  async insert(booking: Omit<BookingRecord, 'id' | 'status' | 'createdAt'>, shifts: { period: Period; restZone: Period }[]): Promise<string> {
    const { id } = (await this.db.row<{ id: string }>(
      `INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, offer_id, status) VALUES ($1, $2, $3, $4, $5, 'confirmed') RETURNING id`,
      [booking.municipalityId, booking.vacancyId, booking.substituteId, booking.unitId, booking.offerId],
    ))!;
    await this.db.execute(
      `INSERT INTO booked_shift (booking_id, substitute_id, municipality_id, unit_id, period, rest_zone)
       SELECT $1, $2, $3, $4, tstzrange(s.ps, s.pe, '[)'), tstzrange(s.rs, s.re, '[)')
         FROM unnest($5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[]) AS s(ps, pe, rs, re)`,
      [
        id,
        booking.substituteId,
        booking.municipalityId,
        booking.unitId,
        shifts.map((s) => s.period.start),
        shifts.map((s) => s.period.end),
        shifts.map((s) => s.restZone.start),
        shifts.map((s) => s.restZone.end),
      ],
    );
    return id;
  }

  find(municipalityId: string, id: string): Promise<BookingRecord | null> {
    return this.db.row(`SELECT ${BOOKING_COLUMNS} FROM booking WHERE id = $1 AND municipality_id = $2`, [id, municipalityId]);
  }

  /** The latest booking made from an offer. */
  ofOffer(offerId: string): Promise<BookingRecord | null> {
    return this.db.row(`SELECT ${BOOKING_COLUMNS} FROM booking WHERE offer_id = $1 ORDER BY created_at DESC LIMIT 1`, [offerId]);
  }

  confirmedOfVacancy(vacancyId: string): Promise<BookingRecord | null> {
    return this.db.row(`SELECT ${BOOKING_COLUMNS} FROM booking WHERE vacancy_id = $1 AND status = 'confirmed'`, [vacancyId]);
  }

  /** A substitute's bookings, confirmed and cancelled, with their shifts, in time order. */
  ofSubstitute(substituteId: string): Promise<(BookingRecord & { cancelledAt: Date | null; cancelReason: string | null; startsAt: Date })[]> {
    return this.db.rows(
      `SELECT b.id, b.municipality_id AS "municipalityId", b.vacancy_id AS "vacancyId", b.substitute_id AS "substituteId", b.unit_id AS "unitId",
              b.offer_id AS "offerId", b.status, b.created_at AS "createdAt", b.cancelled_at AS "cancelledAt", b.cancel_reason AS "cancelReason",
              v.starts_at AS "startsAt"
         FROM booking b JOIN vacancy v ON v.id = b.vacancy_id WHERE b.substitute_id = $1 ORDER BY v.starts_at, b.id`,
      [substituteId],
    );
  }

  /**
   * The days substitutes were employed, from the local date `from` on: each local date a booked shift (of a
   * confirmed booking) starts on, a night shift on the date it starts, in the LAS form the reason of its
   * absence gives; and the days imported from the earlier system (las_history_day). Each date once per
   * substitute and form. Of the substitutes named, or of every substitute of a municipality: one query either way.
   */
  employmentDays(of: { substituteIds: readonly string[] } | { municipalityId: string }, from: string): Promise<(EmploymentDay & { substituteId: string })[]> {
    const [substituteIds, municipalityId] = 'substituteIds' in of ? [of.substituteIds, null] : [null, of.municipalityId];
    return this.db.rows(
      `SELECT bs.substitute_id AS "substituteId", (lower(bs.period) AT TIME ZONE 'Europe/Stockholm')::date::text AS date,
              CASE WHEN a.reason = ANY ($4::text[]) THEN 'sava' ELSE 'vikariat' END AS form
         FROM booked_shift bs JOIN booking b ON b.id = bs.booking_id JOIN vacancy v ON v.id = b.vacancy_id JOIN absence a ON a.id = v.absence_id
        WHERE (bs.substitute_id = ANY ($1::uuid[]) OR bs.municipality_id = $2)
          AND bs.period && tstzrange($3::date::timestamp AT TIME ZONE 'Europe/Stockholm', NULL)
       UNION
       SELECT substitute_id, date::text, form FROM las_history_day
        WHERE (substitute_id = ANY ($1::uuid[]) OR municipality_id = $2) AND date >= $3::date
       ORDER BY 1, 2, 3`,
      [substituteIds, municipalityId, from, SAVA_REASONS],
    );
  }

  /** Cancels a confirmed booking and frees its shifts; false if it was cancelled already. */
  async cancel(id: string, reason: string): Promise<boolean> {
    const cancelled = await this.db.rows(
      `UPDATE booking SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1 AND status = ANY ($3::text[]) RETURNING id`,
      [id, reason, statusesThatMayBecome('cancelled')],
    );
    if (cancelled.length === 0) return false;
    await this.db.execute(`DELETE FROM booked_shift WHERE booking_id = $1`, [id]);
    return true;
  }
}
