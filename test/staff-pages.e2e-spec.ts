import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, expectPageFine, launchBrowser, PHONE, swedishContext } from './support/browser';
import { eventually } from './support/eventually';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import { flatSettings, offerTokens } from './support/offers';
import { Stack, startStack } from './support/stack';
import { seedMunicipality, TestApp } from './support/test-app';
import { hours } from './support/time';

/**
 * The staff's pages in Debian's Chromium: a unit manager at six in the morning posts an absence through the
 * form, watches the offers go out by name and sees the booking arrive without reloading; books by hand and
 * cancels. Every page and state is checked by axe-core (WCAG 2.1 A and AA), at 320 px and on a desktop.
 */
describe("the staff's pages in a browser", () => {
  let stack: Stack;
  let t: TestApp;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    stack = await startStack();
    t = stack.t;
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(10)).expect(200);
    const allocations = [
      { serviceArea: 'utbildning', amountSek: 20_000_000, hourlyCostSek: 266.6 },
      { serviceArea: 'vard_omsorg', amountSek: 18_000_000, hourlyCostSek: 289.5 },
      { serviceArea: 'socialtjanst', amountSek: 8_000_000, hourlyCostSek: 314.8 },
      { serviceArea: 'kost', amountSek: 6_000_000, hourlyCostSek: 241.3 },
    ];
    await t.http().post('/api/v1/programmes').set(auth(admin.adminToken)).send({ name: 'Jobbsatsningen', budgetSek: 52_000_000, allocations }).expect(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const check = (page: Page, state: string, errors: string[]) => expectPageFine(page, state, errors, 'staff-');

  const heading = (page: Page) => page.locator('h1').innerText();

  /** `npm run screenshots` keeps the README's pictures of the main pages, taken here on a desktop. */
  async function keepForReadme(page: Page, name: string): Promise<void> {
    if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${t.baseUrl}/personal`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button:has-text("Logga in")');
  }

  it('lets a manager post a study leave, watch the offers go out and see the booking arrive without a reload', async () => {
    const unit = await makeUnit(t, admin.adminToken, { name: 'Vrinnevihemmet', district: 'Vrinnevi', address: 'Vrinnevigatan 2, Norrköping' });
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const people: Awaited<ReturnType<typeof makeSubstitute>>[] = [];
    for (const firstName of ['Åsa', 'Örjan']) {
      people.push(await makeSubstitute(t, admin.adminToken, { firstName, districts: ['Vrinnevi'], availability: [{ start: hours(1), end: hours(24 * 30) }] }));
    }
    for (const viewport of [PHONE, DESKTOP]) {
      const { page, errors } = await swedishContext(browser, viewport);
      const size = viewport === PHONE ? 'phone' : 'desktop';

      // Signed out, the pages send a manager to sign in; a wrong password is said plainly.
      await signIn(page, manager.email, 'wrong password');
      expect(await page.locator('.error-summary').innerText()).toContain('stämmer inte');
      await check(page, `sign-in: wrong password (${size})`, errors);
      await page.fill('#password', 'manager password 1');
      await page.click('button:has-text("Logga in")');
      expect(await heading(page)).toBe('Hej chef!');
      await check(page, `start (${size})`, errors);
      if (viewport === DESKTOP) await keepForReadme(page, 'staff-start');

      // The form: nothing filled in first, then a study leave for tomorrow morning, Jobbsatsningen paying.
      await page.click('nav >> text=Ny frånvaro');
      await check(page, `new absence (${size})`, errors);
      if (viewport === DESKTOP) await keepForReadme(page, 'staff-new-absence');
      await page.click('button:has-text("Lägg in och börja söka vikarie")');
      expect(await page.title()).toMatch(/^Fel: /);
      const summary = await page.locator('.error-summary').innerText();
      expect(summary).toContain('Välj varför medarbetaren är borta.');
      expect(summary).toContain('Skriv första dagen');
      await check(page, `new absence: errors (${size})`, errors);
      const tomorrow = DateTime.now().setZone('Europe/Stockholm').plus({ days: viewport === PHONE ? 1 : 2 }).toISODate()!;
      await page.selectOption('#reason', 'study_leave');
      await page.selectOption('#qualification', 'underskoterska');
      await page.selectOption('#programmeId', { label: 'Jobbsatsningen' });
      await page.fill('[id="schedule.from"]', tomorrow);
      await page.fill('[id="schedule.to"]', tomorrow);
      await page.fill('[id="schedule.startTime"]', '06:45');
      await page.fill('[id="schedule.endTime"]', '15:15');
      await page.click('button:has-text("Lägg in och börja söka vikarie")');
      expect(await heading(page)).toBe('Vrinnevihemmet: Undersköterska');
      expect(await page.locator('.facts').innerText()).toContain('Studieledighet, Jobbsatsningen');
      expect(await page.locator('.facts').innerText()).toMatch(/06:45–15:15/);

      // The offers go out by name, and the page shows them without a reload.
      await page.waitForSelector('#levande td:has-text("Örjan")', { timeout: 15_000 });
      expect(await page.locator('#levande').innerText()).toContain('Åsa');
      await check(page, `vacancy: offers out (${size})`, errors);

      // Åsa accepts from her SMS; the manager's page shows the booking, still without a reload.
      const vacancyId = page.url().split('/').pop()!.split('?')[0];
      const token = (await offerTokens(t, vacancyId)).get(people[0].id)!;
      await eventually(() => expect(stack.channels.elks.messages.some((m) => m.to === people[0].phone && m.message.includes(`/o/${token}`))).toBe(true));
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => navigations.push(frame.url()));
      await t.http().post(`/api/v1/offers/${token}/accept`).expect(200);
      await page.waitForSelector('#levande :text("Bokad: Åsa")', { timeout: 15_000 });
      expect(navigations).toEqual([]);
      // The forms follow: a filled vacancy is no longer booked by hand.
      await page.waitForFunction(() => !document.querySelector('#atgarder')?.textContent?.includes('Boka en vikarie direkt'));
      await check(page, `vacancy: booked live (${size})`, errors);
      if (viewport === DESKTOP) await keepForReadme(page, 'staff-vacancy');

      // A plain reload shows the same: the page is whole without script.
      await page.reload();
      expect(await page.locator('#levande').innerText()).toContain('Bokad: Åsa');
      await page.click('button:has-text("Logga ut")');
      expect(await heading(page)).toBe('Logga in för personal');
      await page.context().close();
    }
  });

  it('books a substitute by hand, says why one cannot be, and cancels with a confirmation step', async () => {
    const unit = await makeUnit(t, admin.adminToken, { name: 'Skolan i Ågatan', serviceArea: 'utbildning', district: 'Centrum' });
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const teacher = await makeSubstitute(t, admin.adminToken, { firstName: 'Märta', qualifications: ['legitimerad_larare'], districts: ['Ingenstans'] });
    const absence = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(manager.token))
      .send({ unitId: unit.id, reason: 'sick', qualification: 'legitimerad_larare', shifts: [{ start: hours(48), end: hours(56) }] })
      .expect(201);
    const vacancyId = absence.body.vacancies[0].id as string;
    const { page, errors } = await swedishContext(browser, DESKTOP);
    await signIn(page, manager.email, 'manager password 1');
    await page.goto(`${t.baseUrl}/personal/vikariat/${vacancyId}`);

    // Märta is booked on the day before by someone else: the booking clashes, and the page says so.
    const clash = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(admin.adminToken))
      .send({ unitId: unit.id, reason: 'sick', qualification: 'legitimerad_larare', shifts: [{ start: hours(40), end: hours(46) }] })
      .expect(201);
    await t.http().post(`/api/v1/vacancies/${clash.body.vacancies[0].id}/book`).set(auth(admin.adminToken)).send({ substituteId: teacher.id }).expect(200);
    await page.selectOption('#substituteId', teacher.id);
    await page.click('button:has-text("Boka")');
    expect(await page.locator('#substituteId-error').innerText()).toContain('Vikarien skulle få mindre än 11 timmars vila som ska finnas mellan två pass (dygnsvila).');
    await check(page, 'vacancy: booking refused', errors);

    // Cancel the clashing booking's vacancy through the pages, then book Märta here.
    await page.goto(`${t.baseUrl}/personal/vikariat/${clash.body.vacancies[0].id}`);
    await page.click('text=Ställ in vikariatet');
    expect(await heading(page)).toBe('Ställa in vikariatet på Skolan i Ågatan?');
    await check(page, 'vacancy: confirm cancel', errors);
    await page.click('button:has-text("Ja, ställ in")');
    expect(await page.locator('.flash').first().innerText()).toContain('inställt');
    expect(await page.locator('#levande').innerText()).toContain('Inställt');
    await page.goto(`${t.baseUrl}/personal/vikariat/${vacancyId}`);
    await page.selectOption('#substituteId', teacher.id);
    await page.click('button:has-text("Boka")');
    expect(await page.locator('.flash').first().innerText()).toContain('Vikarien är bokad');
    expect(await page.locator('#levande').innerText()).toContain('Bokad: Märta');
    await check(page, 'vacancy: booked by hand', errors);
    await page.context().close();
  });

  it('refuses a form posted without its token, and keeps a manager out of other units and the staffing team’s pages', async () => {
    const unit = await makeUnit(t, admin.adminToken);
    const other = await makeUnit(t, admin.adminToken);
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const elsewhere = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(admin.adminToken))
      .send({ unitId: other.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(30), end: hours(38) }] })
      .expect(201);
    const { page, errors } = await swedishContext(browser, DESKTOP);
    await signIn(page, manager.email, 'manager password 1');
    const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await t.http().post('/personal/franvaro/ny').set('Cookie', cookies).type('form').send({ unitId: unit.id, reason: 'sick' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('Formuläret har gått ut');

    const response = await page.goto(`${t.baseUrl}/personal/vikariat/${elsewhere.body.vacancies[0].id}`);
    expect(response!.status()).toBe(404);
    expect(await heading(page)).toBe('Sidan finns inte');
    await check(page, 'not found', errors);
    expect((await page.goto(`${t.baseUrl}/personal/vikarier`))!.status()).toBe(404);
    await page.context().close();
  });

  it('shows the staffing team the programme report and fill rates with charts, and gives the payroll file that the bookings make', async () => {
    const { page, errors } = await swedishContext(browser, DESKTOP);
    await signIn(page, admin.adminEmail, admin.password);
    expect(await heading(page)).toBe('Hej bemanningen!');
    await page.click('nav >> text=Uppföljning');
    expect(await heading(page)).toBe('Uppföljning');
    await check(page, 'reports', errors);

    // The manager's two study leaves above (Jobbsatsningen), both booked: 06:45–15:15 is 8.5 hours each.
    await page.click('text=Jobbsatsningen');
    expect(await heading(page)).toBe('Jobbsatsningen');
    const figures = await page.locator('.key-figures').innerText();
    expect(figures).toMatch(/Vikariat\s+2\b/);
    expect(figures).toMatch(/Tillsatta\s+2 \(100\u00a0%\)/);
    expect(figures).toMatch(/Bokade timmar\s+17,0/);
    // 17 hours at vård och omsorg's 289.50 kr.
    expect(figures).toMatch(/Kostnad för vikarier hittills\s+4\u00a0922\u00a0kr/);
    expect(await page.locator('figure svg[role="img"]').count()).toBe(2);
    expect(await page.locator('table caption').innerText()).toBe('Jobbsatsningen per verksamhet');
    await check(page, 'programme report', errors);
    await keepForReadme(page, 'staff-programme-report');
    await page.setViewportSize(PHONE);
    await check(page, 'programme report (phone)', errors);
    await page.setViewportSize(DESKTOP);

    // Fill rate by weekday over the coming days, then a period the wrong way round.
    const today = DateTime.now().setZone('Europe/Stockholm');
    await page.goto(`${t.baseUrl}/personal/rapporter?from=${today.toISODate()}&to=${today.plus({ days: 7 }).toISODate()}&groupBy=weekday`);
    const table = await page.locator('#tillsattning ~ .table-wrap table').innerText();
    expect(table).toContain('Andel tillsatta');
    expect(await page.locator('#tillsattning ~ figure svg').count()).toBe(1);
    await check(page, 'reports: fill rate by weekday', errors);
    await page.goto(`${t.baseUrl}/personal/rapporter?from=${today.toISODate()}&to=${today.minus({ days: 7 }).toISODate()}&groupBy=weekday`);
    expect(await page.locator('#to-error').innerText()).toContain('på eller efter första dagen');
    await check(page, 'reports: period errors', errors);

    // The payroll file of each month the bookings fall in: one row per booked shift, as Excel reads it.
    const bookings: { substitute_id: string; start: Date }[] = await t.db.query(
      `SELECT b.substitute_id, lower(s.period) AS start FROM booking b JOIN booked_shift s ON s.booking_id = b.id WHERE b.status = 'confirmed' ORDER BY lower(s.period)`,
    );
    const months = [...new Set(bookings.map((b) => DateTime.fromJSDate(b.start).setZone('Europe/Stockholm').toFormat('yyyy-MM')))];
    const rows: string[] = [];
    for (const month of months) {
      await page.goto(`${t.baseUrl}/personal/rapporter`);
      await page.fill('#month', month);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Ladda ner lönefilen")')]);
      expect(download.suggestedFilename()).toBe(`lon-${month}.csv`);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
      expect(lines[0]).toBe('Vikarie-id;Namn;Enhet;Verksamhet;Behörighet;Datum;Start;Slut;Timmar;Program');
      rows.push(...lines.slice(1));
    }
    expect(rows.map((r) => r.split(';')[0])).toEqual(bookings.map((b) => b.substitute_id));
    const studyLeave = rows.filter((r) => r.includes('Vrinnevihemmet'));
    expect(studyLeave).toHaveLength(2);
    for (const row of studyLeave) expect(row).toMatch(/;Vård och omsorg;Undersköterska;\d{4}-\d{2}-\d{2};06:45;15:15;8,5;Jobbsatsningen$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
