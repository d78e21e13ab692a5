import { DateTime } from 'luxon';
import { Client } from 'pg';
import {
  availabilityWindows,
  DEMO_ADMIN_EMAIL,
  DEMO_HOURLY_COST_SEK,
  DEMO_MANAGER_EMAILS,
  DEMO_SUBSTITUTE,
  DEMO_PASSWORD,
  DEMO_PROGRAMME_BUDGET_SEK,
  seedDemo,
} from '../src/seed/seed-demo';
import { signInSubstitute } from './support/factories';
import { createSuiteDatabase, dropDatabase, startTestApp, testConfig } from './support/test-app';

/** Everything the history says, without ids (random on every run): substitutes are named by phone. */
const STORY = `
SELECT string_agg(line, E'\n' ORDER BY line) AS story FROM (
  SELECT concat_ws(' ', u.name, a.reason, a.programme_id IS NOT NULL, a.created_at, a.cancelled_at, v.starts_at, v.ends_at, v.status,
                   v.wave_count, v.filled_at,
                   (SELECT string_agg(concat_ws('/', s.phone, o.wave, o.status, o.created_at, o.answered_at, o.rank_reason::text), ',' ORDER BY s.phone, o.wave)
                      FROM offer o JOIN substitute s ON s.id = o.substitute_id WHERE o.vacancy_id = v.id),
                   (SELECT string_agg(concat_ws('/', s.phone, b.status, b.created_at, b.cancel_reason), ',' ORDER BY b.created_at)
                      FROM booking b JOIN substitute s ON s.id = b.substitute_id WHERE b.vacancy_id = v.id)) AS line
    FROM vacancy v JOIN absence a ON a.id = v.absence_id JOIN unit u ON u.id = v.unit_id) AS lines`;

