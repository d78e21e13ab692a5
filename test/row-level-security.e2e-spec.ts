import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Database } from '../src/database/database';
import { Tenancy } from '../src/database/tenancy';
import { UnitOfWork } from '../src/database/unit-of-work';
import { JobQueue } from '../src/queue/job-queue';
import { eventually } from './support/eventually';
import { makeSubstitute, makeUnit } from './support/factories';
import { Stack, startStack } from './support/stack';
import { seedMunicipality, TestApp } from './support/test-app';

/**
 * Invariant 6 in the database itself: the api and the worker connect as a role that owns nothing and
 * cannot bypass row-level security, and a transaction sees only the rows of the municipality it names. A
 * query that forgets its `WHERE municipality_id` therefore still sees one municipality, or none.
 */
describe('row-level security', () => {
  let stack: Stack;
  let t: TestApp;
  let norrkoping: Awaited<ReturnType<typeof seedMunicipality>>;
  let linkoping: Awaited<ReturnType<typeof seedMunicipality>>;
  let db: Database;
  let tenancy: Tenancy;
  let uow: UnitOfWork;

  beforeAll(async () => {
    stack = await startStack();
    t = stack.t;
    norrkoping = await seedMunicipality(t, 'Norrköpings kommun');
    linkoping = await seedMunicipality(t, 'Linköpings kommun');
    for (const admin of [norrkoping, linkoping]) {
      await makeUnit(t, admin.adminToken);
      await makeSubstitute(t, admin.adminToken);
    }
    db = t.app.get(Database);
    tenancy = t.app.get(Tenancy);
    uow = t.app.get(UnitOfWork);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const municipalitiesIn = (rows: { municipalityId: string }[]) => [...new Set(rows.map((r) => r.municipalityId))].sort();
  const forgetful = () => db.rows<{ municipalityId: string }>(`SELECT municipality_id AS "municipalityId" FROM substitute`);

  it('lets a query without WHERE municipality_id see only the municipality of its call', async () => {
    expect(municipalitiesIn(await tenancy.within(norrkoping.municipalityId, forgetful))).toEqual([norrkoping.municipalityId]);
    expect(municipalitiesIn(await tenancy.within(linkoping.municipalityId, forgetful))).toEqual([linkoping.municipalityId]);
    // In a unit of work too, and for every table that has a municipality.
    const units = await tenancy.within(norrkoping.municipalityId, () => uow.run(() => db.rows<{ municipalityId: string }>(`SELECT municipality_id AS "municipalityId" FROM unit`)));
    expect(municipalitiesIn(units)).toEqual([norrkoping.municipalityId]);
  });

  it('shows a call with no municipality nothing at all, and the system scope everything', async () => {
    expect(await forgetful()).toEqual([]);
    expect(municipalitiesIn(await tenancy.acrossMunicipalities(forgetful))).toEqual([norrkoping.municipalityId, linkoping.municipalityId].sort());
  });

  it("refuses to write a row into another municipality, and cannot change another municipality's rows", async () => {
    const foreignUnit = { municipalityId: linkoping.municipalityId, name: 'Intrång', serviceArea: 'kost', district: 'Centrum' };
    const insert = tenancy.within(norrkoping.municipalityId, () =>
      db.rows(`INSERT INTO unit (municipality_id, name, service_area, district) VALUES ($1, $2, $3, $4) RETURNING id`, Object.values(foreignUnit)),
    );
    await expect(insert).rejects.toMatchObject({ driverError: { code: '42501' } });

    const changed = await tenancy.within(norrkoping.municipalityId, () => db.rows(`UPDATE substitute SET first_name = 'Intrång' RETURNING municipality_id`));
    expect(changed).toHaveLength(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM substitute WHERE first_name = 'Intrång' AND municipality_id = $1`, [linkoping.municipalityId]);
    expect(n).toBe(0);
  });

  it('does not let a unit of work change its municipality halfway', async () => {
    const switched = tenancy.within(norrkoping.municipalityId, () => uow.run(() => tenancy.within(linkoping.municipalityId, forgetful)));
    await expect(switched).rejects.toThrow('cannot change inside it');
  });

  it('connects the api and the worker as the application role: no superuser, no bypass, owner of nothing', async () => {
    await tenancy.within(norrkoping.municipalityId, forgetful);
    const sessions = await t.db.query(
      `SELECT DISTINCT a.usename, r.rolsuper, r.rolbypassrls FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = current_database() AND a.application_name = 'vikariebanken'`,
    );
    expect(sessions).toEqual([{ usename: 'vikariebanken_app', rolsuper: false, rolbypassrls: false }]);
    const [{ owned }] = await t.db.query(`SELECT count(*)::int AS owned FROM pg_tables WHERE schemaname = 'public' AND tableowner LIKE 'vikariebanken%'`);
    expect(owned).toBe(0);
  });

  it('has a policy on every table with a municipality_id, new ones included', async () => {
    const unprotected = await t.db.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'municipality_id' AND NOT a.attisdropped)
          AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
        ORDER BY 1`,
    );
    expect(unprotected).toEqual([]);
  });

  it("runs a job as the municipality in its payload: a job naming another municipality cannot touch this one's rows", async () => {
    const [notification] = await t.db.query(
      `INSERT INTO notification (municipality_id, dedupe_key, kind, channel, recipient, body)
       VALUES ($1, $2, 'notice', 'sms', '+46701234567', 'Hej! Det här är ett prov.') RETURNING id`,
      [norrkoping.municipalityId, `rls-${randomUUID()}`],
    );
    const jobs = stack.worker.get(JobQueue);
    const queue = stack.worker.get<Queue>(getQueueToken('notifications'));
    const finished = (jobId: string) =>
      eventually(async () => {
        const job = await queue.getJob(jobId);
        expect({ state: await job?.getState(), failedReason: job?.failedReason }).toEqual({ state: 'completed', failedReason: undefined });
      });
    // Sent by hand, not from the outbox: the job names a row that does not exist.
    const NO_OUTBOX_ROW = '999999999999';

    await jobs.add('deliver', { municipalityId: linkoping.municipalityId, notificationId: notification.id, outboxId: NO_OUTBOX_ROW }, { jobId: `rls-wrong-${notification.id}` });
    await finished(`rls-wrong-${notification.id}`);
    const [untouched] = await t.db.query(`SELECT status FROM notification WHERE id = $1`, [notification.id]);
    expect(untouched.status).toBe('pending');
    expect(stack.channels.elks.messages.filter((m) => m.to === '+46701234567')).toEqual([]);

    await jobs.add('deliver', { municipalityId: norrkoping.municipalityId, notificationId: notification.id, outboxId: NO_OUTBOX_ROW }, { jobId: `rls-right-${notification.id}` });
    await finished(`rls-right-${notification.id}`);
    const [sent] = await t.db.query(`SELECT status FROM notification WHERE id = $1`, [notification.id]);
    expect(sent.status).toBe('sent');
  });
});
