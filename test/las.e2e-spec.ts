import { DateTime } from 'luxon';
import { expectError, expectFieldError } from './support/errors';
import { auth, makeManager, makeSubstitute, makeUnit, signInSubstitute } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';
import { dayShift, local } from './support/time';

type Form = 'vikariat' | 'sava';
type Admin = Awaited<ReturnType<typeof seedMunicipality>>;

const ZONE = 'Europe/Stockholm';
/** The Swedish local date `days` from today (negative: before). */
const day = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
/** `count` consecutive history days of one form, the first `daysAgo` days before today. */
const historyRun = (daysAgo: number, count: number, form: Form) => Array.from({ length: count }, (_, i) => ({ date: day(-daysAgo + i), form }));

/** The thresholds of a count under the default limits (365 sava and 731 vikariat days in five years; 365 days, or 274 sava days, in three). */
const thresholds = (c: { vikariatDays5y: number; savaDays5y: number; days3y: number }, savaDays3y = c.savaDays5y) => [
  { rule: 'sava_conversion', limitDays: 365, days: c.savaDays5y, remaining: 365 - c.savaDays5y },
  { rule: 'vikariat_conversion', limitDays: 731, days: c.vikariatDays5y, remaining: 731 - c.vikariatDays5y },
  { rule: 'preferential_rehire', limitDays: 365, days: c.days3y, remaining: 365 - c.days3y },
  { rule: 'preferential_rehire', limitDays: 274, days: savaDays3y, remaining: 274 - savaDays3y },
];

/**
 * LAS days through the API, on PostgreSQL: the count from confirmed bookings (the form from the absence's
 * reason, a date once, a night shift on the date it starts), asOf in the future counting the days booked up to
 * it, the days imported from the earlier system counted alike and replaced by the next import, the
 * thresholds and warnings under the municipality's limits, the staffing team's list of those near a limit,
 * who may read and import, and erasure taking the imported days with it.
 */
