import { randomBytes, randomUUID } from 'node:crypto';
import { auth, makeManager, makeUnit } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';
import { local, utc } from './support/time';
import { expectError, expectFieldError } from './support/errors';

type Admin = Awaited<ReturnType<typeof seedMunicipality>>;


describe('absences, vacancies and programmes: bad input and access rules', () => {
  let t: TestApp;
  let admin: Admin;
  let other: Admin;
  let ownUnit: { id: string };
  let otherUnit: { id: string };
  let foreignUnit: { id: string };
  let foreignProgrammeId: string;
  let manager: { token: string };

  const body = (overrides: Record<string, unknown> = {}) => ({
    unitId: ownUnit.id,
    reason: 'sick',
    qualification: 'underskoterska',
    shifts: [
      { start: local(7, '07:00'), end: local(7, '16:00') },
      { start: local(8, '07:00'), end: local(8, '16:00') },
    ],
    ...overrides,
  });
  const post = (token: string, payload: unknown) => t.http().post('/api/v1/absences').set(auth(token)).send(payload as object);
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);
  const absenceCount = () => count('SELECT count(*)::int AS n FROM absence');
  const storedShifts = async (vacancyId: string) =>
    (await t.db.query('SELECT lower(period) AS s, upper(period) AS e FROM vacancy_shift WHERE vacancy_id = $1 ORDER BY lower(period)', [vacancyId])).map(
      (r: { s: Date; e: Date }) => [r.s.toISOString(), r.e.toISOString()],
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    other = await seedMunicipality(t, 'Linköpings kommun');
    ownUnit = await makeUnit(t, admin.adminToken, { name: 'Vrinnevihemmet', district: 'Vrinnevi' });
    otherUnit = await makeUnit(t, admin.adminToken, { name: 'Ljuragården', district: 'Ljura' });
    foreignUnit = await makeUnit(t, other.adminToken, { name: 'Linköpings äldreboende' });
    manager = await makeManager(t, admin.adminToken, [ownUnit.id]);
    const programme = await t
      .http()
      .post('/api/v1/programmes')
      .set(auth(other.adminToken))
      .send({ name: 'Linköpingssatsningen', budgetSek: 1_000_000, allocations: [{ serviceArea: 'vard_omsorg', amountSek: 1_000_000 }] })
      .expect(201);
    foreignProgrammeId = programme.body.id;
  });
  afterAll(async () => {
    await t.close();
    await dropDatabase(t.databaseUrl);
  });

  describe('POST /absences', () => {
    it('a manager posts for an own unit: 201 with one open vacancy holding every shift, and one match outbox row', async () => {
      const payload = body({ reason: 'study_leave', note: 'Kurs i demensvård' });
      const res = await post(manager.token, payload).expect(201);
      expect(res.body).toMatchObject({ id: expect.any(String), unitId: ownUnit.id, reason: 'study_leave', qualification: 'underskoterska', note: 'Kurs i demensvård' });
      expect(res.body.vacancies).toEqual([
        expect.objectContaining({
          id: expect.any(String),
          status: 'open',
          qualification: 'underskoterska',
          shifts: payload.shifts.map((s) => ({ start: utc(s.start), end: utc(s.end) })),
        }),
      ]);
      const vacancyId = res.body.vacancies[0].id;
      expect(await storedShifts(vacancyId)).toEqual(payload.shifts.map((s) => [utc(s.start), utc(s.end)]));
      const outbox = await t.db.query(`SELECT kind, payload->>'vacancyId' AS vacancy_id, done_at FROM outbox WHERE payload->>'vacancyId' = $1`, [vacancyId]);
      expect(outbox).toEqual([{ kind: 'match', vacancy_id: vacancyId, done_at: null }]);
      const [row] = await t.db.query('SELECT municipality_id, unit_id, reason FROM absence WHERE id = $1', [res.body.id]);
      expect(row).toEqual({ municipality_id: admin.municipalityId, unit_id: ownUnit.id, reason: 'study_leave' });
    });

    it('splitShifts: true opens one vacancy per shift, each with its own match outbox row', async () => {
      const payload = body({
        splitShifts: true,
        shifts: [
          { start: local(10, '07:00'), end: local(10, '16:00') },
          { start: local(9, '07:00'), end: local(9, '16:00') },
          { start: local(11, '22:00'), end: local(12, '07:00') },
        ],
      });
      const res = await post(manager.token, payload).expect(201);
      expect(res.body.vacancies).toHaveLength(3);
      const shifts = res.body.vacancies.map((v: { shifts: unknown[] }) => v.shifts);
      expect(shifts).toEqual([
        [{ start: utc(local(9, '07:00')), end: utc(local(9, '16:00')) }],
        [{ start: utc(local(10, '07:00')), end: utc(local(10, '16:00')) }],
        [{ start: utc(local(11, '22:00')), end: utc(local(12, '07:00')) }],
      ]);
      const ids = res.body.vacancies.map((v: { id: string }) => v.id);
      const outbox = await t.db.query(`SELECT kind, payload->>'vacancyId' AS vacancy_id FROM outbox WHERE payload->>'vacancyId' = ANY($1) ORDER BY id`, [ids]);
      expect(outbox.map((r: { kind: string }) => r.kind)).toEqual(['match', 'match', 'match']);
      expect(outbox.map((r: { vacancy_id: string }) => r.vacancy_id).sort()).toEqual([...ids].sort());
    });

    it('refuses overlapping or identical shifts also when each is its own vacancy: one absence is one person away once', async () => {
      const overlapping = [
        { start: local(13, '07:00'), end: local(13, '16:00') },
        { start: local(13, '12:00'), end: local(13, '20:00') },
      ];
      expect(expectFieldError(await post(manager.token, body({ splitShifts: true, shifts: overlapping })), 'shifts.1')).toBe('overlaps shifts.0');
      const same = { start: local(13, '07:00'), end: local(13, '16:00') };
      expectFieldError(await post(manager.token, body({ splitShifts: true, shifts: [same, same, same] })), 'shifts.1');
    });

    it("a manager posting for a unit not theirs gets 404 and nothing is written; an admin may post for any unit", async () => {
      const before = await absenceCount();
      expectError(await post(manager.token, body({ unitId: otherUnit.id })), 404, 'NOT_FOUND');
      expectError(await post(manager.token, body({ unitId: randomUUID() })), 404, 'NOT_FOUND');
      expect(await absenceCount()).toBe(before);

      const res = await post(admin.adminToken, body({ unitId: otherUnit.id })).expect(201);
      expect(res.body.unitId).toBe(otherUnit.id);
      const ownByAdmin = await post(admin.adminToken, body()).expect(201);
      expect(ownByAdmin.body.unitId).toBe(ownUnit.id);

      // The manager cannot read the absence of the other unit either.
      expectError(await t.http().get(`/api/v1/absences/${res.body.id}`).set(auth(manager.token)), 404, 'NOT_FOUND');
    });

    it("another municipality's unit or programme is 404, and nothing is written", async () => {
      const before = await absenceCount();
      expectError(await post(admin.adminToken, body({ unitId: foreignUnit.id })), 404, 'NOT_FOUND');
      expectError(await post(admin.adminToken, body({ programmeId: foreignProgrammeId })), 404, 'NOT_FOUND');
      expectError(await post(manager.token, body({ programmeId: foreignProgrammeId })), 404, 'NOT_FOUND');
      expectError(await post(other.adminToken, body()), 404, 'NOT_FOUND');
      expect(await absenceCount()).toBe(before);
      const absence = await t.db.query('SELECT id FROM absence WHERE unit_id = $1 LIMIT 1', [ownUnit.id]);
      expectError(await t.http().get(`/api/v1/absences/${absence[0].id}`).set(auth(other.adminToken)), 404, 'NOT_FOUND');
    });

    it('takes a programme of the own municipality', async () => {
      const programme = await t
        .http()
        .post('/api/v1/programmes')
        .set(auth(admin.adminToken))
        .send({ name: 'Jobbsatsningen', budgetSek: 52_000_000, allocations: [{ serviceArea: 'vard_omsorg', amountSek: 13_000_000 }] })
        .expect(201);
      const res = await post(manager.token, body({ reason: 'study_leave', programmeId: programme.body.id })).expect(201);
      expect(res.body.programmeId).toBe(programme.body.id);
    });

    it('refuses shifts that end before they start, have ended, last over 24 h or overlap, naming the field', async () => {
      const before = await absenceCount();
      const reversed = expectFieldError(await post(manager.token, body({ shifts: [{ start: local(7, '16:00'), end: local(7, '07:00') }] })), 'shifts.0.end');
      expect(reversed).toContain('after start');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: local(7, '16:00'), end: local(7, '16:00') }] })), 'shifts.0.end');
      const ended = expectFieldError(await post(manager.token, body({ shifts: [{ start: local(-1, '07:00'), end: local(-1, '16:00') }] })), 'shifts.0.end');
      expect(ended).toContain('ended');
      const long = expectFieldError(await post(manager.token, body({ shifts: [{ start: local(7, '07:00'), end: local(8, '07:01') }] })), 'shifts.0.end');
      expect(long).toContain('24 hours');
      const overlap = expectFieldError(
        await post(manager.token, body({ shifts: [{ start: local(7, '07:00'), end: local(7, '16:00') }, { start: local(7, '15:00'), end: local(7, '20:00') }] })),
        'shifts.1',
      );
      expect(overlap).toContain('overlaps shifts.0');
      // The second of three shifts is the bad one.
      expectFieldError(
        await post(manager.token, body({ shifts: [{ start: local(7, '07:00'), end: local(7, '16:00') }, { start: local(8, '16:00'), end: local(8, '07:00') }, { start: local(9, '07:00'), end: local(9, '16:00') }] })),
        'shifts.1.end',
      );
      expect(await absenceCount()).toBe(before);
    });

    it('refuses malformed shifts, times and fields, naming them', async () => {
      const before = await absenceCount();
      expectFieldError(await post(manager.token, body({ shifts: [] })), 'shifts');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: local(7, '07:00') }] })), 'shifts.0.end');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: 'i morgon', end: local(7, '16:00') }] })), 'shifts.0.start');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: local(7, '07:00'), end: local(7, '25:00') }] })), 'shifts.0.end');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: '2027-02-30T07:00', end: '2027-02-30T16:00' }] })), 'shifts.0.start');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: '9999-12-31T22:00:00Z', end: '9999-12-31T23:00:00Z' }] })), 'shifts.0.start');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: `${local(7, '07:00')}+99:99`, end: local(7, '16:00') }] })), 'shifts.0.start');
      expectFieldError(await post(manager.token, body({ shifts: [[{ start: local(7, '07:00'), end: local(7, '16:00') }]] })), 'shifts');
      expectFieldError(await post(manager.token, body({ shifts: [null] })), 'shifts');
      expectFieldError(await post(manager.token, body({ shifts: { start: local(7, '07:00'), end: local(7, '16:00') } })), 'shifts');
      expectFieldError(await post(manager.token, body({ shifts: [{ start: local(7, '07:00'), end: local(7, '16:00'), wage: 200 }] })), 'shifts.0.wage');
      expectFieldError(await post(manager.token, body({ reason: 'hungover' })), 'reason');
      expectFieldError(await post(manager.token, body({ unitId: 'Vrinnevihemmet' })), 'unitId');
      expectFieldError(await post(manager.token, body({ programmeId: 42 })), 'programmeId');
      expectFieldError(await post(manager.token, body({ splitShifts: 'yes' })), 'splitShifts');
      expectFieldError(await post(manager.token, body({ note: 'x'.repeat(2001) })), 'note');
      expectFieldError(await post(manager.token, body({ note: 'nul\u0000byte' })), 'note');
      expectFieldError(await post(manager.token, body({ priority: 'high' })), 'priority');
      expect(await absenceCount()).toBe(before);
    });

    it('refuses an unknown qualification', async () => {
      const before = await absenceCount();
      const problem = expectFieldError(await post(manager.token, body({ qualification: 'astronaut' })), 'qualification');
      expect(problem).toContain('astronaut');
      expectFieldError(await post(manager.token, body({ qualification: 'Undersköterska' })), 'qualification');
      expectFieldError(await post(manager.token, body({ qualification: ['underskoterska'] })), 'qualification');
      expect(await absenceCount()).toBe(before);
    });

    it('expands a weekly schedule in Swedish time, across the spring change', async () => {
      const res = await post(
        manager.token,
        body({ shifts: undefined, schedule: { from: '2027-03-22', to: '2027-04-02', weekdays: [1, 2, 3, 4, 5], startTime: '07:00', endTime: '16:00' } }),
      ).expect(201);
      expect(res.body.vacancies).toHaveLength(1);
      const shifts = await storedShifts(res.body.vacancies[0].id);
      expect(shifts).toHaveLength(10);
      // 07:00 in Sweden is 06:00Z in winter time and 05:00Z from 28 March.
      expect(shifts.slice(0, 5)).toEqual(['22', '23', '24', '25', '26'].map((d) => [`2027-03-${d}T06:00:00.000Z`, `2027-03-${d}T15:00:00.000Z`]));
      expect(shifts.slice(5)).toEqual(['03-29', '03-30', '03-31', '04-01', '04-02'].map((d) => [`2027-${d}T05:00:00.000Z`, `2027-${d}T14:00:00.000Z`]));

      const split = await post(
        manager.token,
        body({ shifts: undefined, splitShifts: true, schedule: { from: '2027-10-30', to: '2027-10-31', weekdays: [6, 7], startTime: '22:00', endTime: '07:00' } }),
      ).expect(201);
      expect(split.body.vacancies.map((v: { shifts: unknown[] }) => v.shifts)).toEqual([
        [{ start: '2027-10-30T20:00:00.000Z', end: '2027-10-31T06:00:00.000Z' }],
        [{ start: '2027-10-31T21:00:00.000Z', end: '2027-11-01T06:00:00.000Z' }],
      ]);
    });

    it('refuses a bad schedule, both shifts and schedule, and neither', async () => {
      const before = await absenceCount();
      const schedule = { from: '2027-01-11', to: '2027-01-15', weekdays: [1, 2, 3, 4, 5], startTime: '07:00', endTime: '16:00' };
      expectFieldError(await post(manager.token, body({ schedule })), 'schedule');
      expectFieldError(await post(manager.token, body({ shifts: undefined })), 'shifts');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, startTime: '7' } })), 'schedule.startTime');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, from: '2027-02-30' } })), 'schedule.from');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, to: '2027-01-10' } })), 'schedule.to');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, weekdays: [0, 8] } })), 'schedule.weekdays');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, weekdays: [6, 7] } })), 'schedule');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, to: '9999-12-31' } })), 'schedule.to');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, to: '2099-01-01' } })), 'schedule');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: [schedule] })), 'schedule');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: 'Mon-Fri 07-16' })), 'schedule');
      expectFieldError(await post(manager.token, body({ shifts: undefined, schedule: { ...schedule, from: '2027-03-28', to: '2027-03-28', weekdays: [7], startTime: '02:30', endTime: '06:00' } })), 'schedule.startTime');
      expect(await absenceCount()).toBe(before);
    });
  });

  describe('daylight-saving time', () => {
    it('stores a night shift over the last Sunday of March as 21:00Z-05:00Z (8 hours)', async () => {
      const res = await post(manager.token, body({ shifts: [{ start: '2027-03-27T22:00', end: '2027-03-28T07:00' }] })).expect(201);
      expect(await storedShifts(res.body.vacancies[0].id)).toEqual([['2027-03-27T21:00:00.000Z', '2027-03-28T05:00:00.000Z']]);
      expect(res.body.vacancies[0].shifts).toEqual([{ start: '2027-03-27T21:00:00.000Z', end: '2027-03-28T05:00:00.000Z' }]);
    });

    it('stores a night shift over the last Sunday of October as 20:00Z-06:00Z (10 hours)', async () => {
      const res = await post(manager.token, body({ shifts: [{ start: '2027-10-30T22:00', end: '2027-10-31T07:00' }] })).expect(201);
      expect(await storedShifts(res.body.vacancies[0].id)).toEqual([['2027-10-30T20:00:00.000Z', '2027-10-31T06:00:00.000Z']]);
    });

    it('refuses a wall-clock time in the hour skipped in March', async () => {
      const before = await absenceCount();
      const problem = expectFieldError(await post(manager.token, body({ shifts: [{ start: '2027-03-28T02:30', end: '2027-03-28T07:00' }] })), 'shifts.0.start');
      expect(problem).toContain('does not exist');
      expect(await absenceCount()).toBe(before);
    });

    it('asks for an offset for a wall-clock time in the hour repeated in October, and takes it with one', async () => {
      const problem = expectFieldError(await post(manager.token, body({ shifts: [{ start: '2027-10-31T02:30', end: '2027-10-31T07:00' }] })), 'shifts.0.start');
      expect(problem).toMatch(/offset/);
      const first = await post(manager.token, body({ shifts: [{ start: '2027-10-31T02:30+02:00', end: '2027-10-31T07:00' }] })).expect(201);
      expect(await storedShifts(first.body.vacancies[0].id)).toEqual([['2027-10-31T00:30:00.000Z', '2027-10-31T06:00:00.000Z']]);
      const second = await post(manager.token, body({ shifts: [{ start: '2027-10-31T02:30:00+01:00', end: '2027-10-31T07:00' }] })).expect(201);
      expect(await storedShifts(second.body.vacancies[0].id)).toEqual([['2027-10-31T01:30:00.000Z', '2027-10-31T06:00:00.000Z']]);
    });
  });

  describe('GET /vacancies', () => {
    let ownVacancy: string;
    let otherVacancy: string;
    let foreignVacancy: string;

    beforeAll(async () => {
      ownVacancy = (await post(manager.token, body({ shifts: [{ start: local(20, '07:00'), end: local(20, '16:00') }] })).expect(201)).body.vacancies[0].id;
      otherVacancy = (await post(admin.adminToken, body({ unitId: otherUnit.id, shifts: [{ start: local(21, '07:00'), end: local(21, '16:00') }] })).expect(201)).body.vacancies[0].id;
      foreignVacancy = (await post(other.adminToken, body({ unitId: foreignUnit.id })).expect(201)).body.vacancies[0].id;
    });

    it('shows a manager the vacancies of own units only', async () => {
      const res = await t.http().get('/api/v1/vacancies').set(auth(manager.token)).expect(200);
      const ids = res.body.map((v: { id: string }) => v.id);
      expect(ids).toContain(ownVacancy);
      expect(ids).not.toContain(otherVacancy);
      expect(ids).not.toContain(foreignVacancy);
      expect(res.body.every((v: { unitId: string }) => v.unitId === ownUnit.id)).toBe(true);
      // Asking for another unit by id shows nothing of it.
      const asked = await t.http().get(`/api/v1/vacancies?unitId=${otherUnit.id}`).set(auth(manager.token)).expect(200);
      expect(asked.body).toEqual([]);
    });

    it('lets an admin filter by unitId and status, within the own municipality', async () => {
      const byUnit = await t.http().get(`/api/v1/vacancies?unitId=${otherUnit.id}`).set(auth(admin.adminToken)).expect(200);
      expect(byUnit.body.map((v: { id: string }) => v.id)).toContain(otherVacancy);
      expect(byUnit.body.every((v: { unitId: string }) => v.unitId === otherUnit.id)).toBe(true);

      const open = await t.http().get(`/api/v1/vacancies?status=open&unitId=${ownUnit.id}`).set(auth(admin.adminToken)).expect(200);
      expect(open.body.map((v: { id: string }) => v.id)).toContain(ownVacancy);
      expect(open.body.every((v: { status: string; unitId: string }) => v.status === 'open' && v.unitId === ownUnit.id)).toBe(true);

      await t.db.query(`UPDATE vacancy SET status = 'cancelled' WHERE id = $1`, [otherVacancy]);
      const cancelled = await t.http().get('/api/v1/vacancies?status=cancelled').set(auth(admin.adminToken)).expect(200);
      expect(cancelled.body.map((v: { id: string }) => v.id)).toEqual([otherVacancy]);
      const stillOpen = await t.http().get('/api/v1/vacancies?status=open').set(auth(admin.adminToken)).expect(200);
      expect(stillOpen.body.map((v: { id: string }) => v.id)).not.toContain(otherVacancy);

      const all = await t.http().get('/api/v1/vacancies').set(auth(admin.adminToken)).expect(200);
      expect(all.body.map((v: { id: string }) => v.id)).not.toContain(foreignVacancy);
      const foreign = await t.http().get(`/api/v1/vacancies?unitId=${foreignUnit.id}`).set(auth(admin.adminToken)).expect(200);
      expect(foreign.body).toEqual([]);
    });

    it('reads empty filters (?unitId=&status=, as a blank form sends them) as no filter', async () => {
      const blank = await t.http().get('/api/v1/vacancies?unitId=&status=').set(auth(admin.adminToken)).expect(200);
      const all = await t.http().get('/api/v1/vacancies').set(auth(admin.adminToken)).expect(200);
      expect(blank.body.map((v: { id: string }) => v.id)).toEqual(all.body.map((v: { id: string }) => v.id));
      const own = await t.http().get('/api/v1/vacancies?unitId=&status=').set(auth(manager.token)).expect(200);
      expect(own.body.every((v: { unitId: string }) => v.unitId === ownUnit.id)).toBe(true);
    });

    it('shows a manager without units nothing, and lets them post nowhere', async () => {
      const unitless = await makeManager(t, admin.adminToken, []);
      expect((await t.http().get('/api/v1/vacancies').set(auth(unitless.token)).expect(200)).body).toEqual([]);
      expect((await t.http().get(`/api/v1/vacancies?unitId=${ownUnit.id}`).set(auth(unitless.token)).expect(200)).body).toEqual([]);
      expect((await t.http().get('/api/v1/units').set(auth(unitless.token)).expect(200)).body).toEqual([]);
      expectError(await post(unitless.token, body()), 404, 'NOT_FOUND');
    });

    it('refuses bad filters with 400 naming them, and needs a staff token', async () => {
      expectFieldError(await t.http().get('/api/v1/vacancies?status=booked').set(auth(admin.adminToken)), 'status');
      expectFieldError(await t.http().get('/api/v1/vacancies?status=open&status=filled').set(auth(admin.adminToken)), 'status');
      expectFieldError(await t.http().get('/api/v1/vacancies?unitId=Vrinnevi').set(auth(admin.adminToken)), 'unitId');
      expectFieldError(await t.http().get('/api/v1/vacancies?page=2').set(auth(admin.adminToken)), 'page');
      expectError(await t.http().get('/api/v1/vacancies'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('POST /programmes', () => {
    const programmeCount = (name: string) => count('SELECT count(*)::int AS n FROM programme WHERE name = $1', [name]);

    it('creates a programme with its allocations', async () => {
      const name = `Jobbsatsningen ${randomBytes(2).toString('hex')}`;
      const allocations = [
        { serviceArea: 'utbildning', amountSek: 13_000_000 },
        { serviceArea: 'vard_omsorg', amountSek: 13_000_000 },
        { serviceArea: 'socialtjanst', amountSek: 13_000_000 },
        { serviceArea: 'kost', amountSek: 13_000_000 },
      ];
      const res = await t.http().post('/api/v1/programmes').set(auth(admin.adminToken)).send({ name, budgetSek: 52_000_000, allocations }).expect(201);
      expect(res.body).toMatchObject({ id: expect.any(String), name, budgetSek: 52_000_000, allocations });
      const rows = await t.db.query('SELECT service_area, amount_sek::bigint::text AS amount, municipality_id FROM programme_allocation WHERE programme_id = $1 ORDER BY service_area', [res.body.id]);
      expect(rows).toHaveLength(4);
      expect(rows.every((r: { municipality_id: string; amount: string }) => r.municipality_id === admin.municipalityId && r.amount === '13000000')).toBe(true);
    });

    it('refuses allocations over the budget and a service area twice, writing nothing', async () => {
      const name = `Övertrasserad ${randomBytes(2).toString('hex')}`;
      const over = await t
        .http()
        .post('/api/v1/programmes')
        .set(auth(admin.adminToken))
        .send({ name, budgetSek: 1_000_000, allocations: [{ serviceArea: 'kost', amountSek: 600_000 }, { serviceArea: 'utbildning', amountSek: 500_000 }] });
      expect(expectFieldError(over, 'allocations')).toContain('1100000');
      const twice = await t
        .http()
        .post('/api/v1/programmes')
        .set(auth(admin.adminToken))
        .send({ name, budgetSek: 1_000_000, allocations: [{ serviceArea: 'kost', amountSek: 100 }, { serviceArea: 'kost', amountSek: 100 }] });
      expectFieldError(twice, 'allocations.1.serviceArea');
      expect(await programmeCount(name)).toBe(0);
    });

    it('refuses malformed programmes naming the field', async () => {
      const send = (payload: unknown) => t.http().post('/api/v1/programmes').set(auth(admin.adminToken)).send(payload as object);
      const ok = { name: 'Satsning', budgetSek: 1000, allocations: [] as unknown[] };
      expectFieldError(await send({ ...ok, budgetSek: -1 }), 'budgetSek');
      expectFieldError(await send({ ...ok, budgetSek: 10.5 }), 'budgetSek');
      expectFieldError(await send({ ...ok, budgetSek: '1000' }), 'budgetSek');
      expectFieldError(await send({ ...ok, budgetSek: 1e30 }), 'budgetSek');
      expectFieldError(await send({ ...ok, name: '' }), 'name');
      expectFieldError(await send({ ...ok, allocations: [{ serviceArea: 'forsvar', amountSek: 1 }] }), 'allocations.0.serviceArea');
      expectFieldError(await send({ ...ok, allocations: [{ serviceArea: 'kost', amountSek: -5 }] }), 'allocations.0.amountSek');
      expectFieldError(await send({ ...ok, allocations: [[{ serviceArea: 'kost', amountSek: 5 }]] }), 'allocations');
      expectFieldError(await send({ ...ok, allocations: [[]] }), 'allocations');
      expectFieldError(await send({ ...ok, allocations: [null] }), 'allocations');
      expectFieldError(await send({ ...ok, allocations: { kost: 5 } }), 'allocations');
      expectFieldError(await send({ ...ok, owner: 'x' }), 'owner');
      expect(await programmeCount('Satsning')).toBe(0);
    });

    it('is for admins: a manager gets 403, no token 401', async () => {
      const payload = { name: 'Chefens satsning', budgetSek: 1000, allocations: [] };
      expectError(await t.http().post('/api/v1/programmes').set(auth(manager.token)).send(payload), 403, 'FORBIDDEN');
      expectError(await t.http().post('/api/v1/programmes').send(payload), 401, 'UNAUTHENTICATED');
      expect(await programmeCount('Chefens satsning')).toBe(0);
    });
  });
});
