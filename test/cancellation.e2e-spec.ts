import { randomBytes } from 'node:crypto';
import { offerToken } from '../src/notifications/credentials';
import { eventually } from './support/eventually';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import type { Channels } from './support/channels';
import { Stack, startStack } from './support/stack';
import type { FakeElks } from './support/fake-elks-server';
import type { SmtpCatcher } from './support/smtp-catcher';
import { seedMunicipality, TestApp } from './support/test-app';
import { flatSettings } from './support/offers';
import { dayShift, hours } from './support/time';
import { expectError } from './support/errors';

/**
 * Cancelling vacancies, absences and bookings, and how matching carries on: withdrawn offers, notices to the
 * people concerned, rematch without the cancelled substitute, unfilled vacancies, prompt next waves after a
 * decline, preferred and blocked substitutes.
 */

type Admin = Awaited<ReturnType<typeof seedMunicipality>>;
type Person = Awaited<ReturnType<typeof makeSubstitute>>;
type Offer = { substituteId: string; wave: number; status: string };

const LINK = /http:\/\/\S+\/o\/([A-Za-z0-9_-]{43})/;

describe('cancellation and rematching', () => {
  let t: TestApp;
  let stack: Stack;
  let channels: Channels;
  let elks: FakeElks;
  let smtp: SmtpCatcher;
  /** Offers go to everyone qualified in one wave. */
  let wide: Admin;
  /** One substitute a wave, ten hours apart. */
  let narrow: Admin;
  type Unit = Awaited<ReturnType<typeof makeUnit>>;
  type Manager = Awaited<ReturnType<typeof makeManager>>;
  /** One unit (in a district of its own) per test, so that each test has its own substitutes. */
  const units: Record<'a1' | 'a2' | 'b' | 'c' | 'd' | 'e' | 'f', Unit> = {} as never;
  /** Managers of those units (sign-in is rate limited, so one per municipality), and of an unrelated unit. */
  let wideManager: Manager;
  let narrowManager: Manager;
  let otherManager: Manager;

  beforeAll(async () => {
    stack = await startStack();
    ({ t, channels } = stack);
    ({ elks, smtp } = channels);
    wide = await seedMunicipality(t);
    narrow = await seedMunicipality(t);
    await t.http().put('/api/v1/matching-settings').set(auth(wide.adminToken)).send(flatSettings(10)).expect(200);
    const put = await t.http().put('/api/v1/matching-settings').set(auth(narrow.adminToken)).send(flatSettings(1)).expect(200);
    expect(put.body.bands).toEqual([flatSettings(1).bands[0]]);
    const unit = (admin: Admin) => makeUnit(t, admin.adminToken, { name: `Hemmet ${randomBytes(3).toString('hex')}`, district: `Distrikt-${randomBytes(3).toString('hex')}` });
    for (const key of ['a1', 'a2', 'b', 'c', 'd'] as const) units[key] = await unit(wide);
    for (const key of ['e', 'f'] as const) units[key] = await unit(narrow);
    wideManager = await makeManager(t, wide.adminToken, ['a1', 'a2', 'b', 'c', 'd'].map((k) => units[k as keyof typeof units].id));
    narrowManager = await makeManager(t, narrow.adminToken, [units.e.id, units.f.id]);
    otherManager = await makeManager(t, wide.adminToken, [(await unit(wide)).id]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** The unit of a test, its manager, and `count` substitutes (verified in this order) who work only in its district. */
  async function setting(key: keyof typeof units, count: number) {
    const unit = units[key];
    const admin = key === 'e' || key === 'f' ? narrow : wide;
    const manager = key === 'e' || key === 'f' ? narrowManager : wideManager;
    const substitutes: Person[] = [];
    for (let i = 0; i < count; i++) {
      substitutes.push(await makeSubstitute(t, admin.adminToken, { districts: [unit.district], availability: [{ start: hours(1), end: hours(24 * 20) }] }));
    }
    return { unit, manager, substitutes };
  }

  async function postAbsence(managerToken: string, unitId: string, shifts: { start: string; end: string }[], splitShifts = false) {
    const res = await t.http().post('/api/v1/absences').set(auth(managerToken)).send({ unitId, reason: 'sick', qualification: 'underskoterska', shifts, splitShifts }).expect(201);
    return res.body as { id: string; vacancies: { id: string }[] };
  }

  const smsTo = (phone: string) => elks.messages.filter((m) => m.to === phone);
  /** Tokens of the offer links that reached `phone`, oldest first. */
  const offerTokens = (phone: string) => smsTo(phone).flatMap((m) => (LINK.test(m.message) ? [LINK.exec(m.message)![1]] : []));
  const mailTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

  /** Waits for exactly `n` offer links to `phone` and returns the newest. */
  const nthOffer = (phone: string, n: number) =>
    eventually(() => {
      const tokens = offerTokens(phone);
      expect(tokens).toHaveLength(n);
      return tokens[n - 1];
    }, 15_000);

  const vacancy = async (token: string, id: string) => {
    const res = await t.http().get(`/api/v1/vacancies/${id}`).set(auth(token)).expect(200);
    return res.body as { status: string; bookedSubstituteId: string | null; bookingId: string | null; offers: Offer[] };
  };

  const offersOf = async (token: string, id: string) =>
    (await vacancy(token, id)).offers.map((o) => ({ substituteId: o.substituteId, wave: o.wave, status: o.status })).sort((a, b) => a.wave - b.wave || a.substituteId.localeCompare(b.substituteId));

  describe('(a) cancelling a vacancy', () => {
    it('withdraws its pending offers; a late answer gets 410 OFFER_WITHDRAWN', async () => {
      const { unit, manager, substitutes } = await setting('a1', 2);
      const { vacancies } = await postAbsence(manager.token, unit.id, [dayShift(3)]);
      const id = vacancies[0].id;
      const tokens = await Promise.all(substitutes.map((s) => nthOffer(s.phone, 1)));
      expect((await vacancy(manager.token, id)).status).toBe('offering');

      expectError(await t.http().delete(`/api/v1/vacancies/${id}`).set(auth(otherManager.token)), 404, 'NOT_FOUND');

      const cancelled = await t.http().delete(`/api/v1/vacancies/${id}`).set(auth(manager.token)).expect(200);
      expect(cancelled.body).toMatchObject({ id, status: 'cancelled', bookedSubstituteId: null });
      const expected = substitutes.map((s) => ({ substituteId: s.id, wave: 1, status: 'withdrawn' })).sort((a, b) => a.substituteId.localeCompare(b.substituteId));
      expect(await offersOf(manager.token, id)).toEqual(expected);
      expect((await vacancy(manager.token, id)).status).toBe('cancelled');

      expectError(await t.http().post(`/api/v1/offers/${tokens[0]}/accept`), 410, 'OFFER_WITHDRAWN');
      expectError(await t.http().post(`/api/v1/offers/${tokens[1]}/decline`), 410, 'OFFER_WITHDRAWN');
      // Cancelling twice changes nothing.
      expect((await t.http().delete(`/api/v1/vacancies/${id}`).set(auth(manager.token)).expect(200)).body.status).toBe('cancelled');
      expect(await offersOf(manager.token, id)).toEqual(expected);
    });

    it('cancels the booking of a filled vacancy and tells the booked substitute by SMS and email', async () => {
      const { unit, manager, substitutes } = await setting('a2', 1);
      const [anna] = substitutes;
      const { vacancies } = await postAbsence(manager.token, unit.id, [dayShift(4)]);
      const id = vacancies[0].id;
      const token = await nthOffer(anna.phone, 1);
      const { bookingId } = (await t.http().post(`/api/v1/offers/${token}/accept`).expect(200)).body;
      expect(await vacancy(manager.token, id)).toMatchObject({ status: 'filled', bookedSubstituteId: anna.id, bookingId });
      // Confirmation by SMS and email first.
      await eventually(() => {
        expect(smsTo(anna.phone)).toHaveLength(2);
        expect(mailTo(anna.email).some((m) => m.subject.startsWith('Bokningsbekräftelse'))).toBe(true);
      }, 15_000);

      const cancelled = await t.http().delete(`/api/v1/vacancies/${id}`).set(auth(manager.token)).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', bookedSubstituteId: null, bookingId: null });
      const [booking] = await t.db.query(`SELECT status, cancel_reason FROM booking WHERE id = $1`, [bookingId]);
      expect(booking).toEqual({ status: 'cancelled', cancel_reason: expect.any(String) });
      expect(await t.db.query(`SELECT 1 FROM booked_shift WHERE booking_id = $1`, [bookingId])).toEqual([]);

      await eventually(() => {
        const sms = smsTo(anna.phone);
        expect(sms).toHaveLength(3);
        expect(sms[2].message).toMatch(/^Avbokat: /);
        expect(sms[2].message).toContain(unit.name);
        const mail = mailTo(anna.email).find((m) => m.subject.startsWith('Avbokat'));
        expect(mail).toBeDefined();
        expect(mail!.text).toContain('avbokad');
      }, 15_000);

      // The old link no longer books: neither the API nor the page.
      expectError(await t.http().post(`/api/v1/offers/${token}/accept`), 410, 'OFFER_WITHDRAWN');
      const page = await t.http().get(`/o/${token}`);
      expect(page.status).toBe(410);
      expect(page.text).toContain('<h1>Erbjudandet är återkallat</h1>');
      expect(await vacancy(manager.token, id)).toMatchObject({ status: 'cancelled', bookedSubstituteId: null });
      expect(await t.db.query(`SELECT count(*)::int AS n FROM booking WHERE vacancy_id = $1 AND status = 'confirmed'`, [id])).toEqual([{ n: 0 }]);
    });
  });

  it('(b) cancelling an absence cancels all its vacancies, withdraws their offers and cancels their bookings', async () => {
    const { unit, manager, substitutes } = await setting('b', 1);
    const [anna] = substitutes;
    const absence = await postAbsence(manager.token, unit.id, [dayShift(5), dayShift(7)], true);
    expect(absence.vacancies).toHaveLength(2);
    const [first, second] = absence.vacancies.map((v) => v.id);
    await eventually(() => expect(offerTokens(anna.phone)).toHaveLength(2), 15_000);
    // Book the first; the second stays offered. The link of an offer is an HMAC of its id.
    const [{ id: firstOfferId }] = await t.db.query(`SELECT id FROM offer WHERE vacancy_id = $1`, [first]);
    const firstToken = offerToken(t.config.offerTokenSecret, firstOfferId);
    expect(offerTokens(anna.phone)).toContain(firstToken);
    const { bookingId } = (await t.http().post(`/api/v1/offers/${firstToken}/accept`).expect(200)).body;
    expect((await vacancy(manager.token, first)).status).toBe('filled');
    expect((await vacancy(manager.token, second)).status).toBe('offering');

    expectError(await t.http().delete(`/api/v1/absences/${absence.id}`).set(auth(otherManager.token)), 404, 'NOT_FOUND');

    const res = await t.http().delete(`/api/v1/absences/${absence.id}`).set(auth(manager.token)).expect(200);
    expect(res.body.vacancies.map((v: { status: string }) => v.status)).toEqual(['cancelled', 'cancelled']);
    expect(await vacancy(manager.token, first)).toMatchObject({ status: 'cancelled', bookedSubstituteId: null, offers: [{ substituteId: anna.id, status: 'accepted' }] });
    expect(await vacancy(manager.token, second)).toMatchObject({ status: 'cancelled', bookedSubstituteId: null, offers: [{ substituteId: anna.id, status: 'withdrawn' }] });
    expect(await t.db.query(`SELECT status FROM booking WHERE id = $1`, [bookingId])).toEqual([{ status: 'cancelled' }]);
    await eventually(() => expect(smsTo(anna.phone).filter((m) => m.message.startsWith('Avbokat: '))).toHaveLength(1), 15_000);
    for (const token of offerTokens(anna.phone)) expectError(await t.http().post(`/api/v1/offers/${token}/accept`), 410, 'OFFER_WITHDRAWN');
  });

  it('(c) cancelling a booking reopens the vacancy and rematches without the cancelled substitute', async () => {
    const { unit, manager, substitutes } = await setting('c', 2);
    const [anna, bertil] = substitutes;
    const { vacancies } = await postAbsence(manager.token, unit.id, [dayShift(6)]);
    const id = vacancies[0].id;
    // Both are offered in the first wave; Anna is quicker, so Bertil's offer is withdrawn.
    const annaToken = await nthOffer(anna.phone, 1);
    const bertilFirst = await nthOffer(bertil.phone, 1);
    const { bookingId } = (await t.http().post(`/api/v1/offers/${annaToken}/accept`).expect(200)).body;
    expect(await offersOf(manager.token, id)).toEqual(
      [
        { substituteId: anna.id, wave: 1, status: 'accepted' },
        { substituteId: bertil.id, wave: 1, status: 'withdrawn' },
      ].sort((a, b) => a.substituteId.localeCompare(b.substituteId)),
    );
    await eventually(() => expect(smsTo(anna.phone)).toHaveLength(2), 15_000);

    expectError(await t.http().post(`/api/v1/bookings/${bookingId}/cancel`).set(auth(manager.token)).send({}), 400, 'VALIDATION_FAILED');
    expectError(await t.http().post(`/api/v1/bookings/${bookingId}/cancel`).set(auth(manager.token)).send({ reason: '   ' }), 400, 'VALIDATION_FAILED');
    expectError(await t.http().post(`/api/v1/bookings/${bookingId}/cancel`).set(auth(otherManager.token)).send({ reason: 'Fel person' }), 404, 'NOT_FOUND');
    expect((await vacancy(manager.token, id)).status).toBe('filled');

    const cancelled = await t.http().post(`/api/v1/bookings/${bookingId}/cancel`).set(auth(manager.token)).send({ reason: 'Ordinarie personal är tillbaka' }).expect(200);
    expect(cancelled.body).toEqual({ status: 'cancelled', vacancyStatus: expect.stringMatching(/^(open|offering)$/) });

    // Bertil gets a new offer with a new link; Anna is not offered again.
    const bertilSecond = await nthOffer(bertil.phone, 2);
    expect(bertilSecond).not.toBe(bertilFirst);
    const reopened = await vacancy(manager.token, id);
    expect(reopened).toMatchObject({ status: 'offering', bookedSubstituteId: null, bookingId: null });
    expect(reopened.offers.filter((o) => o.substituteId === anna.id)).toEqual([expect.objectContaining({ wave: 1, status: 'accepted' })]);
    // His first offer stays in the history as withdrawn; the new one is live.
    expect(reopened.offers.filter((o) => o.substituteId === bertil.id)).toEqual([
      expect.objectContaining({ wave: 1, status: 'withdrawn' }),
      expect.objectContaining({ wave: 2, status: 'pending' }),
    ]);

    // Anna is told, with the reason; her old link no longer books her.
    await eventually(() => {
      const sms = smsTo(anna.phone);
      expect(sms).toHaveLength(3);
      expect(sms[2].message).toMatch(/^Avbokat: /);
      expect(sms[2].message).toMatch(/^Avbokat: din bokning på /);
      expect(sms[2].message).not.toContain('inställt');
      const mail = mailTo(anna.email).find((m) => m.subject.startsWith('Avbokat'));
      expect(mail?.text).toContain('Ordinarie personal är tillbaka');
    }, 15_000);
    expect(offerTokens(anna.phone)).toEqual([annaToken]);
    expectError(await t.http().post(`/api/v1/offers/${annaToken}/accept`), 410, 'OFFER_WITHDRAWN');
    expect((await t.http().get(`/o/${annaToken}`)).status).toBe(410);
    expect((await vacancy(manager.token, id)).status).toBe('offering');

    // Bertil's new link books him.
    const booked = (await t.http().post(`/api/v1/offers/${bertilSecond}/accept`).expect(200)).body;
    expect(booked.bookingId).not.toBe(bookingId);
    expect(await vacancy(manager.token, id)).toMatchObject({ status: 'filled', bookedSubstituteId: bertil.id, bookingId: booked.bookingId });
    // Cancelling the old booking again changes nothing.
    await t.http().post(`/api/v1/bookings/${bookingId}/cancel`).set(auth(manager.token)).send({ reason: 'igen' }).expect(200);
    expect(await vacancy(manager.token, id)).toMatchObject({ status: 'filled', bookedSubstituteId: bertil.id });
  });

  it('(d) a vacancy nobody can take becomes unfilled and its manager gets an email', async () => {
    const { unit, manager } = await setting('d', 0);
    const { vacancies } = await postAbsence(manager.token, unit.id, [dayShift(3)]);
    const id = vacancies[0].id;
    await eventually(async () => expect((await vacancy(manager.token, id)).status).toBe('unfilled'), 15_000);
    expect((await vacancy(manager.token, id)).offers).toEqual([]);
    const mail = await eventually(() => {
      const found = mailTo(manager.email).find((m) => m.subject.startsWith('Vikariatet är inte tillsatt') && m.subject.includes(unit.name));
      expect(found).toBeDefined();
      return found!;
    }, 15_000);
    expect(mail.subject).toContain(unit.name);
    expect(mail.text).toContain('Vi har inte hittat någon vikarie');
  });

  it('(e) a decline sends the next wave at once when nobody else is pending', async () => {
    const { unit, manager, substitutes } = await setting('e', 2);
    const { vacancies } = await postAbsence(manager.token, unit.id, [dayShift(3)]);
    const id = vacancies[0].id;
    const firstWave = await eventually(async () => {
      const offers = await offersOf(manager.token, id);
      expect(offers).toEqual([{ substituteId: expect.any(String), wave: 1, status: 'pending' }]);
      return offers;
    }, 15_000);
    const first = substitutes.find((s) => s.id === firstWave[0].substituteId)!;
    const second = substitutes.find((s) => s !== first)!;
    const { nextWaveAt } = (await t.http().get(`/api/v1/vacancies/${id}`).set(auth(manager.token)).expect(200)).body;
    expect(new Date(nextWaveAt).getTime()).toBeGreaterThan(Date.now() + 500 * 60_000);
    const token = await nthOffer(first.phone, 1);
    expect(offerTokens(second.phone)).toEqual([]);

    const declinedAt = Date.now();
    await t.http().post(`/api/v1/offers/${token}/decline`).expect(200);
    await nthOffer(second.phone, 1);
    expect(Date.now() - declinedAt).toBeLessThan(15_000);
    expect(await offersOf(manager.token, id)).toEqual([
      { substituteId: first.id, wave: 1, status: 'declined' },
      { substituteId: second.id, wave: 2, status: 'pending' },
    ]);
    expect((await vacancy(manager.token, id)).status).toBe('offering');
  });

  it('(f) offers preferred substitutes first and blocked ones never', async () => {
    const { unit, manager, substitutes } = await setting('f', 3);
    // Verified first, so without the lists Xena would be first in line.
    const [xena, ylva, zorro] = substitutes;
    await t.http().put(`/api/v1/units/${unit.id}/preferred`).set(auth(manager.token)).send([zorro.id]).expect(200);
    await t.http().put(`/api/v1/units/${unit.id}/blocked`).set(auth(manager.token)).send([xena.id]).expect(200);
    const lists = await t.http().get(`/api/v1/units/${unit.id}/preferences`).set(auth(manager.token)).expect(200);
    expect(lists.body).toMatchObject({ preferred: [zorro.id], blocked: [xena.id] });

    const { vacancies } = await postAbsence(manager.token, unit.id, [dayShift(4)]);
    const id = vacancies[0].id;
    const zorroToken = await nthOffer(zorro.phone, 1);
    expect(await offersOf(manager.token, id)).toEqual([{ substituteId: zorro.id, wave: 1, status: 'pending' }]);
    expect((await vacancy(manager.token, id)).offers[0]).toMatchObject({ rankReason: { rank: 1, reason: expect.arrayContaining(['preferred by the unit']) } });

    await t.http().post(`/api/v1/offers/${zorroToken}/decline`).expect(200);
    const ylvaToken = await nthOffer(ylva.phone, 1);
    await t.http().post(`/api/v1/offers/${ylvaToken}/decline`).expect(200);

    // Nobody left but the blocked one: unfilled, and Xena was never asked.
    await eventually(async () => expect((await vacancy(manager.token, id)).status).toBe('unfilled'), 15_000);
    expect(await offersOf(manager.token, id)).toEqual([
      { substituteId: zorro.id, wave: 1, status: 'declined' },
      { substituteId: ylva.id, wave: 2, status: 'declined' },
    ]);
    await eventually(() => expect(mailTo(manager.email).some((m) => m.subject.startsWith('Vikariatet är inte tillsatt') && m.subject.includes(unit.name))).toBe(true), 15_000);
    expect(smsTo(xena.phone)).toEqual([]);
    expect(mailTo(xena.email)).toEqual([]);
  });
});
