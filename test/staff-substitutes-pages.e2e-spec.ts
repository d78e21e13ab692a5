import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, expectPageFine, launchBrowser, PHONE, swedishContext } from './support/browser';
import { auth, makeManager, makeSubstitute, makeUnit, uniquePhone } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';
import { dayShift } from './support/time';

/**
 * The staffing team's pages of the pool in Debian's Chromium: the verification queue, a sign-up checked and
 * approved with the date a qualification runs out, the search, pause, activate again and remove after a
 * confirmation step. Every page and state is checked by axe-core (WCAG 2.1 A and AA), at 320 px and on a desktop.
 */
describe("the staffing team's substitute pages in a browser", () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  const check = (page: Page, state: string, errors: string[]) => expectPageFine(page, state, errors, 'staff-substitutes-');

  const heading = (page: Page) => page.locator('h1').innerText();
  const flashText = (page: Page) => page.locator('.flash').first().innerText();

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${t.baseUrl}/personal`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button:has-text("Logga in")');
  }

  /** Someone signs up on their own, without a token: a pending substitute. Their id, found as the staffing team would. */
  async function signUp(firstName: string, lastName: string, qualifications: string[], districts: string[]): Promise<string> {
    const suffix = randomBytes(3).toString('hex');
    await t
      .http()
      .post('/api/v1/substitutes')
      .send({ municipalityId: admin.municipalityId, firstName, lastName, email: `${firstName.toLowerCase().replace(/[^a-z]/g, '')}-${suffix}@example.se`, phone: uniquePhone(), qualifications, districts, consent: true })
      .expect(202);
    const found = await t.http().get('/api/v1/substitutes').query({ status: 'pending', name: lastName }).set(auth(admin.adminToken)).expect(200);
    expect(found.body).toHaveLength(1);
    return found.body[0].id as string;
  }

  const substitute = async (id: string) => (await t.http().get(`/api/v1/substitutes/${id}`).set(auth(admin.adminToken)).expect(200)).body;

  it('checks a sign-up from the queue, approves it with the date a qualification runs out, finds, pauses, activates and removes', async () => {
    const unit = await makeUnit(t, admin.adminToken, { name: 'Vrinnevihemmet', district: 'Vrinnevi' });
    const today = DateTime.now().setZone('Europe/Stockholm');
    for (const viewport of [PHONE, DESKTOP]) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      const lastName = `Öberg-${randomBytes(3).toString('hex')}`;
      const id = await signUp('Åsa', lastName, ['underskoterska', 'legitimerad_larare'], ['Vrinnevi']);
      const { page, errors } = await swedishContext(browser, viewport);
      await signIn(page, admin.adminEmail, admin.password);
      expect(await heading(page)).toBe('Hej bemanningen!');

      // The queue is what the list shows first.
      await page.click('nav >> text=Vikarier');
      expect(await heading(page)).toBe('Vikarier');
      expect(await page.locator('#status').inputValue()).toBe('vantar');
      const row = page.locator('tr', { hasText: lastName });
      expect(await row.innerText()).toContain('Undersköterska (ej kontrollerad)');
      expect(await row.innerText()).toContain('Väntar på kontroll');
      expect(await row.innerText()).toContain('Vrinnevi');
      await check(page, `queue (${size})`, errors);

      await row.locator('a').click();
      expect(await heading(page)).toBe(`Åsa ${lastName}`);
      expect(await page.locator('.facts').first().innerText()).toMatch(/07\d-\d{3} \d\d \d\d/);
      expect(await page.locator('main').innerText()).toContain('Anställningsdagar enligt LAS');
      await check(page, `profile: pending (${size})`, errors);

      // Nothing ticked: approving says so, next to the boxes and in the summary that links there.
      await page.click('button:has-text("Godkänn och aktivera")');
      expect(await page.title()).toMatch(/^Fel: /);
      expect(await page.locator('.error-summary').innerText()).toContain('Kryssa i minst en behörighet');
      expect(await page.getAttribute('.error-summary a', 'href')).toBe('#kontrollerad-legitimerad_larare');
      expect(await page.locator('#kontrollerad-error').innerText()).toContain('Kryssa i minst en behörighet');
      await check(page, `profile: nothing ticked (${size})`, errors);

      // A date that has passed, and one a browser without a date picker lets through as it was typed.
      await page.check('#kontrollerad-underskoterska');
      await page.fill('#giltig-underskoterska', today.minus({ days: 1 }).toISODate()!);
      await page.evaluate(() => document.getElementById('giltig-legitimerad_larare')!.setAttribute('type', 'text'));
      await page.fill('#giltig-legitimerad_larare', '30/6 2028');
      await page.click('button:has-text("Godkänn och aktivera")');
      expect(await page.locator('#giltig-underskoterska-error').innerText()).toContain('datumet har redan passerat');
      expect(await page.locator('#giltig-legitimerad_larare-error').innerText()).toContain('2027-06-30');
      expect(await page.locator('.error-summary').innerText()).toContain('Legitimerad lärare, giltig till');
      expect(await page.isChecked('#kontrollerad-underskoterska')).toBe(true);
      await check(page, `profile: wrong dates (${size})`, errors);

      // Right: the undersköterska title checked, valid for two more years; the teacher's legitimation not seen yet.
      const validUntil = today.plus({ years: 2 }).toISODate()!;
      await page.fill('#giltig-underskoterska', validUntil);
      await page.fill('#giltig-legitimerad_larare', '');
      await page.click('button:has-text("Godkänn och aktivera")');
      expect(await flashText(page)).toContain('Vikarien är godkänd och aktiv');
      expect(await page.locator('main .tag').innerText()).toBe('Aktiv');
      await check(page, `profile: approved (${size})`, errors);
      const approved = await substitute(id);
      expect(approved.status).toBe('active');
      expect(approved.qualifications).toEqual([
        { code: 'legitimerad_larare', verified: false, verifiedAt: null, validUntil: null },
        { code: 'underskoterska', verified: true, verifiedAt: expect.any(String), validUntil },
      ]);

      // The search finds her among the active, by a part of her name, qualification and district.
      await page.goto(`${t.baseUrl}/personal/vikarier`);
      expect(await page.locator('main').innerText()).not.toContain(lastName);
      await page.selectOption('#status', 'aktiva');
      await page.fill('#namn', lastName.slice(2).toLowerCase());
      await page.selectOption('#behorighet', 'underskoterska');
      await page.selectOption('#omrade', 'Vrinnevi');
      await page.click('button:has-text("Sök")');
      expect(await page.locator('tbody tr').count()).toBe(1);
      expect(await page.locator('tbody').innerText()).toContain(`${lastName}, Åsa`);
      await check(page, `list: search (${size})`, errors);
      await page.fill('#namn', 'Ingen med det namnet');
      await page.click('button:has-text("Sök")');
      expect(await page.locator('main').innerText()).toContain('Ingen vikarie passar sökningen');
      await check(page, `list: nobody found (${size})`, errors);

      // Booked on a shift the day after tomorrow: the profile lists it in Swedish time.
      const absence = await t
        .http()
        .post('/api/v1/absences')
        .set(auth(admin.adminToken))
        .send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [dayShift(2)] })
        .expect(201);
      await t.http().post(`/api/v1/vacancies/${absence.body.vacancies[0].id}/book`).set(auth(admin.adminToken)).send({ substituteId: id }).expect(200);

      // Pause, and activate again.
      await page.goto(`${t.baseUrl}/personal/vikarier/${id}`);
      const upcoming = page.locator('table', { has: page.locator('caption', { hasText: 'Kommande bokningar' }) });
      expect(await upcoming.innerText()).toContain('Vrinnevihemmet');
      expect(await upcoming.innerText()).toMatch(/(mån|tis|ons|tors|fre|lör|sön) \d+ [a-z]{3} 07:00–16:00/);
      await page.click('button:has-text("Pausa")');
      expect(await flashText(page)).toContain('Vikarien är pausad');
      expect(await page.locator('main').innerText()).toContain('Pausad av bemanningen');
      expect((await substitute(id)).status).toBe('paused');
      await check(page, `profile: paused (${size})`, errors);
      await page.click('button:has-text("Aktivera")');
      expect(await flashText(page)).toContain('Vikarien är aktiv');
      expect((await substitute(id)).status).toBe('active');

      // Remove, after a step that says what it does and that the booking stays.
      await page.click('a:has-text("Ta bort ur poolen")');
      expect(await heading(page)).toBe(`Ta bort Åsa ${lastName} ur poolen?`);
      expect(await page.locator('.notice').innerText()).toContain('en kommande bokning');
      await check(page, `confirm remove (${size})`, errors);
      await page.click('a:has-text("Nej, tillbaka")');
      expect(await heading(page)).toBe(`Åsa ${lastName}`);
      expect((await substitute(id)).status).toBe('active');
      await page.click('a:has-text("Ta bort ur poolen")');
      await page.click('button:has-text("Ja, ta bort ur poolen")');
      expect(await flashText(page)).toContain('borttagen ur poolen');
      expect((await substitute(id)).status).toBe('removed');
      await check(page, `profile: removed (${size})`, errors);
      await page.context().close();
    }
  });

  it('pages through the list 50 at a time, keeping the filters', async () => {
    const family = `Sidvis-${randomBytes(3).toString('hex')}`;
    for (let i = 0; i < 51; i++) {
      await t
        .http()
        .post('/api/v1/substitutes')
        .set(auth(admin.adminToken))
        .send({ firstName: 'Per', lastName: `${family}-${String(i).padStart(2, '0')}`, email: `${family}-${i}@example.se`.toLowerCase(), phone: uniquePhone(), qualifications: ['barnskotare'], districts: [], consent: true })
        .expect(201);
    }
    for (const viewport of [PHONE, DESKTOP]) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      const { page, errors } = await swedishContext(browser, viewport);
      await signIn(page, admin.adminEmail, admin.password);
      await page.goto(`${t.baseUrl}/personal/vikarier?status=vantar&namn=${family}`);
      expect(await page.locator('tbody tr').count()).toBe(50);
      expect(await page.locator('tbody').innerText()).toContain('Hela kommunen');
      expect(await page.locator('.pager').innerText()).not.toContain('Föregående');
      await check(page, `list: first page (${size})`, errors);
      await page.click('.pager >> text=Nästa');
      expect(await heading(page)).toBe('Vikarier');
      expect(await page.locator('tbody tr').count()).toBe(1);
      expect(await page.locator('#namn').inputValue()).toBe(family);
      expect(await page.locator('.pager').innerText()).not.toContain('Nästa');
      await check(page, `list: second page (${size})`, errors);
      await page.click('.pager >> text=Föregående');
      expect(await page.locator('tbody tr').count()).toBe(50);
      expect(new URL(page.url()).searchParams.get('namn')).toBe(family);
      await page.context().close();
    }
  });

  it('shows who is near a LAS limit: the list, the limits and warnings on a profile, and the warning before booking by hand', async () => {
    const unit = await makeUnit(t, admin.adminToken, { name: 'Lindängens förskola' });
    const person = await makeSubstitute(t, admin.adminToken, { firstName: 'Åsa' });
    const { lastName } = (await substitute(person.id)) as { lastName: string };
    // 340 days from the earlier system in the last year: 25 days left to preferential rehire (more than 365 days in three years).
    const today = DateTime.now().setZone('Europe/Stockholm');
    const history = Array.from({ length: 340 }, (_, i) => ({ date: today.minus({ days: 350 - i }).toISODate()!, form: 'vikariat' }));
    await t.http().put(`/api/v1/substitutes/${person.id}/las/history`).set(auth(admin.adminToken)).send(history).expect(200);
    // A sickness cover of two days ahead would leave 23.
    const absence = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(admin.adminToken))
      .send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [dayShift(3), dayShift(4)] })
      .expect(201);
    const vacancyId = absence.body.vacancies[0].id as string;

    for (const viewport of [PHONE, DESKTOP]) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      const { page, errors } = await swedishContext(browser, viewport);
      await signIn(page, admin.adminEmail, admin.password);
      await page.goto(`${t.baseUrl}/personal/vikarier`);
      await page.click('a:has-text("Nära en gräns i LAS")');
      expect(await heading(page)).toBe('Nära en gräns i LAS');
      const row = page.locator('tr', { hasText: lastName });
      expect(await row.innerText()).toContain('Företrädesrätt');
      expect(await row.innerText()).toContain('340 av 365');
      expect(await row.innerText()).toContain('25 dagar kvar');
      await check(page, `LAS list (${size})`, errors);

      await row.locator('a').click();
      expect(await heading(page)).toBe(`Åsa ${lastName}`);
      expect(await page.locator('.notice', { hasText: 'Nära en gräns' }).innerText()).toContain('25 dagar kvar till företrädesrätt.');
      const limits = page.locator('table', { has: page.locator('caption', { hasText: 'Gränser enligt LAS' }) });
      expect(await limits.innerText()).toContain('Mer än 365 anställningsdagar på tre år: företrädesrätt till återanställning');
      expect(await limits.innerText()).toContain('Mer än 731 dagar vikariat på fem år');
      await check(page, `profile: LAS warning (${size})`, errors);

      await page.goto(`${t.baseUrl}/personal/vikariat/${vacancyId}`);
      const option = page.locator('#substituteId option', { hasText: lastName });
      expect(await option.innerText()).toBe(`${lastName}, Åsa – LAS: 23 dagar kvar till företrädesrätt`);
      await check(page, `vacancy: LAS warning in the booking form (${size})`, errors);
      await page.context().close();
    }
  });

  it('answers 404 for a manager, another municipality’s substitute and a malformed id, and 403 for a form without its token', async () => {
    const unit = await makeUnit(t, admin.adminToken);
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const mine = await makeSubstitute(t, admin.adminToken, { firstName: 'Märta' });
    const other = await seedMunicipality(t, 'Linköpings kommun');
    const theirs = await makeSubstitute(t, other.adminToken, { firstName: 'Linnea' });
    const { page, errors } = await swedishContext(browser, PHONE);

    // A manager is told these pages are not there.
    await signIn(page, manager.email, 'manager password 1');
    expect(await heading(page)).toBe('Hej chef!');
    expect(await page.locator('nav').innerText()).not.toContain('Vikarier');
    expect((await page.goto(`${t.baseUrl}/personal/vikarier`))!.status()).toBe(404);
    expect((await page.goto(`${t.baseUrl}/personal/vikarier/${mine.id}`))!.status()).toBe(404);
    expect(await heading(page)).toBe('Sidan finns inte');
    const managerCookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await t.http().post(`/personal/vikarier/${mine.id}/ta-bort`).set('Cookie', managerCookies).type('form').send({})).status).toBe(404);
    await page.context().close();

    const { page: adminPage, errors: adminErrors } = await swedishContext(browser, PHONE);
    await signIn(adminPage, admin.adminEmail, admin.password);
    for (const path of [`/personal/vikarier/${theirs.id}`, `/personal/vikarier/${theirs.id}/ta-bort`, '/personal/vikarier/inte-ett-id', `/personal/vikarier/${randomUUID()}`, '/personal/vikarier/123e4567-e89b-12d3-a456-4266141740000']) {
      const response = await adminPage.goto(`${t.baseUrl}${path}`);
      expect({ path, status: response!.status() }).toEqual({ path, status: 404 });
      expect(await heading(adminPage)).toBe('Sidan finns inte');
    }
    await check(adminPage, 'not found', adminErrors);

    // Posts: another municipality's substitute is not found; a form without its token is refused, and nothing changes.
    const cookies = (await adminPage.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await adminPage.goto(`${t.baseUrl}/personal/vikarier/${mine.id}`);
    const csrf = await adminPage.getAttribute('input[name="_csrf"]', 'value');
    expect((await t.http().post(`/personal/vikarier/${theirs.id}/pausa`).set('Cookie', cookies).type('form').send({ _csrf: csrf })).status).toBe(404);
    expect((await substitute(mine.id)).status).toBe('active');
    const forged = await t.http().post(`/personal/vikarier/${mine.id}/ta-bort`).set('Cookie', cookies).type('form').send({});
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('Formuläret har gått ut');
    const wrongToken = await t.http().post(`/personal/vikarier/${mine.id}/pausa`).set('Cookie', cookies).type('form').send({ _csrf: 'x'.repeat(csrf!.length) });
    expect(wrongToken.status).toBe(403);
    expect((await substitute(mine.id)).status).toBe('active');
    expect((await t.http().get(`/api/v1/substitutes/${theirs.id}`).set(auth(other.adminToken)).expect(200)).body.status).toBe('active');
    expect(errors).toEqual([]);
    await adminPage.context().close();
  });
});
