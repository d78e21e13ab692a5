import { auth, makeManager, makeUnit } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';

describe('organisation, sign-in and health', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Norrköpings kommun');
  });
  afterAll(async () => {
    await t.close();
    await dropDatabase(t.databaseUrl);
  });

  it('reports PostgreSQL and Redis healthy', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('lists municipalities publicly and the qualification catalogue', async () => {
    const municipalities = await t.http().get('/api/v1/municipalities').expect(200);
    expect(municipalities.body).toEqual([{ id: admin.municipalityId, name: 'Norrköpings kommun' }]);
    const qualifications = await t.http().get('/api/v1/qualifications').expect(200);
    const codes = qualifications.body.map((q: { code: string }) => q.code);
    for (const code of ['underskoterska', 'vardbitrade', 'legitimerad_larare', 'forskollarare', 'barnskotare', 'socialsekreterare', 'kock', 'ekonomibitrade']) {
      expect(codes).toContain(code);
    }
    expect(qualifications.body.find((q: { code: string }) => q.code === 'underskoterska')).toEqual({ code: 'underskoterska', name: 'Undersköterska', serviceArea: 'vard_omsorg' });
  });

  it('signs staff in and refuses wrong passwords with INVALID_CREDENTIALS', async () => {
    const wrong = await t.http().post('/api/v1/auth/login').send({ email: admin.adminEmail, password: 'wrong password' }).expect(401);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'INVALID_CREDENTIALS', message: expect.any(String), details: [] });
    const unknown = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.se', password: 'whatever123' }).expect(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    const ok = await t.http().post('/api/v1/auth/login').send({ email: admin.adminEmail.toUpperCase(), password: admin.password }).expect(200);
    expect(ok.body.user).toEqual({ id: expect.any(String), role: 'admin', municipalityId: admin.municipalityId, unitIds: [] });
  });

  it('locks an account from the fifth wrong password, from any address, with 429 and Retry-After; other accounts unaffected', async () => {
    const guess = (email: string, address: string, password = 'wrong password') =>
      t.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });
    for (let i = 0; i < 5; i++) expect((await guess('victim@example.se', `10.9.8.${i}`)).status).toBe(401);
    const limited = await guess('victim@example.se', '10.9.8.200');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED' });
    expect((await guess('someone-else@example.se', '10.9.8.200')).status).toBe(401);
  });

  it('requires a token (401) and the right role (403)', async () => {
    const none = await t.http().get('/api/v1/units').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const bad = await t.http().get('/api/v1/units').set(auth('not-a-token')).expect(401);
    expect(bad.body.code).toBe('UNAUTHENTICATED');
    const unit = await makeUnit(t, admin.adminToken);
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const denied = await t.http().post('/api/v1/units').set(auth(manager.token)).send({ name: 'X', serviceArea: 'kost', district: 'Y' }).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
  });

  it('shows a manager only own units, an admin all', async () => {
    const a = await makeUnit(t, admin.adminToken, { name: 'Hagaskolan', serviceArea: 'utbildning', district: 'Haga' });
    const b = await makeUnit(t, admin.adminToken, { name: 'Vrinnevihemmet', district: 'Vrinnevi' });
    const manager = await makeManager(t, admin.adminToken, [a.id]);
    const own = await t.http().get('/api/v1/units').set(auth(manager.token)).expect(200);
    expect(own.body.map((u: { id: string }) => u.id)).toEqual([a.id]);
    const all = await t.http().get('/api/v1/units').set(auth(admin.adminToken)).expect(200);
    expect(all.body.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('refuses a duplicate user email and unknown unit ids', async () => {
    const unit = await makeUnit(t, admin.adminToken);
    const body = { email: 'dup@example.se', password: 'long enough pw', role: 'manager', unitIds: [unit.id] };
    await t.http().post('/api/v1/users').set(auth(admin.adminToken)).send(body).expect(201);
    const dup = await t.http().post('/api/v1/users').set(auth(admin.adminToken)).send({ ...body, email: 'DUP@example.se' }).expect(409);
    expect(dup.body.code).toBe('USER_EXISTS');
    const missing = await t.http().post('/api/v1/users').set(auth(admin.adminToken)).send({ ...body, email: 'x@example.se', unitIds: ['00000000-0000-4000-8000-000000000000'] }).expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/v1/absences']).toBeDefined();
    expect(res.body.paths['/api/v1/substitutes/{id}/availability']).toBeDefined();
  });
});
