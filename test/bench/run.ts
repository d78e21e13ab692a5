/**
 * Benchmarks, run by `npm run bench` (never part of `npm test`). Prints a table.
 *
 * 1. The candidate query against a pool of 150,000 substitutes (target p99 ≤ 20 ms).
 * 2. From a posted absence to its first SMS at the local 46elks server while 50 absences a second arrive
 *    (target p99 ≤ 250 ms), with the api and the worker in processes of their own.
 *
 * Knobs: BENCH_POOL, BENCH_QUERY_RUNS, BENCH_RATE, BENCH_SECONDS, BENCH_ONLY=query|sms, BENCH_KEEP=1 (keep the
 * pool's database for EXPLAIN), BENCH_PROFILE=1 (CPU profile of the worker in /tmp/wprof).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { migrate } from '../../src/database/prepare-database';
import { DEFAULT_WORKING_TIME } from '../../src/bookings/working-time';
import { findCandidates } from '../../src/matching/candidate-query';
import { APP_DATABASE_ROLE } from '../../src/config/app-config';
import { tokenHash } from '../../src/notifications/credentials';
import { startChannels } from '../support/channels';
import { auth } from '../support/factories';
import { seedMunicipality, startTestApp, testConfig } from '../support/test-app';
import { killed, spawnApi, spawnWorker } from '../support/worker-process';
import request from 'supertest';
import { ADMIN_DB_URL, databaseUrl } from '../support/test-env';

const POOL = Number(process.env.BENCH_POOL ?? 150_000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HOUR = 3_600_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function admin(sql: string) {
  const client = new Client({ connectionString: ADMIN_DB_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A pool of substitutes written with set-based SQL: qualifications, districts, availability and some bookings. */
async function seedPool(db: DataSource, municipalityId: string, unitIds: string[]) {
  await db.query(
    `INSERT INTO substitute (id, municipality_id, first_name, last_name, email, phone, status, districts, consented_at, verified_at)
     SELECT gen_random_uuid(), $1, 'Vikarie', 'Nummer ' || n, 'vikarie' || n || '@bench.example', '+4670' || lpad(n::text, 7, '0'),
            CASE WHEN n % 10 = 0 THEN 'paused' ELSE 'active' END,
            CASE WHEN n % 2 = 0 THEN '{}'::text[] ELSE ARRAY['Distrikt ' || (n % 8)] END,
            now(), now() - (n % 365) * interval '1 day'
       FROM generate_series(1, $2) AS n`,
    [municipalityId, POOL],
  );
  const codes = ['underskoterska', 'vardbitrade', 'legitimerad_larare', 'forskollarare', 'barnskotare', 'socialsekreterare', 'kock', 'ekonomibitrade'];
  await db.query(
    `INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id, verified_at)
     SELECT id, ($2::text[])[1 + (abs(hashtext(id::text)) % 8)], municipality_id, now() FROM substitute WHERE municipality_id = $1`,
    [municipalityId, codes],
  );
  await db.query(
    `INSERT INTO availability_window (substitute_id, municipality_id, period)
     SELECT s.id, s.municipality_id, tstzrange(date_trunc('day', now()) + d * interval '1 day' + interval '5 hours',
                                               date_trunc('day', now()) + d * interval '1 day' + interval '21 hours')
       FROM substitute s CROSS JOIN generate_series(0, 13) AS d WHERE s.municipality_id = $1`,
    [municipalityId],
  );
  await db.query(
    `WITH picked AS (
       SELECT id AS substitute_id, row_number() OVER () AS n FROM substitute WHERE municipality_id = $1 AND status = 'active' LIMIT $2)
     INSERT INTO booked_shift (booking_id, substitute_id, municipality_id, unit_id, period, rest_zone)
     SELECT gen_random_uuid(), substitute_id, $1, ($3::uuid[])[1 + n % array_length($3::uuid[], 1)],
            tstzrange(now() - (n % 20) * interval '1 day' - interval '8 hours', now() - (n % 20) * interval '1 day'),
            tstzrange(now() - (n % 20) * interval '1 day' - interval '13 hours 30 minutes', now() - (n % 20) * interval '1 day' + interval '5 hours 30 minutes')
       FROM picked`,
    [municipalityId, Math.floor(POOL / 5), unitIds],
  );
  await db.query('ANALYZE');
}

