import { DateTime } from 'luxon';
import { Client } from 'pg';
import {
  availabilityWindows,
  DEMO_ADMIN_EMAIL,
  DEMO_MANAGER_EMAILS,
  DEMO_SUBSTITUTE,
  DEMO_PASSWORD,
  DEMO_PROGRAMME_BUDGET_SEK,
  seedDemo,
} from '../src/seed/seed-demo';
import { signInSubstitute } from './support/factories';
import { createSuiteDatabase, dropDatabase, startTestApp, testConfig } from './support/test-app';

describe('npm run seed:demo', () => {
  let url: string;
  let sql: Client;
  const count = async (query: string): Promise<number> => Number((await sql.query(query)).rows[0].n);

  beforeAll(async () => {
    url = await createSuiteDatabase();
    const result = await seedDemo(url, { bcryptRounds: 4 });
    expect(result.created).toBe(true);
    sql = new Client({ connectionString: url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await dropDatabase(url);
  });

  it('creates Norrköping with units in all four service areas, each with a manager', async () => {
    expect(await count(`SELECT count(*) AS n FROM municipality`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM municipality WHERE name = 'Norrköpings kommun'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM unit`)).toBeGreaterThanOrEqual(12);
    expect(await count(`SELECT count(DISTINCT service_area) AS n FROM unit`)).toBe(4);
    expect(await count(`SELECT count(*) AS n FROM unit WHERE address IS NULL`)).toBe(0);
    // Every unit has the manager of its own service area.
    const { rows } = await sql.query(
      `SELECT u.service_area, s.email FROM unit u JOIN staff_user_unit su ON su.unit_id = u.id JOIN staff_user s ON s.id = su.user_id`,
    );
    expect(rows.length).toBe(await count(`SELECT count(*) AS n FROM unit`));
    for (const row of rows) expect(row.email).toBe(DEMO_MANAGER_EMAILS[row.service_area as keyof typeof DEMO_MANAGER_EMAILS]);
  });

  it('creates Jobbsatsningen with 52 MSEK allocated over the four areas', async () => {
    const { rows } = await sql.query(`SELECT id, budget_sek FROM programme WHERE name = 'Jobbsatsningen'`);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].budget_sek)).toBe(52_000_000);
    expect(DEMO_PROGRAMME_BUDGET_SEK).toBe(52_000_000);
    const allocations = await sql.query(`SELECT service_area, amount_sek FROM programme_allocation WHERE programme_id = $1`, [rows[0].id]);
    expect(allocations.rows.map((a) => a.service_area).sort()).toEqual(['kost', 'socialtjanst', 'utbildning', 'vard_omsorg']);
    expect(allocations.rows.reduce((sum, a) => sum + Number(a.amount_sek), 0)).toBe(52_000_000);
  });

  it('creates at least 300 substitutes with unique E.164 phones and emails, and qualifications', async () => {
    const { rows } = await sql.query<{ phone: string; email: string; status: string }>(`SELECT phone, email, status FROM substitute`);
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(new Set(rows.map((r) => r.phone)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.phone).toMatch(/^\+467\d{8}$/);
      expect(r.email).toMatch(/^([a-z-]+\.[a-z-]+\.\d+@example\.se|vikarie@norrkoping\.example)$/);
    }
    expect(rows.filter((r) => r.phone >= '+46701740605' && r.phone <= '+46701740699')).toHaveLength(95);
    expect(rows.filter((r) => r.status === 'active').length).toBeGreaterThan(rows.length * 0.7);
    expect(await count(`SELECT count(*) AS n FROM substitute s WHERE NOT EXISTS (SELECT 1 FROM substitute_qualification q WHERE q.substitute_id = s.id)`)).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM substitute s JOIN substitute_qualification q ON q.substitute_id = s.id WHERE s.status = 'active' AND q.verified_at IS NULL`),
    ).toBe(0);
  });

  it('stores availability at 06–22 (or evenings and weekends) Swedish time, never overlapping or touching', async () => {
    expect(await count(`SELECT count(DISTINCT substitute_id) AS n FROM availability_window`)).toBeGreaterThanOrEqual(300);
    const hours = await sql.query(
      `SELECT DISTINCT extract(hour FROM lower(period) AT TIME ZONE 'Europe/Stockholm') AS start_hour,
                       extract(hour FROM upper(period) AT TIME ZONE 'Europe/Stockholm') AS end_hour
         FROM availability_window`,
    );
    expect(hours.rows.map((h) => `${h.start_hour}-${h.end_hour}`).sort()).toEqual(['16-22', '6-22', '8-22']);
    expect(
      await count(
        `SELECT count(*) AS n FROM availability_window a JOIN availability_window b
           ON a.substitute_id = b.substitute_id AND a.id <> b.id AND (a.period && b.period OR a.period -|- b.period)`,
      ),
    ).toBe(0);
  });

  it('keeps 06:00–22:00 in Swedish wall-clock time across a daylight-saving change', () => {
    // The clocks go forward on Sunday 28 March 2027; Monday 29 March 06:00 is then 04:00 UTC, not 05:00.
    const windows = availabilityWindows('weekdays', DateTime.fromISO('2027-03-22T12:00', { zone: 'Europe/Stockholm' }), 2);
    expect(windows.map((w) => w.start.toISOString())).toContain('2027-03-26T05:00:00.000Z');
    expect(windows.map((w) => w.start.toISOString())).toContain('2027-03-29T04:00:00.000Z');
    expect(windows).toHaveLength(10);
  });

  it('does nothing when run a second time', async () => {
    const before = await count(`SELECT (SELECT count(*) FROM substitute) + (SELECT count(*) FROM unit) + (SELECT count(*) FROM staff_user) AS n`);
    expect(await seedDemo(url, { bcryptRounds: 4 })).toEqual({ created: false });
    expect(await count(`SELECT count(*) AS n FROM municipality`)).toBe(1);
    expect(await count(`SELECT (SELECT count(*) FROM substitute) + (SELECT count(*) FROM unit) + (SELECT count(*) FROM staff_user) AS n`)).toBe(before);
  });

  it('lets the admin and a manager sign in', async () => {
    const app = await startTestApp(await testConfig({}, url));
    try {
      const admin = await app.http().post('/api/v1/auth/login').send({ email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD }).expect(200);
      expect(admin.body.user.role).toBe('admin');
      const manager = await app.http().post('/api/v1/auth/login').send({ email: DEMO_MANAGER_EMAILS.kost, password: DEMO_PASSWORD }).expect(200);
      expect(manager.body.user.role).toBe('manager');
      expect(manager.body.user.unitIds.length).toBeGreaterThanOrEqual(3);
      // The demo substitute of the README signs in with a code, and may be offered undersköterska vacancies.
      const token = await signInSubstitute(app, admin.body.user.municipalityId, '+46701740605');
      const me = await app.http().get('/api/v1/me').set({ Authorization: `Bearer ${token}` }).expect(200);
      expect(me.body.substitute).toMatchObject({ firstName: DEMO_SUBSTITUTE.firstName, email: DEMO_SUBSTITUTE.email, status: 'active', qualifications: [{ code: 'underskoterska', verified: true }] });
    } finally {
      await app.close();
    }
  });
});
