import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/organisation/passwords';

export const QUALIFICATIONS = ['underskoterska', 'vardbitrade', 'legitimerad_larare', 'forskollarare', 'barnskotare', 'socialsekreterare', 'kock', 'ekonomibitrade'];
export const UNITS = 40;
export const DISTRICTS = 8;
/** Availability is seeded for these days from today, 05:00 to 21:00 UTC. */
export const AVAILABLE_DAYS = 14;

export interface SeededPool {
  size: number;
  municipalityId: string;
  unitIds: string[];
  admin: { id: string; email: string; password: string };
  seedSeconds: number;
}

/**
 * One municipality with its admin, 40 units and a pool of `size` substitutes, written with set-based SQL:
 * a qualification each, half of them bound to a district, availability for the coming two weeks in the
 * daytime, one in ten paused, and one in five with a booked shift in the past 20 days (fairness ranking).
 */
export async function seedPool(db: DataSource, size: number): Promise<SeededPool> {
  const started = Date.now();
  const [{ id: municipalityId }] = await db.query(`INSERT INTO municipality (name) VALUES ($1) RETURNING id`, [`Benchkommun ${randomBytes(3).toString('hex')}`]);
  const admin = await seedAdmin(db, municipalityId);
  const units: { id: string }[] = await db.query(
    `INSERT INTO unit (municipality_id, name, service_area, district)
     SELECT $1, 'Enhet ' || n, 'vard_omsorg', 'Distrikt ' || (n % $3) FROM generate_series(1, $2) n RETURNING id`,
    [municipalityId, UNITS, DISTRICTS],
  );
  const unitIds = units.map((u) => u.id);
  await seedSubstitutes(db, municipalityId, size);
  await bulkLoad(db, 'booked_shift', () => seedPastShifts(db, municipalityId, unitIds, Math.floor(size / 5)));
  await seedHistory(db, municipalityId, admin.id, unitIds, HISTORY_VACANCIES);
  await settle(db);
  return { size, municipalityId, unitIds, admin, seedSeconds: (Date.now() - started) / 1000 };
}

/**
 * Vacuums and analyses the pool, as autovacuum has long since done to a pool written before a morning:
 * without the visibility map it keeps, every index-only scan also reads the table. Quick once done, so a
 * kept pool (which an older bench may have left unvacuumed) goes through it too.
 */
export async function settle(db: DataSource): Promise<void> {
  await db.query('VACUUM (ANALYZE)');
}

async function seedAdmin(db: DataSource, municipalityId: string): Promise<SeededPool['admin']> {
  const email = `bench-${randomBytes(4).toString('hex')}@bench.example`;
  const password = 'bench password 1';
  const [{ id }] = await db.query(`INSERT INTO staff_user (municipality_id, email, password_hash, role) VALUES ($1, $2, $3, 'admin') RETURNING id`, [
    municipalityId,
    email,
    await hashPassword(password, 4),
  ]);
  return { id, email, password };
}

async function seedSubstitutes(db: DataSource, municipalityId: string, size: number): Promise<void> {
  await bulkLoad(db, 'substitute', () => insertSubstitutes(db, municipalityId, size));
  await bulkLoad(db, 'substitute_qualification', () => insertQualifications(db, municipalityId));
  await bulkLoad(db, 'availability_window', () => insertAvailability(db, municipalityId));
}

async function insertSubstitutes(db: DataSource, municipalityId: string, size: number): Promise<void> {
  await db.query(
    `INSERT INTO substitute (id, municipality_id, first_name, last_name, email, phone, status, districts, consented_at, verified_at)
     SELECT gen_random_uuid(), $1, 'Vikarie', 'Nummer ' || n, 'vikarie' || n || '@bench.example', '+4670' || lpad(n::text, 7, '0'),
            CASE WHEN n % 10 = 0 THEN 'paused' ELSE 'active' END,
            CASE WHEN n % 2 = 0 THEN '{}'::text[] ELSE ARRAY['Distrikt ' || (n % $3)] END,
            now(), now() - (n % 365) * interval '1 day'
       FROM generate_series(1, $2) AS n`,
    [municipalityId, size, DISTRICTS],
  );
}

