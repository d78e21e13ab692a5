import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { BookedShift, brokenRule, DEFAULT_WORKING_TIME, Shift, WorkingTimeRule, WorkingTimeRules } from '../src/bookings/working-time';
import { dataSourceOptions } from '../src/database/data-source';
import { APP_DATABASE_ROLE } from '../src/config/app-config';
import { toRangeLiteral } from '../src/database/tstzrange';
import { ALL_CANDIDATES, candidateParams, CandidateSearch, findCandidates } from '../src/matching/candidate-query';
import { ELIGIBLE_VACANCIES } from '../src/matching/eligibility.service';
import { Candidate, rankCandidates } from '../src/matching/rank-candidates';
import { createSuiteDatabase, dropDatabase } from './support/test-app';

/** A small seeded PRNG, so that a failure can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const now = new Date();
const day0 = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 2 * 24 * HOUR);
const at = (hours: number) => new Date(day0.getTime() + hours * HOUR);

/**
 * The candidate search reads only what it needs for the best `limit`; this suite holds it to the brute-force
 * answer on a pool where every rule of eligibility and ranking is exercised, through both of its paths.
 */
describe('candidate search', () => {
  let url: string;
  let db: DataSource;
  /** The search runs as the service runs it: the application role, in a transaction scoped to the municipality. */
  let app: DataSource;
  const random = mulberry32(20261122);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  let municipalityId: string;
  let units: { id: string; district: string }[];
  const vacancies: string[] = [];
  let absenceId: string;
  const newVacancy = async (unitId: string): Promise<string> =>
    (
      await db.query(
        `INSERT INTO vacancy (municipality_id, absence_id, unit_id, qualification_code, starts_at, ends_at) VALUES ($1, $2, $3, 'kock', $4, $4) RETURNING id`,
        [municipalityId, absenceId, unitId, at(0)],
      )
    )[0].id;

  beforeAll(async () => {
    url = await createSuiteDatabase();
    db = await new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
    const appUrl = new URL(url);
    appUrl.username = APP_DATABASE_ROLE;
    app = await new DataSource(dataSourceOptions(appUrl.toString(), { poolSize: 2 })).initialize();
    [{ id: municipalityId }] = await db.query(`INSERT INTO municipality (name) VALUES ('Slumpkommun') RETURNING id`);
    units = await db.query(
      `INSERT INTO unit (municipality_id, name, service_area, district) SELECT $1, 'Enhet ' || n, 'vard_omsorg', CASE WHEN n % 2 = 0 THEN 'Norr' ELSE 'Syd' END
         FROM generate_series(1, 3) n RETURNING id, district`,
      [municipalityId],
    );
    [{ id: absenceId }] = await db.query(
      `INSERT INTO absence (municipality_id, unit_id, reason, qualification_code, created_by) VALUES ($1, $2, 'sick', 'kock', $2) RETURNING id`,
      [municipalityId, units[0].id],
    );
    for (let i = 0; i < 6; i++) vacancies.push(await newVacancy(pick(units).id));

    for (let i = 0; i < 260; i++) {
      // Ties on purpose, and microseconds, which a JavaScript Date cannot hold.
      const verifiedAt = `${new Date(now.getTime() - Math.floor(random() * 5) * 24 * HOUR).toISOString().slice(0, 23)}${pick(['', '417', '999'])}Z`;
      const [{ id }] = await db.query(
        `INSERT INTO substitute (municipality_id, first_name, last_name, email, phone, status, districts, consented_at, verified_at)
         VALUES ($1, 'V', $2, $3, $4, $5, $6, now(), $7) RETURNING id`,
        [municipalityId, `N${i}`, `v${i}@example.se`, `+4670${String(1000000 + i)}`, random() < 0.9 ? 'active' : 'paused', pick([[], [], ['Norr'], ['Syd'], ['Norr', 'Syd']]), verifiedAt],
      );
      await db.query(
        `INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id, verified_at, valid_until) VALUES ($1, $2, $3, $4, $5)`,
        [id, pick(['kock', 'kock', 'ekonomibitrade']), municipalityId, random() < 0.9 ? verifiedAt : null, pick([null, null, '2020-01-01', '2099-01-01'])],
      );
      // Availability: most cover the test days, some only part of them.
      const from = random() < 0.8 ? -24 : Math.floor(random() * 48);
      await db.query(`INSERT INTO availability_window (substitute_id, municipality_id, period) VALUES ($1, $2, $3)`, [
        id,
        municipalityId,
        toRangeLiteral({ start: at(from), end: at(from + 24 + Math.floor(random() * 96)) }),
      ]);
      // Bookings: recent ones (fairness), upcoming ones (rest and overlap), some at a unit (continuity).
      const bookings = Math.floor(random() * 4);
      for (let b = 0; b < bookings; b++) {
        const unit = pick(units);
        const [{ id: bookingId }] = await db.query(
          `INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, status) VALUES ($1, $2, $3, $4, 'confirmed') RETURNING id`,
          [municipalityId, await newVacancy(unit.id), id, unit.id],
        );
        const start = random() < 0.7 ? new Date(now.getTime() - Math.floor(random() * 30 * 24) * HOUR) : at(Math.floor(random() * 72));
        const hours = 4 + Math.floor(random() * 8);
        const end = new Date(start.getTime() + hours * HOUR);
        await db.query(
          `INSERT INTO booked_shift (booking_id, substitute_id, municipality_id, unit_id, period, rest_zone) VALUES ($1, $2, $3, $4, $5, $6)`,
          [bookingId, id, municipalityId, unit.id, toRangeLiteral({ start, end }), toRangeLiteral({ start: new Date(start.getTime() - 5.5 * HOUR), end: new Date(end.getTime() + 5.5 * HOUR) })],
        ).catch(() => undefined); // a random shift that breaks the constraints is simply not booked
      }
      const roll = random();
      const unit = pick(units);
      if (roll < 0.1) await db.query(`INSERT INTO unit_preference (unit_id, substitute_id, municipality_id, kind) VALUES ($1, $2, $3, 'preferred')`, [unit.id, id, municipalityId]);
      else if (roll < 0.15) await db.query(`INSERT INTO unit_preference (unit_id, substitute_id, municipality_id, kind) VALUES ($1, $2, $3, 'blocked')`, [unit.id, id, municipalityId]);
      if (random() < 0.15) {
        await db.query(
          `INSERT INTO offer (municipality_id, vacancy_id, substitute_id, wave, status, token_hash, expires_at) VALUES ($1, $2, $3, 1, $4, $5, now())`,
          [municipalityId, pick(vacancies), id, pick(['pending', 'declined', 'withdrawn', 'expired']), `hash-${i}`],
        );
      }
    }
    // A neighbour whose substitutes would all be the best candidates, were the search to look across the border.
    const [{ id: neighbour }] = await db.query(`INSERT INTO municipality (name) VALUES ('Grannkommun') RETURNING id`);
    for (let i = 0; i < 30; i++) {
      const [{ id }] = await db.query(
        `INSERT INTO substitute (municipality_id, first_name, last_name, email, phone, status, districts, consented_at, verified_at)
         VALUES ($1, 'G', $2, $3, $4, 'active', '{}', now(), now() - interval '30 days') RETURNING id`,
        [neighbour, `G${i}`, `g${i}@example.se`, `+4670${String(2000000 + i)}`],
      );
      for (const code of ['kock', 'ekonomibitrade']) {
        await db.query(`INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id, verified_at) VALUES ($1, $2, $3, now() - interval '30 days')`, [id, code, neighbour]);
      }
      await db.query(`INSERT INTO availability_window (substitute_id, municipality_id, period) VALUES ($1, $2, $3)`, [id, neighbour, toRangeLiteral({ start: at(-48), end: at(24 * 10) })]);
    }
    await db.query('ANALYZE');
  }, 120_000);

  afterAll(async () => {
    await app?.destroy();
    await db?.destroy();
    if (url) await dropDatabase(url);
  });

  const ids = (candidates: Candidate[], limit: number) => rankCandidates(candidates).slice(0, limit).map((c) => c.substituteId);

  it("returns the same best candidates as ranking the whole pool, on both paths and at every wave size, and none of a neighbour's", async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (let round = 0; round < 24; round++) {
      const unit = pick(units);
      const first = Math.floor(random() * 60);
      const shifts = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({ start: at(first + i * 24), end: at(first + i * 24 + 6 + Math.floor(random() * 4)) }));
      const search: CandidateSearch = {
        municipalityId,
        vacancyId: pick(vacancies),
        unitId: unit.id,
        district: unit.district,
        qualificationCode: pick(['kock', 'ekonomibitrade']),
        shifts,
        rules: DEFAULT_WORKING_TIME,
        now,
        limit: 0,
      };
      const reference: Candidate[] = (await db.query(ALL_CANDIDATES, candidateParams(search))).map(
        (r: { substitute_id: string; verified_at: Date; preferred: boolean; worked_here: boolean; recent_hours: number }) => ({
          substituteId: r.substitute_id,
          verifiedAt: r.verified_at,
          preferred: r.preferred,
          workedHere: r.worked_here,
          recentHours: Number(r.recent_hours),
        }),
      );
      if (reference.length > 0) nonEmpty++;
      for (const limit of [1, 4, 15, 30, 60, 400]) {
        for (const tuning of [
          { fewAvailable: 1000, countAvailableAtPage: 2, firstPage: 20, maxPage: 2000 },
          { fewAvailable: 1000, countAvailableAtPage: 1, firstPage: 1, maxPage: 7 },
          { fewAvailable: 0, countAvailableAtPage: 1, firstPage: 1, maxPage: 7 },
        ]) {
          const found = await app.transaction(async (tx) => {
            await tx.query(`SELECT set_config('app.municipality_id', $1, true)`, [municipalityId]);
            return findCandidates(tx, { ...search, limit }, tuning);
          });
          expect({ round, limit, tuning, ids: ids(found, limit) }).toEqual({ round, limit, tuning, ids: ids(reference, limit) });
          compared++;
        }
      }
    }
    expect(compared).toBe(24 * 18);
    expect(nonEmpty).toBeGreaterThan(12);
  });

  /**
   * The working-time rules in SQL (the candidate search, and the open list's query) against the pure
   * brokenRule, on substitutes whose booked shifts crowd two stretches of 2027 that hold a daylight-saving
   * change and a month's end (spring: 28 March; autumn: 31 October, a Sunday that also ends the month), under
   * several sets of rules. Everyone is active, qualified and available throughout: only the schedule excludes.
   */
  it('excludes exactly whom brokenRule refuses, for every rule, across DST weeks and month ends', async () => {
    const zone = 'Europe/Stockholm';
    const wall = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();
    const fixtures = mulberry32(20270328);
    const [{ id: town }] = await db.query(`INSERT INTO municipality (name) VALUES ('Regelkommun') RETURNING id`);
    const [unit] = await db.query(`INSERT INTO unit (municipality_id, name, service_area, district) VALUES ($1, 'Regelenheten', 'vard_omsorg', 'Mitt') RETURNING id, district`, [town]);
    const [{ id: absence }] = await db.query(
      `INSERT INTO absence (municipality_id, unit_id, reason, qualification_code, created_by) VALUES ($1, $2, 'sick', 'kock', $2) RETURNING id`,
      [town, unit.id],
    );
    const stretches = [wall('2027-03-15T00:00'), wall('2027-10-18T00:00')];
    /** A shift `hours` long from a random hour of the four weeks from `base`. */
    const randomShift = (base: Date, hours: number, dayFrom = 0, days = 28): Shift => {
      const start = new Date(base.getTime() + ((dayFrom + Math.floor(fixtures() * days)) * 24 + Math.floor(fixtures() * 24)) * HOUR);
      return { start, end: new Date(start.getTime() + hours * HOUR) };
    };
    const insertVacancy = async (shifts: Shift[]): Promise<string> => {
      const [{ id }] = await db.query(
        `INSERT INTO vacancy (municipality_id, absence_id, unit_id, qualification_code, starts_at, ends_at) VALUES ($1, $2, $3, 'kock', $4, $5) RETURNING id`,
        [town, absence, unit.id, shifts[0].start, shifts[shifts.length - 1].end],
      );
      for (const shift of shifts) await db.query(`INSERT INTO vacancy_shift (vacancy_id, municipality_id, period) VALUES ($1, $2, $3)`, [id, town, toRangeLiteral(shift)]);
      return id;
    };

    // Substitutes, each with bookings of one to three shifts on following days in both stretches; a shift the
    // database refuses (overlap, or within 11 hours of another booking) is left out.
    const people: { id: string; booked: BookedShift[] }[] = [];
    for (let i = 0; i < 48; i++) {
      const [{ id }] = await db.query(
        `INSERT INTO substitute (municipality_id, first_name, last_name, email, phone, status, districts, consented_at, verified_at)
         VALUES ($1, 'R', $2, $3, $4, 'active', '{}', now(), now() - $5 * interval '1 minute') RETURNING id`,
        [town, `R${i}`, `r${i}@example.se`, `+4670${String(3000000 + i)}`, i],
      );
      await db.query(`INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id, verified_at) VALUES ($1, 'kock', $2, now())`, [id, town]);
      await db.query(`INSERT INTO availability_window (substitute_id, municipality_id, period) VALUES ($1, $2, '[2027-01-01T00:00Z,2028-01-01T00:00Z)')`, [id, town]);
      for (const base of stretches) {
        const bookings = Math.floor(fixtures() * 9);
        for (let b = 0; b < bookings; b++) {
          const first = randomShift(base, 4 + Math.floor(fixtures() * 10));
          const length = first.end.getTime() - first.start.getTime();
          const shifts = Array.from({ length: 1 + Math.floor(fixtures() * 3) }, (_, k) => ({
            start: new Date(first.start.getTime() + k * 24 * HOUR),
            end: new Date(first.start.getTime() + k * 24 * HOUR + length),
          }));
          const [{ id: bookingId }] = await db.query(
            `INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, status) VALUES ($1, $2, $3, $4, 'confirmed') RETURNING id`,
            [town, await insertVacancy(shifts), id, unit.id],
          );
          for (const shift of shifts) {
            await db
              .query(`INSERT INTO booked_shift (booking_id, substitute_id, municipality_id, unit_id, period, rest_zone) VALUES ($1, $2, $3, $4, $5, $6)`, [
                bookingId,
                id,
                town,
                unit.id,
                toRangeLiteral(shift),
                toRangeLiteral({ start: new Date(shift.start.getTime() - 5.5 * HOUR), end: new Date(shift.end.getTime() + 5.5 * HOUR) }),
              ])
              .catch(() => undefined);
          }
        }
      }
      const booked: BookedShift[] = (
        await db.query(`SELECT booking_id, lower(period) AS start, upper(period) AS "end" FROM booked_shift WHERE substitute_id = $1`, [id])
      ).map((r: { booking_id: string; start: Date; end: Date }) => ({ bookingId: r.booking_id, start: r.start, end: r.end }));
      people.push({ id, booked });
    }
    // The booked vacancies are not open: only the ones below are.
    await db.query(`UPDATE vacancy SET status = 'filled' WHERE municipality_id = $1`, [town]);

    // Vacancies: random runs of shifts on following or alternate days, and the edges by name.
    const vacancyShifts: Shift[][] = [
      // A night over the end of March, and over the end of October (and the autumn change's Sunday).
      [{ start: wall('2027-03-31T22:00'), end: wall('2027-04-01T06:00') }],
      [{ start: wall('2027-10-31T22:00'), end: wall('2027-11-01T06:00') }],
      // Monday 00:00 to Saturday 12:00 of the spring change's week leaves 35 elapsed hours: nobody; in autumn 37.
      ...['2027-03-22', '2027-10-25'].map((monday) =>
        Array.from({ length: 6 }, (_, k) => {
          const day = DateTime.fromISO(monday, { zone }).plus({ days: k });
          return { start: day.toJSDate(), end: (k === 5 ? day.set({ hour: 12 }) : day.plus({ days: 1 })).toJSDate() };
        }),
      ),
      // Saturday to Sunday nights over the changes.
      [{ start: wall('2027-03-27T20:00'), end: wall('2027-03-28T08:00') }],
      [{ start: wall('2027-10-30T20:00'), end: wall('2027-10-31T08:00') }],
      // Shifts ending at midnight belong to their own week and month, not the next.
      [{ start: wall('2027-03-28T16:00'), end: wall('2027-03-29T00:00') }],
      [{ start: wall('2027-03-31T16:00'), end: wall('2027-04-01T00:00') }],
      [{ start: wall('2027-10-31T16:00'), end: wall('2027-11-01T00:00') }],
    ];
    for (const base of stretches) {
      for (let v = 0; v < 14; v++) {
        const first = randomShift(base, 6 + Math.floor(fixtures() * 19), 0, 26);
        const length = first.end.getTime() - first.start.getTime();
        const step = (1 + Math.floor(fixtures() * 2)) * 24 * HOUR;
        vacancyShifts.push(
          Array.from({ length: 1 + Math.floor(fixtures() * 4) }, (_, k) => ({ start: new Date(first.start.getTime() + k * step), end: new Date(first.start.getTime() + k * step + length) })),
        );
      }
    }
    const vacancyIds: string[] = [];
    for (const shifts of vacancyShifts) vacancyIds.push(await insertVacancy(shifts));
    await db.query('ANALYZE');

    const ruleSets: WorkingTimeRules[] = [DEFAULT_WORKING_TIME, { dailyRestHours: 11, weeklyRestHours: 60, monthlyHourCap: 60 }, { dailyRestHours: 14, weeklyRestHours: 48, monthlyHourCap: 40 }];
    const seen = new Map<WorkingTimeRule | 'none', number>();
    for (const rules of ruleSets) {
      const expected = new Map<string, Set<string>>(); // vacancy -> who may be booked on it
      vacancyShifts.forEach((shifts, v) => {
        const keep = new Set<string>();
        for (const person of people) {
          const broken = brokenRule(person.booked, shifts, rules);
          seen.set(broken ?? 'none', (seen.get(broken ?? 'none') ?? 0) + 1);
          if (!broken) keep.add(person.id);
        }
        expected.set(vacancyIds[v], keep);
      });

      for (const [v, vacancyId] of vacancyIds.entries()) {
        const search: CandidateSearch = { municipalityId: town, vacancyId, unitId: unit.id, district: unit.district, qualificationCode: 'kock', shifts: vacancyShifts[v], rules, now, limit: 1000 };
        const want = [...expected.get(vacancyId)!].sort();
        const reference: string[] = (await db.query(ALL_CANDIDATES, candidateParams(search))).map((r: { substitute_id: string }) => r.substitute_id).sort();
        expect({ rules, v, ids: reference }).toEqual({ rules, v, ids: want });
        const found = await app.transaction(async (tx) => {
          await tx.query(`SELECT set_config('app.municipality_id', $1, true)`, [town]);
          return findCandidates(tx, search);
        });
        expect({ rules, v, ids: found.map((c) => c.substituteId).sort() }).toEqual({ rules, v, ids: want });
      }

      // The open list: the same rules, with the weeks and months worked out in SQL.
      for (const person of people) {
        const open = await app.transaction(async (tx) => {
          await tx.query(`SELECT set_config('app.municipality_id', $1, true)`, [town]);
          return tx.query(ELIGIBLE_VACANCIES, [town, person.id, rules.dailyRestHours, now, true, null, rules.weeklyRestHours, rules.monthlyHourCap]);
        });
        const want = vacancyIds.filter((id) => expected.get(id)!.has(person.id));
        expect({ rules, person: person.id, open: open.map((r: { id: string }) => r.id).sort() }).toEqual({ rules, person: person.id, open: want.sort() });
      }
    }
    // Every outcome is exercised, often.
    for (const outcome of ['none', 'OVERLAP', 'DAILY_REST', 'WEEKLY_REST', 'MONTHLY_CAP'] as const) {
      expect({ outcome, often: (seen.get(outcome) ?? 0) >= 200 }).toEqual({ outcome, often: true });
    }
  }, 120_000);
});
