import { EntityManager } from 'typeorm';
import type { Period } from '../database/tstzrange';
import { toRangeLiteral } from '../database/tstzrange';
import type { Candidate } from './rank-candidates';

export interface CandidateSearch {
  municipalityId: string;
  vacancyId: string;
  unitId: string;
  district: string;
  qualificationCode: string;
  shifts: Period[];
  restHours: number;
  now: Date;
}

/**
 * The candidate query, in one place. A substitute is a candidate when they are active in the vacancy's
 * municipality; hold the required qualification, verified and valid on the last shift's day; work in the
 * unit's district (or anywhere); have an availability window covering every shift; have no booked shift
 * within the rest time of any shift; are not blocked by the unit; have not answered, let expire or been booked on
 * this vacancy before. An offer withdrawn because someone else took the vacancy does not count: when that booking
 * is cancelled, the rematch asks them again (only the cancelled substitute is left out).
 *
 * Indexes used: substitute_qualification (qualification_code, substitute_id) to start from the holders of the
 * qualification, uq_offer_vacancy_substitute and ix_booking_substitute_unit for the exclusions, and the GiST
 * indexes behind the exclusion constraints on availability_window and booked_shift for the range tests.
 */
export const CANDIDATE_SQL = `
WITH shift AS (SELECT unnest($6::tstzrange[]) AS period)
SELECT s.id AS substitute_id,
       s.verified_at,
       EXISTS (SELECT 1 FROM unit_preference p WHERE p.unit_id = $3 AND p.substitute_id = s.id AND p.kind = 'preferred') AS preferred,
       EXISTS (SELECT 1 FROM booking b WHERE b.substitute_id = s.id AND b.unit_id = $3 AND b.status = 'confirmed') AS worked_here,
       coalesce((SELECT sum(extract(epoch FROM upper(bs.period) - lower(bs.period))) / 3600
                   FROM booked_shift bs
                  WHERE bs.substitute_id = s.id AND bs.period && tstzrange($8::timestamptz - interval '28 days', $8::timestamptz)), 0)::float8 AS recent_hours
  FROM substitute_qualification q
  JOIN substitute s ON s.id = q.substitute_id
 WHERE q.qualification_code = $5
   AND q.municipality_id = $1
   AND q.verified_at IS NOT NULL
   AND (q.valid_until IS NULL OR q.valid_until >= ($9::timestamptz AT TIME ZONE 'Europe/Stockholm')::date)
   AND s.municipality_id = $1
   AND s.status = 'active'
   AND s.verified_at IS NOT NULL
   AND (cardinality(s.districts) = 0 OR $4 = ANY (s.districts))
   AND NOT EXISTS (
         SELECT 1 FROM shift sh
          WHERE NOT EXISTS (SELECT 1 FROM availability_window a WHERE a.substitute_id = s.id AND a.period @> sh.period))
   AND NOT EXISTS (
         SELECT 1 FROM booked_shift bs, shift sh
          WHERE bs.substitute_id = s.id
            AND bs.period && tstzrange(lower(sh.period) - make_interval(hours => $7), upper(sh.period) + make_interval(hours => $7)))
   AND NOT EXISTS (SELECT 1 FROM unit_preference p WHERE p.unit_id = $3 AND p.substitute_id = s.id AND p.kind = 'blocked')
   AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.vacancy_id = $2 AND o.substitute_id = s.id AND o.status <> 'withdrawn')
   AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.substitute_id = s.id AND b.unit_id = $3 AND b.vacancy_id = $2)
`;

export async function findCandidates(manager: EntityManager, search: CandidateSearch): Promise<Candidate[]> {
  const lastEnd = new Date(Math.max(...search.shifts.map((s) => s.end.getTime()) ) - 1);
  const rows: { substitute_id: string; verified_at: Date; preferred: boolean; worked_here: boolean; recent_hours: number }[] = await manager.query(
    CANDIDATE_SQL,
    [
      search.municipalityId,
      search.vacancyId,
      search.unitId,
      search.district,
      search.qualificationCode,
      search.shifts.map(toRangeLiteral),
      search.restHours,
      search.now,
      lastEnd,
    ],
  );
  return rows.map((r) => ({
    substituteId: r.substitute_id,
    verifiedAt: r.verified_at,
    preferred: r.preferred,
    workedHere: r.worked_here,
    recentHours: Number(r.recent_hours),
  }));
}