async function insertQualifications(db: DataSource, municipalityId: string): Promise<void> {
  await db.query(
    `INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id, verified_at)
     SELECT id, ($2::text[])[1 + (abs(hashtext(id::text)) % array_length($2::text[], 1))], municipality_id, now() FROM substitute WHERE municipality_id = $1`,
    [municipalityId, QUALIFICATIONS],
  );
}

async function insertAvailability(db: DataSource, municipalityId: string): Promise<void> {
  await db.query(
    `INSERT INTO availability_window (substitute_id, municipality_id, period)
     SELECT s.id, s.municipality_id, tstzrange(date_trunc('day', now()) + d * interval '1 day' + interval '5 hours',
                                               date_trunc('day', now()) + d * interval '1 day' + interval '21 hours')
       FROM substitute s CROSS JOIN generate_series(0, $2 - 1) AS d WHERE s.municipality_id = $1`,
    [municipalityId, AVAILABLE_DAYS],
  );
}

async function seedPastShifts(db: DataSource, municipalityId: string, unitIds: string[], count: number): Promise<void> {
  await db.query(
    `WITH picked AS (
       SELECT id AS substitute_id, row_number() OVER () AS n FROM substitute WHERE municipality_id = $1 AND status = 'active' LIMIT $2)
     INSERT INTO booked_shift (booking_id, substitute_id, municipality_id, unit_id, period, rest_zone)
     SELECT gen_random_uuid(), substitute_id, $1, ($3::uuid[])[1 + n % array_length($3::uuid[], 1)],
            tstzrange(now() - (n % 20) * interval '1 day' - interval '8 hours', now() - (n % 20) * interval '1 day'),
            tstzrange(now() - (n % 20) * interval '1 day' - interval '13 hours 30 minutes', now() - (n % 20) * interval '1 day' + interval '5 hours 30 minutes')
       FROM picked`,
    [municipalityId, count, unitIds],
  );
}

/** Vacancies of the weeks before the run, about 400 a day, with their offers, messages and outbox rows. */
const HISTORY_VACANCIES = 20_000;
const HISTORY_DAYS = 50;

/**
 * What the weeks before a morning leave in the tables the service writes: past absences and vacancies (not
 * filled in the end), each with an expired offer, its SMS and email sent, and the outbox rows done. Without
 * them every run began on empty tables, whose statistics and plans are nothing like a service's after its
 * first day, and the first seconds of every run measured that instead of the service.
 */
