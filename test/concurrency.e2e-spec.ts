import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { offerToken, tokenHash } from '../src/notifications/credentials';
import { eventually } from './support/eventually';
import { auth, makeSubstitute, makeUnit } from './support/factories';
import { flatSettings, offerTokens } from './support/offers';
import { dropDatabase, seedMunicipality, startTestApp, startTestWorker, testConfig, TestApp } from './support/test-app';
import { hours } from './support/time';


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
    expect(settings.body).toEqual({ ...flatSettings(60), dailyRestHours: 11, weeklyRestHours: 36, monthlyHourCap: 165, lasWarningDays: 30, lasSavaConversionDays: 365, lasVikariatConversionDays: 731, lasRehireDays: 365, lasRehireSavaDays: 274 });
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

  /** A vacancy with one shift, already offered to each of the substitutes (written as a wave would), and the offers' tokens. */
  const vacancyOfferedTo = async (substituteIds: string[], start: string, end: string): Promise<string[]> => {
    const [absence] = await t.db.query(`INSERT INTO absence (municipality_id, unit_id, reason, qualification_code, created_by) VALUES ($1, $2, 'sick', 'barnskotare', $2) RETURNING id`, [admin.municipalityId, unitId]);
    const [vacancy] = await t.db.query(
      `INSERT INTO vacancy (municipality_id, absence_id, unit_id, qualification_code, status, starts_at, ends_at, wave_count) VALUES ($1, $2, $3, 'barnskotare', 'offering', $4, $5, 1) RETURNING id`,
      [admin.municipalityId, absence.id, unitId, start, end],
    );
    await t.db.query(`INSERT INTO vacancy_shift (vacancy_id, municipality_id, period) VALUES ($1, $2, tstzrange($3, $4, '[)'))`, [vacancy.id, admin.municipalityId, start, end]);
    const offerIds = substituteIds.map(() => randomUUID());
    const tokens = offerIds.map((id) => offerToken(t.config.offerTokenSecret, id));
    await t.db.query(
      `INSERT INTO offer (id, municipality_id, vacancy_id, substitute_id, wave, token_hash, expires_at)
       SELECT o.id, $1, $2, o.substitute_id, 1, o.token_hash, now() + interval '1 day' FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS o(id, substitute_id, token_hash)`,
      [admin.municipalityId, vacancy.id, offerIds, substituteIds, tokens.map(tokenHash)],
    );
    return tokens;
  };

  const offeredVacancy = async (substituteId: string, start: string, end: string): Promise<string> => (await vacancyOfferedTo([substituteId], start, end))[0];

  const offersOut = (vacancyId: string, count: number) =>
    eventually(async () => {
      const tokens = await offerTokens(t, vacancyId);
      expect(tokens.size).toBe(count);
      return tokens;
    }, 20_000);

  it('books exactly one of 50 substitutes accepting the same vacancy at once; 49 get VACANCY_TAKEN', async () => {
    const window = [{ start: hours(1), end: hours(24 * 10) }];
    await Promise.all(Array.from({ length: 50 }, () => makeSubstitute(t, admin.adminToken, { qualifications: ['kock'], availability: window })));
    const vacancyId = await postVacancy([{ start: hours(48), end: hours(56) }], 'kock');
    const tokens = await offersOut(vacancyId, 50);

    const answers = await Promise.all([...tokens.values()].map((token) => t.http().post(`/api/v1/offers/${token}/accept`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'VACANCY_TAKEN')).toHaveLength(49);
    const bookings = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE vacancy_id = $1 AND status = 'confirmed'`, [vacancyId]);
    expect(bookings[0].n).toBe(1);
  });

  it('books the one who may take the vacancy, however many who may not clicked at the same moment; a repeated click gets the same booking', async () => {
    const window = [{ start: hours(1), end: hours(24 * 10) }];
    const people = await Promise.all(Array.from({ length: 10 }, () => makeSubstitute(t, admin.adminToken, { qualifications: ['barnskotare'], availability: window })));
    const [first, ...others] = await vacancyOfferedTo(people.map((p) => p.id), hours(100), hours(108));
    // Paused since they were offered it: their offers no longer hold.
    await t.db.query(`UPDATE substitute SET status = 'paused' WHERE id = ANY ($1::uuid[])`, [people.slice(1).map((p) => p.id)]);

    const answers = await Promise.all([...others, first].map((token) => t.http().post(`/api/v1/offers/${token}/accept`)));
    expect(`${answers[9].status} ${answers[9].body.status}`).toBe('200 accepted');
    // Each paused one is told why their offer does not hold, or, if they were checked after the winner
    // committed, that the vacancy is taken: in the API's order that comes first.
    for (const a of answers.slice(0, 9)) expect(['410 OFFER_WITHDRAWN', '409 VACANCY_TAKEN']).toContain(`${a.status} ${a.body.code}`);
    const again = await t.http().post(`/api/v1/offers/${first}/accept`).expect(200);
    expect(again.body.bookingId).toBe(answers[9].body.bookingId);
  });

  it('lets one substitute hold only one of several overlapping vacancies; the rest get SCHEDULE_CONFLICT', async () => {
    const sub = await makeSubstitute(t, admin.adminToken, { qualifications: ['barnskotare'], availability: [{ start: hours(1), end: hours(24 * 10) }] });
    // Matching no longer offers one person overlapping times; offers made before that rule still could be answered at once.
    const tokens = await Promise.all(Array.from({ length: 6 }, (_, i) => offeredVacancy(sub.id, hours(72 + i), hours(80 + i))));

    const answers = await Promise.all(tokens.map((token) => t.http().post(`/api/v1/offers/${token}/accept`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(Array(5).fill('SCHEDULE_CONFLICT'));
    const shifts = await t.db.query(`SELECT count(*)::int AS n FROM booked_shift WHERE substitute_id = $1`, [sub.id]);
    expect(shifts[0].n).toBe(1);
  });

  it('offers one person one vacancy of overlapping ones, also when they are matched at the same moment; the others wait for them', async () => {
    const sub = await makeSubstitute(t, admin.adminToken, { qualifications: ['ekonomibitrade'], availability: [{ start: hours(1), end: hours(24 * 10) }] });
    const vacancies = await Promise.all(Array.from({ length: 4 }, (_, i) => postVacancy([{ start: hours(60 + i), end: hours(66 + i) }], 'ekonomibitrade')));
    await eventually(async () => {
      const rows: { status: string; waits_for_offer: boolean }[] = await t.db.query(
        `SELECT v.status, v.next_wave_at = (SELECT o.expires_at FROM offer o WHERE o.substitute_id = $1 AND o.status = 'pending') AS waits_for_offer
           FROM vacancy v WHERE v.id = ANY ($2::uuid[]) ORDER BY v.status`,
        [sub.id, vacancies],
      );
      // Not unfilled: the one person may yet say no, and then be asked for another.
      expect(rows.map((r) => r.status)).toEqual(['offering', 'open', 'open', 'open']);
      expect(rows.slice(1).every((r) => r.waits_for_offer)).toBe(true);
    }, 20_000);
  });

  it('sends each of many overlapping vacancies matched at once a full wave, when there are people enough', async () => {
    const other = await seedMunicipality(t);
    await t.http().put('/api/v1/matching-settings').set(auth(other.adminToken)).send(flatSettings(1)).expect(200);
    const unit = await makeUnit(t, other.adminToken);
    const people = [];
    for (let i = 0; i < 8; i++) people.push(await makeSubstitute(t, other.adminToken, { qualifications: ['kock'], availability: [{ start: hours(1), end: hours(24 * 10) }] }));
    const vacancies = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const res = await t
          .http()
          .post('/api/v1/absences')
          .set(auth(other.adminToken))
          .send({ unitId: unit.id, reason: 'sick', qualification: 'kock', shifts: [{ start: hours(70 + i), end: hours(78 + i) }] })
          .expect(201);
        return res.body.vacancies[0].id as string;
      }),
    );
    await eventually(async () => {
      const rows: { status: string; offered: string[] }[] = await t.db.query(
        `SELECT v.status, array(SELECT o.substitute_id::text FROM offer o WHERE o.vacancy_id = v.id AND o.status = 'pending') AS offered
           FROM vacancy v WHERE v.id = ANY ($1::uuid[])`,
        [vacancies],
      );
      expect(rows.map((r) => [r.status, r.offered.length])).toEqual(vacancies.map(() => ['offering', 1]));
      // Eight people, each asked for one of the eight times.
      expect(new Set(rows.flatMap((r) => r.offered)).size).toBe(8);
    }, 20_000);
  });

  it('keeps 11 hours of daily rest between bookings, also when accepted at once', async () => {
    const sub = await makeSubstitute(t, admin.adminToken, { qualifications: ['socialsekreterare'], availability: [{ start: hours(1), end: hours(24 * 10) }] });
    // 07-16 and 22-06 the same day: 6 hours apart.
    const day = await postVacancy([{ start: hours(100), end: hours(109) }], 'socialsekreterare');
    const night = await postVacancy([{ start: hours(115), end: hours(123) }], 'socialsekreterare');
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
