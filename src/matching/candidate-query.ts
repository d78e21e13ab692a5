import { EntityManager } from 'typeorm';
import { hoursWithin, longestFreeStretch, monthsTouched, weeksTouched, WorkingTimeRules } from '../bookings/working-time';
import { HOUR_MS, toLocalDate } from '../common/time';
import { queryPrepared } from '../database/prepared';
import { readWithoutRowPolicies } from '../database/tenancy';
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
  /** The municipality's working-time rules: daily rest, weekly rest, monthly cap. */
  rules: WorkingTimeRules;
  now: Date;
  /** How many of the best-ranked candidates are needed (the wave size). */
  limit: number;
}

const FAIRNESS_WINDOW_DAYS = 28;
/** The index in candidateParams of $14, whether the vacancy alone keeps the weekly rest and the monthly cap. */
const VACANCY_KEEPS_RULES = 13;

/**
 * The working-time rules beyond overlap and daily rest (bookings/working-time.ts, brokenRule), in SQL: true
 * when `busy` (a query of one row, one column: the substitute's booked shifts and the vacancy's, as a
 * tstzmultirange) leaves no free stretch of `restHours` within one of `weeks` (an SQL set of tstzrange: the
 * calendar weeks the vacancy touches), or covers more than `capHours` of one of `months`. Elapsed time:
 * a week with a daylight-saving change is 167 or 169 hours. The multirange merges what touches, which
 * counts the same as long as no two shifts overlap: the daily-rest test must come with this one.
 */
export function workingTimeBrokenSql(busy: string, weeks: string, months: string, restHours: string, capHours: string): string {
  return `EXISTS (SELECT 1 FROM (${busy}) AS b(busy)
                   WHERE EXISTS (SELECT 1 FROM ${weeks} AS w(week)
                                  WHERE coalesce((SELECT max(upper(f.free) - lower(f.free)) FROM unnest(tstzmultirange(w.week) - b.busy) AS f(free)), interval '0')
                                        < make_interval(hours => ${restHours}))
                      OR EXISTS (SELECT 1 FROM ${months} AS m(month)
                                  WHERE (SELECT sum(upper(f.part) - lower(f.part)) FROM unnest(b.busy * tstzmultirange(m.month)) AS f(part))
                                        > make_interval(hours => ${capHours})))`;
}

/**
 * Who may be offered the vacancy, the working-time rules beyond daily rest aside (see keepsWorkingTime).
 * Parameters: $1 municipality, $2 vacancy, $3 unit, $4 the unit's district, $5 qualification, $6 the
 * shifts, $7 the shifts widened by the daily rest on both sides, $8 the last day of the vacancy (local date).
 *
 * A candidate is active in the municipality; holds the qualification, verified and valid on the last day;
 * works in the unit's district or anywhere; has an availability window covering every shift; has no booked
 * shift within the rest time of any shift; is not blocked by the unit; has no live offer for this vacancy
 * (an offer withdrawn when someone else took it does not count, so a rematch asks again), nor one for
 * another vacancy at an overlapping time (one person is asked for one time once); and was never booked on it.
 */
const ELIGIBLE_BUT_FOR_OFFERS_ELSEWHERE = `
      q.qualification_code = $5 AND q.municipality_id = $1 AND q.verified_at IS NOT NULL
  AND (q.valid_until IS NULL OR q.valid_until >= $8::date)
  AND s.municipality_id = $1 AND s.status = 'active'
  AND (cardinality(s.districts) = 0 OR $4 = ANY (s.districts))
  AND NOT EXISTS (SELECT 1 FROM unnest($6::tstzrange[]) AS sh(period)
                   WHERE NOT EXISTS (SELECT 1 FROM availability_window a WHERE a.substitute_id = s.id AND a.period @> sh.period))
  AND NOT EXISTS (SELECT 1 FROM unnest($7::tstzrange[]) AS z(zone) JOIN booked_shift bs ON bs.substitute_id = s.id AND bs.period && z.zone)
  AND NOT EXISTS (SELECT 1 FROM unit_preference p WHERE p.unit_id = $3 AND p.substitute_id = s.id AND p.kind = 'blocked')
  AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.vacancy_id = $2 AND o.substitute_id = s.id AND o.status <> 'withdrawn')
  AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.vacancy_id = $2 AND b.substitute_id = s.id)`;