async function seedHistory(db: DataSource, municipalityId: string, adminId: string, unitIds: string[], count: number): Promise<void> {
  await db.query(
    `WITH people AS (SELECT id, phone, email, row_number() OVER (ORDER BY id) - 1 AS k FROM substitute WHERE municipality_id = $1),
          past AS (
            SELECT gen_random_uuid() AS vacancy_id, gen_random_uuid() AS absence_id, gen_random_uuid() AS offer_id, p.id AS substitute_id, p.phone, p.email,
                   ($3::uuid[])[1 + n % array_length($3::uuid[], 1)] AS unit_id, ($4::text[])[1 + n % array_length($4::text[], 1)] AS qualification,
                   date_trunc('day', now()) - (1 + n % $6) * interval '1 day' + (6 + n % 7) * interval '1 hour' AS starts_at
              FROM generate_series(1, $5) AS n JOIN people p ON p.k = (n * 7919) % (SELECT count(*) FROM people)),
          absences AS (
            INSERT INTO absence (id, municipality_id, unit_id, reason, qualification_code, created_by, created_at)
            SELECT absence_id, $1, unit_id, 'sick', qualification, $2, starts_at - interval '1 day' FROM past),
          vacancies AS (
            INSERT INTO vacancy (id, municipality_id, absence_id, unit_id, qualification_code, status, starts_at, ends_at, wave_count, created_at)
            SELECT vacancy_id, $1, absence_id, unit_id, qualification, 'unfilled', starts_at, starts_at + interval '8 hours', 1, starts_at - interval '1 day' FROM past),
          shifts AS (
            INSERT INTO vacancy_shift (vacancy_id, municipality_id, period) SELECT vacancy_id, $1, tstzrange(starts_at, starts_at + interval '8 hours', '[)') FROM past),
          offers AS (
            INSERT INTO offer (id, municipality_id, vacancy_id, substitute_id, wave, status, token_hash, expires_at, created_at)
            SELECT offer_id, $1, vacancy_id, substitute_id, 1, 'expired', md5(offer_id::text), starts_at - interval '12 hours', starts_at - interval '1 day' FROM past),
          messages AS (
            INSERT INTO notification (municipality_id, dedupe_key, kind, channel, recipient, offer_id, subject, body, status, attempts, claimed_at, sent_at, created_at)
            SELECT $1, 'offer:' || offer_id || ':' || c.channel, 'offer', c.channel, CASE c.channel WHEN 'sms' THEN phone ELSE email END, offer_id,
                   CASE c.channel WHEN 'email' THEN 'Vikariat' END, 'Vikariat', 'sent', 1, starts_at - interval '1 day', starts_at - interval '1 day', starts_at - interval '1 day'
              FROM past CROSS JOIN (VALUES ('sms'), ('email')) AS c(channel))
     INSERT INTO outbox (municipality_id, kind, payload, created_at, done_at)
     SELECT $1, o.kind, jsonb_build_object('vacancyId', vacancy_id), starts_at - interval '1 day', starts_at - interval '1 day'
       FROM past CROSS JOIN (VALUES ('match'), ('deliver'), ('deliver')) AS o(kind)`,
    [municipalityId, adminId, unitIds, QUALIFICATIONS, count, HISTORY_DAYS],
  );
}

/**
 * Writes many rows into a table the fast way: its secondary indexes and its foreign-key, unique and
 * exclusion constraints are taken off, the rows written, and each put back as it was (built once, checked
 * once, rather than row by row), under its own name. A foreign key to booking goes back NOT VALID: the seeded
 * shifts stand for bookings made before the bench, whose rows it does not write, and the key still checks
 * every booking the service makes during the run.
 */
async function bulkLoad(db: DataSource, table: string, load: () => Promise<void>): Promise<void> {
  const constraints: { name: string; definition: string; to_booking: boolean }[] = await db.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition, confrelid = 'booking'::regclass AS to_booking
       FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('f', 'u', 'x')`,
    [table],
  );
  const indexes: { name: string; definition: string }[] = await db.query(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index
      WHERE indrelid = $1::regclass AND NOT indisprimary AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = $1::regclass)`,
    [table],
  );
  for (const c of constraints) await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await db.query(`DROP INDEX ${i.name}`);
  await load();
  for (const i of indexes) await db.query(i.definition);
  for (const c of constraints) await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${c.name}" ${c.definition}${c.to_booking ? ' NOT VALID' : ''}`);
}

/** A pool seeded by an earlier run, read back from its database (its admin is not needed for the search). */
export async function readSeededPool(db: DataSource, size: number): Promise<SeededPool> {
  const [{ id: municipalityId }]: { id: string }[] = await db.query(`SELECT id FROM municipality WHERE name LIKE 'Benchkommun %'`);
  const units: { id: string }[] = await db.query(`SELECT id FROM unit WHERE municipality_id = $1 ORDER BY name`, [municipalityId]);
  return { size, municipalityId, unitIds: units.map((u) => u.id), admin: { id: '', email: '', password: '' }, seedSeconds: 0 };
}
