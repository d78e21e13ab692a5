import { eventually } from './support/eventually';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import type { Channels } from './support/channels';
import { Stack, startStack } from './support/stack';
import type { FakeElks } from './support/fake-elks-server';
import type { SmtpCatcher } from './support/smtp-catcher';
import { flatSettings } from './support/offers';
import { seedMunicipality, TestApp } from './support/test-app';

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
/** A wall-clock time in Stockholm `days` from today, so that texts do not depend on the hour the test runs. */
const localDay = (days: number, time: string) => `${new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' })}T${time}`;

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
      .send({ unitId: unit.id, reason: 'study_leave', qualification: 'underskoterska', shifts: [{ start: localDay(2, '07:00'), end: localDay(2, '15:00') }] })
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
});
