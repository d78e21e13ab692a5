import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Response } from 'supertest';
import { expectError, expectFieldError } from './support/errors';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';

type Admin = Awaited<ReturnType<typeof seedMunicipality>>;

/** A Swedish wall-clock time ('2026-03-03 07:00') as an instant. */
const sv = (wall: string) => DateTime.fromFormat(wall, 'yyyy-MM-dd HH:mm', { zone: 'Europe/Stockholm' }).toJSDate();

/** Reads a body as raw bytes, whatever its type, so that the CSV is checked byte for byte. */
const rawBytes = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The reports, against a fixture counted by hand. Rows are written with SQL, as their times lie in the past
 * (March 2026, whose last Sunday, the 29th, the clocks go forward at 02:00) and must be exact. Swedish time
 * throughout; in March 2026 the 1st is a Sunday, the 3rd a Tuesday.
 *
 * Units: Vrinnevihemmet (vård och omsorg, the manager's), Ljuragården (vård och omsorg), "Navestadsskolan;
 * fritids" (utbildning). Programme Jobbsatsningen: 1 000 000 kr, vård och omsorg 600 000 kr at 312,50 kr an
 * hour, kost 400 000 kr at 250 kr an hour, nothing for utbildning. Substitutes Åsa (S1) and Bo (S2, erased).
 *
 *  id   unit            prog  created          first shift(s)                 booking                    lead    filled after
 *  V1   Vrinnevi        J     03-02 08:00      Tue 03-03 07:00–14:30 (7.5 h)  S1 at 03-02 08:30          23 h    30 min
 *  V2   Vrinnevi        J     03-06 12:00      Fri 03-06 22:00–06:00 (8 h)    S2 at 03-06 13:30          10 h    90 min
 *  V3   Ljura           J     03-09 06:00      Mon 03-09 07:00–16:00          S1's, cancelled            1 h     not filled
 *  V4   Navestad        J     03-20 10:00      Sat 03-28 22:00–06:00 (7 h:    S1 at 03-20 12:00          204 h   120 min
 *                                                the clocks go forward)
 *  V5   Vrinnevi        J     03-08 10:00      Tue 03-10 07:00–16:00          cancelled with its vacancy — left out everywhere
 *  V6   Vrinnevi        J     03-29 09:00      Tue 03-31 22:00–06:00 (8 h,    S1 at 03-29 09:10          61 h    10 min
 *                                                into April)
 *  V7   Ljura           –     03-12 07:00      Thu 03-12 08:00–12:00 (4 h)    S1 at 03-12 07:20          1 h     20 min
 *  V8   Vrinnevi        –     04-01 10:00      Mon 04-06 and Tue 04-07        S1 at 04-01 10:30          (April)
 *                                                07:00–15:00 (8 h each)
 *  V9   Vrinnevi        J     02-27 10:00      Sun 03-01 00:30–08:00 (7.5 h;  S1 at 02-27 10:45          38.5 h  45 min
 *                                                still 28 February in UTC)
 *  V10  Ljura           –     03-30 10:00      Wed 04-01 00:30–07:00 (6.5 h;  S2 at 03-30 11:00          (April)
 *                                                still 31 March in UTC)
 *
 * Another municipality has a filled vacancy in March and a programme of its own: neither shows here.
 */
describe('reports', () => {
  let t: TestApp;
  let admin: Admin;
  let other: Admin;
  let manager: { token: string };
  let units: { vrinnevi: string; ljura: string; navestad: string };
  let s1: string;
  let s2: string;
  let jobbsatsningen: string;
  let aldrelyftet: string;
  let foreignProgramme: string;
  let adminId: string;
  const v: Record<string, string> = {};

  interface Fixture {
    municipalityId: string;
    unitId: string;
    qualification: string;
    programmeId: string | null;
    created: string;
    shifts: [string, string][];
    status: 'open' | 'filled' | 'unfilled' | 'cancelled';
    booking?: { substituteId: string; at: string; status: 'confirmed' | 'cancelled' };
  }

  /** An absence with one vacancy of these shifts, and its booking; the booked shifts if the booking is confirmed. */
  async function vacancy(f: Fixture): Promise<string> {
    const shifts = f.shifts.map(([start, end]) => [sv(start), sv(end)] as const);
    const created = sv(f.created);
    const [absence] = await t.db.query(
      `INSERT INTO absence (municipality_id, unit_id, reason, qualification_code, programme_id, created_by, created_at, cancelled_at)
       VALUES ($1, $2, 'study_leave', $3, $4, $5, $6, $7) RETURNING id`,
      [f.municipalityId, f.unitId, f.qualification, f.programmeId, adminId, created, f.status === 'cancelled' ? created : null],
    );
    const [row] = await t.db.query(
      `INSERT INTO vacancy (municipality_id, absence_id, unit_id, qualification_code, status, starts_at, ends_at, created_at, filled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [f.municipalityId, absence.id, f.unitId, f.qualification, f.status, shifts[0][0], shifts[shifts.length - 1][1], created, f.status === 'filled' ? sv(f.booking!.at) : null],
    );
    for (const [start, end] of shifts) {
      await t.db.query(`INSERT INTO vacancy_shift (vacancy_id, municipality_id, period) VALUES ($1, $2, tstzrange($3, $4, '[)'))`, [row.id, f.municipalityId, start, end]);
    }
    if (f.booking) {
      const at = sv(f.booking.at);
      const [booking] = await t.db.query(
        `INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, status, created_at, cancelled_at, cancel_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [f.municipalityId, row.id, f.booking.substituteId, f.unitId, f.booking.status, at, f.booking.status === 'cancelled' ? at : null, f.booking.status === 'cancelled' ? 'Sjuk' : null],
      );
      if (f.booking.status === 'confirmed') {
        for (const [start, end] of shifts) {
          await t.db.query(
            `INSERT INTO booked_shift (booking_id, substitute_id, municipality_id, unit_id, period, rest_zone) VALUES ($1, $2, $3, $4, tstzrange($5, $6, '[)'), tstzrange($5, $6, '[)'))`,
            [booking.id, f.booking.substituteId, f.municipalityId, f.unitId, start, end],
          );
        }
      }
    }
    return row.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    other = await seedMunicipality(t, 'Linköpings kommun');
    adminId = (await t.http().get('/api/v1/me').set(auth(admin.adminToken)).expect(200)).body.id;
    units = {
      vrinnevi: (await makeUnit(t, admin.adminToken, { name: 'Vrinnevihemmet', serviceArea: 'vard_omsorg' })).id,
      ljura: (await makeUnit(t, admin.adminToken, { name: 'Ljuragården', serviceArea: 'vard_omsorg' })).id,
      navestad: (await makeUnit(t, admin.adminToken, { name: 'Navestadsskolan; fritids', serviceArea: 'utbildning' })).id,
    };
    manager = await makeManager(t, admin.adminToken, [units.vrinnevi]);
    s1 = (await makeSubstitute(t, admin.adminToken, { qualifications: ['underskoterska', 'barnskotare'] })).id;
    s2 = (await makeSubstitute(t, admin.adminToken)).id;
    // A nickname in quotes, to be quoted in the CSV.
    await t.db.query(`UPDATE substitute SET first_name = 'Åsa', last_name = 'Öberg "Lillan"' WHERE id = $1`, [s1]);

    const programme = (token: string, body: object) => t.http().post('/api/v1/programmes').set(auth(token)).send(body).expect(201);
    const created = await programme(admin.adminToken, {
      name: 'Jobbsatsningen',
      budgetSek: 1_000_000,
      allocations: [
        { serviceArea: 'vard_omsorg', amountSek: 600_000, hourlyCostSek: 312.5 },
        { serviceArea: 'kost', amountSek: 400_000, hourlyCostSek: 250 },
      ],
    });
    expect(created.body.allocations).toEqual([
      { serviceArea: 'vard_omsorg', amountSek: 600_000, hourlyCostSek: 312.5 },
      { serviceArea: 'kost', amountSek: 400_000, hourlyCostSek: 250 },
    ]);
    jobbsatsningen = created.body.id;
    aldrelyftet = (await programme(admin.adminToken, { name: 'Äldrelyftet', budgetSek: 200_000, allocations: [{ serviceArea: 'vard_omsorg', amountSek: 150_000 }] })).body.id;
    foreignProgramme = (await programme(other.adminToken, { name: 'Linköpingssatsningen', budgetSek: 5_000 })).body.id;

    const home = { municipalityId: admin.municipalityId };
    const care = { ...home, qualification: 'underskoterska' };
    const J = jobbsatsningen;
    v.V1 = await vacancy({ ...care, unitId: units.vrinnevi, programmeId: J, created: '2026-03-02 08:00', shifts: [['2026-03-03 07:00', '2026-03-03 14:30']], status: 'filled', booking: { substituteId: s1, at: '2026-03-02 08:30', status: 'confirmed' } });
    v.V2 = await vacancy({ ...care, unitId: units.vrinnevi, programmeId: J, created: '2026-03-06 12:00', shifts: [['2026-03-06 22:00', '2026-03-07 06:00']], status: 'filled', booking: { substituteId: s2, at: '2026-03-06 13:30', status: 'confirmed' } });
    v.V3 = await vacancy({ ...care, unitId: units.ljura, programmeId: J, created: '2026-03-09 06:00', shifts: [['2026-03-09 07:00', '2026-03-09 16:00']], status: 'unfilled', booking: { substituteId: s1, at: '2026-03-09 06:10', status: 'cancelled' } });
    v.V4 = await vacancy({ ...home, qualification: 'barnskotare', unitId: units.navestad, programmeId: J, created: '2026-03-20 10:00', shifts: [['2026-03-28 22:00', '2026-03-29 06:00']], status: 'filled', booking: { substituteId: s1, at: '2026-03-20 12:00', status: 'confirmed' } });
    v.V5 = await vacancy({ ...care, unitId: units.vrinnevi, programmeId: J, created: '2026-03-08 10:00', shifts: [['2026-03-10 07:00', '2026-03-10 16:00']], status: 'cancelled', booking: { substituteId: s2, at: '2026-03-08 11:00', status: 'cancelled' } });
    v.V6 = await vacancy({ ...care, unitId: units.vrinnevi, programmeId: J, created: '2026-03-29 09:00', shifts: [['2026-03-31 22:00', '2026-04-01 06:00']], status: 'filled', booking: { substituteId: s1, at: '2026-03-29 09:10', status: 'confirmed' } });
    v.V7 = await vacancy({ ...care, unitId: units.ljura, programmeId: null, created: '2026-03-12 07:00', shifts: [['2026-03-12 08:00', '2026-03-12 12:00']], status: 'filled', booking: { substituteId: s1, at: '2026-03-12 07:20', status: 'confirmed' } });
    v.V8 = await vacancy({
      ...care,
      unitId: units.vrinnevi,
      programmeId: null,
      created: '2026-04-01 10:00',
      shifts: [['2026-04-06 07:00', '2026-04-06 15:00'], ['2026-04-07 07:00', '2026-04-07 15:00']],
      status: 'filled',
      booking: { substituteId: s1, at: '2026-04-01 10:30', status: 'confirmed' },
    });
    v.V9 = await vacancy({ ...care, unitId: units.vrinnevi, programmeId: J, created: '2026-02-27 10:00', shifts: [['2026-03-01 00:30', '2026-03-01 08:00']], status: 'filled', booking: { substituteId: s1, at: '2026-02-27 10:45', status: 'confirmed' } });
    v.V10 = await vacancy({ ...care, unitId: units.ljura, programmeId: null, created: '2026-03-30 10:00', shifts: [['2026-04-01 00:30', '2026-04-01 07:00']], status: 'filled', booking: { substituteId: s2, at: '2026-03-30 11:00', status: 'confirmed' } });

    // The other municipality: a filled vacancy in March, under its own programme.
    const foreignUnit = (await makeUnit(t, other.adminToken, { name: 'Linköpings äldreboende' })).id;
    const foreignSubstitute = (await makeSubstitute(t, other.adminToken)).id;
    await vacancy({
      municipalityId: other.municipalityId,
      qualification: 'underskoterska',
      unitId: foreignUnit,
      programmeId: foreignProgramme,
      created: '2026-03-02 08:00',
      shifts: [['2026-03-03 07:00', '2026-03-03 15:00']],
      status: 'filled',
      booking: { substituteId: foreignSubstitute, at: '2026-03-02 09:00', status: 'confirmed' },
    });

    // Bo is erased: his past bookings stay, under his id only.
    await t.http().delete(`/api/v1/substitutes/${s2}`).set(auth(admin.adminToken)).expect(200);
  });
  afterAll(async () => {
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  describe('GET /programmes', () => {
    it("lists the municipality's programmes by name, to admins and managers alike", async () => {
      const expected = [
        { id: jobbsatsningen, name: 'Jobbsatsningen', budgetSek: 1_000_000 },
        { id: aldrelyftet, name: 'Äldrelyftet', budgetSek: 200_000 },
      ];
      expect((await t.http().get('/api/v1/programmes').set(auth(admin.adminToken)).expect(200)).body).toEqual(expected);
      expect((await t.http().get('/api/v1/programmes').set(auth(manager.token)).expect(200)).body).toEqual(expected);
      expect((await t.http().get('/api/v1/programmes').set(auth(other.adminToken)).expect(200)).body).toEqual([
        { id: foreignProgramme, name: 'Linköpingssatsningen', budgetSek: 5_000 },
      ]);
    });

    it('refuses an hourly cost that is negative or finer than öre', async () => {
      const send = (hourlyCostSek: unknown) =>
        t.http().post('/api/v1/programmes').set(auth(admin.adminToken)).send({ name: 'Fel', budgetSek: 10, allocations: [{ serviceArea: 'kost', amountSek: 1, hourlyCostSek }] });
      expectFieldError(await send(-1), 'allocations.0.hourlyCostSek');
      expectFieldError(await send(312.555), 'allocations.0.hourlyCostSek');
      expectFieldError(await send('300'), 'allocations.0.hourlyCostSek');
    });
  });

  describe('GET /programmes/{id}/report', () => {
    it('counts the vacancies naming the programme, their booked hours and cost, by service area', async () => {
      const res = await t.http().get(`/api/v1/programmes/${jobbsatsningen}/report`).set(auth(admin.adminToken)).expect(200);
      // Jobbsatsningen's vacancies: V1, V2, V3, V4, V6, V9 (V5 is cancelled; V7, V8 and V10 name no programme).
      // Filled: all but V3, whose only booking was cancelled. Minutes to fill: 30, 90, 120, 10, 45 → median 45.
      // Hours: V1 7.5 + V2 8 + V4 7 (the night the clocks go forward) + V6 8 + V9 7.5 = 38.
      // Vård och omsorg: V1, V2, V3, V6, V9; 31 hours × 312.50 kr = 9 687.50 kr.
      // Utbildning: V4 only, 7 hours; no allocation, so no budget and no hourly cost. Kost: allocated, no vacancies.
      expect(res.body).toEqual({
        vacancies: 6,
        filled: 5,
        fillRate: 5 / 6,
        hoursFilled: 38,
        costSek: 9687.5,
        budgetSek: 1_000_000,
        medianMinutesToFill: 45,
        byServiceArea: [
          { serviceArea: 'utbildning', budgetSek: 0, vacancies: 1, filled: 1, hoursFilled: 7, costSek: 0 },
          { serviceArea: 'vard_omsorg', budgetSek: 600_000, vacancies: 5, filled: 4, hoursFilled: 31, costSek: 9687.5 },
          { serviceArea: 'kost', budgetSek: 400_000, vacancies: 0, filled: 0, hoursFilled: 0, costSek: 0 },
        ],
      });
    });

    it('reports a programme without vacancies as zeros, with a fill rate of 0 and no median', async () => {
      const res = await t.http().get(`/api/v1/programmes/${aldrelyftet}/report`).set(auth(admin.adminToken)).expect(200);
      expect(res.body).toEqual({
        vacancies: 0,
        filled: 0,
        fillRate: 0,
        hoursFilled: 0,
        costSek: 0,
        budgetSek: 200_000,
        medianMinutesToFill: null,
        byServiceArea: [{ serviceArea: 'vard_omsorg', budgetSek: 150_000, vacancies: 0, filled: 0, hoursFilled: 0, costSek: 0 }],
      });
    });

    it("answers 404 for another municipality's programme and an unknown id, 400 for a malformed one, 403 to a manager", async () => {
      expectError(await t.http().get(`/api/v1/programmes/${foreignProgramme}/report`).set(auth(admin.adminToken)), 404, 'NOT_FOUND');
      expectError(await t.http().get(`/api/v1/programmes/${jobbsatsningen}/report`).set(auth(other.adminToken)), 404, 'NOT_FOUND');
      expectError(await t.http().get(`/api/v1/programmes/${randomUUID()}/report`).set(auth(admin.adminToken)), 404, 'NOT_FOUND');
      expectFieldError(await t.http().get('/api/v1/programmes/jobbsatsningen/report').set(auth(admin.adminToken)), 'id');
      expectError(await t.http().get(`/api/v1/programmes/${jobbsatsningen}/report`).set(auth(manager.token)), 403, 'FORBIDDEN');
    });
  });

  describe('GET /reports/fill-rate', () => {
    const fillRate = (token: string, groupBy: string, from = '2026-03-01', to = '2026-03-31') =>
      t.http().get('/api/v1/reports/fill-rate').query({ from, to, groupBy }).set(auth(token));

    // March: V1, V2, V3, V4, V6, V7, V9. Not V5 (cancelled), V8 (April), nor V10, which starts at 00:30 on
    // 1 April in Sweden though it is still 31 March in UTC; V9 starts on 1 March in Sweden, 28 February in UTC.

    it('groups by lead time from creation to the first shift', async () => {
      // under 3 h: V3 (1 h, not filled), V7 (1 h, 20 min). 3–24 h: V1 (23 h, 30 min), V2 (10 h, 90 min).
      // 1–3 days: V6 (61 h, 10 min), V9 (38.5 h, 45 min). Over 3 days: V4 (204 h, 120 min).
      expect((await fillRate(admin.adminToken, 'leadTime').expect(200)).body).toEqual([
        { group: 'under_3h', vacancies: 2, filled: 1, unfilled: 1, fillRate: 0.5, medianMinutesToFill: 20 },
        { group: '3h_24h', vacancies: 2, filled: 2, unfilled: 0, fillRate: 1, medianMinutesToFill: 60 },
        { group: '1d_3d', vacancies: 2, filled: 2, unfilled: 0, fillRate: 1, medianMinutesToFill: 27.5 },
        { group: 'over_3d', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 120 },
      ]);
    });

    it('groups by the Swedish weekday of the first shift, 1 = Monday', async () => {
      // Mon V3; Tue V1, V6 (30 and 10 min); Thu V7; Fri V2; Sat V4; Sun V9 (Saturday in UTC).
      expect((await fillRate(admin.adminToken, 'weekday').expect(200)).body).toEqual([
        { group: '1', vacancies: 1, filled: 0, unfilled: 1, fillRate: 0, medianMinutesToFill: null },
        { group: '2', vacancies: 2, filled: 2, unfilled: 0, fillRate: 1, medianMinutesToFill: 20 },
        { group: '4', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 20 },
        { group: '5', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 90 },
        { group: '6', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 120 },
        { group: '7', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 45 },
      ]);
    });

    it("groups by the unit's service area", async () => {
      // Vård och omsorg: V1, V2, V3, V6, V7, V9; filled after 30, 90, 10, 20, 45 min → median 30.
      expect((await fillRate(admin.adminToken, 'serviceArea').expect(200)).body).toEqual([
        { group: 'utbildning', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 120 },
        { group: 'vard_omsorg', vacancies: 6, filled: 5, unfilled: 1, fillRate: 5 / 6, medianMinutesToFill: 30 },
      ]);
    });

    it('groups by unit, labelled with its name and in name order', async () => {
      // Ljuragården: V3, V7. Navestadsskolan: V4. Vrinnevihemmet: V1, V2, V6, V9 (30, 90, 10, 45 → 37.5).
      expect((await fillRate(admin.adminToken, 'unit').expect(200)).body).toEqual([
        { group: units.ljura, label: 'Ljuragården', vacancies: 2, filled: 1, unfilled: 1, fillRate: 0.5, medianMinutesToFill: 20 },
        { group: units.navestad, label: 'Navestadsskolan; fritids', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 120 },
        { group: units.vrinnevi, label: 'Vrinnevihemmet', vacancies: 4, filled: 4, unfilled: 0, fillRate: 1, medianMinutesToFill: 37.5 },
      ]);
    });

    it("shows a manager their own units' vacancies only", async () => {
      expect((await fillRate(manager.token, 'unit').expect(200)).body).toEqual([
        { group: units.vrinnevi, label: 'Vrinnevihemmet', vacancies: 4, filled: 4, unfilled: 0, fillRate: 1, medianMinutesToFill: 37.5 },
      ]);
      expect((await fillRate(manager.token, 'serviceArea').expect(200)).body).toEqual([
        { group: 'vard_omsorg', vacancies: 4, filled: 4, unfilled: 0, fillRate: 1, medianMinutesToFill: 37.5 },
      ]);
      const stranger = await makeManager(t, admin.adminToken, []);
      expect((await fillRate(stranger.token, 'unit').expect(200)).body).toEqual([]);
    });

    it('takes the dates as Swedish local dates, both inclusive', async () => {
      // 1 March alone: V9 only. 1 April alone: V10 (00:30) only; V6 starts on 31 March.
      expect((await fillRate(admin.adminToken, 'unit', '2026-03-01', '2026-03-01').expect(200)).body.map((r: { group: string; vacancies: number }) => [r.group, r.vacancies])).toEqual([
        [units.vrinnevi, 1],
      ]);
      expect((await fillRate(admin.adminToken, 'unit', '2026-04-01', '2026-04-01').expect(200)).body.map((r: { group: string; vacancies: number }) => [r.group, r.vacancies])).toEqual([
        [units.ljura, 1],
      ]);
      expect((await fillRate(admin.adminToken, 'unit', '2025-01-01', '2025-12-31').expect(200)).body).toEqual([]);
      // The other municipality sees its own vacancy only.
      expect((await fillRate(other.adminToken, 'serviceArea').expect(200)).body).toEqual([
        { group: 'vard_omsorg', vacancies: 1, filled: 1, unfilled: 0, fillRate: 1, medianMinutesToFill: 60 },
      ]);
    });

    it('refuses missing, malformed and impossible dates, a reversed or too long period and an unknown grouping', async () => {
      const ask = (query: Record<string, string>) => t.http().get('/api/v1/reports/fill-rate').query(query).set(auth(admin.adminToken));
      expect(expectFieldError(await ask({ to: '2026-03-31', groupBy: 'unit' }), 'from')).toBe('is required: a date such as 2027-01-31 (YYYY-MM-DD)');
      expectFieldError(await ask({ from: '2026-03-01', groupBy: 'unit' }), 'to');
      expect(expectFieldError(await ask({ from: '2026-02-30', to: '2026-03-31', groupBy: 'unit' }), 'from')).toBe('must be a date such as 2027-01-31 (YYYY-MM-DD)');
      expectFieldError(await ask({ from: '1/3/2026', to: '2026-03-31', groupBy: 'unit' }), 'from');
      expectFieldError(await ask({ from: '2026-03-01', to: '2026-03-31T00:00', groupBy: 'unit' }), 'to');
      expect(expectFieldError(await ask({ from: '2026-03-31', to: '2026-03-01', groupBy: 'unit' }), 'to')).toBe('must be on or after from (2026-03-31)');
      // 2028 is a leap year: 2028-01-01 to 2029-01-01 is 366 days apart and allowed, one more day is not.
      await ask({ from: '2028-01-01', to: '2029-01-01', groupBy: 'unit' }).expect(200);
      const tooLong = await ask({ from: '2028-01-01', to: '2029-01-02', groupBy: 'unit' });
      expect(expectFieldError(tooLong, 'to')).toBe('must be at most 366 days after from; 2028-01-01 to 2029-01-02 is 367 days apart');
      expect(tooLong.body.message).toBe('Invalid request: to must be at most 366 days after from; 2028-01-01 to 2029-01-02 is 367 days apart.');
      expectFieldError(await ask({ from: '2026-03-01', to: '2026-03-31', groupBy: 'month' }), 'groupBy');
      expectFieldError(await ask({ from: '2026-03-01', to: '2026-03-31' }), 'groupBy');
      expectFieldError(await ask({ from: '2026-03-01', to: '2026-03-31', groupBy: 'unit', unitId: units.ljura }), 'unitId');
    });
  });

  describe('GET /reports/payroll', () => {
    const payroll = (month: string, token = admin.adminToken) =>
      t.http().get('/api/v1/reports/payroll').query({ month }).set(auth(token)).buffer(true).parse(rawBytes);

    const HEADER = 'Vikarie-id;Namn;Enhet;Verksamhet;Behörighet;Datum;Start;Slut;Timmar;Program';

    it('is a UTF-8 CSV with a byte-order mark, ; between fields, decimal commas and CRLF: one row per booked shift starting in the month', async () => {
      const res: Response = await payroll('2026-03').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="lon-2026-03.csv"');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      // March's shifts by start: V9 (1 March in Sweden), V1, V2 (Bo, erased: id only), V7 (no programme),
      // V4 (7 hours, the clocks go forward; the unit's name holds a ; so it is quoted), V6 (31 March, ends in April).
      // Not V3 (booking cancelled), V5 (cancelled), V10 (1 April in Sweden), V8, nor the other municipality's.
      const asa = `${s1};"Åsa Öberg ""Lillan"""`;
      expect(text.split('\r\n')).toEqual([
        HEADER,
        `${asa};Vrinnevihemmet;Vård och omsorg;Undersköterska;2026-03-01;00:30;08:00;7,5;Jobbsatsningen`,
        `${asa};Vrinnevihemmet;Vård och omsorg;Undersköterska;2026-03-03;07:00;14:30;7,5;Jobbsatsningen`,
        `${s2};;Vrinnevihemmet;Vård och omsorg;Undersköterska;2026-03-06;22:00;06:00;8;Jobbsatsningen`,
        `${asa};Ljuragården;Vård och omsorg;Undersköterska;2026-03-12;08:00;12:00;4;`,
        `${asa};"Navestadsskolan; fritids";Utbildning;Barnskötare;2026-03-28;22:00;06:00;7;Jobbsatsningen`,
        `${asa};Vrinnevihemmet;Vård och omsorg;Undersköterska;2026-03-31;22:00;06:00;8;Jobbsatsningen`,
        '',
      ]);
    });

    it('puts a shift in the month it starts in, Swedish time', async () => {
      // April: V10 (00:30 on 1 April, 31 March in UTC; Bo, erased) and V8's two shifts. Not V6, begun on 31 March.
      const text = ((await payroll('2026-04').expect(200)).body as Buffer).toString('utf8');
      expect(text.split('\r\n')).toEqual([
        `\uFEFF${HEADER}`,
        `${s2};;Ljuragården;Vård och omsorg;Undersköterska;2026-04-01;00:30;07:00;6,5;`,
        `${s1};"Åsa Öberg ""Lillan""";Vrinnevihemmet;Vård och omsorg;Undersköterska;2026-04-06;07:00;15:00;8;`,
        `${s1};"Åsa Öberg ""Lillan""";Vrinnevihemmet;Vård och omsorg;Undersköterska;2026-04-07;07:00;15:00;8;`,
        '',
      ]);
      expect(((await payroll('2026-05').expect(200)).body as Buffer).toString('utf8')).toBe(`\uFEFF${HEADER}\r\n`);
    });

    it('keeps in the audit log who took which month’s file', async () => {
      await payroll('2026-02').expect(200);
      const entries = await t.db.query(`SELECT actor_role, details FROM audit_entry WHERE action = 'payroll_exported' AND details->>'month' = '2026-02'`);
      expect(entries).toEqual([{ actor_role: 'admin', details: { month: '2026-02' } }]);
    });

    it('refuses a missing or malformed month, and managers', async () => {
      for (const month of ['2026-13', '2026-3', '2026-03-01', 'mars', '']) {
        const res = await t.http().get('/api/v1/reports/payroll').query({ month }).set(auth(admin.adminToken));
        expect({ month, problem: expectFieldError(res, 'month') }).toEqual({ month, problem: expect.stringContaining('a month such as 2027-01 (YYYY-MM)') });
      }
      expectFieldError(await t.http().get('/api/v1/reports/payroll').set(auth(admin.adminToken)), 'month');
      expectError(await t.http().get('/api/v1/reports/payroll').query({ month: '2026-03' }).set(auth(manager.token)), 403, 'FORBIDDEN');
      expectError(await t.http().get('/api/v1/reports/payroll').query({ month: '2026-03' }), 401, 'UNAUTHENTICATED');
    });
  });
});
