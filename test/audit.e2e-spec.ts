import { randomBytes } from 'node:crypto';
import { AuditLog } from '../src/audit/audit-log.service';
import { Tenancy } from '../src/database/tenancy';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxService } from '../src/outbox/outbox.service';
import { SubstitutesService } from '../src/substitutes/substitutes.service';
import { expectError } from './support/errors';
import { auth, makeManager, makeSubstitute, makeUnit, signInSubstitute } from './support/factories';
import { flatSettings } from './support/offers';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';
import { hours } from './support/time';

interface Entry {
  actor: { role: string; id: string | null };
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown>;
}

describe('audit log', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t, 'Norrköpings kommun');
    adminId = (await t.http().get('/api/v1/me').set(auth(admin.adminToken)).expect(200)).body.id;
  });
  afterAll(async () => {
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  const audit = async (query: Record<string, string> = {}) => (await t.http().get('/api/v1/audit').query(query).set(auth(admin.adminToken)).expect(200)).body as Entry[];
  const about = (id: string) => audit({ id });

  it('records sign-ins and failed sign-ins, with no entry for an email nobody has', async () => {
    const manager = await makeManager(t, admin.adminToken, []);
    await t.http().post('/api/v1/auth/login').send({ email: manager.email, password: 'not the password' }).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: `ingen-${randomBytes(3).toString('hex')}@example.se`, password: 'x' }).expect(401);

    expect((await about(manager.id)).map((e) => [e.action, e.actor.role, e.actor.id])).toEqual([
      ['sign_in_failed', 'anonymous', null],
      ['signed_in', 'manager', manager.id],
      ['user_created', 'admin', adminId],
    ]);
    expect((await about(manager.id))[0].details).toEqual({ method: 'password', address: '127.0.0.1' });
  });

  it("records what staff do to a substitute, and the substitute's own sign-ins", async () => {
    const anna = await makeSubstitute(t, admin.adminToken);
    await t.http().post('/api/v1/auth/code/verify').send({ municipalityId: admin.municipalityId, phone: anna.phone, code: '000000' }).expect(401);
    await signInSubstitute(t, admin.municipalityId, anna.phone);

    const entries = await about(anna.id);
    expect(entries.map((e) => [e.action, e.actor.role])).toEqual([
      ['signed_in', 'substitute'],
      ['sign_in_failed', 'anonymous'],
      ['substitute_updated', 'admin'],
    ]);
    expect(entries[2].details).toEqual({ status: { from: 'pending', to: 'active' }, verifiedQualifications: ['underskoterska'] });
  });

  it('records absences, vacancies taken and cancelled, and bookings cancelled, each with who did it', async () => {
    const unit = await makeUnit(t, admin.adminToken);
    const manager = await makeManager(t, admin.adminToken, [unit.id]);
    const bo = await makeSubstitute(t, admin.adminToken, { availability: [{ start: hours(1), end: hours(24 * 10) }] });
    const boToken = await signInSubstitute(t, admin.municipalityId, bo.phone);
    const post = (day: number) =>
      t
        .http()
        .post('/api/v1/absences')
        .set(auth(manager.token))
        .send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(24 * day), end: hours(24 * day + 8) }] })
        .expect(201);
    const first = (await post(2)).body;
    const second = (await post(4)).body;

    const taken = await t.http().post(`/api/v1/vacancies/${first.vacancies[0].id}/take`).set(auth(boToken)).expect(200);
    await t.http().post(`/api/v1/bookings/${taken.body.bookingId}/cancel`).set(auth(manager.token)).send({ reason: 'Enheten stänger' }).expect(200);
    await t.http().delete(`/api/v1/vacancies/${first.vacancies[0].id}`).set(auth(manager.token)).expect(200);
    await t.http().delete(`/api/v1/absences/${second.id}`).set(auth(admin.adminToken)).expect(200);

    expect((await about(first.id)).map((e) => [e.action, e.actor.id, e.details.unitId])).toEqual([['absence_posted', manager.id, unit.id]]);
    expect((await about(taken.body.bookingId)).map((e) => [e.action, e.actor.role, e.actor.id])).toEqual([
      ['booking_cancelled', 'manager', manager.id],
      ['vacancy_taken', 'substitute', bo.id],
    ]);
    expect((await about(taken.body.bookingId))[0].details).toMatchObject({ reason: 'Enheten stänger', vacancyStatus: 'open' });
    expect((await about(first.vacancies[0].id)).map((e) => [e.action, e.details.from])).toEqual([['vacancy_cancelled', 'open']]);
    expect((await about(second.id)).map((e) => [e.action, e.actor.role, e.details.vacancyIds])).toEqual([
      ['absence_cancelled', 'admin', [second.vacancies[0].id]],
      ['absence_posted', 'manager', [second.vacancies[0].id]],
    ]);
  });

  it('records changes to the matching settings and to a unit\'s lists', async () => {
    const unit = await makeUnit(t, admin.adminToken);
    const cecilia = await makeSubstitute(t, admin.adminToken);
    await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send(flatSettings(12)).expect(200);
    await t.http().put(`/api/v1/units/${unit.id}/blocked`).set(auth(admin.adminToken)).send([cecilia.id]).expect(200);

    const [settings] = await about(admin.municipalityId);
    expect(settings).toMatchObject({ action: 'matching_settings_changed', entity: 'municipality', details: { settings: flatSettings(12) } });
    expect((await about(unit.id)).map((e) => [e.action, e.details])).toEqual([['unit_preferences_changed', { blocked: [cecilia.id] }]]);
  });

  it("puts a person's audit entries in their export, the export itself included, and records the erasure", async () => {
    const dag = await makeSubstitute(t, admin.adminToken);
    const token = await signInSubstitute(t, admin.municipalityId, dag.phone);
    const exported = (await t.http().get(`/api/v1/substitutes/${dag.id}/export`).set(auth(token)).expect(200)).body;
    expect(exported.auditEntries.map((e: Entry) => e.action)).toEqual(['substitute_updated', 'signed_in', 'data_exported']);
    expect(exported.auditEntries[2].actor).toEqual({ role: 'substitute', id: dag.id });

    await t.http().delete(`/api/v1/substitutes/${dag.id}`).set(auth(admin.adminToken)).expect(200);
    expect((await about(dag.id))[0]).toMatchObject({ action: 'substitute_erased', actor: { role: 'admin', id: adminId } });
  });

  it('leaves no entry for a change that was refused', async () => {
    const erik = await makeSubstitute(t, admin.adminToken, { active: false });
    expectError(await t.http().patch(`/api/v1/substitutes/${erik.id}`).set(auth(admin.adminToken)).send({ status: 'active', verifiedQualifications: ['trollkarl'] }), 400, 'VALIDATION_FAILED');
    expect(await about(erik.id)).toEqual([]);
    // Two bands for one lead time: refused by the settings service, whichever door they came through.
    const band = flatSettings(3).bands[0];
    const before = (await about(admin.municipalityId)).length;
    expectError(await t.http().put('/api/v1/matching-settings').set(auth(admin.adminToken)).send({ ...flatSettings(3), bands: [band, { ...band, waveSize: 4 }] }), 400, 'VALIDATION_FAILED');
    expect(await about(admin.municipalityId)).toHaveLength(before);
  });

  it('filters by kind of record, shows admins only their own municipality, and refuses managers and bad filters', async () => {
    const users = await audit({ entity: 'staff_user' });
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users.map((e) => e.entity))).toEqual(new Set(['staff_user']));

    const other = await seedMunicipality(t, 'Linköpings kommun');
    const theirs = (await t.http().get('/api/v1/audit').set(auth(other.adminToken)).expect(200)).body as Entry[];
    expect(theirs.map((e) => e.action)).toEqual(['signed_in']);

    const manager = await makeManager(t, admin.adminToken, []);
    expectError(await t.http().get('/api/v1/audit').set(auth(manager.token)), 403, 'FORBIDDEN');
    expectError(await t.http().get('/api/v1/audit').query({ entity: 'planet' }).set(auth(admin.adminToken)), 400, 'VALIDATION_FAILED');
    expectError(await t.http().get('/api/v1/audit').query({ id: 'not-an-id' }).set(auth(admin.adminToken)), 400, 'VALIDATION_FAILED');
  });
});

