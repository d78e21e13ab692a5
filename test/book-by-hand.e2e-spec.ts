import { randomBytes } from 'node:crypto';
import { expectError } from './support/errors';
import { eventually } from './support/eventually';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import { flatSettings, offerTokens } from './support/offers';
import { Stack, startStack } from './support/stack';
import { seedMunicipality, TestApp } from './support/test-app';
import { hours } from './support/time';

/**
 * Booking by hand (POST /vacancies/{id}/book): staff who have reached a substitute themselves book them
 * through the checks of an accepted offer. Availability and districts are the staff's call; a valid
 * qualification, the unit's block list, the schedule and the vacancy's state are not.
 */
describe('booking a substitute by hand', () => {
  let stack: Stack;
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;
  let manager: Awaited<ReturnType<typeof makeManager>>;
  let unit: Awaited<ReturnType<typeof makeUnit>>;
  let day = 3;

  beforeAll(async () => {
    stack = await startStack();
    t = stack.t;
    admin = await seedMunicipality(t);
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(10)).expect(200);
    unit = await makeUnit(t, admin.adminToken, { district: `Distrikt-${randomBytes(3).toString('hex')}` });
    manager = await makeManager(t, admin.adminToken, [unit.id]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A vacancy of the unit, a day shift on a day of its own. */
  async function vacancy(): Promise<string> {
    day += 2;
    const res = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(manager.token))
      .send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(24 * day), end: hours(24 * day + 8) }] })
      .expect(201);
    return res.body.vacancies[0].id as string;
  }

  /** Qualified and verified, but never available and in no district of the unit: matching would not offer them anything. */
  const unmatched = (options: Parameters<typeof makeSubstitute>[2] = {}) => makeSubstitute(t, admin.adminToken, { districts: ['Ingenstans'], ...options });

  const book = (token: string, vacancyId: string, substituteId: string) => t.http().post(`/api/v1/vacancies/${vacancyId}/book`).set(auth(token)).send({ substituteId });

  it('books someone matching would not have offered, withdraws the offers out and tells the substitute and the manager', async () => {
    const candidate = await makeSubstitute(t, admin.adminToken, { districts: [unit.district], availability: [{ start: hours(1), end: hours(24 * 60) }] });
    const id = await vacancy();
    await eventually(async () => expect((await offerTokens(t, id)).has(candidate.id)).toBe(true));
    const chosen = await unmatched({ firstName: 'Märta' });

    const res = await book(manager.token, id, chosen.id).expect(200);
    expect(res.body).toEqual({ status: 'accepted', bookingId: expect.any(String) });

    const details = (await t.http().get(`/api/v1/vacancies/${id}`).set(auth(manager.token)).expect(200)).body;
    expect(details).toMatchObject({ status: 'filled', bookedSubstituteId: chosen.id });
    expect(details.offers).toEqual([expect.objectContaining({ substituteId: candidate.id, status: 'withdrawn' })]);

    await eventually(() => {
      expect(stack.channels.elks.messages.filter((m) => m.to === chosen.phone).map((m) => m.message)).toEqual([expect.stringContaining('bokad')]);
      const mails = stack.channels.smtp.messages.filter((m) => m.to.includes(chosen.email));
      expect(mails).toHaveLength(1);
      expect(mails[0].attachments.map((a) => a.filename)).toEqual([expect.stringMatching(/\.ics$/)]);
      expect(stack.channels.smtp.messages.filter((m) => m.to.includes(manager.email))).toHaveLength(1);
    });
    const [entry] = await t.db.query(`SELECT actor_id, details FROM audit_entry WHERE action = 'booked_by_hand' AND entity_id = $1`, [res.body.bookingId]);
    expect(entry).toEqual({ actor_id: manager.id, details: { vacancyId: id, substituteId: chosen.id } });
  });

  it('accepts the substitute’s own pending offer instead of leaving it open', async () => {
    const candidate = await makeSubstitute(t, admin.adminToken, { districts: [unit.district], availability: [{ start: hours(1), end: hours(24 * 60) }] });
    const id = await vacancy();
    await eventually(async () => expect((await offerTokens(t, id)).has(candidate.id)).toBe(true));
    await book(admin.adminToken, id, candidate.id).expect(200);
    const details = (await t.http().get(`/api/v1/vacancies/${id}`).set(auth(admin.adminToken)).expect(200)).body;
    expect(details.offers.find((o: { substituteId: string }) => o.substituteId === candidate.id)).toMatchObject({ status: 'accepted' });
  });

  it('books a vacancy that matching left unfilled, before it starts', async () => {
    // A unit of a district where nobody works, and a qualification nobody else holds: the first wave finds no one.
    const remote = await makeUnit(t, admin.adminToken, { district: `Ödemark-${randomBytes(3).toString('hex')}` });
    const posted = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(admin.adminToken))
      .send({ unitId: remote.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(24 * 90), end: hours(24 * 90 + 8) }] })
      .expect(201);
    const id = posted.body.vacancies[0].id as string;
    await eventually(async () => expect((await t.http().get(`/api/v1/vacancies/${id}`).set(auth(admin.adminToken)).expect(200)).body.status).toBe('unfilled'));
    const found = await unmatched();
    await book(admin.adminToken, id, found.id).expect(200);
    expect((await t.http().get(`/api/v1/vacancies/${id}`).set(auth(admin.adminToken)).expect(200)).body).toMatchObject({ status: 'filled', bookedSubstituteId: found.id });
  });

  it('refuses a substitute without a valid qualification, or blocked by the unit, and says which', async () => {
    const id = await vacancy();
    const teacher = await unmatched({ qualifications: ['barnskotare'] });
    const refused = await book(manager.token, id, teacher.id);
    expectError(refused, 409, 'NOT_ELIGIBLE');
    expect(refused.body.details).toEqual([{ field: 'substituteId', problem: 'NOT_QUALIFIED' }]);

    const blocked = await unmatched();
    await t.http().put(`/api/v1/units/${unit.id}/blocked`).set(auth(manager.token)).send([blocked.id]).expect(200);
    const res = await book(manager.token, id, blocked.id);
    expectError(res, 409, 'NOT_ELIGIBLE');
    expect(res.body.details).toEqual([{ field: 'substituteId', problem: 'BLOCKED' }]);
    await t.http().put(`/api/v1/units/${unit.id}/blocked`).set(auth(manager.token)).send([]).expect(200);

    const unverified = await unmatched({ active: false });
    expectError(await book(manager.token, id, unverified.id), 410, 'OFFER_WITHDRAWN');
    expect((await t.http().get(`/api/v1/vacancies/${id}`).set(auth(manager.token)).expect(200)).body.status).not.toBe('filled');
  });

  it('refuses a booking that clashes with the substitute’s schedule', async () => {
    const busy = await unmatched();
    const first = await vacancy();
    await book(manager.token, first, busy.id).expect(200);
    const [{ start }] = await t.db.query(`SELECT lower(period) AS start FROM vacancy_shift WHERE vacancy_id = $1`, [first]);
    // Two hours after the first shift ends: daily rest broken.
    const res = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(manager.token))
      .send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: new Date(start.getTime() + 10 * 3600_000).toISOString(), end: new Date(start.getTime() + 14 * 3600_000).toISOString() }] })
      .expect(201);
    expectError(await book(manager.token, res.body.vacancies[0].id, busy.id), 409, 'SCHEDULE_CONFLICT');
  });

  it('answers a filled vacancy VACANCY_TAKEN, and lets exactly one of two simultaneous bookings win', async () => {
    const id = await vacancy();
    const [a, b] = [await unmatched(), await unmatched()];
    const answers = await Promise.all([book(manager.token, id, a.id), book(admin.adminToken, id, b.id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expectError(answers.find((r) => r.status === 409)!, 409, 'VACANCY_TAKEN');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM booking WHERE vacancy_id = $1 AND status = 'confirmed'`, [id]);
    expect(count).toBe(1);
  });

  it('does not find a substitute of another municipality, and validates the body', async () => {
    const id = await vacancy();
    const neighbour = await seedMunicipality(t);
    const stranger = await makeSubstitute(t, neighbour.adminToken);
    expectError(await book(admin.adminToken, id, stranger.id), 404, 'NOT_FOUND');
    expectError(await book(admin.adminToken, id, 'not-an-id'), 400, 'VALIDATION_FAILED');
    expectError(await t.http().post(`/api/v1/vacancies/${id}/book`).set(auth(admin.adminToken)).send({}), 400, 'VALIDATION_FAILED');
  });
});
