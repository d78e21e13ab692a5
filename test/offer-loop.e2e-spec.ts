import { randomBytes } from 'node:crypto';
import { offerToken } from '../src/notifications/credentials';
import { eventually } from './support/eventually';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import type { Channels } from './support/channels';
import { Stack, startStack } from './support/stack';
import type { FakeElks } from './support/fake-elks-server';
import type { SmtpCatcher } from './support/smtp-catcher';
import { flatSettings } from './support/offers';
import { seedMunicipality, TestApp } from './support/test-app';
import { hours, local } from './support/time';


describe('from vacancy to booked substitute', () => {
  let t: TestApp;
  let stack: Stack;
  let channels: Channels;
  let elks: FakeElks;
  let smtp: SmtpCatcher;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    stack = await startStack();
    ({ t, channels } = stack);
    ({ elks, smtp } = channels);
    admin = await seedMunicipality(t);
    // No quiet hours: the test must not depend on the hour it runs.
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(10)).expect(200);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('offers by SMS and email, books on accept, confirms and tells the manager', async () => {
    const unit = await makeUnit(t, admin.adminToken, { name: 'Vrinnevihemmet', district: 'Vrinnevi' });
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const window = [{ start: hours(1), end: hours(24 * 5) }];
    const anna = await makeSubstitute(t, admin.adminToken, { firstName: 'Åsa', availability: window });

    const absence = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(manager.token))
      .send({ unitId: unit.id, reason: 'study_leave', qualification: 'underskoterska', shifts: [{ start: local(2, '07:00'), end: local(2, '15:00') }] })
      .expect(201);
    const vacancyId = absence.body.vacancies[0].id;

    await elks.waitForMessages(1, 15_000);
    const sms = elks.messages.find((m) => m.to === anna.phone)!;
    expect(sms.message).toContain('Vrinnevihemmet');
    const link = /(http:\/\/\S+\/o\/[A-Za-z0-9_-]{43})/.exec(sms.message)![1];
    expect(link.startsWith(t.baseUrl)).toBe(true);
    await smtp.waitForMessages(1, 15_000);
    const offerMail = smtp.messages.find((m) => m.to.includes(anna.email))!;
    expect(offerMail.text).toContain(link);

    const token = link.split('/o/')[1];
    const page = await t.http().get(`/o/${token}`).expect(200);
    expect(page.text).toContain('Vrinnevihemmet');
    expect(page.text).toContain('lang="sv"');

    const details = await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200);
    expect(details.body).toMatchObject({ id: vacancyId, status: 'offering', bookedSubstituteId: null, offers: [{ substituteId: anna.id, wave: 1, status: 'pending' }] });

    const accepted = await t.http().post(`/api/v1/offers/${token}/accept`).expect(200);
    expect(accepted.body).toEqual({ status: 'accepted', bookingId: expect.any(String) });
    const again = await t.http().post(`/api/v1/offers/${token}/accept`).expect(200);
    expect(again.body.bookingId).toBe(accepted.body.bookingId);
    // The link is Åsa's: the booking is recorded as hers, once however often she clicks.
    const audit = await t.http().get('/api/v1/audit').query({ id: accepted.body.bookingId }).set(auth(admin.adminToken)).expect(200);
    expect(audit.body.map((e: { action: string; actor: unknown }) => [e.action, e.actor])).toEqual([['offer_accepted', { role: 'substitute', id: anna.id }]]);

    const filled = await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200);
    expect(filled.body).toMatchObject({ status: 'filled', bookedSubstituteId: anna.id, offers: [{ substituteId: anna.id, status: 'accepted' }] });

    await eventually(() => {
      const confirmation = smtp.messages.find((m) => m.to.includes(anna.email) && m.attachments.some((a) => a.contentType.startsWith('text/calendar')));
      expect(confirmation).toBeDefined();
      expect(confirmation!.attachments[0].content).toContain('BEGIN:VEVENT');
      expect(smtp.messages.find((m) => m.to.includes(manager.email))).toBeDefined();
      expect(elks.messages.filter((m) => m.to === anna.phone)).toHaveLength(2);
    }, 15_000);

    const declineAfter = await t.http().post(`/api/v1/offers/${token}/decline`).expect(409);
    expect(declineAfter.body.code).toBe('OFFER_ANSWERED');
    await t.http().post(`/api/v1/offers/${'x'.repeat(43)}/accept`).expect(404);
  });

  it('applies the same delivery report once, however often it comes', async () => {
    const sent = elks.messages[0];
    for (let i = 0; i < 5; i++) expect(await elks.sendDeliveryReport(sent.id, 'delivered')).toBe(200);
    const rows = await t.db.query(`SELECT status, delivered_at FROM notification WHERE provider_message_id = $1`, [sent.id]);
    expect(rows).toEqual([{ status: 'delivered', delivered_at: expect.any(Date) }]);
    const bad = await t.http().post(`/api/v1/webhooks/46elks/delivery?key=wrong-key-000000000000&delivery=${'0'.repeat(8)}`).type('form').send({ id: sent.id, status: 'failed' });
    expect(bad.status).toBe(401);
  });

  it('answers no guessed offer token: near misses, other keys and plain ids all get the same 404, and the offer stays open', async () => {
    const unit = await makeUnit(t, admin.adminToken, { district: 'Gissning' });
    const bo = await makeSubstitute(t, admin.adminToken, { districts: ['Gissning'], availability: [{ start: hours(1), end: hours(24 * 5) }] });
    await t.http().post('/api/v1/absences').set(auth(admin.adminToken)).send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(50), end: hours(58) }] }).expect(201);
    const token = await eventually(() => /\/o\/([A-Za-z0-9_-]{43})/.exec(elks.messages.find((m) => m.to === bo.phone)!.message)![1], 15_000);
    const [offer] = await t.db.query(`SELECT id FROM offer WHERE substitute_id = $1`, [bo.id]);

    const flip = (i: number) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const guesses = [
      ...Array.from({ length: 30 }, () => randomBytes(32).toString('base64url')),
      ...[0, 1, 21, 41, 42].map(flip),
      token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
      token.slice(0, 42),
      `${token}A`,
      offerToken('another key that is long enough to be a real secret', offer.id),
      offer.id,
    ];
    const answers = new Set<string>();
    for (const guess of guesses) {
      const res = await t.http().post(`/api/v1/offers/${encodeURIComponent(guess)}/accept`);
      answers.add(`${res.status} ${JSON.stringify(res.body)}`);
    }
    expect([...answers]).toEqual([`404 ${JSON.stringify({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'The offer was not found.', details: [] })}`]);
    const [still] = await t.db.query(`SELECT status FROM offer WHERE id = $1`, [offer.id]);
    expect(still.status).toBe('pending');
    await t.http().post(`/api/v1/offers/${token}/accept`).expect(200);
  });
});