async function benchCandidateQuery(): Promise<string[][]> {
  const name = `vb_bench_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  try {
    await migrate(url);
    const db = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      // booked_shift rows reference bookings; the bench writes shifts only, so the foreign key is dropped in this scratch database.
      await db.query('ALTER TABLE booked_shift DROP CONSTRAINT IF EXISTS "FK_2f42d4b062604a318c0bbbc7100"');
      const [{ id: municipalityId }] = await db.query(`INSERT INTO municipality (name) VALUES ('Benchkommun') RETURNING id`);
      const units: { id: string }[] = await db.query(
        `INSERT INTO unit (municipality_id, name, service_area, district) SELECT $1, 'Enhet ' || n, 'vard_omsorg', 'Distrikt ' || (n % 8) FROM generate_series(1, 40) n RETURNING id`,
        [municipalityId],
      );
      const started = Date.now();
      await seedPool(db, municipalityId, units.map((u) => u.id));
      const seedSeconds = (Date.now() - started) / 1000;

      // Timed as the service runs it: as the application role, under row-level security, in a transaction
      // scoped to the municipality.
      const appUrl = new URL(url);
      appUrl.username = APP_DATABASE_ROLE;
      appUrl.password = '';
      const appDb = await new DataSource(dataSourceOptions(appUrl.toString(), { poolSize: 2 })).initialize();
      const timings: number[] = [];
      let found = 0;
      for (let i = 0; i < QUERY_RUNS; i++) {
        const start = new Date(Date.now() + (24 + (i % 200)) * HOUR);
        const shifts = [{ start, end: new Date(start.getTime() + 8 * HOUR) }];
        const runner = appDb.createQueryRunner();
        await runner.startTransaction();
        await runner.query(`SELECT set_config('app.municipality_id', $1, true)`, [municipalityId]);
        const began = performance.now();
        const candidates = await findCandidates(runner.manager, {
          municipalityId,
          vacancyId: randomUUID(),
          unitId: units[i % units.length].id,
          district: `Distrikt ${i % 8}`,
          qualificationCode: i % 2 ? 'underskoterska' : 'kock',
          shifts,
          rules: DEFAULT_WORKING_TIME,
          now: new Date(),
          limit: 15,
        });
        timings.push(performance.now() - began);
        await runner.commitTransaction();
        await runner.release();
        found += candidates.length;
      }
      await appDb.destroy();
      return [
        ['candidate query', `${POOL.toLocaleString('en')} substitutes (seeded in ${seedSeconds.toFixed(0)} s), ${QUERY_RUNS} runs, wave of 15, ${(found / QUERY_RUNS).toFixed(1)} candidates returned on average`],
        ['  p50', ms(percentile(timings, 50))],
        ['  p95', ms(percentile(timings, 95))],
        ['  p99 (target ≤ 20 ms)', ms(percentile(timings, 99))],
      ];
    } finally {
      await db.destroy();
    }
  } finally {
    if (process.env.BENCH_KEEP) console.log(`Kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function benchAbsenceToSms(): Promise<string[][]> {
  const channels = await startChannels({ SWEEP_INTERVAL_MS: '5000', LOG_LEVEL: 'silent', SMTP_URL: '' });
  const config = await testConfig({ ...channels.env, SMTP_URL: '' });
  // This process seeds and measures; the api and the worker run in their own processes, as `npm start` runs them.
  const app = await startTestApp(config);
  const municipality = await seedMunicipality(app);
  await app.close();
  const api = spawnApi(config, { LOG_LEVEL: 'silent' });
  const worker = spawnWorker(config, {}, process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/wprof'] : []);
  const db = await new DataSource(dataSourceOptions(config.DATABASE_URL, { poolSize: 2 })).initialize();
  const http = () => request(`http://127.0.0.1:${config.PORT}`);
  try {
    await waitForHealth(config.PORT);
    const token = (await http().post('/api/v1/auth/login').send({ email: municipality.adminEmail, password: municipality.password })).body.accessToken;
    const unit = (await http().post('/api/v1/units').set(auth(token)).send({ name: 'Benchenheten', serviceArea: 'vard_omsorg', district: 'Centrum' })).body;
    await http().put('/api/v1/matching-settings').set(auth(token)).send({
      bands: [{ maxLeadMinutes: 100_000_000, waveSize: 1, spacingMinutes: 600, offerLifetimeMinutes: 600 }],
      quietHours: { start: '00:00', end: '00:00' },
      urgentWithinMinutes: 100_000_000,
    });
    // A pool of qualified, available substitutes; the SMS link tells which absence an offer came from.
    const total = RATE * SECONDS;
    await db.query(
      `INSERT INTO substitute (municipality_id, first_name, last_name, email, phone, status, districts, consented_at, verified_at)
       SELECT $1, 'Vikarie', 'B' || n, 'b' || n || '@bench.example', '+4673' || lpad(n::text, 7, '0'), 'active', '{}', now(), now()
         FROM generate_series(1, $2) n`,
      [municipality.municipalityId, total],
    );
    await db.query(
      `INSERT INTO substitute_qualification (substitute_id, qualification_code, municipality_id, verified_at)
       SELECT id, 'underskoterska', municipality_id, now() FROM substitute WHERE municipality_id = $1`,
      [municipality.municipalityId],
    );
    await db.query(
      `INSERT INTO availability_window (substitute_id, municipality_id, period)
       SELECT id, municipality_id, tstzrange(now(), now() + interval '400 days') FROM substitute WHERE municipality_id = $1`,
      [municipality.municipalityId],
    );

    const post = (start: Date) =>
      http()
        .post('/api/v1/absences')
        .set(auth(token))
        .send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: start.toISOString(), end: new Date(start.getTime() + 8 * HOUR).toISOString() }] });
    // Warm up: the worker has booted and sent one SMS before the clock starts.
    await post(new Date(Date.now() + 24 * HOUR));
    await channels.elks.waitForMessages(1, 60_000);
    channels.elks.messages.length = 0;

    const postedAt = new Map<string, number>();
    const requestLatencies: number[] = [];
    const began = Date.now();
    const requests: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = began + (i * 1000) / RATE - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const start = new Date(Date.now() + (48 + i) * HOUR);
      const t0 = Date.now();
      requests.push(
        post(start).then((res) => {
          if (res.status !== 201) throw new Error(`POST /absences answered ${res.status}`);
          requestLatencies.push(Date.now() - t0);
          postedAt.set(res.body.id, t0);
        }),
      );
    }
    await Promise.all(requests);
    await channels.elks.waitForMessages(total, 60_000);
    // The SMS carries the offer's link: its token's hash finds the offer, and so the absence it came from.
    const rows: { token_hash: string; absence_id: string }[] = await db.query(
      `SELECT o.token_hash, v.absence_id FROM offer o JOIN vacancy v ON v.id = o.vacancy_id`,
    );
    const absenceOf = new Map(rows.map((r) => [r.token_hash, r.absence_id]));
    const latencies = channels.elks.messages.map((m) => {
      const token = /\/o\/([A-Za-z0-9_-]{43})/.exec(m.message)![1];
      return m.created.getTime() - postedAt.get(absenceOf.get(tokenHash(token))!)!;
    }).filter((latency) => !Number.isNaN(latency));
    // Where the time goes: from the absence's row to its first offer (matching), and from an offer to its SMS leaving (delivery).
    const [stages]: { matching: number[]; delivery: number[] }[] = await db.query(
      `SELECT array(SELECT extract(epoch FROM min(o.created_at) - a.created_at) * 1000 FROM absence a JOIN vacancy v ON v.absence_id = a.id
                      JOIN offer o ON o.vacancy_id = v.id GROUP BY a.id, a.created_at) AS matching,
              array(SELECT extract(epoch FROM n.sent_at - o.created_at) * 1000 FROM notification n JOIN offer o ON o.id = n.offer_id
                     WHERE n.channel = 'sms' AND n.sent_at IS NOT NULL) AS delivery`,
    );
    return [
      ['absence → first SMS', `${total} absences at ${RATE}/s; api and worker processes, PostgreSQL, Redis, SMS server on 2 cores`],
      ['  POST /absences p99', ms(percentile(requestLatencies, 99))],
      ['  absence → first offer p50 / p99', `${ms(percentile(stages.matching.map(Number), 50))} / ${ms(percentile(stages.matching.map(Number), 99))}`],
      ['  offer → SMS sent p50 / p99', `${ms(percentile(stages.delivery.map(Number), 50))} / ${ms(percentile(stages.delivery.map(Number), 99))}`],
      ['  first SMS p50', ms(percentile(latencies, 50))],
      ['  first SMS p99 (target ≤ 250 ms)', ms(percentile(latencies, 99))],
    ];
  } finally {
    if (process.env.BENCH_PROFILE) {
      // A clean exit, so that Node writes the worker's CPU profile to /tmp/wprof.
      worker.kill('SIGINT');
      await new Promise((resolve) => worker.once('exit', resolve));
    } else {
      await killed(worker);
    }
    await killed(api);
    await db.destroy();
    await channels.close();
  }
}

async function waitForHealth(port: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The api did not become healthy');
}

async function main() {
  process.env.VB_TEST_RUN ??= `bench${Date.now().toString(36)}`;
  const { default: globalSetup } = await import('../support/global-setup');
  const { default: globalTeardown } = await import('../support/global-teardown');
  await globalSetup();
  try {
    const only = process.env.BENCH_ONLY;
    const rows = [...(only === 'sms' ? [] : await benchCandidateQuery()), ...(only === 'query' ? [] : await benchAbsenceToSms())];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`\n${'benchmark'.padEnd(width)} | result\n${'-'.repeat(width)}-|-${'-'.repeat(40)}`);
    for (const [name, value] of rows) console.log(`${name.padEnd(width)} | ${value}`);
  } finally {
    await globalTeardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
