import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { expectError } from './support/errors';
import { auth } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp, testConfig } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-env';

/** Findings of a security review, each reproduced as it was found. */
describe('security findings', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;
  let redis: Redis;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t);
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  it('answers a webhook key of the right length in other characters with 401, not 500', async () => {
    const key = t.config.SMS_WEBHOOK_KEY!;
    const res = await t.http().post(`/api/v1/webhooks/46elks/delivery?key=${encodeURIComponent('å'.repeat(key.length))}&delivery=x`).type('form').send('id=s1&status=delivered');
    expectError(res, 401, 'UNAUTHENTICATED');
  });

  it('refuses a password that bcrypt would cut short, so that no tail after 72 bytes signs in', async () => {
    const email = 'lang@example.se';
    const long = `${'å'.repeat(36)}hemlig-svans`;
    const res = await t.http().post('/api/v1/users').set(auth(admin.adminToken)).send({ email, password: long, role: 'admin', unitIds: [] });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: 'password', problem: expect.stringContaining('72 bytes') }]);
    // Exactly 72 bytes is a password; the same with any tail does not sign in.
    const exact = 'å'.repeat(36);
    await t.http().post('/api/v1/users').set(auth(admin.adminToken)).send({ email, password: exact, role: 'admin', unitIds: [] }).expect(201);
    await t.http().post('/api/v1/auth/login').send({ email, password: exact }).expect(200);
    expectError(await t.http().post('/api/v1/auth/login').send({ email, password: `${exact}vadsomhelst` }), 401, 'INVALID_CREDENTIALS');
  });

  it('lets the owner of a locked account back in once the backoff has passed', async () => {
    const login = (password: string, address = '10.1.2.3') => t.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email: admin.adminEmail, password });
    for (let i = 0; i < 5; i++) expectError(await login('fel lösenord'), 401, 'INVALID_CREDENTIALS');
    // Locked: the right password from another address gets 429 too, and says nothing about the password.
    const locked = await login(admin.password, '10.4.5.6');
    expectError(locked, 429, 'RATE_LIMITED');
    const lockKey = `${t.config.QUEUE_PREFIX}:rl:lock:${admin.adminEmail}`;
    expect(await redis.ttl(lockKey)).toBeGreaterThan(20);
    // The backoff passes (its key expires)...
    await redis.pexpire(lockKey, 1);
    await new Promise((r) => setTimeout(r, 20));
    await login(admin.password, '10.4.5.6').expect(200);
    // ...and a success forgets the failures.
    expectError(await login('fel igen'), 401, 'INVALID_CREDENTIALS');
  });

  it('slows guessing across accounts from one address, counting an IPv6 /64 as one address', async () => {
    const guess = (i: number) =>
      t.http().post('/api/v1/auth/login').set('X-Forwarded-For', `2001:db8:aa:bb::${i.toString(16)}`).send({ email: `nobody-${i}@example.se`, password: 'gissning' });
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++) statuses.push((await guess(i)).status);
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50)).toEqual([429, 429]);
    // Another network is not affected.
    expect((await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '2001:db8:cc:dd::1').send({ email: 'x@example.se', password: 'y' })).status).toBe(401);
  });

  it('limits each client address to RATE_LIMIT_PER_MINUTE requests, with 429 and Retry-After; other addresses go on', async () => {
    const config = await testConfig({ RATE_LIMIT_PER_MINUTE: '5' });
    const app = await startTestApp(config);
    try {
      const click = (address: string) => app.http().post('/api/v1/offers/not-a-token/accept').set('X-Forwarded-For', address);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await click('198.51.100.7')).status);
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
      const limited = await click('198.51.100.7');
      expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await click('198.51.100.8')).status).toBe(404);
    } finally {
      await app.close();
      await dropDatabase(config.DATABASE_URL);
    }
  });

  it('serves no API documents in production unless asked', async () => {
    const config = await testConfig({ API_DOCS: 'off' });
    const app = await startTestApp(config);
    try {
      expect((await app.http().get('/api/docs-json')).status).toBe(404);
      expect((await app.http().get('/api/docs')).status).toBe(404);
    } finally {
      await app.close();
      await dropDatabase(config.DATABASE_URL);
    }
  });

  it('refuses to load the demo in production', () => {
    const root = join(__dirname, '..');
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, 'src/seed/seed-demo.ts')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: t.databaseUrl,
        JWT_SECRET: 'j'.repeat(40),
        OFFER_TOKEN_SECRET: 'o'.repeat(43),
        PUBLIC_URL: 'https://vikarie.example',
        SMS_PROVIDER: '46elks',
        SMS_API_USER: 'u',
        SMS_API_PASSWORD: 'p',
        SMTP_URL: 'smtp://127.0.0.1:1',
        DATABASE_APP_PASSWORD: 'app role password',
      },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The demo is not loaded in production');
  });
});
