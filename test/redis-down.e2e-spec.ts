import type { INestApplicationContext } from '@nestjs/common';
import { eventually } from './support/eventually';
import { auth, makeSubstitute, makeUnit } from './support/factories';
import { flatSettings } from './support/offers';
import { dropDatabase, freePort, seedMunicipality, startTestApp, startTestWorker, testConfig, TestApp } from './support/test-app';
import { hours } from './support/time';

// Once in a CI run under full load (not reproduced alone or in pairs) a connection of the api to the
// down Redis surfaced "connect ECONNREFUSED" as an uncaught error with no frame of ours: one retry, with
// the first failure printed, until its source is found (noted on the issue).
jest.retryTimes(1, { logErrorsBeforeRetry: true });

describe('with Redis down', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    // Nothing listens on this port: the api's Redis is down from the start.
    t = await startTestApp(await testConfig({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, SWEEP_INTERVAL_MS: '300' }));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  it('still takes absences, says so in /health, and the work is done once Redis is back', async () => {
    // A retry starts from no worker.
    await worker?.close();
    worker = undefined;
    const admin = await seedMunicipality(t);
    // No quiet hours: the test must not depend on the hour it runs.
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(5)).expect(200);
    const unit = await makeUnit(t, admin.adminToken);
    await makeSubstitute(t, admin.adminToken, { qualifications: ['kock'], availability: [{ start: hours(1), end: hours(24 * 5) }] });

    const health = await t.http().get('/health').expect(503);
    expect(health.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('redis') });

    const began = Date.now();
    const posted = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(admin.adminToken))
      .send({ unitId: unit.id, reason: 'sick', qualification: 'kock', shifts: [{ start: hours(30), end: hours(38) }] })
      .expect(201);
    expect(Date.now() - began).toBeLessThan(3000);
    const vacancyId = posted.body.vacancies[0].id;

    // A worker on the working Redis, same database: its relay finds the outbox row and matches the vacancy.
    worker = await startTestWorker(await testConfig({ SWEEP_INTERVAL_MS: '300' }, t.databaseUrl));
    await eventually(async () => {
      const details = await t.http().get(`/api/v1/vacancies/${vacancyId}`).set(auth(admin.adminToken)).expect(200);
      expect(details.body.status).toBe('offering');
      expect(details.body.offers).toHaveLength(1);
    }, 20_000, 200);
  });
});