const ELIGIBLE = `${ELIGIBLE_BUT_FOR_OFFERS_ELSEWHERE}
  AND NOT EXISTS (SELECT 1 FROM offer lo JOIN vacancy_shift ls ON ls.vacancy_id = lo.vacancy_id
                   WHERE lo.substitute_id = s.id AND lo.status = 'pending' AND lo.expires_at > now() AND ls.period && ANY ($6::tstzrange[]))`;

/**
 * Whether the substitute (`id`, an SQL expression) would keep the weekly rest and the monthly cap with the
 * vacancy booked. Parameters: $9 the calendar weeks and $10 the calendar months the shifts touch, $11 the
 * weekly rest and $12 the monthly cap in hours, $13 a range covering those weeks and months, $14 whether the
 * vacancy alone keeps both. Worked out only for those with a booked shift within $13 (one index probe for
 * the others, whom the vacancy alone decides).
 */
const keepsWorkingTime = (id: string) => `$14::boolean
  AND NOT ${workingTimeBrokenSql(
    `SELECT range_agg(wb.period) + tstzmultirange(VARIADIC $6::tstzrange[]) FROM booked_shift wb
      WHERE wb.substitute_id = ${id} AND wb.municipality_id = $1 AND wb.period && $13::tstzrange HAVING count(*) > 0`,
    'unnest($9::tstzrange[])',
    'unnest($10::tstzrange[])',
    '$11::int',
    '$12::int',
  )}`;

/**
 * The rows of `candidates` (a query of those otherwise eligible, with a substitute_id column) that keep the
 * working-time rules. The fence (OFFSET 0) has the planner work the rules out last, for the few who pass
 * every other test, rather than along with the first tests on the substitute's row.
 */
const keepingWorkingTime = (candidates: string) => `
SELECT c.* FROM (${candidates}
  OFFSET 0) AS c
 WHERE ${keepsWorkingTime('c.substitute_id')}`;

/**
 * When the first of those who could be offered the vacancy but for a live offer at an overlapping time
 * (the candidates of a rival wave) is free again, as that offer expires; null when there are none.
 */
const CANDIDATES_FREE_AT = `
SELECT min(lo.expires_at) AS free_at
  FROM offer lo
  JOIN vacancy_shift ls ON ls.vacancy_id = lo.vacancy_id
  JOIN substitute s ON s.id = lo.substitute_id
  JOIN substitute_qualification q ON q.substitute_id = s.id
 WHERE lo.municipality_id = $1 AND lo.status = 'pending' AND lo.expires_at > now() AND ls.period && ANY ($6::tstzrange[])
   AND ${ELIGIBLE_BUT_FOR_OFFERS_ELSEWHERE}
   AND ${keepsWorkingTime('s.id')}`;

/** Booked hours in the fairness window ($15), for one substitute. */
const RECENT_HOURS = `coalesce((SELECT sum(extract(epoch FROM upper(r.period) - lower(r.period))) / 3600
                                  FROM booked_shift r WHERE r.substitute_id = s.id AND r.period && $15::tstzrange), 0)::float8`;

const RANK_COLUMNS = `s.id AS substitute_id, q.verified_at,
       EXISTS (SELECT 1 FROM unit_preference p WHERE p.unit_id = $3 AND p.substitute_id = s.id AND p.kind = 'preferred') AS preferred,
       EXISTS (SELECT 1 FROM booking w WHERE w.unit_id = $3 AND w.substitute_id = s.id AND w.status = 'confirmed') AS worked_here,
       ${RECENT_HOURS} AS recent_hours`;

