import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, expectPageFine, launchBrowser, swedishContext } from './support/browser';
import { eventually } from './support/eventually';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import type { FakeElks } from './support/fake-elks-server';
import { flatSettings } from './support/offers';
import { Stack, startStack } from './support/stack';
import { seedMunicipality, TestApp } from './support/test-app';
import { local } from './support/time';

const CODE = /Din kod till Vikariebanken är (\d{6})\./;

/**
 * A substitute's whole life on the pages, in Debian's Chromium at 320 px: sign up, be verified, sign in with
 * the code from the SMS, set when they can work, answer an offer, cancel the booking, take an open vacancy,
 * change the profile, download their data and erase it. Every page and state is checked by axe-core
 * (WCAG 2.1 A and AA) and must fit the width without sideways scrolling.
 */
describe("the substitute's pages in a browser", () => {
  let stack: Stack;
  let t: TestApp;
  let elks: FakeElks;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    stack = await startStack();
    t = stack.t;
    elks = stack.channels.elks;
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(10)).expect(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const check = (page: Page, state: string, errors: string[]) => expectPageFine(page, state, errors, '');

  const heading = (page: Page) => page.locator('h1').innerText();

  it('walks a whole life, from sign-up to erasure', async () => {
    const unit = await makeUnit(t, admin.adminToken, { name: 'Åbackens äldreboende', district: 'Östermalm', address: 'Åbacksgatan 3, Norrköping' });
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const { page, errors } = await swedishContext(browser);

    // Sign up: first nothing filled in, then everything but the consent; what was typed stays.
    await page.goto(`${t.baseUrl}/anmalan`);
    await check(page, 'sign-up: choose municipality', errors);
    await page.click('text=Norrköpings kommun');
    expect(await heading(page)).toBe('Anmäl ditt intresse att arbeta som vikarie');
    await check(page, 'sign-up: empty', errors);
    await page.click('button:has-text("Skicka anmälan")');
    expect(await page.locator('.error-summary').innerText()).toContain('Skriv ditt förnamn.');
    expect(await page.title()).toMatch(/^Fel: /);
    await check(page, 'sign-up: errors', errors);
    await page.fill('#firstName', 'Åsa');
    await page.fill('#lastName', 'Öberg-Ängström');
    await page.fill('#phone', '070-555 12 34');
    await page.fill('#email', 'asa.oberg@example.se');
    await page.check('label:has-text("Undersköterska")');
    await page.check('label:has-text("Östermalm")');
    await page.click('button:has-text("Skicka anmälan")');
    expect(await page.locator('#consent-error').innerText()).toContain('godkänna');
    expect(await page.inputValue('#lastName')).toBe('Öberg-Ängström');
    expect(await page.isChecked('label:has-text("Undersköterska")')).toBe(true);
    await page.check('#consent');
    await page.click('button:has-text("Skicka anmälan")');
    expect(await heading(page)).toBe('Tack för din anmälan');
    await check(page, 'sign-up: done', errors);

    // The staffing team verifies the new substitute.
    const pending = await t.http().get('/api/v1/substitutes?status=pending').set(auth(admin.adminToken)).expect(200);
    const asa = pending.body.find((s: { email: string }) => s.email === 'asa.oberg@example.se');
    expect(asa).toMatchObject({ firstName: 'Åsa', phone: '+46705551234', districts: ['Östermalm'] });
    await t.http().patch(`/api/v1/substitutes/${asa.id}`).set(auth(admin.adminToken)).send({ status: 'active', verifiedQualifications: ['underskoterska'] }).expect(200);

    // Sign in with the code from the SMS; a wrong code first.
    await page.goto(`${t.baseUrl}/vikarie`);
    expect(page.url()).toBe(`${t.baseUrl}/vikarie/logga-in`);
    await check(page, 'sign-in', errors);
    await page.fill('#contact', '0705551234');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#code');
    await check(page, 'sign-in: code', errors);
    const code = await eventually(() => {
      const sms = elks.messages.filter((m) => m.to === '+46705551234' && CODE.test(m.message));
      expect(sms).toHaveLength(1);
      return CODE.exec(sms[0].message)![1];
    }, 15_000);
    await page.fill('#code', code === '111111' ? '222222' : '111111');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#code-error');
    await check(page, 'sign-in: wrong code', errors);
    await page.fill('#code', code);
    await Promise.all([page.waitForURL(`${t.baseUrl}/vikarie`), page.keyboard.press('Enter')]);
    expect(await heading(page)).toBe('Hej Åsa!');
    const session = (await page.context().cookies()).find((c) => c.name === 'vb_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await check(page, 'home', errors);

    for (const [path, state] of [['/vikarie/erbjudanden', 'offers: none'], ['/vikarie/bokningar', 'bookings: none'], ['/vikarie/lediga', 'open: none']] as const) {
      await page.goto(`${t.baseUrl}${path}`);
      await check(page, state, errors);
    }

    // When I can work: one day by itself, then weekdays for eight weeks.
    const offerDay = DateTime.now().setZone('Europe/Stockholm').plus({ days: 3 });
    await page.goto(`${t.baseUrl}/vikarie/tillganglighet`);
    await check(page, 'availability: empty', errors);
    await page.fill('#add-date', offerDay.toISODate()!);
    await page.fill('#add-startTime', '06:00');
    await page.fill('#add-endTime', '20:00');
    await page.click('button:has-text("Lägg till")');
    expect(await page.locator('.flash').innerText()).toBe('Tiden är tillagd.');
    expect(await page.locator('.periods').first().innerText()).toContain('06:00–20:00');
    await page.fill('#add-date', '2020-01-01');
    await page.click('button:has-text("Lägg till")');
    expect(await page.locator('#add-date-error').innerText()).toContain('i dag eller senare');
    await check(page, 'availability: errors', errors);
    await page.click('button:has-text("Lägg till tiderna")');
    await check(page, 'availability: with times', errors);
    const windows = await t.http().get(`/api/v1/substitutes/${asa.id}`).set(auth(admin.adminToken)).expect(200);
    expect(windows.body.availability.length).toBeGreaterThanOrEqual(30);

    // An offer arrives; she accepts it on her pages, by keyboard.
    const first = await t.http().post('/api/v1/absences').set(auth(manager.token)).send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: local(3, '08:00'), end: local(3, '15:00') }] }).expect(201);
    await eventually(() => expect(elks.messages.filter((m) => m.to === '+46705551234' && m.message.includes('/o/'))).toHaveLength(1), 15_000);
    await page.goto(`${t.baseUrl}/vikarie/erbjudanden`);
    expect(await page.locator('.item').innerText()).toContain('Åbackens äldreboende');
    await check(page, 'offers: one', errors);
    await page.focus('button:has-text("Ja, jag tar passet")');
    await page.keyboard.press('Enter');
    await page.waitForURL(/bokningar\?klart=tackat-ja/);
    expect(await page.locator('.flash').innerText()).toContain('Du är bokad');
    await check(page, 'bookings: one', errors);
    expect((await t.http().get(`/api/v1/vacancies/${first.body.vacancies[0].id}`).set(auth(manager.token)).expect(200)).body).toMatchObject({ status: 'filled', bookedSubstituteId: asa.id });

    // She cancels it, giving a reason.
    await page.click('text=Avboka');
    await check(page, 'cancel booking', errors);
    await page.click('button:has-text("Avboka")');
    await page.waitForSelector('#reason-error');
    await check(page, 'cancel booking: no reason', errors);
    await page.fill('#reason', 'Mitt barn är sjukt');
    await page.click('button:has-text("Avboka")');
    expect(await page.locator('.flash').innerText()).toContain('avbokad');
    expect((await t.http().get(`/api/v1/vacancies/${first.body.vacancies[0].id}`).set(auth(manager.token)).expect(200)).body.status).not.toBe('filled');

    // An open vacancy she takes herself.
    const second = await t.http().post('/api/v1/absences').set(auth(manager.token)).send({ unitId: unit.id, reason: 'study_leave', qualification: 'underskoterska', shifts: [{ start: local(3, '16:00'), end: local(3, '19:00') }] }).expect(201);
    await page.goto(`${t.baseUrl}/vikarie/lediga`);
    expect(await page.locator('.item').count()).toBe(1);
    await check(page, 'open: one', errors);
    await page.click('button:has-text("Ta vikariatet")');
    expect(await page.locator('.flash').innerText()).toContain('tagit vikariatet');
    expect((await t.http().get(`/api/v1/vacancies/${second.body.vacancies[0].id}`).set(auth(manager.token)).expect(200)).body).toMatchObject({ status: 'filled', bookedSubstituteId: asa.id });

    // Her profile: a wrong phone number is said next to the field; a pause is saved.
    await page.goto(`${t.baseUrl}/vikarie/profil`);
    await check(page, 'profile', errors);
    await page.fill('#phone', '12');
    await page.click('button:has-text("Spara")');
    expect(await page.locator('#phone-error').innerText()).toContain('mobilnummer');
    await check(page, 'profile: errors', errors);
    await page.fill('#phone', '070-555 12 34');
    await page.check('#paused');
    await page.click('button:has-text("Spara")');
    expect(await page.locator('.flash').innerText()).toBe('Dina ändringar är sparade.');
    expect((await t.http().get(`/api/v1/substitutes/${asa.id}`).set(auth(admin.adminToken)).expect(200)).body).toMatchObject({ status: 'paused', pausedBy: 'self' });

    // Her data: downloaded, then erased after a clear confirmation.
    await page.goto(`${t.baseUrl}/vikarie/mina-uppgifter`);
    await check(page, 'my data', errors);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Ladda ner mina uppgifter')]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.profile).toMatchObject({ id: asa.id, email: 'asa.oberg@example.se' });
    expect(exported.bookings).toHaveLength(2);
    await page.click('text=Radera mina uppgifter');
    await check(page, 'erase', errors);
    await page.click('button:has-text("Radera")');
    await page.waitForSelector('#confirm-error');
    await check(page, 'erase: not confirmed', errors);
    await page.check('#confirm');
    await page.click('button:has-text("Radera")');
    expect(await heading(page)).toBe('Dina uppgifter är raderade');
    await check(page, 'erased', errors);
    expect((await t.db.query(`SELECT status, email FROM substitute WHERE id = $1`, [asa.id]))[0]).toEqual({ status: 'erased', email: null });
    await page.goto(`${t.baseUrl}/vikarie`);
    expect(page.url()).toBe(`${t.baseUrl}/vikarie/logga-in`);
    await page.context().close();
  });

  it('fits a desktop too, signed in and out', async () => {
    const { page, errors } = await swedishContext(browser, DESKTOP);
    for (const path of ['/anmalan', '/anmalan/personuppgifter', '/vikarie/logga-in']) {
      await page.goto(`${t.baseUrl}${path}`);
      await check(page, `desktop ${path}`, errors);
    }
    const bo = await makeSubstitute(t, admin.adminToken, { firstName: 'Bo' });
    // 340 days from the earlier system in the last year: the home page warns of the limit for preferential rehire.
    const today = DateTime.now().setZone('Europe/Stockholm');
    const history = Array.from({ length: 340 }, (_, i) => ({ date: today.minus({ days: 350 - i }).toISODate()!, form: 'vikariat' }));
    await t.http().put(`/api/v1/substitutes/${bo.id}/las/history`).set(auth(admin.adminToken)).send(history).expect(200);
    await page.fill('#contact', bo.email);
    await page.click('button:has-text("Skicka kod")');
    const code = await eventually(() => {
      const mail = stack.channels.smtp.messages.find((m) => m.to.includes(bo.email) && m.subject === 'Din kod till Vikariebanken');
      return /kod för att logga in är (\d{6})\./.exec(mail!.text)![1];
    }, 15_000);
    await page.fill('#code', code);
    await Promise.all([page.waitForURL(`${t.baseUrl}/vikarie`), page.click('button:has-text("Logga in")')]);
    for (const path of ['/vikarie', '/vikarie/erbjudanden', '/vikarie/bokningar', '/vikarie/tillganglighet', '/vikarie/lediga', '/vikarie/profil', '/vikarie/mina-uppgifter', '/vikarie/mina-uppgifter/radera']) {
      await page.goto(`${t.baseUrl}${path}`);
      await check(page, `desktop ${path}`, errors);
      if (path === '/vikarie') expect(await page.locator('.notice', { hasText: 'LAS' }).innerText()).toContain('25 dagar kvar till företrädesrätt.');
    }
    await page.click('button:has-text("Logga ut")');
    expect(page.url()).toBe(`${t.baseUrl}/vikarie/logga-in`);
    await page.goto(`${t.baseUrl}/vikarie/profil`);
    expect(page.url()).toBe(`${t.baseUrl}/vikarie/logga-in`);
    await page.context().close();
  });

  it('refuses a form posted without its token, or from another site', async () => {
    const form = await t.http().get('/vikarie/logga-in').expect(200);
    const cookie = form.headers['set-cookie'][0].split(';')[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const post = (body: string, headers: Record<string, string> = {}) =>
      t.http().post('/vikarie/logga-in').set({ 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers }).send(body);
    expect((await post(`municipalityId=${admin.municipalityId}&contact=0705551234`)).status).toBe(403);
    expect((await post(`_csrf=${token}&municipalityId=${admin.municipalityId}&contact=0705551234`, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(`_csrf=${token}&municipalityId=${admin.municipalityId}&contact=0705551234`)).status).toBe(200);
    expect(form.headers['content-security-policy']).toContain("default-src 'none'");
  });
});
