import { randomUUID } from 'node:crypto';
import { offerToken, tokenHash } from '../../src/notifications/credentials';
import { CpuSplit, cpuSplit } from './cpu';
import { Service } from './service';
import { Summary, summarize } from './stats';
import { difference, PerUnit } from './statements';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface AcceptsResult {
  vacancies: number;
  acceptersPerVacancy: number;
  /** Vacancies whose accepts were fired at the same time. */
  parallel: number;
  /** Every accept's round trip. */
  latency: Summary;
  /** Answers 200 "accepted", and the vacancies that had exactly one. */
  winners: number;
  vacanciesWithOneWinner: number;
  /** Confirmed bookings in the database for those vacancies. */
  bookings: number;
  /** Every answer by status and code: the contract says one 200 per vacancy and 409 VACANCY_TAKEN for the rest. */
  answers: Record<string, number>;
  /** Answers that are neither. */
  unexpected: number;
  statementsPerAccept: PerUnit;
  /** CPU by process over the bursts, per accept (its "per vacancy" figures are per accept here). */
  cpu: CpuSplit;
}

interface SeededVacancy {
  id: string;
  tokens: string[];
}

/**
 * Vacancies each offered to `accepters` substitutes at once, and every one of them accepting at the same
 * moment: one must win, the others hear that the vacancy is taken. The offers are written with SQL, their
 * tokens derived as a delivery would (offerToken), and the accepts go through the api as a substitute's
 * click does. One more vacancy first, unmeasured, opens the connections.
 */
export async function runAccepts(service: Service, vacancies: number, accepters: number, parallel: number): Promise<AcceptsResult> {
  const [warmUp, ...seeded] = await seedOffers(service, vacancies + 1, accepters);
  await acceptAll(service, warmUp);
  const countsBefore = await service.counts();
  const cpuBefore = service.cpu();
  const results: AcceptAnswer[][] = [];
  for (let i = 0; i < seeded.length; i += parallel) {
    results.push(...(await Promise.all(seeded.slice(i, i + parallel).map((v) => acceptAll(service, v)))));
  }
  const cpuAfter = service.cpu();
  const countsAfter = await service.counts();

  const answers: Record<string, number> = {};
  for (const a of results.flat()) answers[a.outcome] = (answers[a.outcome] ?? 0) + 1;
  const winnersPer = results.map((r) => r.filter((a) => a.outcome === WON).length);
  const apiStatements = Object.values(difference(countsBefore.api, countsAfter.api)).reduce((s, c) => ({ statements: s.statements + c.statements, commits: s.commits + c.commits }), { statements: 0, commits: 0 });
  const accepts = vacancies * accepters;
  return {
    vacancies,
    acceptersPerVacancy: accepters,
    parallel,
    latency: summarize(results.flat().map((a) => a.ms)),
    winners: winnersPer.reduce((a, b) => a + b, 0),
    vacanciesWithOneWinner: winnersPer.filter((n) => n === 1).length,
    bookings: await confirmedBookings(service, seeded.map((v) => v.id)),
    answers,
    unexpected: results.flat().filter((a) => a.outcome !== WON && a.outcome !== TAKEN).length,
    statementsPerAccept: { statements: apiStatements.statements / accepts, commits: apiStatements.commits / accepts },
    cpu: cpuSplit(cpuBefore, cpuAfter, accepts),
  };
}

const WON = '200 accepted';
const TAKEN = '409 VACANCY_TAKEN';

interface AcceptAnswer {
  outcome: string;
  ms: number;
}

function acceptAll(service: Service, vacancy: SeededVacancy): Promise<AcceptAnswer[]> {
  return Promise.all(
    vacancy.tokens.map(async (token) => {
      const answer = await service.client.send<{ status?: string; code?: string }>('POST', `/api/v1/offers/${token}/accept`);
      return { outcome: `${answer.status} ${answer.body.code ?? answer.body.status ?? ''}`.trim(), ms: answer.ms };
    }),
  );
}