describe('npm run seed:demo', () => {
  let url: string;
  let sql: Client;
  // One moment for both seeds of the suite, so that they must tell the same story.
  const now = new Date();
  const count = async (query: string, params: unknown[] = []): Promise<number> => Number((await sql.query(query, params)).rows[0].n);
  /** What the seed left in the tables of messages and work, before any test signs in (which sends a code). */
  let sent: Record<string, number>;

  beforeAll(async () => {
    url = await createSuiteDatabase();
    const result = await seedDemo(url, { bcryptRounds: 4, now });
    expect(result.created).toBe(true);
    sql = new Client({ connectionString: url });
    await sql.connect();
    const { rows } = await sql.query(
      `SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM notification)::int AS notification,
              (SELECT count(*) FROM one_time_code)::int AS one_time_code, (SELECT count(*) FROM sms_day_count)::int AS sms_day_count`,
    );
    sent = rows[0];
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
    const allocations = await sql.query(`SELECT service_area, amount_sek, hourly_cost_sek FROM programme_allocation WHERE programme_id = $1`, [rows[0].id]);
    expect(allocations.rows.map((a) => a.service_area).sort()).toEqual(['kost', 'socialtjanst', 'utbildning', 'vard_omsorg']);
    expect(allocations.rows.reduce((sum, a) => sum + Number(a.amount_sek), 0)).toBe(52_000_000);
    // Each area prices its substitute hours, for the programme report.
    for (const a of allocations.rows) expect(Number(a.hourly_cost_sek)).toBe(DEMO_HOURLY_COST_SEK[a.service_area as keyof typeof DEMO_HOURLY_COST_SEK]);
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

  describe('history', () => {
    it('covers about six weeks back and a few days ahead, every vacancy settled: filled, unfilled or cancelled', async () => {
      const { rows } = await sql.query<{ status: string; past: number; ahead: number }>(
        `SELECT status, count(*) FILTER (WHERE starts_at < $1)::int AS past, count(*) FILTER (WHERE starts_at >= $1)::int AS ahead FROM vacancy GROUP BY status`,
        [now],
      );
      const past = Object.fromEntries(rows.map((r) => [r.status, r.past]));
      expect(past.filled).toBeGreaterThan(0);
      expect(past.unfilled).toBeGreaterThan(0);
      expect(past.cancelled).toBeGreaterThan(0);
      // Most are filled; nothing is left for the worker to match or to offer (it would send SMS).
      const total = rows.reduce((sum, r) => sum + r.past + r.ahead, 0);
      expect(total).toBeGreaterThan(100);
      expect(rows.find((r) => r.status === 'filled')!.past + rows.find((r) => r.status === 'filled')!.ahead).toBeGreaterThan(total / 2);
      expect(rows.filter((r) => r.status === 'open' || r.status === 'offering')).toEqual([]);
      expect(rows.reduce((sum, r) => sum + r.ahead, 0)).toBeGreaterThan(0);
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE next_wave_at IS NOT NULL`)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM offer WHERE status = 'pending'`)).toBe(0);

      const span = await sql.query(`SELECT min(starts_at) AS first, max(starts_at) AS last FROM vacancy`);
      const days = (d: Date) => (d.getTime() - now.getTime()) / 86_400_000;
      expect(days(span.rows[0].first)).toBeGreaterThanOrEqual(-43);
      expect(days(span.rows[0].first)).toBeLessThan(-40);
      expect(days(span.rows[0].last)).toBeLessThanOrEqual(5);
      // Absences, vacancies and offers were all made before "now", and each absence at a unit in all four areas.
      expect(await count(`SELECT count(*) AS n FROM absence WHERE created_at >= $1 OR cancelled_at >= $1`, [now])).toBe(0);
      expect(await count(`SELECT count(DISTINCT u.service_area) AS n FROM absence a JOIN unit u ON u.id = a.unit_id`)).toBe(4);
      expect(await count(`SELECT count(*) AS n FROM absence a WHERE NOT EXISTS (SELECT 1 FROM vacancy v WHERE v.absence_id = a.id)`)).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM vacancy v JOIN absence a ON a.id = v.absence_id
                      WHERE v.created_at <> a.created_at OR v.unit_id <> a.unit_id OR v.qualification_code <> a.qualification_code OR v.starts_at <= v.created_at
                         OR (a.cancelled_at IS NOT NULL AND v.status <> 'cancelled')`),
      ).toBe(0);
      // The vacancy's start and end are those of its shifts.
      expect(
        await count(`SELECT count(*) AS n FROM vacancy v JOIN (SELECT vacancy_id, min(lower(period)) AS s, max(upper(period)) AS e FROM vacancy_shift GROUP BY vacancy_id) x
                       ON x.vacancy_id = v.id WHERE x.s <> v.starts_at OR x.e <> v.ends_at`),
      ).toBe(0);
    });

    it('mixes the reasons, the lead times and the shifts, in Swedish wall-clock time', async () => {
      const reasons = await sql.query<{ reason: string; n: number }>(`SELECT reason, count(*)::int AS n FROM absence GROUP BY reason ORDER BY n DESC`);
      expect(reasons.rows[0].reason).toBe('sick');
      expect(reasons.rows.map((r) => r.reason).sort()).toEqual(['other', 'parental', 'sick', 'study_leave', 'vacation']);
      // Posted the same morning, the evening before, and days or weeks ahead.
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE starts_at - created_at < interval '3 hours'`)).toBeGreaterThan(10);
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE starts_at - created_at BETWEEN interval '3 hours' AND interval '24 hours'`)).toBeGreaterThan(10);
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE starts_at - created_at > interval '7 days'`)).toBeGreaterThan(10);
      const shifts = await sql.query<{ shift: string }>(
        `SELECT DISTINCT to_char(lower(period) AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') || '-' || to_char(upper(period) AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS shift
           FROM vacancy_shift`,
      );
      const seen = shifts.rows.map((r) => r.shift);
      for (const s of seen) expect(['06:30-15:00', '06:45-15:15', '07:00-16:00', '07:30-16:00', '08:00-16:30', '08:00-17:00', '09:00-17:30', '14:00-21:30', '21:00-07:00']).toContain(s);
      expect(seen).toEqual(expect.arrayContaining(['07:00-16:00', '06:45-15:15', '14:00-21:30', '21:00-07:00']));
      expect(await count(`SELECT count(DISTINCT extract(isodow FROM starts_at AT TIME ZONE 'Europe/Stockholm')) AS n FROM vacancy`)).toBe(7);
    });

    it('tags study leave with Jobbsatsningen, which existed before, in every service area', async () => {
      const programme = (await sql.query(`SELECT id, created_at FROM programme WHERE name = 'Jobbsatsningen'`)).rows[0];
      expect(
        await count(`SELECT count(DISTINCT u.service_area) AS n FROM absence a JOIN unit u ON u.id = a.unit_id WHERE a.reason = 'study_leave' AND a.programme_id = $1`, [programme.id]),
      ).toBe(4);
      expect(await count(`SELECT count(*) AS n FROM absence WHERE programme_id IS NOT NULL AND (reason <> 'study_leave' OR created_at < $1)`, [programme.created_at])).toBe(0);
      // The programme's study leave is a day a week, a vacancy per day, and most of those days were filled.
      expect(
        await count(`SELECT count(*) AS n FROM vacancy v JOIN absence a ON a.id = v.absence_id WHERE a.programme_id = $1 AND v.status = 'filled'`, [programme.id]),
      ).toBeGreaterThan(10);
    });

    it('books only active, verified substitutes qualified for the vacancy, from their accepted offer', async () => {
      // Qualified when booked: active, verified (person and qualification) and consenting by then, the
      // qualification valid on the last day, working in the unit's district or anywhere.
      expect(
        await count(`
          SELECT count(*) AS n FROM booking b
            JOIN vacancy v ON v.id = b.vacancy_id JOIN unit u ON u.id = v.unit_id JOIN substitute s ON s.id = b.substitute_id
           WHERE NOT (s.status = 'active' AND s.verified_at <= b.created_at AND s.consented_at <= b.created_at
                      AND (cardinality(s.districts) = 0 OR u.district = ANY (s.districts))
                      AND EXISTS (SELECT 1 FROM substitute_qualification q
                                   WHERE q.substitute_id = s.id AND q.qualification_code = v.qualification_code AND q.verified_at <= b.created_at
                                     AND (q.valid_until IS NULL OR q.valid_until >= ((v.ends_at - interval '1 millisecond') AT TIME ZONE 'Europe/Stockholm')::date)))`),
      ).toBe(0);
      // Each booking comes from the substitute's accepted offer, answered when the booking was made, after posting and before the start.
      expect(
        await count(`
          SELECT count(*) AS n FROM booking b JOIN vacancy v ON v.id = b.vacancy_id LEFT JOIN offer o ON o.id = b.offer_id
           WHERE o.id IS NULL OR o.status <> 'accepted' OR o.vacancy_id <> b.vacancy_id OR o.substitute_id <> b.substitute_id OR o.answered_at <> b.created_at
              OR b.unit_id <> v.unit_id OR b.created_at <= v.created_at OR b.created_at >= v.starts_at
              OR (b.status = 'cancelled') <> (b.cancelled_at IS NOT NULL AND b.cancel_reason IS NOT NULL) OR b.cancelled_at >= v.starts_at`),
      ).toBe(0);
      // A filled vacancy has exactly one confirmed booking, made when it was filled; no other vacancy has one.
      expect(
        await count(`
          SELECT count(*) AS n FROM vacancy v
           WHERE (v.status = 'filled') <> EXISTS (SELECT 1 FROM booking b WHERE b.vacancy_id = v.id AND b.status = 'confirmed' AND b.created_at = v.filled_at)`),
      ).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM booking WHERE status = 'confirmed'`)).toBeGreaterThan(100);
      expect(await count(`SELECT count(*) AS n FROM booking WHERE status = 'cancelled'`)).toBeGreaterThan(0);
      // Booked shifts are the vacancy's, for confirmed bookings only, with half the daily rest either side.
      expect(
        await count(`
          SELECT count(*) AS n FROM booking b JOIN vacancy v ON v.id = b.vacancy_id
           WHERE (SELECT count(*) FROM booked_shift bs WHERE bs.booking_id = b.id)
              <> (CASE WHEN b.status = 'confirmed' THEN (SELECT count(*) FROM vacancy_shift vs WHERE vs.vacancy_id = v.id) ELSE 0 END)
              OR EXISTS (SELECT 1 FROM booked_shift bs WHERE bs.booking_id = b.id AND (bs.substitute_id <> b.substitute_id OR bs.unit_id <> b.unit_id
                          OR NOT EXISTS (SELECT 1 FROM vacancy_shift vs WHERE vs.vacancy_id = v.id AND vs.period = bs.period)
                          OR lower(bs.rest_zone) <> lower(bs.period) - interval '5.5 hours' OR upper(bs.rest_zone) <> upper(bs.period) + interval '5.5 hours'))`),
      ).toBe(0);
      // No one is booked twice at once, or without 11 hours' rest between shifts of different bookings.
      expect(
        await count(`SELECT count(*) AS n FROM booked_shift a JOIN booked_shift b ON a.substitute_id = b.substitute_id AND a.id <> b.id
                      WHERE a.period && b.period OR (a.booking_id <> b.booking_id AND lower(b.period) >= upper(a.period) AND lower(b.period) - upper(a.period) < interval '11 hours')`),
      ).toBe(0);
    });

    it('keeps the offers consistent with what became of each vacancy', async () => {
      const statuses = await sql.query<{ status: string }>(`SELECT DISTINCT status FROM offer`);
      expect(statuses.rows.map((r) => r.status).sort()).toEqual(['accepted', 'declined', 'expired', 'withdrawn']);
      // Offered in waves after posting and before the start, to substitutes verified for the qualification by then.
      expect(
        await count(`
          SELECT count(*) AS n FROM offer o JOIN vacancy v ON v.id = o.vacancy_id JOIN substitute s ON s.id = o.substitute_id
           WHERE o.created_at <= v.created_at OR o.created_at >= v.starts_at OR o.expires_at > v.starts_at OR o.expires_at <= o.created_at
              OR o.wave < 1 OR o.wave > v.wave_count OR s.status <> 'active' OR s.verified_at > o.created_at OR s.consented_at > o.created_at
              OR NOT EXISTS (SELECT 1 FROM substitute_qualification q WHERE q.substitute_id = s.id AND q.qualification_code = v.qualification_code AND q.verified_at <= o.created_at)`),
      ).toBe(0);
      // Answered (accepted, declined) or withdrawn while open; expired ones never answered, and past their time.
      expect(
        await count(`
          SELECT count(*) AS n FROM offer o
           WHERE (o.status = 'expired') = (o.answered_at IS NOT NULL)
              OR (o.status = 'expired' AND o.expires_at > $1)
              OR (o.status IN ('accepted', 'declined', 'withdrawn') AND (o.answered_at < o.created_at OR o.answered_at > o.expires_at))`,
          [now],
        ),
      ).toBe(0);
      // Each wave but the last went out before or when the previous one's time was up; a wave is offered at one moment.
      expect(await count(`SELECT count(*) AS n FROM (SELECT vacancy_id, wave FROM offer GROUP BY 1, 2 HAVING count(DISTINCT created_at) > 1) x`)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM vacancy v WHERE v.wave_count <> coalesce((SELECT max(wave) FROM offer o WHERE o.vacancy_id = v.id), 0)`)).toBe(0);
      // A filled vacancy was accepted by its booked substitute; whoever else was still asked was withdrawn then.
      expect(
        await count(`
          SELECT count(*) AS n FROM vacancy v JOIN booking b ON b.vacancy_id = v.id AND b.status = 'confirmed'
            JOIN offer o ON o.vacancy_id = v.id AND o.id <> b.offer_id
           WHERE o.status = 'withdrawn' AND o.answered_at < o.created_at`),
      ).toBe(0);
      // Nobody is offered the same time twice while the first offer is open.
      expect(
        await count(`
          SELECT count(*) AS n FROM offer a JOIN offer b ON a.substitute_id = b.substitute_id AND a.id < b.id
            JOIN vacancy_shift sa ON sa.vacancy_id = a.vacancy_id JOIN vacancy_shift sb ON sb.vacancy_id = b.vacancy_id AND sa.period && sb.period
           WHERE b.created_at >= a.created_at AND b.created_at < least(a.expires_at, coalesce(a.answered_at, a.expires_at))
              OR a.created_at >= b.created_at AND a.created_at < least(b.expires_at, coalesce(b.answered_at, b.expires_at))`),
      ).toBe(0);
      // A vacancy that went out with nobody to ask was left unfilled straight away.
      expect(await count(`SELECT count(*) AS n FROM vacancy WHERE wave_count = 0 AND status = 'filled'`)).toBe(0);
    });

    it('sent nothing and queued nothing: no outbox rows, messages, codes or SMS counts', () => {
      expect(sent).toEqual({ outbox: 0, notification: 0, one_time_code: 0, sms_day_count: 0 });
    });

    it('tells the same story when seeded again at the same moment', async () => {
      const other = await createSuiteDatabase();
      try {
        expect((await seedDemo(other, { bcryptRounds: 4, now })).created).toBe(true);
        const again = new Client({ connectionString: other });
        await again.connect();
        try {
          const [first, second] = await Promise.all([sql.query(STORY), again.query(STORY)]);
          expect(first.rows[0].story.length).toBeGreaterThan(10_000);
          expect(second.rows[0].story).toBe(first.rows[0].story);
        } finally {
          await again.end();
        }
      } finally {
        await dropDatabase(other);
      }
    });
  });

  it('does nothing when run a second time', async () => {
    const everything = `SELECT (SELECT count(*) FROM substitute) + (SELECT count(*) FROM unit) + (SELECT count(*) FROM staff_user)
                             + (SELECT count(*) FROM absence) + (SELECT count(*) FROM vacancy) + (SELECT count(*) FROM vacancy_shift)
                             + (SELECT count(*) FROM offer) + (SELECT count(*) FROM booking) + (SELECT count(*) FROM booked_shift)
                             + (SELECT count(*) FROM programme) + (SELECT count(*) FROM availability_window)
                             + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM notification) AS n`;
    const before = await count(everything);
    const story = (await sql.query(STORY)).rows[0].story;
    expect(await seedDemo(url, { bcryptRounds: 4 })).toEqual({ created: false });
    expect(await count(`SELECT count(*) AS n FROM municipality`)).toBe(1);
    expect(await count(everything)).toBe(before);
    expect((await sql.query(STORY)).rows[0].story).toBe(story);
  });

  it('lets the admin and a manager sign in, and shows the manager the history', async () => {
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

      // The manager sees the history of their units as the service wrote it: a filled vacancy, its waves of
      // offers and its booking (the API's answers are held to the OpenAPI document when the app closes).
      const auth = { Authorization: `Bearer ${manager.body.accessToken}` };
      const filled = await app.http().get('/api/v1/vacancies').query({ status: 'filled' }).set(auth).expect(200);
      expect(filled.body.length).toBeGreaterThan(10);
      const { rows } = await sql.query(
        `SELECT v.id, b.id AS booking_id, b.substitute_id FROM vacancy v JOIN booking b ON b.vacancy_id = v.id AND b.status = 'confirmed'
          WHERE v.unit_id = ANY ($1::uuid[]) AND v.wave_count > 0 ORDER BY v.starts_at LIMIT 1`,
        [manager.body.user.unitIds],
      );
      const details = await app.http().get(`/api/v1/vacancies/${rows[0].id}`).set(auth).expect(200);
      expect(details.body).toMatchObject({ status: 'filled', bookingId: rows[0].booking_id, bookedSubstituteId: rows[0].substitute_id });
      expect(details.body.offers).toContainEqual(expect.objectContaining({ substituteId: rows[0].substitute_id, status: 'accepted' }));
    } finally {
      await app.close();
    }
  });
});