/** How many substitutes ($1 municipality) are available for the first shift ($2), counted up to $3. */
export const AVAILABLE_COUNT = `
SELECT count(*)::int AS n FROM (
  SELECT 1 FROM availability_window a WHERE a.period @> $2::tstzrange AND a.municipality_id = $1 LIMIT $3) AS available`;

/**
 * Every candidate, found from those available for the first shift: used when they are few. Each of them is
 * looked up by key (the fenced LATERAL keeps the planner from hashing every holder of the qualification
 * first, which at a million substitutes took 100 ms for an answer of none).
 */
export const FROM_AVAILABLE = keepingWorkingTime(`
SELECT ${RANK_COLUMNS}
  FROM availability_window a
  CROSS JOIN LATERAL (SELECT * FROM substitute_qualification q WHERE q.substitute_id = a.substitute_id AND q.qualification_code = $5 OFFSET 0) AS q
  JOIN substitute s ON s.id = a.substitute_id
 WHERE a.municipality_id = $1 AND a.period @> ($6::tstzrange[])[1] AND ${ELIGIBLE}`);

/** The unit's preferred substitutes and those who have worked there: few, and ranked first. */
export const CLOSE_TO_UNIT = keepingWorkingTime(`
SELECT ${RANK_COLUMNS}
  FROM (SELECT substitute_id FROM unit_preference WHERE unit_id = $3 AND kind = 'preferred'
        UNION SELECT substitute_id FROM booking WHERE unit_id = $3 AND status = 'confirmed') AS close
  JOIN substitute s ON s.id = close.substitute_id
  JOIN substitute_qualification q ON q.substitute_id = s.id
 WHERE ${ELIGIBLE}`);

const NOT_CLOSE = `
  AND NOT EXISTS (SELECT 1 FROM unit_preference p WHERE p.unit_id = $3 AND p.substitute_id = s.id AND p.kind = 'preferred')
  AND NOT EXISTS (SELECT 1 FROM booking w WHERE w.unit_id = $3 AND w.substitute_id = s.id AND w.status = 'confirmed')`;

/**
 * The next page of the qualification's holders in ranking order (keyset on verification time and id). The
 * time goes back and forth as text: a JavaScript Date would drop its microseconds and re-read rows.
 */
export const HOLDERS_PAGE = `
SELECT q.substitute_id, q.verified_at::text AS verified_at FROM substitute_qualification q
 WHERE q.qualification_code = $1 AND q.municipality_id = $2 AND q.verified_at IS NOT NULL
   AND (q.verified_at, q.substitute_id) > ($3::timestamptz, $4::uuid)
 ORDER BY q.verified_at, q.substitute_id
 LIMIT $5`;

/**
 * Which of a page of holders ($16) are candidates without booked hours in the window. Driven from the page's
 * ids, so that the plan reads those few rows by key whatever the statistics say of the pool.
 */
export const UNBOOKED_AMONG = keepingWorkingTime(`
SELECT s.id AS substitute_id, q.verified_at, false AS preferred, false AS worked_here, 0::float8 AS recent_hours
  FROM unnest($16::uuid[]) AS page(id)
  JOIN substitute_qualification q ON q.substitute_id = page.id AND q.qualification_code = $5
  JOIN substitute s ON s.id = page.id
 WHERE ${ELIGIBLE} ${NOT_CLOSE}
   AND NOT EXISTS (SELECT 1 FROM booked_shift r WHERE r.substitute_id = s.id AND r.period && $15::tstzrange)`);

/**
 * The rest of the pool with booked hours in the window, fewest first; needed only when the unbooked run out.
 * The plan reads them in that order and stops at $16, so the working-time rules stay in line here.
 */
