import type { INestApplicationContext } from '@nestjs/common';
import { eventually } from './support/eventually';
import { auth, makeSubstitute, makeUnit } from './support/factories';
import { flatSettings, offerTokens } from './support/offers';
import { dropDatabase, seedMunicipality, startTestApp, startTestWorker, testConfig, TestApp } from './support/test-app';

const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('invariants under concurrent accepts', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;
  let unitId: string;

  beforeAll(async () => {
    const config = await testConfig({ SWEEP_INTERVAL_MS: '500' });
    t = await startTestApp(config);
    worker = await startTestWorker(config);
    admin = await seedMunicipality(t);
    unitId = (await makeUnit(t, admin.adminToken)).id;
    const settings = await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(60));
    expect(settings.body).toEqual(flatSettings(60));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  const postVacancy = async (shifts: { start: string; end: string }[], qualification = 'underskoterska') => {
    const res = await t.http().post('/api/v1/absences').set(auth(admin.adminToken)).send({ unitId, reason: 'sick', qualification, shifts }).expect(201);
    return res.body.vacancies[0].id as string;
  };

  const offersOut = (vacancyId: string, count: number) =>
    eventually(async () => {
      const tokens = await offerTokens(t, vacancyId);
      expect(tokens.size).toBe(count);
      return tokens;
    }, 20_000);

  it('books exactly one of 50 substitutes accepting the same vacancy at once; 49 get VACANCY_TAKEN', async () => {
    const window = [{ start: at(1), end: at(24 * 10) }];
    await Promise.all(Array.from({ length: 50 }, () => makeSubstitute(t, admin.adminToken, { qualifications: ['kock'], availability: window })));
    const vacancyId = await postVacancy([{ start: at(48), end: at(56) }], 'kock');
    const tokens = await offersOut(vacancyId, 50);

    const answers = await Promise.all([...tokens.values()].map((token) => t.http().post(`/api/v1/offers/${token}/accept`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'VACANCY_TAKEN')).toHaveLength(49);
    const bookings = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE vacancy_id = $1 AND status = 'confirmed'`, [vacancyId]);
    expect(bookings[0].n).toBe(1);
  });

  it('lets one substitute hold only one of several overlapping vacancies; the rest get SCHEDULE_CONFLICT', async () => {
    const sub = await makeSubstitute(t, admin.adminToken, { qualifications: ['barnskotare'], availability: [{ start: at(1), end: at(24 * 10) }] });
    const vacancies = await Promise.all(Array.from({ length: 6 }, (_, i) => postVacancy([{ start: at(72 + i), end: at(80 + i) }], 'barnskotare')));
    const tokens = await Promise.all(vacancies.map(async (v) => (await offersOut(v, 1)).get(sub.id)!));

    const answers = await Promise.all(tokens.map((token) => t.http().post(`/api/v1/offers/${token}/accept`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(Array(5).fill('SCHEDULE_CONFLICT'));
    const shifts = await t.db.query(`SELECT count(*)::int AS n FROM booked_shift WHERE substitute_id = $1`, [sub.id]);
    expect(shifts[0].n).toBe(1);
  });

  it('keeps 11 hours of daily rest between bookings, also when accepted at once', async () => {
    const sub = await makeSubstitute(t, admin.adminToken, { qualifications: ['socialsekreterare'], availability: [{ start: at(1), end: at(24 * 10) }] });
    // 07-16 and 22-06 the same day: 6 hours apart.
    const day = await postVacancy([{ start: at(100), end: at(109) }], 'socialsekreterare');
    const night = await postVacancy([{ start: at(115), end: at(123) }], 'socialsekreterare');
    const [dayToken, nightToken] = await Promise.all([day, night].map(async (v) => (await offersOut(v, 1)).get(sub.id)!));

    const answers = await Promise.all([dayToken, nightToken].map((token) => t.http().post(`/api/v1/offers/${token}/accept`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('SCHEDULE_CONFLICT');
  });

  it('refuses overlapping booked shifts in the database itself, whatever the code does', async () => {
    const sub = await makeSubstitute(t, admin.adminToken, { qualifications: ['kock'] });
    const [booking] = await t.db.query(
      `INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, status)
       SELECT municipality_id, id, $1, unit_id, 'cancelled' FROM vacancy LIMIT 1 RETURNING id, municipality_id, unit_id`,
      [sub.id],
    );
    const insert = (bookingId: string, period: string, zone: string) =>
      t.db.query(
        `INSERT INTO booked_shift (booking_id, substitute_id, municipality_id, unit_id, period, rest_zone) VALUES ($1, $2, $3, $4, $5, $6)`,
        [bookingId, sub.id, booking.municipality_id, booking.unit_id, period, zone],
      );
    await insert(booking.id, '[2030-01-01 06:00Z,2030-01-01 15:00Z)', '[2030-01-01 00:30Z,2030-01-01 20:30Z)');
    await expect(insert(booking.id, '[2030-01-01 14:00Z,2030-01-01 18:00Z)', '[2030-01-01 08:30Z,2030-01-01 23:30Z)')).rejects.toThrow(/ex_booked_shift_overlap/);
    const [other] = await t.db.query(
      `INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, status)
       SELECT municipality_id, vacancy_id, substitute_id, unit_id, 'cancelled' FROM booking WHERE id = $1 RETURNING id`,
      [booking.id],
    );
    await expect(insert(other.id, '[2030-01-01 20:00Z,2030-01-02 04:00Z)', '[2030-01-01 14:30Z,2030-01-02 09:30Z)')).rejects.toThrow(/ex_booked_shift_rest/);
  });
});
