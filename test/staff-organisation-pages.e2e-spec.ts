import type { Browser, Page } from 'playwright-core';
import { DESKTOP, expectPageFine, launchBrowser, PHONE, swedishContext } from './support/browser';
import { auth, makeManager, makeSubstitute, makeUnit } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';

/**
 * The staff's pages for units, staff users and the matching settings, in Debian's Chromium: the staffing team
 * adds a unit and its manager, the manager keeps the unit's preferred and blocked substitutes, the staffing
 * team changes the waves. Every page and state is checked by axe-core (WCAG 2.1 A and AA), at 320 px and on a desktop.
 */
describe("the staff's pages for units, users and matching settings", () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;
  let elsewhere: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Linköpings kommun');
    elsewhere = await seedMunicipality(t, 'Motala kommun');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  const check = (page: Page, state: string, errors: string[]) => expectPageFine(page, state, errors, 'staff-organisation-');

  const heading = (page: Page) => page.locator('h1').innerText();

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${t.baseUrl}/personal`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button:has-text("Logga in")');
  }

  const cookiesOf = async (page: Page) => (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const csrfOf = async (page: Page) => (await page.locator('input[name="_csrf"]').first().getAttribute('value'))!;

  it('lets the staffing team add a unit and its manager, and the manager keep the unit’s preferred and blocked substitutes', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      const unitName = `Ängsgårdens förskola ${size}`;
      const managerEmail = `chef.${size}@linkoping.example.se`;
      const managerPassword = 'en lång mening som lösenord';
      const asa = await makeSubstitute(t, admin.adminToken, { firstName: 'Åsa' });
      const orjan = await makeSubstitute(t, admin.adminToken, { firstName: 'Örjan' });
      const { page, errors } = await swedishContext(browser, viewport);

      // The staffing team: the units, the form's errors first, then a new unit.
      await signIn(page, admin.adminEmail, admin.password);
      expect(await heading(page)).toBe('Hej bemanningen!');
      await page.click('nav >> text=Enheter');
      expect(await heading(page)).toBe('Enheter');
      await check(page, `units: admin (${size})`, errors);
      await page.click('button:has-text("Lägg till enheten")');
      expect(await page.title()).toMatch(/^Fel: /);
      const summary = await page.locator('.error-summary').innerText();
      expect(summary).toContain('Skriv enhetens namn');
      expect(summary).toContain('Välj vilken verksamhet enheten hör till.');
      expect(summary).toContain('Skriv området');
      expect(await page.locator('#name-error').innerText()).toContain('Skriv enhetens namn');
      await check(page, `units: errors (${size})`, errors);
      await page.fill('#name', unitName);
      await page.selectOption('#serviceArea', 'utbildning');
      await page.fill('#district', 'Östra');
      await page.fill('#address', 'Ängsvägen 3, Linköping');
      await page.click('button:has-text("Lägg till enheten")');
      expect(await page.locator('.flash').innerText()).toContain('Enheten är tillagd');
      const row = page.locator('tr', { has: page.locator(`a:text-is("${unitName}")`) });
      expect(await row.innerText()).toMatch(/Utbildning\s+Östra\s+Ängsvägen 3, Linköping/);
      const unitId = (await row.locator('a').getAttribute('href'))!.split('/').pop()!;
      await check(page, `units: added (${size})`, errors);

      // A manager for it: errors first, an email already in use, then the user.
      await page.click('nav >> text=Användare');
      expect(await heading(page)).toBe('Användare');
      expect(await page.locator('table').innerText()).toContain(admin.adminEmail);
      expect(await page.content()).not.toMatch(/\$2[aby]\$/);
      await check(page, `users (${size})`, errors);
      await page.click('button:has-text("Lägg till användaren")');
      const userSummary = await page.locator('.error-summary').innerText();
      expect(userSummary).toContain('Skriv en e-postadress');
      expect(userSummary).toContain('minst 10 tecken');
      expect(userSummary).toContain('Välj om personen är enhetschef');
      await check(page, `users: errors (${size})`, errors);
      await page.fill('#email', admin.adminEmail);
      await page.fill('#password', managerPassword);
      await page.selectOption('#role', 'manager');
      await page.getByLabel(unitName).check();
      await page.click('button:has-text("Lägg till användaren")');
      expect(await page.locator('#email-error').innerText()).toBe('Det finns redan en användare med den e-postadressen. Välj en annan.');
      expect(await page.locator('#password').inputValue()).toBe('');
      expect(await page.getByLabel(unitName).isChecked()).toBe(true);
      await check(page, `users: email in use (${size})`, errors);
      await page.fill('#email', managerEmail);
      await page.fill('#password', managerPassword);
      await page.click('button:has-text("Lägg till användaren")');
      expect(await page.locator('.flash').innerText()).toContain('Användaren är tillagd');
      expect(await page.locator('tr', { hasText: managerEmail }).innerText()).toMatch(new RegExp(`Enhetschef\\s+${unitName}`));
      await check(page, `users: added (${size})`, errors);
      await page.click('button:has-text("Logga ut")');

      // The manager signs in on the staff's sign-in page and sees their own unit only.
      await page.goto(`${t.baseUrl}/personal/logga-in`);
      await page.fill('#email', managerEmail);
      await page.fill('#password', managerPassword);
      await page.click('button:has-text("Logga in")');
      expect(await heading(page)).toBe('Hej chef!');
      await page.click('nav >> text=Enheter');
      expect(await page.locator('tbody tr').count()).toBe(1);
      expect(await page.locator('tbody').innerText()).toContain(unitName);
      expect(await page.locator('#name').count()).toBe(0);
      await check(page, `units: manager (${size})`, errors);

      // The unit: empty lists, a choice left out, then Åsa preferred and Örjan blocked.
      await page.click(`a:text-is("${unitName}")`);
      expect(await heading(page)).toBe(unitName);
      expect(await page.locator('main').innerText()).toContain('Enheten har inga förstahandsval.');
      await check(page, `unit: empty lists (${size})`, errors);
      await page.click('button:has-text("Lägg till som förstahandsval")');
      expect(await page.locator('#substituteId-error').innerText()).toBe('Välj en vikarie i listan.');
      await check(page, `unit: nobody chosen (${size})`, errors);
      await page.selectOption('#substituteId', asa.id);
      await page.click('button:has-text("Lägg till som förstahandsval")');
      expect(await page.locator('.flash').innerText()).toContain('förstahandsvalen');
      expect(await page.locator('table', { has: page.locator('caption:text-is("Förstahandsval")') }).innerText()).toContain('Åsa');

      // A search by name narrows the choice.
      await page.fill('#namn', 'Örjan');
      await page.click('button:has-text("Sök")');
      expect(await page.locator(`#substituteId option[value="${orjan.id}"]`).count()).toBe(1);
      expect(await page.locator(`#substituteId option[value="${asa.id}"]`).count()).toBe(0);
      await check(page, `unit: search (${size})`, errors);
      await page.selectOption('#substituteId', orjan.id);
      await page.click('button:has-text("Spärra för enheten")');
      expect(await page.locator('.flash').innerText()).toContain('spärrad');
      expect(await page.locator('table', { has: page.locator('caption:text-is("Spärrade vikarier")') }).innerText()).toContain('Örjan');
      await check(page, `unit: lists filled (${size})`, errors);

      const manager = await t.http().post('/api/v1/auth/login').send({ email: managerEmail, password: managerPassword }).expect(200);
      const lists = await t.http().get(`/api/v1/units/${unitId}/preferences`).set(auth(manager.body.accessToken)).expect(200);
      expect(lists.body).toEqual({ unitId, preferred: [asa.id], blocked: [orjan.id] });

      // Taking Åsa off the list.
      await page.getByRole('button', { name: /^Ta bort .*Åsa från förstahandsvalen$/ }).click();
      expect(await page.locator('.flash').innerText()).toContain('borttagen');
      expect(await page.locator('main').innerText()).toContain('Enheten har inga förstahandsval.');
      const after = await t.http().get(`/api/v1/units/${unitId}/preferences`).set(auth(manager.body.accessToken)).expect(200);
      expect(after.body).toEqual({ unitId, preferred: [], blocked: [orjan.id] });

      // The staffing team's pages are not a manager's.
      for (const path of ['/personal/anvandare', '/personal/installningar']) {
        expect((await page.goto(`${t.baseUrl}${path}`))!.status()).toBe(404);
        expect(await heading(page)).toBe('Sidan finns inte');
      }
      await check(page, `manager: not found (${size})`, errors);
      await page.context().close();
    }
  });

  it('keeps units of other municipalities and other managers out of reach, and refuses forged and foreign posts', async () => {
    const unit = await makeUnit(t, admin.adminToken);
    const neighbour = await makeUnit(t, admin.adminToken);
    const foreign = await makeUnit(t, elsewhere.adminToken);
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const { page, errors } = await swedishContext(browser, DESKTOP);
    await signIn(page, manager.email, 'manager password 1');

    // Another municipality's unit, another manager's unit: not found. A malformed id: a bad request, not a failure.
    for (const id of [foreign.id, neighbour.id]) {
      expect((await page.goto(`${t.baseUrl}/personal/enheter/${id}`))!.status()).toBe(404);
      expect(await heading(page)).toBe('Sidan finns inte');
    }
    await check(page, 'unit: not found', errors);
    const malformed = await page.goto(`${t.baseUrl}/personal/enheter/inte-ett-id`);
    expect([400, 404]).toContain(malformed!.status());
    await check(page, 'unit: malformed id', errors);

    // With its token, a manager's post still cannot add a unit, nor touch another unit's lists.
    await page.goto(`${t.baseUrl}/personal/enheter/${unit.id}`);
    const cookies = await cookiesOf(page);
    const token = await csrfOf(page);
    const person = await makeSubstitute(t, admin.adminToken, { firstName: 'Märta' });
    const addUnit = await t.http().post('/personal/enheter').set('Cookie', cookies).type('form').send({ _csrf: token, name: 'Smygskolan', serviceArea: 'utbildning', district: 'Centrum' });
    expect(addUnit.status).toBe(404);
    const foreignList = await t.http().post(`/personal/enheter/${foreign.id}/vikarier`).set('Cookie', cookies).type('form').send({ _csrf: token, substituteId: person.id, lista: 'sparrade' });
    expect(foreignList.status).toBe(404);
    expect(foreignList.text).toContain('Sidan finns inte');

    // Without the token: refused, and nothing changes.
    const forged = await t.http().post(`/personal/enheter/${unit.id}/vikarier`).set('Cookie', cookies).type('form').send({ substituteId: person.id, lista: 'sparrade' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('Formuläret har gått ut');
    const lists = await t.http().get(`/api/v1/units/${unit.id}/preferences`).set(auth(manager.token)).expect(200);
    expect(lists.body.blocked).toEqual([]);
    await page.context().close();

    const adminPage = await swedishContext(browser, DESKTOP);
    await signIn(adminPage.page, admin.adminEmail, admin.password);
    const adminCookies = await cookiesOf(adminPage.page);
    const before = await t.http().get('/api/v1/matching-settings').set(auth(admin.adminToken)).expect(200);
    for (const path of ['/personal/installningar', '/personal/anvandare', '/personal/enheter']) {
      const res = await t.http().post(path).set('Cookie', adminCookies).type('form').send({ 'bands.0.waveSize': '1', email: 'smyg@example.se', name: 'Smygskolan' });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    expect((await t.http().get('/api/v1/matching-settings').set(auth(admin.adminToken)).expect(200)).body).toEqual(before.body);
    await adminPage.page.context().close();
  });

  it('lets the staffing team change the waves, saying what is wrong next to the field', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      const waveSize = viewport === PHONE ? 12 : 9;
      const { page, errors } = await swedishContext(browser, viewport);
      await signIn(page, admin.adminEmail, admin.password);
      await page.click('nav >> text=Inställningar');
      expect(await heading(page)).toBe('Inställningar för matchningen');
      const rows = await page.locator('fieldset').count();
      const saved = (await t.http().get('/api/v1/matching-settings').set(auth(admin.adminToken)).expect(200)).body;
      expect(rows).toBe(saved.bands.length + 1);
      await check(page, `settings (${size})`, errors);

      // A wave size in words, half a new row and a time that is no time: each said at its field.
      await page.fill('[id="bands.0.waveSize"]', 'många');
      await page.fill(`[id="bands.${rows - 1}.waveSize"]`, '2');
      await page.fill('#urgentWithinMinutes', '-5');
      await page.fill('#weeklyRestHours', '80');
      await page.click('button:has-text("Spara inställningarna")');
      expect(await page.title()).toMatch(/^Fel: /);
      const summary = await page.locator('.error-summary').innerText();
      expect(summary).toContain('Rad 1: Skriv vågstorleken som ett heltal från 1 till 500.');
      expect(summary).toContain(`Rad ${rows}: Skriv minuterna mellan vågorna`);
      expect(summary).toContain('Skriv ett helt antal minuter, från 0 till 100000000.');
      expect(await page.locator('#weeklyRestHours-error').innerText()).toBe('Skriv veckovilan som ett heltal från 1 till 72 timmar.');
      expect(await page.locator('[id="bands.0.waveSize-error"]').innerText()).toContain('vågstorleken');
      expect(await page.inputValue('[id="bands.0.waveSize"]')).toBe('många');
      await check(page, `settings: errors (${size})`, errors);
      expect((await t.http().get('/api/v1/matching-settings').set(auth(admin.adminToken)).expect(200)).body).toEqual(saved);

      // Put right, and the empty row left empty: saved, and the API says so.
      await page.fill('[id="bands.0.waveSize"]', String(waveSize));
      await page.fill(`[id="bands.${rows - 1}.waveSize"]`, '');
      await page.fill('#urgentWithinMinutes', '1440');
      await page.fill('#weeklyRestHours', String(waveSize + 24));
      await page.click('button:has-text("Spara inställningarna")');
      expect(await page.locator('.flash').innerText()).toContain('Inställningarna är sparade');
      expect(await page.locator('main ul').first().innerText()).toContain(`${waveSize} vikarier åt gången`);
      await check(page, `settings: saved (${size})`, errors);
      const now = (await t.http().get('/api/v1/matching-settings').set(auth(admin.adminToken)).expect(200)).body;
      expect(now.bands).toHaveLength(saved.bands.length);
      expect(now.bands[0]).toEqual({ ...saved.bands[0], waveSize });
      expect(now.bands.slice(1)).toEqual(saved.bands.slice(1));
      expect(now.urgentWithinMinutes).toBe(1440);
      expect(now).toMatchObject({ weeklyRestHours: waveSize + 24, dailyRestHours: 11, monthlyHourCap: 165 });
      await page.context().close();
    }

    // A new band through the empty row, sorted in by its lead time; two rows of one lead time are refused.
    const { page, errors } = await swedishContext(browser, DESKTOP);
    await signIn(page, admin.adminEmail, admin.password);
    await page.goto(`${t.baseUrl}/personal/installningar`);
    const last = (await page.locator('fieldset').count()) - 1;
    const first = await page.inputValue('[id="bands.0.maxLeadMinutes"]');
    await page.fill(`[id="bands.${last}.maxLeadMinutes"]`, first);
    await page.fill(`[id="bands.${last}.waveSize"]`, '20');
    await page.fill(`[id="bands.${last}.spacingMinutes"]`, '2');
    await page.fill(`[id="bands.${last}.offerLifetimeMinutes"]`, '10');
    await page.click('button:has-text("Spara inställningarna")');
    expect(await page.locator(`[id="bands.${last}.maxLeadMinutes-error"]`).innerText()).toBe(`Rad ${last + 1}: Rad 1 gäller redan samma tid före passet. Ge raden en egen tid. Bara en rad får lämna ”Börjar inom” tomt.`);
    await check(page, 'settings: same lead time', errors);
    await page.fill(`[id="bands.${last}.maxLeadMinutes"]`, '60');
    await page.click('button:has-text("Spara inställningarna")');
    expect(await page.locator('.flash').innerText()).toContain('Inställningarna är sparade');
    const now = (await t.http().get('/api/v1/matching-settings').set(auth(admin.adminToken)).expect(200)).body;
    expect(now.bands[0]).toEqual({ maxLeadMinutes: 60, waveSize: 20, spacingMinutes: 2, offerLifetimeMinutes: 10 });
    await page.context().close();

  });
});