export const BOOKED = `
SELECT s.id AS substitute_id, q.verified_at, false AS preferred, false AS worked_here, recent.hours AS recent_hours
  FROM (SELECT r.substitute_id, (sum(extract(epoch FROM upper(r.period) - lower(r.period))) / 3600)::float8 AS hours
          FROM booked_shift r WHERE r.municipality_id = $1 AND r.period && $15::tstzrange GROUP BY r.substitute_id) AS recent
  JOIN substitute s ON s.id = recent.substitute_id
  JOIN substitute_qualification q ON q.substitute_id = s.id
 WHERE ${ELIGIBLE} ${NOT_CLOSE}
   AND ${keepsWorkingTime('s.id')}
 ORDER BY recent.hours, q.verified_at, q.substitute_id
 LIMIT $16`;

/** Every candidate with its ranking features, by brute force: the reference the tests hold the search to. */
export const ALL_CANDIDATES = keepingWorkingTime(`
SELECT ${RANK_COLUMNS}
  FROM substitute_qualification q
  JOIN substitute s ON s.id = q.substitute_id
 WHERE ${ELIGIBLE}`);

export interface SearchTuning {
  /** Below this many substitutes available for the first shift, every candidate is read from those. */
  fewAvailable: number;
  /**
   * The page of the walk before which the available are counted. Not before the second: the count costs
   * about as much as a page (it walks the period index up to `fewAvailable`), and a pool that is not
   * scarce seldom needs a third page.
   */
  countAvailableAtPage: number;
  /** Holders read by the first page of the ranked walk (at least four times the limit); later pages grow. */
  firstPage: number;
  maxPage: number;
}

const DEFAULT_TUNING: SearchTuning = { fewAvailable: 1000, countAvailableAtPage: 2, firstPage: 20, maxPage: 2000 };

interface CandidateRow {
  substitute_id: string;
  verified_at: Date;
  preferred: boolean;
  worked_here: boolean;
  recent_hours: number;
}

/**
 * The candidates needed to rank the best `limit`, reading as little as the pool allows: everyone close to
 * the unit (they rank first); then the qualification's holders without booked hours, in ranking order, a
 * page at a time until `limit` are found; and only if those run out, the first with the fewest hours. When
 * the first pages are not enough and few substitutes are available for the first shift, all candidates are
 * read from those instead, so that a vacancy nobody can take does not walk the whole pool.
 * Whatever is left out ranks below what is returned, so rankCandidates over the result gives the same top
 * `limit` as over the whole pool (a test compares the two).
 */
export async function findCandidates(manager: EntityManager, search: CandidateSearch, tuning = DEFAULT_TUNING): Promise<Candidate[]> {
  // A vacancy that breaks a rule by itself (several long shifts in one week) has no candidate: nobody need be read.
  const params = candidateParams(search);
  if (!params[VACANCY_KEEPS_RULES]) return [];
  // Every statement below names the municipality ($1) for each table it reads, and the availability and
  // booked-shift indexes are GiST indexes on ranges, which the row policies would keep it from using. Their
  // planning costs more than their execution: each is prepared and planned once per connection.
  return readWithoutRowPolicies(manager, () => searchCandidates(manager, search, params, tuning), { genericPlans: true });
}

async function searchCandidates(manager: EntityManager, search: CandidateSearch, params: unknown[], tuning: SearchTuning): Promise<Candidate[]> {
  const rows = await queryPrepared<CandidateRow>(manager, 'candidates_close_to_unit', CLOSE_TO_UNIT, params);
  let after: [string, string] = ['-infinity', '00000000-0000-0000-0000-000000000000'];
  let pageSize = Math.max(tuning.firstPage, search.limit * 4);
  for (let page = 0; rows.length < search.limit; page++) {
    if (page === tuning.countAvailableAtPage && (await fewAvailable(manager, search, tuning))) return toCandidates(await queryPrepared(manager, 'candidates_from_available', FROM_AVAILABLE, params));
    const holders = await queryPrepared<{ substitute_id: string; verified_at: string }>(manager, 'candidates_holders_page', HOLDERS_PAGE, [
      search.qualificationCode,
      search.municipalityId,
      ...after,
      pageSize,
    ]);
    if (holders.length === 0) break;
    rows.push(...(await queryPrepared<CandidateRow>(manager, 'candidates_unbooked_among', UNBOOKED_AMONG, [...params, holders.map((h) => h.substitute_id)])));
    const last = holders[holders.length - 1];
    after = [last.verified_at, last.substitute_id];
    pageSize = Math.min(pageSize * 4, tuning.maxPage);
  }
  if (rows.length < search.limit) rows.push(...(await queryPrepared<CandidateRow>(manager, 'candidates_booked', BOOKED, [...params, search.limit - rows.length])));
  return toCandidates(rows);
}

