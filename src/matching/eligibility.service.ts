import { Injectable } from '@nestjs/common';
import { BookingsService } from '../bookings/bookings.service';
import { Database } from '../database/database';
import { workingTimeBrokenSql } from './candidate-query';

/**
 * The calendar weeks or months (Swedish time) the shifts of vacancy v touch, as a set of tstzrange, as
 * weeksTouched and monthsTouched in bookings/working-time.ts count them: the last instant inside a shift
 * decides its last period.
 */
const periodsOfVacancy = (unit: 'week' | 'month') => `(
  SELECT DISTINCT tstzrange(p.start_at AT TIME ZONE 'Europe/Stockholm', (p.start_at + interval '1 ${unit}') AT TIME ZONE 'Europe/Stockholm')
    FROM vacancy_shift psh
   CROSS JOIN LATERAL generate_series(date_trunc('${unit}', lower(psh.period) AT TIME ZONE 'Europe/Stockholm'),
                                      (upper(psh.period) - interval '1 millisecond') AT TIME ZONE 'Europe/Stockholm', interval '1 ${unit}') AS p(start_at)
   WHERE psh.vacancy_id = v.id)`;

/** The substitute's booked shifts within a month of vacancy v (reaching every week and month it touches), with v's own. */
const BUSY_WITH_VACANCY = `
  SELECT coalesce(range_agg(bs.period), '{}') + (SELECT range_agg(vsh.period) FROM vacancy_shift vsh WHERE vsh.vacancy_id = v.id)
    FROM booked_shift bs WHERE bs.substitute_id = s.id AND bs.period && tstzrange(v.starts_at - interval '32 days', v.ends_at + interval '32 days')`;

/**
 * The live vacancies of the municipality ($1) that the substitute ($2) could be booked on: the substitute is
 * active; holds the qualification, verified and valid on the vacancy's last day; works in the unit's district
 * or anywhere; is available for every shift; is not blocked by the unit; never had a booking on it. With
 * $5 true, also the working-time rules, as the candidate search has them: no booked shift within the daily
 * rest ($3 hours) of any shift, and with the vacancy booked a free stretch of the weekly rest ($7 hours) in
 * each calendar week it touches and at most the monthly cap ($8 hours) in each calendar month. $4 is now,
 * $6 one vacancy or null.
 */
export const ELIGIBLE_VACANCIES = `
SELECT v.id FROM vacancy v
  JOIN unit u ON u.id = v.unit_id
  JOIN substitute s ON s.id = $2 AND s.municipality_id = $1 AND s.status = 'active'
 WHERE v.municipality_id = $1 AND v.status IN ('open', 'offering') AND v.starts_at > $4 AND ($6::uuid IS NULL OR v.id = $6)
   AND (cardinality(s.districts) = 0 OR u.district = ANY (s.districts))
   AND EXISTS (SELECT 1 FROM substitute_qualification q
                WHERE q.substitute_id = s.id AND q.qualification_code = v.qualification_code AND q.verified_at IS NOT NULL
                  AND (q.valid_until IS NULL OR q.valid_until >= ((v.ends_at - interval '1 millisecond') AT TIME ZONE 'Europe/Stockholm')::date))
   AND NOT EXISTS (SELECT 1 FROM vacancy_shift sh WHERE sh.vacancy_id = v.id
                      AND NOT EXISTS (SELECT 1 FROM availability_window a WHERE a.substitute_id = s.id AND a.period @> sh.period))
   AND NOT ($5 AND EXISTS (SELECT 1 FROM vacancy_shift sh JOIN booked_shift bs ON bs.substitute_id = s.id
                             AND bs.period && tstzrange(lower(sh.period) - make_interval(hours => $3), upper(sh.period) + make_interval(hours => $3))
                           WHERE sh.vacancy_id = v.id))
   AND NOT ($5 AND ${workingTimeBrokenSql(BUSY_WITH_VACANCY, periodsOfVacancy('week'), periodsOfVacancy('month'), '$7::int', '$8::int')})
   AND NOT EXISTS (SELECT 1 FROM unit_preference p WHERE p.unit_id = v.unit_id AND p.substitute_id = s.id AND p.kind = 'blocked')
   AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.vacancy_id = v.id AND b.substitute_id = s.id)
 ORDER BY v.starts_at, v.id
 LIMIT 200`;

/** What stands between a substitute and a booking by hand: a valid qualification, and the unit's block list. */
const HAND_BOOKING_OBSTACLES = `
SELECT NOT EXISTS (SELECT 1 FROM substitute_qualification q
                    WHERE q.substitute_id = s.id AND q.qualification_code = v.qualification_code AND q.verified_at IS NOT NULL
                      AND (q.valid_until IS NULL OR q.valid_until >= ((v.ends_at - interval '1 millisecond') AT TIME ZONE 'Europe/Stockholm')::date)) AS "notQualified",
       EXISTS (SELECT 1 FROM unit_preference p WHERE p.unit_id = v.unit_id AND p.substitute_id = s.id AND p.kind = 'blocked') AS "blocked"
  FROM vacancy v JOIN substitute s ON s.id = $2 AND s.municipality_id = $1
 WHERE v.municipality_id = $1 AND v.id = $3`;

export type HandBookingObstacle = 'NOT_QUALIFIED' | 'BLOCKED';

/** Which vacancies a substitute may take themselves, by the same rules as the candidate search. */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly db: Database,
    private readonly bookings: BookingsService,
  ) {}

  /** The vacancies the substitute could be booked on now, soonest first. */
  async openFor(municipalityId: string, substituteId: string): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(ELIGIBLE_VACANCIES, await this.params(municipalityId, substituteId, true, null));
    return rows.map((r) => r.id);
  }

  /**
   * Whether the substitute could have been offered the vacancy, their schedule aside: a booking that would
   * break a working-time rule is the booking's own check (SCHEDULE_CONFLICT naming the rule), as for an
   * accepted offer.
   */
  async mayTake(municipalityId: string, substituteId: string, vacancyId: string): Promise<boolean> {
    const rows = await this.db.rows(ELIGIBLE_VACANCIES, await this.params(municipalityId, substituteId, false, vacancyId));
    return rows.length > 0;
  }

  private async params(municipalityId: string, substituteId: string, schedule: boolean, vacancyId: string | null): Promise<unknown[]> {
    const rules = await this.bookings.workingTimeSettings(municipalityId);
    return [municipalityId, substituteId, rules.dailyRestHours, new Date(), schedule, vacancyId, rules.weeklyRestHours, rules.monthlyHourCap];
  }

  async handBookingObstacles(municipalityId: string, substituteId: string, vacancyId: string): Promise<HandBookingObstacle[]> {
    const [row] = await this.db.rows<{ notQualified: boolean; blocked: boolean }>(HAND_BOOKING_OBSTACLES, [municipalityId, substituteId, vacancyId]);
    if (!row) return [];
    return [...(row.notQualified ? (['NOT_QUALIFIED'] as const) : []), ...(row.blocked ? (['BLOCKED'] as const) : [])];
  }
}
