import { randomBytes, randomUUID } from 'node:crypto';
import { auth, makeManager, makeSubstitute, makeUnit, uniquePhone } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';
import { expectError, expectFieldError } from './support/errors';

type Admin = Awaited<ReturnType<typeof seedMunicipality>>;

describe('substitutes: sign-up, verification, availability and access rules', () => {
  let t: TestApp;
  let admin: Admin;
  let other: Admin;

  const suffix = () => randomBytes(4).toString('hex');
  const signUpBody = (overrides: Record<string, unknown> = {}) => ({
    municipalityId: admin.municipalityId,
    firstName: 'Sara',
    lastName: 'Lind',
    email: `sara-${suffix()}@example.se`,
    phone: uniquePhone(),
    qualifications: ['underskoterska'],
    districts: ['Centrum'],
    consent: true,
    ...overrides,
  });
  const countSubstitutes = async (where: string, params: unknown[]) =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM substitute WHERE ${where}`, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    other = await seedMunicipality(t, 'Linköpings kommun');
  });
  afterAll(async () => {
    await t.close();
    await dropDatabase(t.databaseUrl);
  });

  describe('POST /substitutes', () => {
    it('public sign-up with municipalityId answers 202, creates a pending substitute with the phone in E.164, and tells them by email', async () => {
      const email = `Karin.Berg-${suffix()}@Example.se`;
      const res = await t
        .http()
        .post('/api/v1/substitutes')
        .send(signUpBody({ email: `  ${email} `, phone: '070-123 45 67', firstName: ' Karin ', lastName: 'Berg' }))
        .expect(202);
      expect(res.body).toEqual({ status: 'received' });
      const rows = await t.db.query('SELECT id, municipality_id, status, first_name, phone, email, districts, consented_at FROM substitute WHERE email = $1', [email.toLowerCase()]);
      expect(rows).toEqual([
        { id: expect.any(String), municipality_id: admin.municipalityId, status: 'pending', first_name: 'Karin', phone: '+46701234567', email: email.toLowerCase(), districts: ['Centrum'], consented_at: expect.any(Date) },
      ]);
      const queued = await t.http().get('/api/v1/substitutes?status=pending').set(auth(admin.adminToken)).expect(200);
      expect(queued.body.find((q: { id: string }) => q.id === rows[0].id)).toMatchObject({ qualifications: [{ code: 'underskoterska', verified: false, verifiedAt: null, validUntil: null }] });
      const messages = await t.db.query(`SELECT kind, channel, recipient, subject FROM notification WHERE recipient = $1`, [email.toLowerCase()]);
      expect(messages).toEqual([{ kind: 'sign_up_received', channel: 'email', recipient: email.toLowerCase(), subject: 'Tack för din anmälan till Vikariebanken' }]);
    });

    it("an admin's token creates in the admin's municipality, without municipalityId", async () => {
      const body = signUpBody();
      delete (body as Record<string, unknown>).municipalityId;
      const res = await t.http().post('/api/v1/substitutes').set(auth(other.adminToken)).send(body).expect(201);
      expect(res.body).toMatchObject({ status: 'pending', municipalityId: other.municipalityId });
    });

    it("an admin naming another municipality gets 404, not a row there", async () => {
      const body = signUpBody({ municipalityId: admin.municipalityId });
      const res = await t.http().post('/api/v1/substitutes').set(auth(other.adminToken)).send(body);
      expectError(res, 404, 'NOT_FOUND');
      expect(await countSubstitutes('email = $1', [body.email])).toBe(0);
    });

    it("refuses a manager's token with 403 and writes nothing", async () => {
      const unit = await makeUnit(t, admin.adminToken);
      const manager = await makeManager(t, admin.adminToken, [unit.id]);
      const body = signUpBody();
      const res = await t.http().post('/api/v1/substitutes').set(auth(manager.token)).send(body);
      expectError(res, 403, 'FORBIDDEN');
      expect(await countSubstitutes('email = $1', [body.email])).toBe(0);
    });

    it('refuses an invalid token with 401 rather than treating it as public', async () => {
      const res = await t.http().post('/api/v1/substitutes').set(auth('garbage')).send(signUpBody());
      expectError(res, 401, 'UNAUTHENTICATED');
    });

    it('needs municipalityId on the public sign-up (400) and a municipality that exists (404)', async () => {
      const missing = signUpBody();
      delete (missing as Record<string, unknown>).municipalityId;
      expectFieldError(await t.http().post('/api/v1/substitutes').send(missing), 'municipalityId');

      const unknown = signUpBody({ municipalityId: randomUUID() });
      expectError(await t.http().post('/api/v1/substitutes').send(unknown), 404, 'NOT_FOUND');
      expectFieldError(await t.http().post('/api/v1/substitutes').send(signUpBody({ municipalityId: 'norrkoping' })), 'municipalityId');
      expect(await countSubstitutes('email = ANY($1)', [[missing.email, unknown.email]])).toBe(0);
    });

    it('needs consent to be true', async () => {
      const body = signUpBody({ consent: false });
      const res = await t.http().post('/api/v1/substitutes').send(body);
      expectFieldError(res, 'consent');
      expectFieldError(await t.http().post('/api/v1/substitutes').send(signUpBody({ consent: 'true' })), 'consent');
      const missing = signUpBody();
      delete (missing as Record<string, unknown>).consent;
      expectFieldError(await t.http().post('/api/v1/substitutes').send(missing), 'consent');
      expect(await countSubstitutes('email = $1', [body.email])).toBe(0);
    });

    it.each([
      ['phone', '12'],
      ['phone', 'not a number'],
      ['phone', '011-12 34 56'],
      ['phone', 46701234567],
      ['email', 'not-an-email'],
      ['email', 'a@b'],
      ['email', ''],
      ['email', ['x@example.se']],
    ])('refuses a malformed %s (%p) naming the field', async (field, value) => {
      const body = signUpBody({ [field]: value });
      const res = await t.http().post('/api/v1/substitutes').send(body);
      expectFieldError(res, field);
    });

    it('refuses unknown and malformed qualification codes and an empty list', async () => {
      const unknown = signUpBody({ qualifications: ['underskoterska', 'astronaut'] });
      const res = await t.http().post('/api/v1/substitutes').send(unknown);
      expectFieldError(res, 'qualifications');
      expect(res.body.details.find((d: { field: string }) => d.field === 'qualifications').problem).toContain('astronaut');
      expectFieldError(await t.http().post('/api/v1/substitutes').send(signUpBody({ qualifications: ['Undersköterska'] })), 'qualifications');
      expectFieldError(await t.http().post('/api/v1/substitutes').send(signUpBody({ qualifications: [] })), 'qualifications');
      expectFieldError(await t.http().post('/api/v1/substitutes').send(signUpBody({ qualifications: 'underskoterska' })), 'qualifications');
      expect(await countSubstitutes('email = $1', [unknown.email])).toBe(0);
    });

    it('answers a public sign-up with a registered email or phone alike, changes nothing, and tells the registered person instead', async () => {
      const first = signUpBody({ email: `dup-${suffix()}@example.se`, phone: '073-917 40 60' });
      const original = await t.http().post('/api/v1/substitutes').send(first).expect(202);

      const sameEmail = signUpBody({ email: first.email.toUpperCase(), firstName: 'Någon' });
      const byEmail = await t.http().post('/api/v1/substitutes').send(sameEmail).expect(202);
      const samePhone = signUpBody({ phone: '+46 73 917 40 60', firstName: 'Annan' });
      const byPhone = await t.http().post('/api/v1/substitutes').send(samePhone).expect(202);
      // Nothing tells a stranger that these details are registered.
      expect([byEmail.body, byPhone.body]).toEqual([original.body, original.body]);

      expect(await countSubstitutes('email = $1', [samePhone.email])).toBe(0);
      expect(await countSubstitutes('phone = $1', [sameEmail.phone])).toBe(0);
      expect(await countSubstitutes('phone = $1', ['+46739174060'])).toBe(1);
      const orphans = await t.db.query('SELECT count(*)::int AS n FROM substitute_qualification q LEFT JOIN substitute s ON s.id = q.substitute_id WHERE s.id IS NULL');
      expect(orphans[0].n).toBe(0);
      // The registered person hears of it, on the details we have: by email for their email, by SMS for their number.
      const repeated = await t.db.query(`SELECT channel, recipient FROM notification WHERE kind = 'sign_up_repeated' AND recipient IN ($1, $2) ORDER BY channel`, [first.email, '+46739174060']);
      expect(repeated).toEqual([
        { channel: 'email', recipient: first.email },
        { channel: 'sms', recipient: '+46739174060' },
      ]);

      // The staffing team registering the same details gets the 409 that names the field.
      const byAdmin = await t.http().post('/api/v1/substitutes').set(auth(admin.adminToken)).send({ ...sameEmail, municipalityId: undefined });
      expectError(byAdmin, 409, 'SUBSTITUTE_EXISTS');
      expect(byAdmin.body.details).toEqual([{ field: 'email', problem: expect.any(String) }]);
      const phoneByAdmin = await t.http().post('/api/v1/substitutes').set(auth(admin.adminToken)).send({ ...samePhone, municipalityId: undefined });
      expect(phoneByAdmin.body.details).toEqual([{ field: 'phone', problem: expect.any(String) }]);

      // The same email and phone in another municipality is another person's registration there.
      await t.http().post('/api/v1/substitutes').send({ ...first, municipalityId: other.municipalityId }).expect(202);
      expect(await countSubstitutes('phone = $1 AND municipality_id = $2', ['+46739174060', other.municipalityId])).toBe(1);
    });

    it('lets exactly one of simultaneous duplicate sign-ups through: the public all get 202, the staffing team 201 and 409s, never 500', async () => {
      const email = `race-${suffix()}@example.se`;
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => t.http().post('/api/v1/substitutes').send(signUpBody({ email: i % 2 ? email.toUpperCase() : email }))),
      );
      expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
      expect(await countSubstitutes('email = $1', [email])).toBe(1);

      const staffEmail = `race-staff-${suffix()}@example.se`;
      const byStaff = await Promise.all(
        Array.from({ length: 6 }, () => t.http().post('/api/v1/substitutes').set(auth(admin.adminToken)).send({ ...signUpBody({ email: staffEmail }), municipalityId: undefined })),
      );
      expect(byStaff.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of byStaff.filter((x) => x.status === 409)) expectError(r, 409, 'SUBSTITUTE_EXISTS');
      expect(await countSubstitutes('email = $1', [staffEmail])).toBe(1);
    });

    it('refuses unknown fields with VALIDATION_FAILED naming them', async () => {
      const body = signUpBody({ status: 'active', isAdmin: true });
      const res = await t.http().post('/api/v1/substitutes').send(body);
      expectFieldError(res, 'status');
      expect(res.body.details).toEqual(expect.arrayContaining([{ field: 'isAdmin', problem: 'is not a known field' }]));
      expect(await countSubstitutes('email = $1', [body.email])).toBe(0);
    });

    it('refuses text that PostgreSQL cannot store (NUL) or that is not Unicode (half a surrogate pair) with 400, not 500', async () => {
      const body = signUpBody({ firstName: 'Sa\u0000ra' });
      expectFieldError(await t.http().post('/api/v1/substitutes').send(body), 'firstName');
      expectFieldError(await t.http().post('/api/v1/substitutes').send(signUpBody({ districts: ['Cent\u0000rum'] })), 'districts.0');
      // validator.js's isEmail throws a URIError on a lone surrogate.
      const json = (payload: object) => t.http().post('/api/v1/substitutes').set('Content-Type', 'application/json').send(JSON.stringify(payload));
      expectFieldError(await json(signUpBody({ email: '\ud800@example.se' })), 'email');
      expectFieldError(await json(signUpBody({ lastName: 'Lind\udfff' })), 'lastName');
      expect(await countSubstitutes('email = $1', [body.email])).toBe(0);
    });

    it('refuses field names that would reach into the prototype', async () => {
      const res = await t.http().post('/api/v1/substitutes').set('Content-Type', 'application/json').send(`{"constructor": {"prototype": {"status": "active"}}, ${JSON.stringify(signUpBody()).slice(1)}`);
      expectFieldError(res, 'constructor');
    });
  });

  describe('GET /substitutes', () => {
    it('lists the verification queue of the own municipality only', async () => {
      const pending = await makeSubstitute(t, admin.adminToken, { active: false });
      const active = await makeSubstitute(t, admin.adminToken);
      const foreign = await makeSubstitute(t, other.adminToken, { active: false });

      const res = await t.http().get('/api/v1/substitutes?status=pending').set(auth(admin.adminToken)).expect(200);
      const ids = res.body.map((s: { id: string }) => s.id);
      expect(ids).toContain(pending.id);
      expect(ids).not.toContain(active.id);
      expect(ids).not.toContain(foreign.id);
      expect(res.body.every((s: { status: string; municipalityId: string }) => s.status === 'pending' && s.municipalityId === admin.municipalityId)).toBe(true);

      const all = await t.http().get('/api/v1/substitutes').set(auth(admin.adminToken)).expect(200);
      expect(all.body.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([pending.id, active.id]));
      expect(all.body.map((s: { id: string }) => s.id)).not.toContain(foreign.id);

      const page = await t.http().get('/api/v1/substitutes?limit=1&offset=1').set(auth(admin.adminToken)).expect(200);
      expect(page.body).toHaveLength(1);
      expect(page.body[0].id).toBe(all.body[1].id);

      // An empty filter, as a blank form sends it, is no filter.
      const blank = await t.http().get('/api/v1/substitutes?status=').set(auth(admin.adminToken)).expect(200);
      expect(blank.body.map((s: { id: string }) => s.id)).toEqual(all.body.map((s: { id: string }) => s.id));
    });

    it('refuses bad query values with 400 naming the parameter', async () => {
      for (const [query, field] of [
        ['status=verified', 'status'],
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['limit=10000', 'limit'],
        ['offset=-1', 'offset'],
        ['offset=1e30', 'offset'],
        ['offset=100000000000000000000', 'offset'],
        ['status=pending&status=active', 'status'],
        ['sort=name', 'sort'],
      ]) {
        const res = await t.http().get(`/api/v1/substitutes?${query}`).set(auth(admin.adminToken));
        expectFieldError(res, field);
      }
    });

    it('is for admins only', async () => {
      const unit = await makeUnit(t, admin.adminToken);
      const manager = await makeManager(t, admin.adminToken, [unit.id]);
      expectError(await t.http().get('/api/v1/substitutes?status=pending').set(auth(manager.token)), 403, 'FORBIDDEN');
      expectError(await t.http().get('/api/v1/substitutes?status=pending'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('PATCH /substitutes/:id', () => {
    it('activates and verifies qualifications with an expiry date', async () => {
      const s = await makeSubstitute(t, admin.adminToken, { active: false, qualifications: ['underskoterska', 'vardbitrade'] });
      const res = await t
        .http()
        .patch(`/api/v1/substitutes/${s.id}`)
        .set(auth(admin.adminToken))
        .send({ status: 'active', verifiedQualifications: ['underskoterska'], qualificationValidUntil: { underskoterska: '2027-06-30' } })
        .expect(200);
      expect(res.body).toMatchObject({ id: s.id, status: 'active', verifiedAt: expect.any(String) });
      expect(res.body.qualifications).toEqual([
        { code: 'underskoterska', verified: true, verifiedAt: expect.any(String), validUntil: '2027-06-30' },
        { code: 'vardbitrade', verified: false, verifiedAt: null, validUntil: null },
      ]);
      const rows = await t.db.query('SELECT qualification_code, verified_at IS NOT NULL AS verified, valid_until::text FROM substitute_qualification WHERE substitute_id = $1 ORDER BY 1', [s.id]);
      expect(rows).toEqual([
        { qualification_code: 'underskoterska', verified: true, valid_until: '2027-06-30' },
        { qualification_code: 'vardbitrade', verified: false, valid_until: null },
      ]);

      // null removes the expiry.
      const cleared = await t.http().patch(`/api/v1/substitutes/${s.id}`).set(auth(admin.adminToken)).send({ qualificationValidUntil: { underskoterska: null } }).expect(200);
      expect(cleared.body.qualifications[0].validUntil).toBeNull();
    });

    it('refuses bad dates, codes not held, unknown codes and bad statuses, and writes nothing of a refused request', async () => {
      const s = await makeSubstitute(t, admin.adminToken, { active: false });
      const patch = (body: unknown) => t.http().patch(`/api/v1/substitutes/${s.id}`).set(auth(admin.adminToken)).send(body as object);

      for (const bad of ['2027-02-30', '30/06/2027', '2027-6-30', '', 'tomorrow', '2027-06-30T00:00']) {
        expectFieldError(await patch({ status: 'active', verifiedQualifications: ['vardbitrade'], qualificationValidUntil: { underskoterska: bad } }), 'qualificationValidUntil.underskoterska');
      }
      expectFieldError(await patch({ qualificationValidUntil: { underskoterska: 20270630 } }), 'qualificationValidUntil.underskoterska');
      expectFieldError(await patch({ status: 'active', qualificationValidUntil: { kock: '2027-06-30' } }), 'qualificationValidUntil.kock');
      expectFieldError(await patch({ status: 'active', verifiedQualifications: ['astronaut'] }), 'verifiedQualifications');
      expectFieldError(await patch({ qualificationValidUntil: ['2027-06-30'] }), 'qualificationValidUntil');
      expectFieldError(await patch({ status: 'pending' }), 'status');
      expectFieldError(await patch({ status: 'deleted' }), 'status');
      expectFieldError(await patch({ email: 'new@example.se' }), 'email');

      // The refused requests above tried to activate and to add vardbitrade: none of it stuck.
      const [row] = await t.db.query('SELECT status, verified_at FROM substitute WHERE id = $1', [s.id]);
      expect(row).toEqual({ status: 'pending', verified_at: null });
      const quals = await t.db.query('SELECT qualification_code, verified_at, valid_until FROM substitute_qualification WHERE substitute_id = $1', [s.id]);
      expect(quals).toEqual([{ qualification_code: 'underskoterska', verified_at: null, valid_until: null }]);
    });

    it('adds a verified qualification the substitute did not state', async () => {
      const s = await makeSubstitute(t, admin.adminToken, { active: false });
      const res = await t.http().patch(`/api/v1/substitutes/${s.id}`).set(auth(admin.adminToken)).send({ verifiedQualifications: ['kock'], qualificationValidUntil: { kock: '2028-01-31' } }).expect(200);
      expect(res.body.qualifications).toEqual(expect.arrayContaining([{ code: 'kock', verified: true, verifiedAt: expect.any(String), validUntil: '2028-01-31' }]));
    });

    it('is for admins only', async () => {
      const s = await makeSubstitute(t, admin.adminToken, { active: false });
      const unit = await makeUnit(t, admin.adminToken);
      const manager = await makeManager(t, admin.adminToken, [unit.id]);
      expectError(await t.http().patch(`/api/v1/substitutes/${s.id}`).set(auth(manager.token)).send({ status: 'active' }), 403, 'FORBIDDEN');
      expectError(await t.http().patch(`/api/v1/substitutes/${s.id}`).send({ status: 'active' }), 401, 'UNAUTHENTICATED');
      expect((await t.db.query('SELECT status FROM substitute WHERE id = $1', [s.id]))[0].status).toBe('pending');
    });
  });

  describe('PUT /substitutes/:id/availability', () => {
    it('merges overlapping and touching windows, reads wall-clock time as Swedish time, and returns UTC', async () => {
      const s = await makeSubstitute(t, admin.adminToken);
      const res = await t
        .http()
        .put(`/api/v1/substitutes/${s.id}/availability`)
        .set(auth(admin.adminToken))
        .send([
          { start: '2027-01-12T15:00', end: '2027-01-12T20:00' },
          { start: '2027-01-11T07:00', end: '2027-01-11T12:00' },
          { start: '2027-01-11T12:00', end: '2027-01-11T17:00' },
          { start: '2027-01-12T07:00', end: '2027-01-12T16:00' },
          { start: '2027-01-12T09:00:00Z', end: '2027-01-12T10:00:00Z' },
          { start: '2027-01-14T07:00:00+01:00', end: '2027-01-14T08:00:00+01:00' },
        ])
        .expect(200);
      expect(res.body).toEqual([
        { start: '2027-01-11T06:00:00.000Z', end: '2027-01-11T16:00:00.000Z' },
        { start: '2027-01-12T06:00:00.000Z', end: '2027-01-12T19:00:00.000Z' },
        { start: '2027-01-14T06:00:00.000Z', end: '2027-01-14T07:00:00.000Z' },
      ]);
      const rows = await t.db.query(
        `SELECT to_char(lower(period) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS s, to_char(upper(period) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS e
           FROM availability_window WHERE substitute_id = $1 ORDER BY lower(period)`,
        [s.id],
      );
      expect(rows).toEqual([
        { s: '2027-01-11T06:00', e: '2027-01-11T16:00' },
        { s: '2027-01-12T06:00', e: '2027-01-12T19:00' },
        { s: '2027-01-14T06:00', e: '2027-01-14T07:00' },
      ]);
      const profile = await t.http().get(`/api/v1/substitutes/${s.id}`).set(auth(admin.adminToken)).expect(200);
      expect(profile.body.availability).toEqual(res.body);

      // Replaces, not appends; an empty list clears.
      const replaced = await t.http().put(`/api/v1/substitutes/${s.id}/availability`).set(auth(admin.adminToken)).send([{ start: '2027-02-01T08:00', end: '2027-02-01T10:00' }]).expect(200);
      expect(replaced.body).toEqual([{ start: '2027-02-01T07:00:00.000Z', end: '2027-02-01T09:00:00.000Z' }]);
      await t.http().put(`/api/v1/substitutes/${s.id}/availability`).set(auth(admin.adminToken)).send([]).expect(200);
      expect(await t.db.query('SELECT id FROM availability_window WHERE substitute_id = $1', [s.id])).toEqual([]);
    });

    it('refuses a window that ends before it starts, bad times and non-arrays, keeping the old windows', async () => {
      const s = await makeSubstitute(t, admin.adminToken, { availability: [{ start: '2027-01-11T07:00', end: '2027-01-11T16:00' }] });
      const put = (body: unknown) => t.http().put(`/api/v1/substitutes/${s.id}/availability`).set(auth(admin.adminToken)).send(body as object);

      expectFieldError(await put([{ start: '2027-01-11T07:00', end: '2027-01-11T08:00' }, { start: '2027-01-12T16:00', end: '2027-01-12T07:00' }]), '1.end');
      expectFieldError(await put([{ start: '2027-01-12T16:00', end: '2027-01-12T16:00' }]), '0.end');
      expectFieldError(await put([{ start: '2027-03-28T02:30', end: '2027-03-28T05:00' }]), '0.start');
      expectFieldError(await put([{ start: '2027-10-31T02:30', end: '2027-10-31T05:00' }]), '0.start');
      expectFieldError(await put([{ start: 'tomorrow', end: '2027-01-12T07:00' }]), '0.start');
      expectFieldError(await put([{ start: '0000-01-01T00:00:00Z', end: '0001-01-01T00:00:00Z' }]), '0.start');
      expectFieldError(await put([{ start: '2027-01-12T07:00' }]), '0.end');
      expectFieldError(await put([{ start: '2027-01-12T07:00', end: '2027-01-12T08:00', note: 'x' }]), '0.note');
      expectFieldError(await put({ start: '2027-01-12T07:00', end: '2027-01-12T08:00' }), 'body');
      expectFieldError(await put([null]), '0');
      expectFieldError(await put([[{ start: '2027-01-12T07:00', end: '2027-01-12T08:00' }]]), '0');
      expectFieldError(await put([{ start: '2027-01-12T07:00', end: '2027-01-12T08:00', x: { constructor: 1 } }]), '0.x.constructor');

      const rows = await t.db.query(`SELECT lower(period) AS s, upper(period) AS e FROM availability_window WHERE substitute_id = $1`, [s.id]);
      expect(rows).toEqual([{ s: new Date('2027-01-11T06:00:00Z'), e: new Date('2027-01-11T15:00:00Z') }]);
    });

    it('serialises simultaneous replacements: each answers 200 and one of them is what stays', async () => {
      const s = await makeSubstitute(t, admin.adminToken);
      const payloads = Array.from({ length: 5 }, (_, i) => [
        { start: `2027-02-0${i + 1}T07:00`, end: `2027-02-0${i + 1}T12:00` },
        { start: `2027-02-0${i + 1}T11:00`, end: `2027-02-0${i + 1}T16:00` },
      ]);
      const results = await Promise.all(payloads.map((p) => t.http().put(`/api/v1/substitutes/${s.id}/availability`).set(auth(admin.adminToken)).send(p)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const rows = await t.db.query(`SELECT to_char(lower(period) AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD"T"HH24:MI') AS s FROM availability_window WHERE substitute_id = $1`, [s.id]);
      expect(rows).toHaveLength(1);
      expect(payloads.map((p) => p[0].start)).toContain(rows[0].s);
    });

    it('is for admins (a manager gets 403)', async () => {
      const s = await makeSubstitute(t, admin.adminToken);
      const unit = await makeUnit(t, admin.adminToken);
      const manager = await makeManager(t, admin.adminToken, [unit.id]);
      expectError(await t.http().put(`/api/v1/substitutes/${s.id}/availability`).set(auth(manager.token)).send([]), 403, 'FORBIDDEN');
    });
  });

  describe('ids of another municipality, unknown ids and non-UUIDs', () => {
    it('answers 404 on GET, PATCH and PUT for a substitute of another municipality, and changes nothing', async () => {
      const foreign = await makeSubstitute(t, other.adminToken, { active: false, availability: [{ start: '2027-01-11T07:00', end: '2027-01-11T16:00' }] });
      const token = auth(admin.adminToken);
      expectError(await t.http().get(`/api/v1/substitutes/${foreign.id}`).set(token), 404, 'NOT_FOUND');
      expectError(await t.http().patch(`/api/v1/substitutes/${foreign.id}`).set(token).send({ status: 'active', verifiedQualifications: ['underskoterska'] }), 404, 'NOT_FOUND');
      expectError(await t.http().put(`/api/v1/substitutes/${foreign.id}/availability`).set(token).send([]), 404, 'NOT_FOUND');

      const [row] = await t.db.query('SELECT status FROM substitute WHERE id = $1', [foreign.id]);
      expect(row.status).toBe('pending');
      const quals = await t.db.query('SELECT verified_at FROM substitute_qualification WHERE substitute_id = $1', [foreign.id]);
      expect(quals).toEqual([{ verified_at: null }]);
      expect(await t.db.query('SELECT count(*)::int AS n FROM availability_window WHERE substitute_id = $1', [foreign.id])).toEqual([{ n: 1 }]);

      // The owner still sees it, unchanged.
      const own = await t.http().get(`/api/v1/substitutes/${foreign.id}`).set(auth(other.adminToken)).expect(200);
      expect(own.body).toMatchObject({ id: foreign.id, status: 'pending', availability: [{ start: '2027-01-11T06:00:00.000Z', end: '2027-01-11T15:00:00.000Z' }] });
    });

    it('answers 404 for an id that does not exist', async () => {
      const id = randomUUID();
      const token = auth(admin.adminToken);
      expectError(await t.http().get(`/api/v1/substitutes/${id}`).set(token), 404, 'NOT_FOUND');
      expectError(await t.http().patch(`/api/v1/substitutes/${id}`).set(token).send({ status: 'active' }), 404, 'NOT_FOUND');
      expectError(await t.http().put(`/api/v1/substitutes/${id}/availability`).set(token).send([]), 404, 'NOT_FOUND');
    });

    it('answers 400 naming id for a non-UUID id', async () => {
      const token = auth(admin.adminToken);
      for (const id of ['123', 'not-a-uuid', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g']) {
        const path = `/api/v1/substitutes/${encodeURIComponent(id)}`;
        expectFieldError(await t.http().get(path).set(token), 'id');
        expectFieldError(await t.http().patch(path).set(token).send({ status: 'active' }), 'id');
        expectFieldError(await t.http().put(`${path}/availability`).set(token).send([]), 'id');
      }
    });
  });
});
