import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { APP_DATABASE_ROLE } from '../src/config/app-config';
import { toRangeLiteral } from '../src/database/tstzrange';
import { ALL_CANDIDATES, candidateParams, CandidateSearch, findCandidates } from '../src/matching/candidate-query';
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
        restHours: 11,
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
        for (const tuning of [{ fewAvailable: 1000, firstPage: 20, maxPage: 2000 }, { fewAvailable: 0, firstPage: 1, maxPage: 7 }]) {
          const found = await app.transaction(async (tx) => {
            await tx.query(`SELECT set_config('app.municipality_id', $1, true)`, [municipalityId]);
            return findCandidates(tx, { ...search, limit }, tuning);
          });
          expect({ round, limit, tuning, ids: ids(found, limit) }).toEqual({ round, limit, tuning, ids: ids(reference, limit) });
          compared++;
        }
      }
    }
    expect(compared).toBe(24 * 12);
    expect(nonEmpty).toBeGreaterThan(12);
  });
});
