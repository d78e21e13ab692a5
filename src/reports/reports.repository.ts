import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { PayrollShift } from './payroll-csv';
import type { Instants } from './report-period';
import type { VacancyFact } from './vacancy-counts';

/**
 * Each vacancy that is not cancelled, with the service area of its unit and its confirmed booking (at most one:
 * uq_booking_vacancy_confirmed) and that booking's elapsed shift seconds. $1 is the municipality; every table
 * names it, as well as row-level security.
 */
const VACANCY_FACTS = `
  SELECT v.id, v.unit_id AS "unitId", u.name AS "unitName", u.service_area AS "serviceArea",
         v.created_at AS "createdAt", v.starts_at AS "startsAt", b.created_at AS "bookedAt",
         coalesce((SELECT sum(extract(epoch FROM upper(bs.period) - lower(bs.period)))
                     FROM booked_shift bs WHERE bs.booking_id = b.id AND bs.municipality_id = $1), 0)::float8 AS "bookedSeconds"
    FROM vacancy v
    JOIN absence a ON a.id = v.absence_id AND a.municipality_id = $1
    JOIN unit u ON u.id = v.unit_id AND u.municipality_id = $1
    LEFT JOIN booking b ON b.vacancy_id = v.id AND b.status = 'confirmed' AND b.municipality_id = $1
   WHERE v.municipality_id = $1 AND v.status <> 'cancelled'`;

/** The reads of the reports: facts to count, written out in SQL; the counting is in the pure functions beside. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Database) {}

  /** The vacancies whose absence names the programme. */
  ofProgramme(municipalityId: string, programmeId: string): Promise<VacancyFact[]> {
    return this.db.rows(`${VACANCY_FACTS} AND a.programme_id = $2 ORDER BY v.starts_at, v.id`, [municipalityId, programmeId]);
  }

  /** The vacancies whose first shift starts within `starting`; of these units only, unless unitIds is undefined. */
  startingWithin(municipalityId: string, starting: Instants, unitIds: string[] | undefined): Promise<VacancyFact[]> {
    return this.db.rows(
      `${VACANCY_FACTS} AND v.starts_at >= $2 AND v.starts_at < $3 AND ($4::uuid[] IS NULL OR v.unit_id = ANY ($4::uuid[])) ORDER BY v.starts_at, v.id`,
      [municipalityId, starting.start, starting.end, unitIds ?? null],
    );
  }

  /**
   * The booked shifts of confirmed bookings that start within `starting`, in time order: the substitute (names
   * null once erased), the unit, the vacancy's qualification and the absence's programme.
   */
  payrollShifts(municipalityId: string, starting: Instants): Promise<PayrollShift[]> {
    return this.db.rows(
      `SELECT b.substitute_id AS "substituteId", s.first_name AS "firstName", s.last_name AS "lastName",
              u.name AS "unitName", u.service_area AS "serviceArea", q.name AS qualification,
              lower(bs.period) AS start, upper(bs.period) AS "end", p.name AS programme
         FROM booked_shift bs
         JOIN booking b ON b.id = bs.booking_id AND b.status = 'confirmed' AND b.municipality_id = $1
         JOIN substitute s ON s.id = b.substitute_id AND s.municipality_id = $1
         JOIN vacancy v ON v.id = b.vacancy_id AND v.municipality_id = $1
         JOIN absence a ON a.id = v.absence_id AND a.municipality_id = $1
         JOIN unit u ON u.id = bs.unit_id AND u.municipality_id = $1
         JOIN qualification q ON q.code = v.qualification_code
         LEFT JOIN programme p ON p.id = a.programme_id AND p.municipality_id = $1
        WHERE bs.municipality_id = $1 AND lower(bs.period) >= $2 AND lower(bs.period) < $3
        ORDER BY lower(bs.period), s.last_name, s.first_name, b.substitute_id, bs.id`,
      [municipalityId, starting.start, starting.end],
    );
  }
}