describe('LAS days', () => {
  let t: TestApp;
  let admin: Admin;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    unitId = (await makeUnit(t, admin.adminToken)).id;
  });
  afterAll(async () => {
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  const las = (token: string, id: string, asOf?: string) => t.http().get(`/api/v1/substitutes/${id}/las`).query(asOf === undefined ? {} : { asOf }).set(auth(token));
  const importHistory = (id: string, days: unknown, token = admin.adminToken) => t.http().put(`/api/v1/substitutes/${id}/las/history`).set(auth(token)).send(days as object);

  /** Books the substitute by hand on a new vacancy of the unit with these shifts; the booking's id. */
  async function book(owner: Admin, unit: string, substituteId: string, reason: string, shifts: { start: string; end: string }[]): Promise<string> {
    const absence = await t.http().post('/api/v1/absences').set(auth(owner.adminToken)).send({ unitId: unit, reason, qualification: 'underskoterska', shifts }).expect(201);
    const booked = await t.http().post(`/api/v1/vacancies/${absence.body.vacancies[0].id}/book`).set(auth(owner.adminToken)).send({ substituteId }).expect(200);
    return booked.body.bookingId as string;
  }

  it('counts the days of confirmed bookings by form: a date once, a night shift on the date it starts, later days once asOf reaches them', async () => {
    const anna = await makeSubstitute(t, admin.adminToken);
    // Sickness: a vikariat, two shifts on one date. Another need: a sava, a night shift from day 6 into day 7.
    await book(admin, unitId, anna.id, 'sick', [
      { start: local(3, '07:00'), end: local(3, '11:00') },
      { start: local(3, '12:00'), end: local(3, '16:00') },
    ]);
    await book(admin, unitId, anna.id, 'other', [{ start: local(6, '22:00'), end: local(7, '06:00') }]);
    const cancelled = await book(admin, unitId, anna.id, 'parental', [dayShift(10)]);
    await t.http().post(`/api/v1/bookings/${cancelled}/cancel`).set(auth(admin.adminToken)).send({ reason: 'Behövs inte' }).expect(200);

    // Today, nothing has been worked yet.
    const now = await las(admin.adminToken, anna.id).expect(200);
    const none = { vikariatDays5y: 0, savaDays5y: 0, days3y: 0 };
    expect(now.body).toEqual({ asOf: day(0), ...none, thresholds: thresholds(none), warnings: [] });

    // A later asOf counts the booked days up to it.
    const through = async (asOf: string) => {
      const { asOf: counted, vikariatDays5y, savaDays5y, days3y } = (await las(admin.adminToken, anna.id, asOf).expect(200)).body;
      return { counted, vikariatDays5y, savaDays5y, days3y };
    };
    expect(await through(day(2))).toEqual({ counted: day(2), vikariatDays5y: 0, savaDays5y: 0, days3y: 0 });
    expect(await through(day(3))).toEqual({ counted: day(3), vikariatDays5y: 1, savaDays5y: 0, days3y: 1 });
    expect(await through(day(5))).toEqual({ counted: day(5), vikariatDays5y: 1, savaDays5y: 0, days3y: 1 });
    expect(await through(day(6))).toEqual({ counted: day(6), vikariatDays5y: 1, savaDays5y: 1, days3y: 2 });
    // The night shift's morning is not a day of its own; the cancelled booking counts for nothing.
    expect(await through(day(7))).toEqual({ counted: day(7), vikariatDays5y: 1, savaDays5y: 1, days3y: 2 });
    expect(await through(day(30))).toEqual({ counted: day(30), vikariatDays5y: 1, savaDays5y: 1, days3y: 2 });

    // The substitute reads the same of themself.
    const token = await signInSubstitute(t, admin.municipalityId, anna.phone);
    expect((await las(token, anna.id, day(30)).expect(200)).body).toMatchObject({ vikariatDays5y: 1, savaDays5y: 1, days3y: 2 });
  });

  it('counts imported days like booked ones, fills a sava month of three or more, and replaces the earlier import', async () => {
    const bo = await makeSubstitute(t, admin.adminToken);
    const month = DateTime.now().setZone(ZONE).minus({ months: 6 }).startOf('month');
    const savaMonth = [2, 10, 20].map((d) => month.set({ day: d }).toISODate()!);
    const imported = await importHistory(bo.id, [
      { date: day(-40), form: 'vikariat' },
      { date: day(-41), form: 'vikariat' },
      { date: day(-40), form: 'vikariat' },
      ...savaMonth.map((date) => ({ date, form: 'sava' })),
    ]).expect(200);
    // Duplicates collapse; the days come back in date order.
    expect(imported.body).toEqual([...savaMonth.map((date) => ({ date, form: 'sava' })), { date: day(-41), form: 'vikariat' }, { date: day(-40), form: 'vikariat' }]);

    // The sava month counts from the 2nd to the 20th: 19 days.
    const count = { vikariatDays5y: 2, savaDays5y: 19, days3y: 21 };
    expect((await las(admin.adminToken, bo.id).expect(200)).body).toEqual({ asOf: day(0), ...count, thresholds: thresholds(count), warnings: [] });

    // A booked day adds to them, as of the day it is worked.
    await book(admin, unitId, bo.id, 'vacation', [dayShift(4)]);
    expect((await las(admin.adminToken, bo.id, day(4)).expect(200)).body).toMatchObject({ vikariatDays5y: 3, savaDays5y: 19, days3y: 22 });

    const [entry] = await t.db.query(`SELECT actor_id, entity, details FROM audit_entry WHERE action = 'las_history_imported' AND entity_id = $1`, [bo.id]);
    expect(entry).toEqual({ actor_id: expect.any(String), entity: 'substitute', details: { days: 5, vikariat: 2, sava: 3, from: savaMonth[0], to: day(-40) } });

    // The export holds the imported days.
    const token = await signInSubstitute(t, admin.municipalityId, bo.phone);
    expect((await t.http().get(`/api/v1/substitutes/${bo.id}/export`).set(auth(token)).expect(200)).body.lasHistory).toEqual(imported.body);

    // The next import replaces the first; an empty one removes them all.
    expect((await importHistory(bo.id, [{ date: day(-100), form: 'sava' }]).expect(200)).body).toEqual([{ date: day(-100), form: 'sava' }]);
    expect((await las(admin.adminToken, bo.id).expect(200)).body).toMatchObject({ vikariatDays5y: 0, savaDays5y: 1, days3y: 1 });
    expect((await importHistory(bo.id, []).expect(200)).body).toEqual([]);
    expect((await las(admin.adminToken, bo.id).expect(200)).body).toMatchObject({ vikariatDays5y: 0, savaDays5y: 0, days3y: 0 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'las_history_imported' AND entity_id = $1`, [bo.id]);
    expect(n).toBe(3);
  });

  it('refuses an import that is not employment days, naming the entry, and keeps the earlier one', async () => {
    const cilla = await makeSubstitute(t, admin.adminToken);
    await importHistory(cilla.id, [{ date: day(-10), form: 'sava' }]).expect(200);

    expect(expectFieldError(await importHistory(cilla.id, [{ date: day(-5), form: 'vikariat' }, { date: '2025-02-30', form: 'vikariat' }]), '1.date')).toContain('YYYY-MM-DD');
    expect(expectFieldError(await importHistory(cilla.id, [{ date: '1999-12-31', form: 'vikariat' }]), '0.date')).toContain('2000 to 2099');
    expect(expectFieldError(await importHistory(cilla.id, [{ date: '2025-1-5', form: 'vikariat' }]), '0.date')).toContain('YYYY-MM-DD');
    expect(expectFieldError(await importHistory(cilla.id, [{ date: day(1), form: 'vikariat' }]), '0.date')).toContain('must not be after today');
    expect(expectFieldError(await importHistory(cilla.id, [{ date: day(-5), form: 'alva' }]), '0.form')).toContain('vikariat, sava');
    expectFieldError(await importHistory(cilla.id, [{ date: day(-5) }]), '0.form');
    expect(expectFieldError(await importHistory(cilla.id, [{ date: day(-5), form: 'sava', hours: 8 }]), '0.hours')).toBe('is not a known field');
    expectFieldError(await importHistory(cilla.id, ['2025-01-01']), '0');
    expectFieldError(await importHistory(cilla.id, { date: day(-5), form: 'sava' }), 'body');
    expect(expectFieldError(await importHistory(cilla.id, historyRun(3000, 2501, 'vikariat').flatMap((d) => [d, { ...d, form: 'sava' }])), 'body')).toContain('at most 5000');
    expectFieldError(await las(admin.adminToken, cilla.id, '2026-13-01'), 'asOf');
    expectFieldError(await las(admin.adminToken, cilla.id, 'i dag'), 'asOf');

    expect((await t.db.query(`SELECT date::text AS date, form FROM las_history_day WHERE substitute_id = $1`, [cilla.id]))).toEqual([{ date: day(-10), form: 'sava' }]);

    // 5000 entries is the most one import takes.
    const most = historyRun(3000, 2500, 'vikariat').flatMap((d) => [d, { ...d, form: 'sava' as const }]);
    expect((await importHistory(cilla.id, most).expect(200)).body).toHaveLength(5000);
  });

  it('lets the substitute read their own days but not another’s, and only the staffing team import', async () => {
    const dora = await makeSubstitute(t, admin.adminToken);
    const erik = await makeSubstitute(t, admin.adminToken);
    const doraToken = await signInSubstitute(t, admin.municipalityId, dora.phone);
    const manager = await makeManager(t, admin.adminToken, [unitId]);

    await las(doraToken, dora.id).expect(200);
    expectError(await las(doraToken, erik.id), 404, 'NOT_FOUND');
    expectError(await las(manager.token, dora.id), 403, 'FORBIDDEN');
    expectError(await las(admin.adminToken, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectFieldError(await las(admin.adminToken, 'inte-ett-id'), 'id');
    expectError(await importHistory(dora.id, [], doraToken), 403, 'FORBIDDEN');
    expectError(await importHistory(dora.id, [], manager.token), 403, 'FORBIDDEN');
    expectError(await importHistory('00000000-0000-4000-8000-000000000000', []), 404, 'NOT_FOUND');
    expectError(await t.http().get('/api/v1/substitutes/las-warnings').set(auth(doraToken)), 403, 'FORBIDDEN');
    expectError(await t.http().get('/api/v1/substitutes/las-warnings').set(auth(manager.token)), 403, 'FORBIDDEN');
  });

  it('lists the active and paused substitutes near a limit for the staffing team, nearest first, with their warnings', async () => {
    // A municipality of its own, so that only these substitutes have days.
    const owner = await seedMunicipality(t, 'Motala kommun');
    const unit = (await makeUnit(t, owner.adminToken)).id;
    const person = async (days: { date: string; form: Form }[], status?: 'paused' | 'removed' | 'pending') => {
      const s = await makeSubstitute(t, owner.adminToken, { active: status !== 'pending' });
      if (status === 'paused' || status === 'removed') await t.http().patch(`/api/v1/substitutes/${s.id}`).set(auth(owner.adminToken)).send({ status }).expect(200);
      await importHistory(s.id, days, owner.adminToken).expect(200);
      const profile = (await t.http().get(`/api/v1/substitutes/${s.id}`).set(auth(owner.adminToken)).expect(200)).body;
      return { ...s, name: `${profile.firstName} ${profile.lastName}` };
    };
    // 340 vikariat days in the last year: 25 days left to preferential_rehire (either form).
    const near = await person(historyRun(350, 340, 'vikariat'));
    // Paused, 260 sava days: 14 days left to preferential_rehire by sava alone (274).
    const paused = await person(historyRun(300, 260, 'sava'), 'paused');
    // Past the limit: 370 days, 5 over.
    const over = await person(historyRun(400, 370, 'vikariat'));
    // Not in the pool, or far from any limit: not listed.
    await person(historyRun(350, 350, 'vikariat'), 'removed');
    await person(historyRun(350, 350, 'vikariat'), 'pending');
    await person(historyRun(100, 20, 'vikariat'));

    const list = await t.http().get('/api/v1/substitutes/las-warnings').set(auth(owner.adminToken)).expect(200);
    expect(list.body).toEqual([
      { substituteId: over.id, name: over.name, rule: 'preferential_rehire', days: 370, limitDays: 365, remaining: -5 },
      { substituteId: paused.id, name: paused.name, rule: 'preferential_rehire', days: 260, limitDays: 274, remaining: 14 },
      { substituteId: near.id, name: near.name, rule: 'preferential_rehire', days: 340, limitDays: 365, remaining: 25 },
    ]);
    // Another municipality's list does not have them.
    expect((await t.http().get('/api/v1/substitutes/las-warnings').set(auth(admin.adminToken)).expect(200)).body.map((r: { substituteId: string }) => r.substituteId)).not.toContain(near.id);

    // The substitute's own count says the same, with the warning in words.
    expect((await las(owner.adminToken, near.id).expect(200)).body.warnings).toEqual([
      { rule: 'preferential_rehire', remaining: 25, message: '25 days left to preferential_rehire (more than 365 days of employment within three years).' },
    ]);
    expect((await las(owner.adminToken, over.id).expect(200)).body.warnings).toEqual([
      { rule: 'preferential_rehire', remaining: -5, message: 'preferential_rehire is passed by 5 days (more than 365 days of employment within three years).' },
    ]);

    // A booking ahead shows where it leads: as of its day, one day fewer left.
    await book(owner, unit, near.id, 'sick', [dayShift(3)]);
    const ahead = await t.http().get('/api/v1/substitutes/las-warnings').query({ asOf: day(3) }).set(auth(owner.adminToken)).expect(200);
    expect(ahead.body.find((r: { substituteId: string }) => r.substituteId === near.id)).toMatchObject({ days: 341, remaining: 24 });

    // The municipality's own limits and margin.
    const settings = (await t.http().get('/api/v1/matching-settings').set(auth(owner.adminToken)).expect(200)).body;
    await t.http().put('/api/v1/matching-settings').set(auth(owner.adminToken)).send({ ...settings, lasWarningDays: 10, lasRehireSavaDays: 300 }).expect(200);
    const narrower = await t.http().get('/api/v1/substitutes/las-warnings').set(auth(owner.adminToken)).expect(200);
    expect(narrower.body.map((r: { substituteId: string; remaining: number }) => [r.substituteId, r.remaining])).toEqual([[over.id, -5]]);
  });

  it('deletes the imported days when the substitute is erased', async () => {
    const eva = await makeSubstitute(t, admin.adminToken);
    await importHistory(eva.id, historyRun(200, 30, 'sava')).expect(200);
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM las_history_day WHERE substitute_id = $1`, [eva.id]);
    expect(before).toBe(30);

    await t.http().delete(`/api/v1/substitutes/${eva.id}`).set(auth(admin.adminToken)).expect(200);
    const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM las_history_day WHERE substitute_id = $1`, [eva.id]);
    expect(after).toBe(0);
    expectError(await las(admin.adminToken, eva.id), 404, 'NOT_FOUND');
    expectError(await importHistory(eva.id, historyRun(10, 1, 'sava')), 404, 'NOT_FOUND');
    // The audit log keeps that there was an import: its counts and first and last date, not the days.
    const [{ n: audited }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entry WHERE action = 'las_history_imported' AND entity_id = $1`, [eva.id]);
    expect(audited).toBe(1);
  });
});
