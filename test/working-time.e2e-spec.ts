import { randomBytes } from 'node:crypto';
import { expectError } from './support/errors';
import { eventually } from './support/eventually';
import { auth, makeSubstitute, makeUnit, signInSubstitute } from './support/factories';
import { flatSettings, offerTokens } from './support/offers';
import { Stack, startStack } from './support/stack';
import { seedMunicipality, TestApp } from './support/test-app';

type Rule = 'OVERLAP' | 'DAILY_REST' | 'WEEKLY_REST' | 'MONTHLY_CAP';
/** A shift in Swedish wall-clock time, as the API takes it: ['2027-02-08T07:00', '2027-02-08T19:00']. */
type Wall = [string, string];

/**
 * The working-time rules (API.md: daily rest, weekly rest, monthly cap, per municipality) through the whole
 * stack: matching never offers, and the open list never shows, what would break them; every way of booking
 * refuses it with SCHEDULE_CONFLICT naming the rule, also when two bookings race. All shifts are in 2027, so
 * that the weeks with the daylight-saving changes (28 March, 31 October) are in the future.
 */
describe('working-time rules in matching and booking', () => {
  let stack: Stack;
  let t: TestApp;
  /** The default rules: 11 h daily rest, 36 h weekly rest, 165 h a month. */
  let standard: Municipality;
  /** Its own rules: 14 h daily rest, 36 h weekly rest, 40 h a month. */
  let tight: Municipality;

  interface Municipality {
    municipalityId: string;
    adminToken: string;
    /** A unit in a district where nobody works: what is booked there by hand is offered to no one. */
    remoteUnitId: string;
  }

  beforeAll(async () => {
    stack = await startStack();
    t = stack.t;
    const municipality = async (rules: Record<string, number>): Promise<Municipality> => {
      const admin = await seedMunicipality(t);
      const saved = await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send({ ...flatSettings(10), ...rules }).expect(200);
      expect(saved.body).toMatchObject(rules);
      const remote = await makeUnit(t, admin.adminToken, { district: `Ödemark-${randomBytes(3).toString('hex')}` });
      return { municipalityId: admin.municipalityId, adminToken: admin.adminToken, remoteUnitId: remote.id };
    };
    standard = await municipality({ dailyRestHours: 11, weeklyRestHours: 36, monthlyHourCap: 165 });
    tight = await municipality({ dailyRestHours: 14, weeklyRestHours: 36, monthlyHourCap: 40 });
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A unit in a district of its own, so that its vacancies are offered only to the substitutes made for it. */
  const unitOf = (m: Municipality) => makeUnit(t, m.adminToken, { district: `D-${randomBytes(3).toString('hex')}` });

  /** Qualified, verified, working only in the district, and available all of 2027. */
  const substitute = (m: Municipality, district: string) =>
    makeSubstitute(t, m.adminToken, { districts: [district], availability: [{ start: '2027-01-01T00:00', end: '2028-01-01T00:00' }] });

  /** One vacancy of the shifts at the unit. */
  async function vacancy(m: Municipality, unitId: string, shifts: Wall[]): Promise<string> {
    const res = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(m.adminToken))
      .send({ unitId, reason: 'sick', qualification: 'underskoterska', shifts: shifts.map(([start, end]) => ({ start, end })) })
      .expect(201);
    expect(res.body.vacancies).toHaveLength(1);
    return res.body.vacancies[0].id as string;
  }

  const book = (m: Municipality, vacancyId: string, substituteId: string) => t.http().post(`/api/v1/vacancies/${vacancyId}/book`).set(auth(m.adminToken)).send({ substituteId });

  /** Books the substitute by hand on a vacancy of the shifts at the remote unit: the week or month they use up. */
  async function booked(m: Municipality, substituteId: string, shifts: Wall[]): Promise<void> {
    await book(m, await vacancy(m, m.remoteUnitId, shifts), substituteId).expect(200);
  }

  /** Waits for the vacancy's wave to include `expected`, then answers who was offered it. */
  const offeredOnceOut = (vacancyId: string, expected: string[]) =>
    eventually(async () => {
      const offered = [...(await offerTokens(t, vacancyId)).keys()];
      expect(offered).toEqual(expect.arrayContaining(expected));
      return offered;
    }, 20_000);

  const openFor = async (token: string) => (await t.http().get('/api/v1/vacancies/open').set(auth(token)).expect(200)).body.map((v: { id: string }) => v.id) as string[];

  function expectConflict(res: { status: number; body: unknown }, rule: Rule): void {
    expectError(res, 409, 'SCHEDULE_CONFLICT');
    expect((res.body as { details: unknown }).details).toEqual([{ field: 'rule', problem: rule }]);
  }

  /** Every five-day week: Monday to Friday from `monday` (YYYY-MM-DD), `from` to `to` each day. */
  const weekdays = (monday: string, from: string, to: string): Wall[] =>
    [0, 1, 2, 3, 4].map((d) => {
      const day = new Date(`${monday}T12:00:00Z`);
      day.setUTCDate(day.getUTCDate() + d);
      const date = day.toISOString().slice(0, 10);
      return [`${date}T${from}`, `${date}T${to}`];
    });

  it('does not offer, list or let anyone take a vacancy that would leave no 36 free hours in the week; someone without bookings gets it', async () => {
    const unit = await unitOf(standard);
    const [busy, free] = [await substitute(standard, unit.district), await substitute(standard, unit.district)];
    // Monday to Friday 07–19 leaves Friday 19:00 to Monday 00:00 free: 53 hours.
    await booked(standard, busy.id, weekdays('2027-02-08', '07:00', '19:00'));
    // Saturday 07–19 would leave at most 29 (Saturday 19:00 to Monday); it keeps the daily rest (12 h after Friday) and the cap.
    const saturday = await vacancy(standard, unit.id, [['2027-02-13T07:00', '2027-02-13T19:00']]);

    expect(await offeredOnceOut(saturday, [free.id])).not.toContain(busy.id);
    const [busyToken, freeToken] = [await signInSubstitute(t, standard.municipalityId, busy.phone), await signInSubstitute(t, standard.municipalityId, free.phone)];
    expect(await openFor(freeToken)).toContain(saturday);
    expect(await openFor(busyToken)).not.toContain(saturday);
    // The open list's check of who may take it leaves the schedule to the booking, which names the rule.
    expectConflict(await t.http().post(`/api/v1/vacancies/${saturday}/take`).set(auth(busyToken)), 'WEEKLY_REST');
    expectConflict(await book(standard, saturday, busy.id), 'WEEKLY_REST');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE vacancy_id = $1`, [saturday]);
    expect(n).toBe(0);
  });

  it('does not offer, list or let anyone take a vacancy that would take a month over its cap; up to the cap it does', async () => {
    const unit = await unitOf(tight);
    const [busy, free] = [await substitute(tight, unit.district), await substitute(tight, unit.district)];
    // 4 × 9 hours in June: 36 of the municipality's 40.
    await booked(tight, busy.id, weekdays('2027-06-07', '07:00', '16:00').slice(0, 4));
    const fiveHours = await vacancy(tight, unit.id, [['2027-06-21T07:00', '2027-06-21T12:00']]);

    expect(await offeredOnceOut(fiveHours, [free.id])).not.toContain(busy.id);
    const [busyToken, freeToken] = [await signInSubstitute(t, tight.municipalityId, busy.phone), await signInSubstitute(t, tight.municipalityId, free.phone)];
    expect(await openFor(freeToken)).toContain(fiveHours);
    expect(await openFor(busyToken)).not.toContain(fiveHours);
    expectConflict(await t.http().post(`/api/v1/vacancies/${fiveHours}/take`).set(auth(busyToken)), 'MONTHLY_CAP');

    // Four hours make exactly 40: offered, listed, and taken.
    const fourHours = await vacancy(tight, unit.id, [['2027-06-22T07:00', '2027-06-22T11:00']]);
    await offeredOnceOut(fourHours, [busy.id, free.id]);
    expect(await openFor(busyToken)).toContain(fourHours);
    await t.http().post(`/api/v1/vacancies/${fourHours}/take`).set(auth(busyToken)).expect(200);
  });

  it('refuses each rule through booking by hand with SCHEDULE_CONFLICT naming it, by the municipality’s own rules', async () => {
    // The standard municipality: a day shift on Wednesday 8 September.
    const p = await substitute(standard, 'Ingenstans');
    await booked(standard, p.id, [['2027-09-08T07:00', '2027-09-08T15:00']]);
    expectConflict(await book(standard, await vacancy(standard, standard.remoteUnitId, [['2027-09-08T14:00', '2027-09-08T18:00']]), p.id), 'OVERLAP');
    // 01:00 is ten hours after 15:00.
    expectConflict(await book(standard, await vacancy(standard, standard.remoteUnitId, [['2027-09-09T01:00', '2027-09-09T05:00']]), p.id), 'DAILY_REST');
    // Twelve hours after is enough under 11 hours' rest ...
    await book(standard, await vacancy(standard, standard.remoteUnitId, [['2027-09-09T03:00', '2027-09-09T06:00']]), p.id).expect(200);

    // ... and not under the 14 of the other municipality.
    const q = await substitute(tight, 'Ingenstans');
    await booked(tight, q.id, [['2027-09-08T07:00', '2027-09-08T15:00']]);
    expectConflict(await book(tight, await vacancy(tight, tight.remoteUnitId, [['2027-09-09T03:00', '2027-09-09T06:00']]), q.id), 'DAILY_REST');

    const r = await substitute(standard, 'Ingenstans');
    await booked(standard, r.id, weekdays('2027-09-13', '07:00', '19:00'));
    expectConflict(await book(standard, await vacancy(standard, standard.remoteUnitId, [['2027-09-18T07:00', '2027-09-18T19:00']]), r.id), 'WEEKLY_REST');

    const s = await substitute(tight, 'Ingenstans');
    await booked(tight, s.id, weekdays('2027-09-13', '07:00', '16:00').slice(0, 4));
    expectConflict(await book(tight, await vacancy(tight, tight.remoteUnitId, [['2027-09-27T07:00', '2027-09-27T12:00']]), s.id), 'MONTHLY_CAP');
  });

  it('takes the lower daily rest for bookings made before a municipality lowered it', async () => {
    const admin = await seedMunicipality(t);
    const m: Municipality = { municipalityId: admin.municipalityId, adminToken: admin.adminToken, remoteUnitId: (await makeUnit(t, admin.adminToken)).id };
    const settings = (dailyRestHours: number) => t.http().put('/api/v1/matching-settings').set(auth(m.adminToken)).send({ ...flatSettings(10), dailyRestHours }).expect(200);
    await settings(14);
    const p = await substitute(m, 'Ingenstans');
    await booked(m, p.id, [['2027-10-06T07:00', '2027-10-06T15:00']]);
    const twelveHoursAfter = await vacancy(m, m.remoteUnitId, [['2027-10-07T03:00', '2027-10-07T06:00']]);
    expectConflict(await book(m, twelveHoursAfter, p.id), 'DAILY_REST');

    await settings(11);
    await book(m, twelveHoursAfter, p.id).expect(200);
  });

  it('counts a night over the end of a month in both months', async () => {
    // Cap 40. The night of 31 August to 1 September is 2 hours in August and 6 in September.
    const unit = await unitOf(tight);
    const [august38, august39, september34, september35] = [
      await substitute(tight, unit.district),
      await substitute(tight, unit.district),
      await substitute(tight, unit.district),
      await substitute(tight, unit.district),
    ];
    await booked(tight, august38.id, [['2027-08-02T07:00', '2027-08-02T19:00'], ['2027-08-03T07:00', '2027-08-03T19:00'], ['2027-08-04T07:00', '2027-08-04T21:00']]);
    await booked(tight, august39.id, [['2027-08-02T07:00', '2027-08-02T19:00'], ['2027-08-03T07:00', '2027-08-03T19:00'], ['2027-08-04T07:00', '2027-08-04T22:00']]);
    await booked(tight, september34.id, [['2027-09-06T07:00', '2027-09-06T19:00'], ['2027-09-07T07:00', '2027-09-07T19:00'], ['2027-09-08T07:00', '2027-09-08T17:00']]);
    await booked(tight, september35.id, [['2027-09-06T07:00', '2027-09-06T19:00'], ['2027-09-07T07:00', '2027-09-07T19:00'], ['2027-09-08T07:00', '2027-09-08T18:00']]);
    const night = await vacancy(tight, unit.id, [['2027-08-31T22:00', '2027-09-01T06:00']]);

    // 38 + 2 and 34 + 6 make 40; 39 + 2 and 35 + 6 make 41.
    const offered = await offeredOnceOut(night, [august38.id, september34.id]);
    expect(offered.sort()).toEqual([august38.id, september34.id].sort());
    expectConflict(await book(tight, night, august39.id), 'MONTHLY_CAP');
    expectConflict(await book(tight, night, september35.id), 'MONTHLY_CAP');
    await book(tight, night, august38.id).expect(200);
  });

  it('measures the weekly rest in elapsed hours in the weeks of the daylight-saving changes', async () => {
    const unit = await unitOf(standard);
    const [busy, free] = [await substitute(standard, unit.district), await substitute(standard, unit.district)];
    // Monday 00:00 to Friday 13:00, then Saturday 00–12 (eleven hours' rest between): the longest free stretch
    // is Saturday 12:00 to Monday 00:00, 36 hours on the clock; 35 elapsed in spring, 37 in autumn.
    const week = (monday: string, friday: string): Wall[] => [
      ...weekdays(monday, '00:00', '23:59').slice(0, 4).map(([start]) => [start, `${nextDay(start)}T00:00`] as Wall),
      [`${friday}T00:00`, `${friday}T13:00`],
    ];
    await booked(standard, busy.id, week('2027-03-22', '2027-03-26'));
    await booked(standard, busy.id, week('2027-10-25', '2027-10-29'));
    const spring = await vacancy(standard, unit.id, [['2027-03-27T00:00', '2027-03-27T12:00']]);
    expect(await offeredOnceOut(spring, [free.id])).not.toContain(busy.id);
    const autumn = await vacancy(standard, unit.id, [['2027-10-30T00:00', '2027-10-30T12:00']]);
    await offeredOnceOut(autumn, [busy.id, free.id]);
    expectConflict(await book(standard, spring, busy.id), 'WEEKLY_REST');
    await t.http().post(`/api/v1/offers/${(await offerTokens(t, autumn)).get(busy.id)}/accept`).expect(200);

    // A vacancy that leaves 35 elapsed hours by itself has nobody to offer it to: unfilled, as when nobody fits.
    const elsewhere = await unitOf(standard);
    const fresh = await substitute(standard, elsewhere.district);
    const wholeWeek = (monday: string, saturday: string): Wall[] => [
      ...weekdays(monday, '00:00', '23:59').map(([start]) => [start, `${nextDay(start)}T00:00`] as Wall),
      [`${saturday}T00:00`, `${saturday}T12:00`],
    ];
    const autumnAlone = await vacancy(standard, elsewhere.id, wholeWeek('2027-10-25', '2027-10-30'));
    await offeredOnceOut(autumnAlone, [fresh.id]);
    const springAlone = await vacancy(standard, elsewhere.id, wholeWeek('2027-03-22', '2027-03-27'));
    await eventually(async () => {
      const details = (await t.http().get(`/api/v1/vacancies/${springAlone}`).set(auth(standard.adminToken)).expect(200)).body;
      expect({ status: details.status, offers: details.offers }).toEqual({ status: 'unfilled', offers: [] });
    }, 20_000);
    expectConflict(await book(standard, springAlone, fresh.id), 'WEEKLY_REST');
  });

  describe('two bookings at once, each lawful alone but not together', () => {
    type Path = 'offer' | 'take' | 'hand';
    const pairs: [Path, Path][] = [
      ['offer', 'offer'],
      ['offer', 'take'],
      ['offer', 'hand'],
      ['take', 'take'],
      ['take', 'hand'],
      ['hand', 'hand'],
    ];
    const scenarios: { rule: Rule; municipality: () => Municipality; first: Wall[]; second: Wall[] }[] = [
      {
        // Monday 20:00 to Thursday 08:00, and Thursday 20:00 to Saturday 20:00 (twelve hours' rest between):
        // alone, each leaves days free; together the longest free stretch is 28 hours.
        rule: 'WEEKLY_REST',
        municipality: () => standard,
        first: [['2027-05-10T20:00', '2027-05-11T20:00'], ['2027-05-11T20:00', '2027-05-12T20:00'], ['2027-05-12T20:00', '2027-05-13T08:00']],
        second: [['2027-05-13T20:00', '2027-05-14T20:00'], ['2027-05-14T20:00', '2027-05-15T20:00']],
      },
      {
        // 24 and 18 hours in May, under a cap of 40.
        rule: 'MONTHLY_CAP',
        municipality: () => tight,
        first: weekdays('2027-05-10', '07:00', '15:00').slice(0, 3),
        second: weekdays('2027-05-17', '07:00', '16:00').slice(0, 2),
      },
    ];

    for (const scenario of scenarios) {
      it.each(pairs)(`${scenario.rule}: %s and %s: one is booked, the other gets SCHEDULE_CONFLICT naming the rule`, async (firstPath, secondPath) => {
        const m = scenario.municipality();
        const unit = await unitOf(m);
        const person = await substitute(m, unit.district);
        // Matching offers each, as each is lawful alone (one after the other: two waves matching the one
        // person at once would have the second wait for the first).
        const first = await vacancy(m, unit.id, scenario.first);
        await offeredOnceOut(first, [person.id]);
        const second = await vacancy(m, unit.id, scenario.second);
        await offeredOnceOut(second, [person.id]);
        const token = await signInSubstitute(t, m.municipalityId, person.phone);
        const offerToken = new Map([first, second].map((id) => [id, '']));
        for (const id of offerToken.keys()) offerToken.set(id, (await offerTokens(t, id)).get(person.id)!);
        const attempt = (path: Path, vacancyId: string) => {
          if (path === 'offer') return t.http().post(`/api/v1/offers/${offerToken.get(vacancyId)}/accept`);
          if (path === 'take') return t.http().post(`/api/v1/vacancies/${vacancyId}/take`).set(auth(token));
          return book(m, vacancyId, person.id);
        };
        const answers = await Promise.all([attempt(firstPath, first), attempt(secondPath, second)]);

        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        expectConflict(answers.find((a) => a.status === 409)!, scenario.rule);
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE substitute_id = $1 AND status = 'confirmed'`, [person.id]);
        expect(n).toBe(1);
      });
    }
  });
});

/** The next calendar date of a wall-clock time's date. */
function nextDay(wall: string): string {
  const day = new Date(`${wall.slice(0, 10)}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