/** When someone busy with a rival wave's offer at the time is free to be asked (see CANDIDATES_FREE_AT). */
export async function candidatesFreeAt(manager: EntityManager, search: CandidateSearch): Promise<Date | null> {
  const params = candidateParams(search);
  if (!params[VACANCY_KEEPS_RULES]) return null;
  const [{ free_at }]: { free_at: Date | null }[] = await manager.query(CANDIDATES_FREE_AT, params.slice(0, VACANCY_KEEPS_RULES + 1));
  return free_at;
}

/**
 * Whether fewer than `fewAvailable` substitutes are available for the first shift. The count must walk the
 * GiST index on period and stop at the cap; the planner, misled by range statistics that judge each bound
 * apart, would rather scan the table, so for this one count it is told not to.
 */
async function fewAvailable(manager: EntityManager, search: CandidateSearch, tuning: SearchTuning): Promise<boolean> {
  // The search runs inside its caller's transaction (readWithoutRowPolicies), so SET LOCAL holds until it is set back.
  await manager.query(`SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off`);
  const [{ n }]: { n: number }[] = await manager.query(AVAILABLE_COUNT, [search.municipalityId, toRangeLiteral(search.shifts[0]), tuning.fewAvailable]);
  await manager.query(`SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL enable_bitmapscan TO DEFAULT`);
  return n < tuning.fewAvailable;
}

/** The positional parameters of the queries above ($1 to $15). */
export function candidateParams(search: CandidateSearch): unknown[] {
  const { rules } = search;
  const restMs = rules.dailyRestHours * HOUR_MS;
  const lastDay = new Date(Math.max(...search.shifts.map((s) => s.end.getTime())) - 1);
  const window = { start: new Date(search.now.getTime() - FAIRNESS_WINDOW_DAYS * 24 * HOUR_MS), end: search.now };
  const weeks = weeksTouched(search.shifts);
  const months = monthsTouched(search.shifts);
  const periods = [...weeks, ...months];
  const reach = { start: new Date(Math.min(...periods.map((p) => p.start.getTime()))), end: new Date(Math.max(...periods.map((p) => p.end.getTime()))) };
  return [
    search.municipalityId,
    search.vacancyId,
    search.unitId,
    search.district,
    search.qualificationCode,
    search.shifts.map(toRangeLiteral),
    search.shifts.map((s) => toRangeLiteral({ start: new Date(s.start.getTime() - restMs), end: new Date(s.end.getTime() + restMs) })),
    toLocalDate(lastDay),
    weeks.map(toRangeLiteral),
    months.map(toRangeLiteral),
    rules.weeklyRestHours,
    rules.monthlyHourCap,
    toRangeLiteral(reach),
    // As brokenRule would judge the vacancy booked on someone with no other booking.
    weeks.every((week) => longestFreeStretch(search.shifts, week) >= rules.weeklyRestHours * HOUR_MS) &&
      months.every((month) => hoursWithin(search.shifts, month) <= rules.monthlyHourCap + 1e-9),
    toRangeLiteral(window),
  ];
}

function toCandidates(rows: CandidateRow[]): Candidate[] {
  return rows.map((r) => ({
    substituteId: r.substitute_id,
    verifiedAt: r.verified_at,
    preferred: r.preferred,
    workedHere: r.worked_here,
    recentHours: Number(r.recent_hours),
  }));
}
