import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { eventually } from './support/eventually';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import type { Channels } from './support/channels';
import { Stack, startStack } from './support/stack';
import type { FakeElks } from './support/fake-elks-server';
import type { SmtpCatcher } from './support/smtp-catcher';
import { flatSettings } from './support/offers';
import { seedMunicipality, TestApp } from './support/test-app';
import { hours, local } from './support/time';

/**
 * The offer page in a real headless browser on a phone-sized screen: what a substitute sees from the SMS
 * link, answering by keyboard and by tapping, and the Swedish sentence for every closed state.
 */

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PHONE = { width: 390, height: 844 };
const ZONE = 'Europe/Stockholm';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
/** How Chromium reports a page answered with a 4xx status (the closed states are 404, 409 and 410 on purpose). */
const DOCUMENT_STATUS = /^Failed to load resource: the server responded with a status of 4\d\d \(/;
const LINK = /(http:\/\/\S+\/o\/([A-Za-z0-9_-]{43}))/;

/** "11 jan": how the page names the day of a Swedish wall-clock time. */
const dayAndMonth = (wall: string) => {
  const dt = DateTime.fromISO(wall, { zone: ZONE });
  return `${dt.day} ${MONTHS[dt.month - 1]}`;
};

describe('the offer page in a browser', () => {
  let t: TestApp;
  let stack: Stack;
  let channels: Channels;
  let elks: FakeElks;
  let smtp: SmtpCatcher;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    stack = await startStack();
    ({ t, channels } = stack);
    ({ elks, smtp } = channels);
    admin = await seedMunicipality(t);
    // Offers go out at once whatever the hour (no quiet hours), to everyone qualified in one wave.
    await t
      .http()
      .put('/api/v1/matching-settings')
      .set(auth(admin.adminToken))
      .send(flatSettings(10))
      .expect(200);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A unit in its own district, its manager, and `count` substitutes who work only there. */
  async function setting(count: number, unitName = `Enhet ${randomBytes(2).toString('hex')}`) {
    const district = `Distrikt-${randomBytes(3).toString('hex')}`;
    const unit = await makeUnit(t, admin.adminToken, { name: unitName, district, address: 'Vrinnevigatan 5, 603 79 Norrköping' });
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const substitutes = [];
    for (let i = 0; i < count; i++) {
      substitutes.push(await makeSubstitute(t, admin.adminToken, { firstName: 'Åsa', districts: [district], availability: [{ start: hours(1), end: hours(24 * 20) }] }));
    }
    return { unit, manager, substitutes };
  }

  async function postVacancy(managerToken: string, unitId: string, shifts: { start: string; end: string }[]): Promise<string> {
    const res = await t.http().post('/api/v1/absences').set(auth(managerToken)).send({ unitId, reason: 'study_leave', qualification: 'underskoterska', shifts }).expect(201);
    return res.body.vacancies[0].id as string;
  }

  /** The token of the offer link in the SMS that reached `phone`. */
  async function tokenFor(phone: string): Promise<string> {
    return eventually(() => {
      const sms = elks.messages.filter((m) => m.to === phone && LINK.test(m.message));
      expect(sms).toHaveLength(1);
      const [, link, token] = LINK.exec(sms[0].message)!;
      expect(link).toBe(`${t.baseUrl}/o/${token}`);
      return token;
    }, 15_000);
  }

  /** A phone-sized page that records console errors and uncaught exceptions (CSP violations are console errors). */
  async function phonePage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'sv-SE' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  const heading = (page: Page) => page.locator('h1').innerText();

  /** The focused element's class, or its tag when it has none. */
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.className || document.activeElement?.tagName || '');

  it('shows the offer in Swedish on a phone, and books by keyboard', async () => {
    const { unit, manager, substitutes } = await setting(1, 'Vrinnevihemmet');
    const start = local(3, '07:00');
    const vacancyId = await postVacancy(manager.token, unit.id, [{ start, end: local(3, '16:00') }]);
    const token = await tokenFor(substitutes[0].phone);
    // The email carries the same link.
    await eventually(() => expect(smtp.messages.find((m) => m.to.includes(substitutes[0].email))?.text).toContain(`${t.baseUrl}/o/${token}`), 15_000);

    const { page, errors } = await phonePage();
    const response = await page.goto(`${t.baseUrl}/o/${token}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");

    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await heading(page)).toBe('Erbjudande om vikariat');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Vrinnevihemmet');
    expect(main).toContain('Vrinnevigatan 5, 603 79 Norrköping');
    expect(main).toContain('Undersköterska');
    expect(main).toContain('Vård och omsorg');
    expect(main).toContain('Hej Åsa!');
    // The shift in Swedish local time, whatever the zone of the server or the browser.
    const shifts = await page.locator('ul.shifts li').allInnerTexts();
    expect(shifts).toHaveLength(1);
    expect(shifts[0]).toContain(dayAndMonth(start));
    expect(shifts[0]).toMatch(/07:00\s*–\s*16:00$/);
    expect(main).toMatch(/Svara senast \S+ \d{1,2} [a-z]{3} kl\. \d\d:\d\d\./);

    // Fits a phone: nothing wider than the screen, buttons big enough to tap.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const name of ['Ja, jag tar passet', 'Nej tack']) {
      const box = await page.getByRole('button', { name }).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: '/tmp/offer-page.png', fullPage: true });
    expect(errors).toEqual([]);

    // Both buttons are reachable with Tab, with a visible focus outline; Enter on "Ja" books.
    for (let i = 0; i < 10 && (await focused(page)) !== 'accept'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('accept');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('decline');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('accept');
    await Promise.all([page.waitForURL(`**/o/${token}/accept`), page.keyboard.press('Enter')]);

    expect(await heading(page)).toBe('Tack! Du är bokad');
    expect(await page.locator('main').innerText()).toContain('Du är bokad som undersköterska på Vrinnevihemmet.');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(errors).toEqual([]);
    const vacancy = await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200);
    expect(vacancy.body).toMatchObject({ status: 'filled', bookedSubstituteId: substitutes[0].id, offers: [{ substituteId: substitutes[0].id, status: 'accepted' }] });

    // Reloading the link afterwards still says booked.
    await page.goto(`${t.baseUrl}/o/${token}`);
    expect(await heading(page)).toBe('Tack! Du är bokad');
    await page.context().close();
  });

  it('declines with a tap on "Nej tack"', async () => {
    const { unit, manager, substitutes } = await setting(1);
    const vacancyId = await postVacancy(manager.token, unit.id, [{ start: local(4, '13:00'), end: local(4, '21:30') }]);
    const token = await tokenFor(substitutes[0].phone);

    const { page, errors } = await phonePage();
    await page.goto(`${t.baseUrl}/o/${token}`);
    expect(await page.locator('ul.shifts li').allInnerTexts()).toEqual([expect.stringMatching(/13:00\s*–\s*21:30$/)]);
    await Promise.all([page.waitForURL(`**/o/${token}/decline`), page.getByRole('button', { name: 'Nej tack' }).tap()]);
    expect(await heading(page)).toBe('Du har tackat nej till erbjudandet');
    expect(await page.locator('main p').first().innerText()).toContain('Tack för att du svarade.');
    expect(errors).toEqual([]);

    const vacancy = await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200);
    expect(vacancy.body.offers).toEqual([expect.objectContaining({ substituteId: substitutes[0].id, status: 'declined' })]);
    await page.context().close();
  });

  /** Opens the link and returns the HTTP status, the heading and the explanation under it. */
  async function closedState(token: string) {
    const { page, errors } = await phonePage();
    const response = await page.goto(`${t.baseUrl}/o/${token}`);
    const result = {
      status: response?.status(),
      lang: await page.getAttribute('html', 'lang'),
      mains: await page.locator('main').count(),
      h1: await heading(page),
      text: await page.locator('main p').first().innerText(),
      buttons: await page.locator('button').count(),
      errors: errors.filter((e) => !DOCUMENT_STATUS.test(e)),
    };
    await page.context().close();
    return result;
  }

  it('says clearly when the offer has expired', async () => {
    const { unit, manager, substitutes } = await setting(1);
    const vacancyId = await postVacancy(manager.token, unit.id, [{ start: local(5, '07:00'), end: local(5, '16:00') }]);
    const token = await tokenFor(substitutes[0].phone);
    const updated = await t.db.query(`UPDATE offer SET expires_at = now() - interval '1 minute' WHERE vacancy_id = $1 AND substitute_id = $2 RETURNING id`, [vacancyId, substitutes[0].id]);
    expect(updated[0]).toHaveLength(1);

    expect(await closedState(token)).toEqual({ status: 410, lang: 'sv', mains: 1, h1: 'Erbjudandet har gått ut', text: expect.stringContaining('går inte längre att tacka ja'), buttons: 0, errors: [] });
    const accept = await t.http().post(`/api/v1/offers/${token}/accept`).expect(410);
    expect(accept.body.code).toBe('OFFER_EXPIRED');
  });

  it('says clearly when the offer was withdrawn because the vacancy was cancelled', async () => {
    const { unit, manager, substitutes } = await setting(1);
    const vacancyId = await postVacancy(manager.token, unit.id, [{ start: local(6, '07:00'), end: local(6, '16:00') }]);
    const token = await tokenFor(substitutes[0].phone);
    const cancelled = await t.http().delete(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', offers: [{ substituteId: substitutes[0].id, status: 'withdrawn' }] });

    expect(await closedState(token)).toEqual({ status: 410, lang: 'sv', mains: 1, h1: 'Erbjudandet är återkallat', text: expect.stringContaining('gäller inte längre'), buttons: 0, errors: [] });
  });

  it('says clearly when someone else took the vacancy first', async () => {
    const { unit, manager, substitutes } = await setting(2);
    const vacancyId = await postVacancy(manager.token, unit.id, [{ start: local(7, '07:00'), end: local(7, '16:00') }]);
    const [first, second] = await Promise.all(substitutes.map((s) => tokenFor(s.phone)));

    // The second substitute has the page open while the first accepts from the SMS link.
    const { page, errors } = await phonePage();
    await page.goto(`${t.baseUrl}/o/${second}`);
    expect(await heading(page)).toBe('Erbjudande om vikariat');
    await t.http().post(`/api/v1/offers/${first}/accept`).expect(200);
    const [answer] = await Promise.all([page.waitForResponse(`**/o/${second}/accept`), page.getByRole('button', { name: 'Ja, jag tar passet' }).tap()]);
    expect(answer.status()).toBe(409);
    expect(await heading(page)).toBe('Vikariatet är redan tillsatt');
    expect(errors.filter((e) => !DOCUMENT_STATUS.test(e))).toEqual([]);
    await page.context().close();

    expect(await closedState(second)).toEqual({ status: 409, lang: 'sv', mains: 1, h1: 'Vikariatet är redan tillsatt', text: expect.stringContaining('hann tacka ja före dig'), buttons: 0, errors: [] });
    const vacancy = await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(manager.token)).expect(200);
    expect(vacancy.body).toMatchObject({ status: 'filled', bookedSubstituteId: substitutes[0].id });
  });

  it('says the link is invalid for an unknown token', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token']) {
      expect(await closedState(token)).toEqual({ status: 404, lang: 'sv', mains: 1, h1: 'Länken är ogiltig', text: expect.stringContaining('Vi hittar inget erbjudande'), buttons: 0, errors: [] });
    }
  });

  it('says which working-time rule a clash would break, with the municipality\'s own limit', async () => {
    const { unit, manager, substitutes } = await setting(1);
    // Two days in one calendar month, three days apart (so daily rest is no issue).
    let first = DateTime.now().setZone(ZONE).plus({ days: 2 }).startOf('day');
    if (first.plus({ days: 3 }).month !== first.month) first = first.plus({ months: 1 }).startOf('month').plus({ days: 1 });
    const wall = (day: DateTime, time: string) => `${day.toISODate()}T${time}`;
    await postVacancy(manager.token, unit.id, [{ start: wall(first, '07:00'), end: wall(first, '16:00') }]);
    const token = await tokenFor(substitutes[0].phone);

    // While the offer waits, the municipality lowers its cap to 12 hours a month and the unit books her
    // for 4 hours by hand: the offer's 9 hours would now make 13.
    const put = (monthlyHourCap: number) => t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send({ ...flatSettings(10), monthlyHourCap }).expect(200);
    await put(12);
    try {
      const other = await postVacancy(manager.token, unit.id, [{ start: wall(first.plus({ days: 3 }), '07:00'), end: wall(first.plus({ days: 3 }), '11:00') }]);
      await t.http().post(`/api/v1/vacancies/${other}/book`).set(auth(manager.token)).send({ substituteId: substitutes[0].id }).expect(200);

      const { page, errors } = await phonePage();
      await page.goto(`${t.baseUrl}/o/${token}`);
      const [answer] = await Promise.all([page.waitForResponse(`**/o/${token}/accept`), page.getByRole('button', { name: 'Ja, jag tar passet' }).tap()]);
      expect(answer.status()).toBe(409);
      expect(await heading(page)).toBe('Det går inte att boka dig på det här passet');
      expect(await page.locator('main').innerText()).toContain('Du skulle bli bokad mer än 12 timmar under en kalendermånad.');
      expect(errors.filter((e) => !DOCUMENT_STATUS.test(e))).toEqual([]);
      await page.context().close();
    } finally {
      await put(165);
    }
  });
});