/**
 * Vacancies of one 8-hour shift each, 40 days ahead and 8 days apart (so that a substitute who wins two keeps
 * every working-time rule), each with pending offers to `accepters` active substitutes without bookings.
 */
async function seedOffers(service: Service, count: number, accepters: number): Promise<SeededVacancy[]> {
  const { db, pool, config } = service;
  const people: { id: string }[] = await db.query(
    `SELECT s.id FROM substitute s WHERE s.municipality_id = $1 AND s.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM booked_shift b WHERE b.substitute_id = s.id) ORDER BY s.id LIMIT $2`,
    [pool.municipalityId, count * accepters],
  );
  if (people.length < accepters) throw new Error(`The pool has ${people.length} substitutes free to accept; ${accepters} are needed`);
  const first = Math.floor(Date.now() / DAY) * DAY + 40 * DAY + 8 * HOUR;
  const vacancies = Array.from({ length: count }, (_, j) => ({ id: randomUUID(), absenceId: randomUUID(), unitId: pool.unitIds[j % pool.unitIds.length], start: new Date(first + j * 8 * DAY) }));
  const offers = vacancies.flatMap((v, j) => Array.from({ length: accepters }, (_, k) => ({ id: randomUUID(), vacancyId: v.id, substituteId: people[(j * accepters + k) % people.length].id })));

  await db.query(
    `INSERT INTO absence (id, municipality_id, unit_id, reason, qualification_code, created_by)
     SELECT a.id, $1, a.unit_id, 'sick', 'underskoterska', $2 FROM unnest($3::uuid[], $4::uuid[]) AS a(id, unit_id)`,
    [pool.municipalityId, pool.admin.id, vacancies.map((v) => v.absenceId), vacancies.map((v) => v.unitId)],
  );
  await db.query(
    `INSERT INTO vacancy (id, municipality_id, absence_id, unit_id, qualification_code, status, starts_at, ends_at, wave_count)
     SELECT v.id, $1, v.absence_id, v.unit_id, 'underskoterska', 'offering', v.starts_at, v.starts_at + interval '8 hours', 1
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[]) AS v(id, absence_id, unit_id, starts_at)`,
    [pool.municipalityId, vacancies.map((v) => v.id), vacancies.map((v) => v.absenceId), vacancies.map((v) => v.unitId), vacancies.map((v) => v.start)],
  );
  await db.query(
    `INSERT INTO vacancy_shift (vacancy_id, municipality_id, period)
     SELECT v.id, $1, tstzrange(v.starts_at, v.starts_at + interval '8 hours', '[)') FROM unnest($2::uuid[], $3::timestamptz[]) AS v(id, starts_at)`,
    [pool.municipalityId, vacancies.map((v) => v.id), vacancies.map((v) => v.start)],
  );
  const tokens = new Map(offers.map((o) => [o.id, offerToken(config.offerTokenSecret, o.id)]));
  await db.query(
    `INSERT INTO offer (id, municipality_id, vacancy_id, substitute_id, wave, status, token_hash, expires_at)
     SELECT o.id, $1, o.vacancy_id, o.substitute_id, 1, 'pending', o.token_hash, now() + interval '1 day'
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[]) AS o(id, vacancy_id, substitute_id, token_hash)`,
    [pool.municipalityId, offers.map((o) => o.id), offers.map((o) => o.vacancyId), offers.map((o) => o.substituteId), offers.map((o) => tokenHash(tokens.get(o.id)!))],
  );
  // The planner sees these rows as a database that has held such rows for long would.
  await db.query('ANALYZE absence, vacancy, vacancy_shift, offer');
  return vacancies.map((v) => ({ id: v.id, tokens: offers.filter((o) => o.vacancyId === v.id).map((o) => tokens.get(o.id)!) }));
}

async function confirmedBookings(service: Service, vacancyIds: string[]): Promise<number> {
  const [{ n }]: { n: number }[] = await service.db.query(`SELECT count(*)::int AS n FROM booking WHERE vacancy_id = ANY ($1) AND status = 'confirmed'`, [vacancyIds]);
  return n;
}