describe('retention', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof seedMunicipality>>;
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await seedMunicipality(t);
  });
  afterAll(async () => {
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  /** As the worker runs its sweeps: across municipalities. */
  const sweep = <T>(work: () => Promise<T>) => t.app.get(Tenancy).acrossMunicipalities(work);

  it('removes audit entries older than AUDIT_RETENTION_DAYS (730 by default)', async () => {
    const insert = (at: Date) =>
      t.db.query(`INSERT INTO audit_entry (municipality_id, at, actor_role, action, entity, entity_id) VALUES ($1, $2, 'system', 'signed_in', 'municipality', $1) RETURNING id`, [
        admin.municipalityId,
        at,
      ]);
    const [[old], [recent]] = [await insert(daysAgo(731)), await insert(daysAgo(729))];
    expect(await sweep(() => t.app.get(AuditLog).removeExpired())).toBe(1);
    const left = (await t.db.query(`SELECT id FROM audit_entry WHERE id = ANY ($1::uuid[])`, [[old.id, recent.id]])).map((r: { id: string }) => r.id);
    expect(left).toEqual([recent.id]);
  });

  it('removes outbox rows finished more than OUTBOX_RETENTION_DAYS ago, never unfinished ones', async () => {
    const insert = (createdAt: Date, doneAt: Date | null) =>
      t.db.query(`INSERT INTO outbox (municipality_id, kind, payload, created_at, done_at) VALUES ($1, 'match', '{}', $2, $3) RETURNING id`, [admin.municipalityId, createdAt, doneAt]);
    const [[old], [unfinished], [recent]] = [await insert(daysAgo(9), daysAgo(8)), await insert(daysAgo(9), null), await insert(daysAgo(9), daysAgo(6))];
    expect(await sweep(() => t.app.get(OutboxService).removeFinished())).toBe(1);
    const left = await t.db.query(`SELECT id FROM outbox WHERE id = ANY ($1::bigint[]) ORDER BY id`, [[old.id, unfinished.id, recent.id]]);
    expect(left.map((r: { id: string }) => r.id)).toEqual([unfinished.id, recent.id]);
  });

  it('blanks the text and address of finished messages after MESSAGE_RETENTION_DAYS; unsent ones keep theirs', async () => {
    const insert = (status: string, createdAt: Date) =>
      t.db.query(
        `INSERT INTO notification (municipality_id, dedupe_key, kind, channel, recipient, subject, body, html, status, created_at)
         VALUES ($1, $2, 'booking_confirmed', 'email', 'asa.lind@example.se', 'Bokad', 'Hej Åsa! Du är bokad på Vrinnevihemmet.', '<p>Hej Åsa!</p>', $3, $4) RETURNING id`,
        [admin.municipalityId, `retention-${randomBytes(4).toString('hex')}`, status, createdAt],
      );
    const [[oldSent], [oldPending], [recentSent]] = [await insert('sent', daysAgo(31)), await insert('pending', daysAgo(31)), await insert('delivered', daysAgo(29))];
    expect(await sweep(() => t.app.get(NotificationsService).blankOldMessages())).toBe(1);
    const rows = await t.db.query(`SELECT id, recipient, subject, body, html, status FROM notification WHERE id = ANY ($1::uuid[])`, [[oldSent.id, oldPending.id, recentSent.id]]);
    const byId = Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId[oldSent.id]).toMatchObject({ recipient: '', subject: null, body: '', html: null, status: 'sent' });
    expect(byId[oldPending.id].body).toContain('Åsa');
    expect(byId[recentSent.id].recipient).toBe('asa.lind@example.se');
  });

  it('removes sign-ups never verified within UNVERIFIED_SIGN_UP_RETENTION_DAYS, with what they gave; verified people stay', async () => {
    const pending = await makeSubstitute(t, admin.adminToken, { active: false, availability: [{ start: hours(1), end: hours(48) }] });
    const recentPending = await makeSubstitute(t, admin.adminToken, { active: false });
    const active = await makeSubstitute(t, admin.adminToken);
    await t.db.query(`UPDATE substitute SET created_at = $2 WHERE id = ANY ($1::uuid[])`, [[pending.id, active.id], daysAgo(91)]);

    expect(await sweep(() => t.app.get(SubstitutesService).removeUnverifiedSignUps())).toBe(1);
    const left = await t.db.query(`SELECT id FROM substitute WHERE id = ANY ($1::uuid[])`, [[pending.id, recentPending.id, active.id]]);
    expect(left.map((r: { id: string }) => r.id).sort()).toEqual([recentPending.id, active.id].sort());
    const [{ n }] = await t.db.query(
      `SELECT (SELECT count(*) FROM substitute_qualification WHERE substitute_id = $1) + (SELECT count(*) FROM availability_window WHERE substitute_id = $1) AS n`,
      [pending.id],
    );
    expect(Number(n)).toBe(0);
  });
});
