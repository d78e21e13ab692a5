import { randomBytes } from 'node:crypto';
import { eventually } from './support/eventually';
import { expectError } from './support/errors';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import type { FakeElks } from './support/fake-elks-server';
import { flatSettings } from './support/offers';
import type { SmtpCatcher } from './support/smtp-catcher';
import { Stack, startStack } from './support/stack';
import { seedMunicipality, TestApp } from './support/test-app';
import { dayShift, hours } from './support/time';

const CODE = /Din kod till Vikariebanken är (\d{6})\./;
const LINK = /\/o\/([A-Za-z0-9_-]{43})/;

/**
 * A substitute's own door, through the API: one-time codes, their own data, open vacancies they take
 * themselves, cancelling their booking (the calendar event goes too), export and erasure.
 */
describe("the substitute's door", () => {
  let stack: Stack;
  let t: TestApp;
  let elks: FakeElks;
  let smtp: SmtpCatcher;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    stack = await startStack();
    t = stack.t;
    ({ elks, smtp } = stack.channels);
    admin = await seedMunicipality(t);
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(10)).expect(200);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A unit in a district of its own, its manager, and a substitute who works only there. */
  async function setting() {
    const district = `D-${randomBytes(3).toString('hex')}`;
    const unit = await makeUnit(t, admin.adminToken, { name: 'Vrinnevihemmet', district });
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const anna = await makeSubstitute(t, admin.adminToken, { firstName: 'Åsa', districts: [district], availability: [{ start: hours(1), end: hours(24 * 20) }] });
    return { unit, manager, anna, district };
  }

  const codesTo = (phone: string) => elks.messages.filter((m) => m.to === phone && CODE.test(m.message)).map((m) => CODE.exec(m.message)![1]);

  async function signIn(phone: string): Promise<string> {
    const before = codesTo(phone).length;
    await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, phone }).expect(202);
    const code = await eventually(() => {
      const codes = codesTo(phone);
      expect(codes.length).toBe(before + 1);
      return codes[codes.length - 1];
    }, 15_000);
    const res = await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, phone, code }).expect(200);
    expect(res.body.user).toMatchObject({ role: 'substitute', municipalityId: admin.municipalityId });
    return res.body.accessToken as string;
  }

  describe('one-time codes', () => {
    it('sends a six-digit code by SMS to a known number, and nothing to an unknown one, with the same answer', async () => {
      const { anna } = await setting();
      const known = await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, phone: anna.phone.replace('+46', '0') }).expect(202);
      const unknown = await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, phone: '+46709999999' }).expect(202);
      expect(unknown.body).toEqual(known.body);
      await eventually(() => expect(codesTo(anna.phone)).toHaveLength(1), 15_000);
      expect(elks.messages.filter((m) => m.to === '+46709999999')).toEqual([]);
      // Only a hash is stored, never the code.
      const [row] = await t.db.query(`SELECT code_hash FROM one_time_code c JOIN substitute s ON s.id = c.substitute_id WHERE s.phone = $1`, [anna.phone]);
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.code_hash).not.toContain(codesTo(anna.phone)[0]);
    });

    it('signs in once with the right code; a used, wrong or expired code gets 401 INVALID_CODE', async () => {
      const { anna } = await setting();
      await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, phone: anna.phone }).expect(202);
      const code = await eventually(() => {
        expect(codesTo(anna.phone)).toHaveLength(1);
        return codesTo(anna.phone)[0];
      }, 15_000);
      const wrong = code === '000000' ? '000001' : '000000';
      expectError(await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, phone: anna.phone, code: wrong }), 401, 'INVALID_CODE');
      const ok = await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, phone: anna.phone, code }).expect(200);
      const me = await t.http().get('/api/v1/me').set(auth(ok.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: anna.id, role: 'substitute', substitute: { id: anna.id, firstName: 'Åsa' } });
      expectError(await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, phone: anna.phone, code }), 401, 'INVALID_CODE');

      await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, phone: anna.phone }).expect(202);
      const second = await eventually(() => {
        expect(codesTo(anna.phone)).toHaveLength(2);
        return codesTo(anna.phone)[1];
      }, 15_000);
      await t.db.query(`UPDATE one_time_code SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
      expectError(await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, phone: anna.phone, code: second }), 401, 'INVALID_CODE');
    });

    it('dies after five wrong answers, even for the right code', async () => {
      const { anna } = await setting();
      await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, email: anna.email }).expect(202);
      const code = await eventually(() => {
        const mail = smtp.messages.find((m) => m.to.includes(anna.email) && m.subject === 'Din kod till Vikariebanken');
        return /kod för att logga in är (\d{6})\./.exec(mail!.text)![1];
      }, 15_000);
      const wrong = code === '123456' ? '654321' : '123456';
      for (let i = 0; i < 5; i++) expectError(await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, email: anna.email, code: wrong }), 401, 'INVALID_CODE');
      expectError(await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, email: anna.email, code }), 401, 'INVALID_CODE');
    });

    it('sends at most three codes a quarter of an hour to one person, answering alike', async () => {
      const { anna } = await setting();
      for (let i = 0; i < 5; i++) await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, phone: anna.phone }).expect(202);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM one_time_code c JOIN substitute s ON s.id = c.substitute_id WHERE s.phone = $1`, [anna.phone]);
      expect(n).toBe(3);
    });

    it('asks for one of phone and email', async () => {
      const res = await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId });
      expectError(res, 400, 'VALIDATION_FAILED');
    });
  });

  describe('own data', () => {
    it('pauses and resumes offers; a pause by the staffing team is theirs to lift', async () => {
      const { anna } = await setting();
      const token = await signIn(anna.phone);
      expect((await t.http().patch('/api/v1/me').set(auth(token)).send({ paused: true }).expect(200)).body.status).toBe('paused');
      expect((await t.http().patch('/api/v1/me').set(auth(token)).send({ paused: false, districts: ['Norr', 'Norr'] }).expect(200)).body).toMatchObject({ status: 'active', districts: ['Norr'] });
      await t.http().patch(`/api/v1/substitutes/${anna.id}`).set(auth(admin.adminToken)).send({ status: 'paused' }).expect(200);
      expectError(await t.http().patch('/api/v1/me').set(auth(token)).send({ paused: false }), 409, 'INVALID_STATE');
      expectError(await t.http().patch('/api/v1/me').set(auth(admin.adminToken)).send({ paused: true }), 403, 'FORBIDDEN');
    });

    it('shows the pending offer with its link, then the booking, and the LAS days it makes', async () => {
      const { unit, manager, anna } = await setting();
      const token = await signIn(anna.phone);
      await t.http().post('/api/v1/absences').set(auth(manager.token)).send({ unitId: unit.id, reason: 'other', qualification: 'underskoterska', shifts: [dayShift(2)] }).expect(201);
      const offer = await eventually(async () => {
        const me = await t.http().get('/api/v1/me').set(auth(token)).expect(200);
        expect(me.body.offers).toHaveLength(1);
        return me.body.offers[0];
      }, 15_000);
      expect(offer).toMatchObject({ unit: 'Vrinnevihemmet', qualificationName: 'Undersköterska', link: expect.stringMatching(LINK) });
      const accepted = await t.http().post(`/api/v1/offers/${LINK.exec(offer.link)![1]}/accept`).expect(200);
      const me = await t.http().get('/api/v1/me').set(auth(token)).expect(200);
      expect(me.body.offers).toEqual([]);
      expect(me.body.bookings).toEqual([expect.objectContaining({ id: accepted.body.bookingId, status: 'confirmed', unit: 'Vrinnevihemmet' })]);
      // The day is in the future: it counts once the date of the count reaches it.
      expect(me.body.lasDays).toMatchObject({ vikariatDays5y: 0, savaDays5y: 0, days3y: 0 });
    });
  });

  describe('open vacancies', () => {
    it('lists what the substitute could take, and books it on take; someone else then gets VACANCY_TAKEN', async () => {
      const { unit, manager, anna, district } = await setting();
      const bo = await makeSubstitute(t, admin.adminToken, { firstName: 'Bo', districts: [district], availability: [{ start: hours(1), end: hours(24 * 20) }] });
      const kock = await makeSubstitute(t, admin.adminToken, { qualifications: ['kock'], districts: [district], availability: [{ start: hours(1), end: hours(24 * 20) }] });
      const [annaToken, boToken, kockToken] = [await signIn(anna.phone), await signIn(bo.phone), await signIn(kock.phone)];
      // Offers wait for another day: a wave of none, so the vacancy stays open for taking.
      const absence = await t.http().post('/api/v1/absences').set(auth(manager.token)).send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [dayShift(5)] }).expect(201);
      const vacancyId = absence.body.vacancies[0].id;

      const open = await t.http().get('/api/v1/vacancies/open').set(auth(annaToken)).expect(200);
      expect(open.body.map((v: { id: string }) => v.id)).toContain(vacancyId);
      expect(open.body.find((v: { id: string }) => v.id === vacancyId)).toMatchObject({ unit: 'Vrinnevihemmet', qualification: 'underskoterska', shifts: [{ start: expect.any(String), end: expect.any(String) }] });
      expect((await t.http().get('/api/v1/vacancies/open').set(auth(kockToken)).expect(200)).body.map((v: { id: string }) => v.id)).not.toContain(vacancyId);
      expectError(await t.http().post(`/api/v1/vacancies/${vacancyId}/take`).set(auth(kockToken)), 409, 'NOT_ELIGIBLE');

      const taken = await t.http().post(`/api/v1/vacancies/${vacancyId}/take`).set(auth(annaToken)).expect(200);
      expect(taken.body).toEqual({ status: 'accepted', bookingId: expect.any(String) });
      const details = await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200);
      expect(details.body).toMatchObject({ status: 'filled', bookedSubstituteId: anna.id, bookingId: taken.body.bookingId });
      expect(details.body.offers.filter((o: { status: string }) => o.status === 'pending')).toEqual([]);
      expectError(await t.http().post(`/api/v1/vacancies/${vacancyId}/take`).set(auth(boToken)), 409, 'VACANCY_TAKEN');
      expectError(await t.http().get('/api/v1/vacancies/open').set(auth(manager.token)), 403, 'FORBIDDEN');
    });
  });

  describe("cancelling one's own booking", () => {
    it('reopens the vacancy, tells the unit, and cancels the calendar events of the confirmation', async () => {
      const { unit, manager, anna } = await setting();
      const token = await signIn(anna.phone);
      const absence = await t.http().post('/api/v1/absences').set(auth(manager.token)).send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [dayShift(6), dayShift(7)] }).expect(201);
      const { bookingId } = (await t.http().post(`/api/v1/vacancies/${absence.body.vacancies[0].id}/take`).set(auth(token)).expect(200)).body;
      const invitation = await eventually(() => {
        const mail = smtp.messages.find((m) => m.to.includes(anna.email) && m.subject.startsWith('Bokningsbekräftelse'));
        expect(mail).toBeDefined();
        return mail!.attachments.find((a) => a.filename === 'vikariat.ics')!.content;
      }, 15_000);
      expect(invitation).toContain('METHOD:REQUEST');

      const res = await t.http().post(`/api/v1/bookings/${bookingId}/cancel`).set(auth(token)).send({ reason: 'Sjuk' }).expect(200);
      expect(res.body).toEqual({ status: 'cancelled', vacancyStatus: 'open' });
      const cancellation = await eventually(() => {
        const mail = smtp.messages.find((m) => m.to.includes(anna.email) && m.subject.startsWith('Du har avbokat'));
        expect(mail).toBeDefined();
        expect(smtp.messages.some((m) => m.to.includes(manager.email) && m.subject.startsWith('Vikarien har avbokat'))).toBe(true);
        return mail!.attachments.find((a) => a.filename === 'vikariat.ics')!.content;
      }, 15_000);
      expect(cancellation).toContain('METHOD:CANCEL');
      const uids = (ics: string) => [...ics.matchAll(/^UID:(.*)$/gm)].map((m) => m[1].trim());
      expect(uids(cancellation)).toEqual(uids(invitation));
      expect(uids(cancellation)).toHaveLength(2);
    });
  });

  describe('export and erasure', () => {
    it('exports what is held, then erases it: upcoming bookings cancelled, the person gone, past bookings kept without a name', async () => {
      const { unit, manager, anna } = await setting();
      const token = await signIn(anna.phone);
      const absence = await t.http().post('/api/v1/absences').set(auth(manager.token)).send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [dayShift(8)] }).expect(201);
      const vacancyId = absence.body.vacancies[0].id;
      const { bookingId } = (await t.http().post(`/api/v1/vacancies/${vacancyId}/take`).set(auth(token)).expect(200)).body;

      const exported = await t.http().get(`/api/v1/substitutes/${anna.id}/export`).set(auth(token)).expect(200);
      expect(exported.body).toMatchObject({ profile: { id: anna.id, phone: anna.phone, email: anna.email }, bookings: [{ id: bookingId, status: 'confirmed' }] });
      expect(exported.body.messages.some((m: { kind: string }) => m.kind === 'sign_in_code')).toBe(true);
      expect(exported.body.signInCodes.length).toBeGreaterThanOrEqual(1);
      expect((await t.http().get(`/api/v1/substitutes/${anna.id}/export`).set(auth(admin.adminToken)).expect(200)).body.profile.id).toBe(anna.id);
      expectError(await t.http().get(`/api/v1/substitutes/${anna.id}/export`).set(auth(manager.token)), 403, 'FORBIDDEN');

      expect((await t.http().delete(`/api/v1/substitutes/${anna.id}`).set(auth(token)).expect(200)).body).toEqual({ status: 'erased' });
      const [row] = await t.db.query(`SELECT status, first_name, last_name, email, phone, erased_at FROM substitute WHERE id = $1`, [anna.id]);
      expect(row).toEqual({ status: 'erased', first_name: null, last_name: null, email: null, phone: null, erased_at: expect.any(Date) });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient IN ($1, $2)`, [anna.phone, anna.email]))[0].n).toBe(0);
      expect((await t.db.query(`SELECT status FROM booking WHERE id = $1`, [bookingId]))[0].status).toBe('cancelled');
      expect((await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200)).body.status).not.toBe('filled');
      expectError(await t.http().get(`/api/v1/substitutes/${anna.id}`).set(auth(admin.adminToken)), 404, 'NOT_FOUND');
      expectError(await t.http().get('/api/v1/me').set(auth(token)), 401, 'UNAUTHENTICATED');
      // Signing in again finds nobody: the same answer, and no code.
      await t.http().post('/api/v1/auth/code').send({ municipalityId: admin.municipalityId, phone: anna.phone }).expect(202);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM one_time_code WHERE substitute_id = $1`, [anna.id]))[0].n).toBe(0);
    });
  });
});
