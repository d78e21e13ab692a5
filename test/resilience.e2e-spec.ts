import type { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { eventually } from './support/eventually';
import { auth, makeSubstitute, makeUnit } from './support/factories';
import { Channels, startChannels } from './support/channels';
import type { FakeElks } from './support/fake-elks-server';
import { flatSettings } from './support/offers';
import type { SmtpCatcher } from './support/smtp-catcher';
import { dropDatabase, seedMunicipality, startTestApp, testConfig, TestApp } from './support/test-app';
import { killed, spawnWorker } from './support/worker-process';
import { hours } from './support/time';


describe('nothing lost, nothing sent twice', () => {
  let t: TestApp;
  let channels: Channels;
  let elks: FakeElks;
  let smtp: SmtpCatcher;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;
  let worker: ChildProcess | undefined;
  let unitId: string;

  beforeAll(async () => {
    channels = await startChannels({ SWEEP_INTERVAL_MS: '300', JOB_LOCK_MS: '2000' });
    ({ elks, smtp } = channels);
    const config = await testConfig(channels.env);
    t = await startTestApp(config);
    admin = await seedMunicipality(t);
    unitId = (await makeUnit(t, admin.adminToken)).id;
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(40)).expect(200);
  }, 60_000);
  afterAll(async () => {
    if (worker) await killed(worker);
    await t?.close();
    await channels?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  it('delivers every offer after the worker is killed mid-wave, and no SMS or email twice', async () => {
    const window = [{ start: hours(1), end: hours(24 * 10) }];
    const subs = await Promise.all(Array.from({ length: 40 }, () => makeSubstitute(t, admin.adminToken, { qualifications: ['vardbitrade'], availability: window })));
    worker = spawnWorker(t.config);
    await t.http().post('/api/v1/absences').set(auth(admin.adminToken)).send({ unitId, reason: 'sick', qualification: 'vardbitrade', shifts: [{ start: hours(30), end: hours(38) }] }).expect(201);

    await elks.waitForMessages(3, 30_000);
    await killed(worker);
    const sentBeforeKill = elks.messages.length;
    worker = spawnWorker(t.config);

    await eventually(async () => {
      const phones = new Set(elks.messages.map((m) => m.to));
      expect(subs.every((s) => phones.has(s.phone))).toBe(true);
    }, 60_000, 200);
    await eventually(async () => {
      const open: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE status IN ('pending', 'sending')`);
      expect(open[0].n).toBe(0);
    }, 60_000, 200);

    const perPhone = new Map<string, number>();
    for (const m of elks.messages) perPhone.set(m.to, (perPhone.get(m.to) ?? 0) + 1);
    expect([...perPhone.values()].every((n) => n === 1)).toBe(true);
    const perMailbox = new Map<string, number>();
    for (const m of smtp.messages) for (const to of m.to) perMailbox.set(to, (perMailbox.get(to) ?? 0) + 1);
    expect([...perMailbox.values()].every((n) => n === 1)).toBe(true);
    const undelivered: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM offer o WHERE NOT EXISTS (SELECT 1 FROM notification n WHERE n.offer_id = o.id AND n.status = 'sent')`,
    );
    expect(undelivered[0].n).toBe(0);
    // The kill landed mid-wave: some SMS were still to go.
    expect(sentBeforeKill).toBeLessThan(subs.length);
  }, 120_000);

  it('sends a wave whose SMS the provider refuses at first: each once, by the queue after the direct send failed', async () => {
    if (worker) await killed(worker);
    const window = [{ start: hours(1), end: hours(24 * 10) }];
    const subs = await Promise.all(Array.from({ length: 3 }, () => makeSubstitute(t, admin.adminToken, { qualifications: ['kock'], availability: window })));
    const phones = new Set(subs.map((s) => s.phone));
    const before = elks.messages.length;
    // The wave's three SMS go out side by side as soon as matching commits; all three attempts fail.
    elks.failNext(3, 503);
    worker = spawnWorker(t.config);
    await t.http().post('/api/v1/absences').set(auth(admin.adminToken)).send({ unitId, reason: 'sick', qualification: 'kock', shifts: [{ start: hours(60), end: hours(68) }] }).expect(201);

    await eventually(async () => {
      const rows: { status: string; attempts: number }[] = await t.db.query(
        `SELECT n.status, n.attempts FROM notification n JOIN offer o ON o.id = n.offer_id WHERE n.channel = 'sms' AND o.substitute_id = ANY ($1::uuid[])`,
        [subs.map((s) => s.id)],
      );
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.status === 'sent' && r.attempts >= 2)).toBe(true);
    }, 60_000, 200);
    const sent = elks.messages.slice(before).filter((m) => phones.has(m.to));
    expect(sent.map((m) => m.to).sort()).toEqual([...phones].sort());
  }, 90_000);

  it('matches every vacancy posted before Redis was wiped', async () => {
    if (worker) await killed(worker);
    worker = undefined;
    const window = [{ start: hours(1), end: hours(24 * 10) }];
    await Promise.all(Array.from({ length: 3 }, () => makeSubstitute(t, admin.adminToken, { qualifications: ['ekonomibitrade'], availability: window })));
    const posted = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.http().post('/api/v1/absences').set(auth(admin.adminToken)).send({ unitId, reason: 'sick', qualification: 'ekonomibitrade', shifts: [{ start: hours(50 + i * 24), end: hours(58 + i * 24) }] }).expect(201),
      ),
    );
    const vacancyIds = posted.map((p) => p.body.vacancies[0].id as string);

    const redis = new Redis(t.config.REDIS_URL);
    const keys = await redis.keys(`${t.config.QUEUE_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();

    worker = spawnWorker(t.config);
    await eventually(async () => {
      const rows: { status: string }[] = await t.db.query(`SELECT status FROM vacancy WHERE id = ANY($1::uuid[])`, [vacancyIds]);
      expect(rows.map((r) => r.status)).toEqual(Array(5).fill('offering'));
    }, 30_000, 200);
  }, 60_000);
});
