import { auth, makeManager, makeSubstitute, makeUnit, signInSubstitute } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';
import { hours } from './support/time';


/**
 * Invariant 6: no request reads or writes another municipality's rows. Every route of the OpenAPI document
 * that takes an id is called by another municipality's admin with an id of this one, and must answer 404
 * without changing anything. A new route with an id is picked up from the document: it must be given an id
 * below, or this suite fails.
 */
describe('tenancy: another municipality never sees or touches these rows', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let intruder: string;
  /** A substitute of the other municipality, for the routes only substitutes may call. */
  let intruderSubstitute: string;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await seedMunicipality(t, 'Norrköpings kommun');
    intruder = (await seedMunicipality(t, 'Linköpings kommun')).adminToken;
    const third = await seedMunicipality(t, 'Motala kommun');
    const outsider = await makeSubstitute(t, third.adminToken);
    intruderSubstitute = await signInSubstitute(t, third.municipalityId, outsider.phone);
    const unit = await makeUnit(t, owner.adminToken);
    await makeManager(t, owner.adminToken, [unit.id]);
    const substitute = await makeSubstitute(t, owner.adminToken, { availability: [{ start: hours(1), end: hours(48) }] });
    const absence = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(owner.adminToken))
      .send({ unitId: unit.id, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(24), end: hours(32) }] })
      .expect(201);
    const [booking] = await t.db.query(
      `INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, status) VALUES ($1, $2, $3, $4, 'confirmed') RETURNING id`,
      [owner.municipalityId, absence.body.vacancies[0].id, substitute.id, unit.id],
    );
    const programme = await t.http().post('/api/v1/programmes').set(auth(owner.adminToken)).send({ name: 'Jobbsatsningen', budgetSek: 1_000_000 }).expect(201);
    // 340 days from the earlier system in the last year: 25 days left to preferential_rehire, so the owner's warning list has a row.
    await t.db.query(
      `INSERT INTO las_history_day (substitute_id, municipality_id, date, form)
       SELECT $1, $2, d::date, 'vikariat' FROM generate_series(current_date - 345, current_date - 6, interval '1 day') AS d`,
      [substitute.id, owner.municipalityId],
    );
    const warned = await t.http().get('/api/v1/substitutes/las-warnings').set(auth(owner.adminToken)).expect(200);
    expect(warned.body).toEqual([expect.objectContaining({ substituteId: substitute.id, rule: 'preferential_rehire', remaining: 25 })]);
    Object.assign(ids, {
      units: unit.id,
      substitutes: substitute.id,
      absences: absence.body.id,
      vacancies: absence.body.vacancies[0].id,
      bookings: booking.id,
      programmes: programme.body.id,
    });
  });
  afterAll(async () => {
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  /** A body each route accepts, so that only the id can make it fail. */
  const bodies: Record<string, unknown> = {
    'PATCH /api/v1/substitutes/{id}': { status: 'paused' },
    'PUT /api/v1/substitutes/{id}/availability': [],
    'PUT /api/v1/substitutes/{id}/las/history': [],
    'PUT /api/v1/units/{id}/preferred': [],
    'PUT /api/v1/units/{id}/blocked': [],
    'POST /api/v1/bookings/{id}/cancel': { reason: 'Intrång' },
    // A well-formed id of nobody: the vacancy's own id is what must not be found.
    'POST /api/v1/vacancies/{id}/book': { substituteId: '00000000-0000-4000-8000-000000000000' },
  };

  it('answers 404 on every route with an id, and changes nothing', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.includes('{id}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method })));
    expect(routes.length).toBeGreaterThanOrEqual(11);

    const before = await t.db.query(`SELECT (SELECT status FROM substitute WHERE id = $1) AS substitute, (SELECT status FROM vacancy WHERE id = $2) AS vacancy,
                                            (SELECT status FROM booking WHERE id = $3) AS booking, (SELECT count(*)::int FROM availability_window) AS windows,
                                            (SELECT count(*)::int FROM las_history_day) AS "lasHistory"`,
      [ids.substitutes, ids.vacancies, ids.bookings]);
    for (const { path, method } of routes) {
      const resource = path.split('/')[3];
      expect({ path, known: resource in ids }).toEqual({ path, known: true });
      const url = path.replace('{id}', ids[resource]);
      const key = `${method.toUpperCase()} ${path}`;
      const call = (token: string) => {
        const request = t.http()[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set(auth(token));
        return key in bodies ? request.send(bodies[key] as object) : request;
      };
      // The other municipality's admin, or its substitute where only substitutes may call the route.
      let res = await call(intruder);
      if (res.status === 403) res = await call(intruderSubstitute);
      expect({ route: key, status: res.status, code: res.body.code }).toEqual({ route: key, status: 404, code: 'NOT_FOUND' });
    }
    const after = await t.db.query(`SELECT (SELECT status FROM substitute WHERE id = $1) AS substitute, (SELECT status FROM vacancy WHERE id = $2) AS vacancy,
                                           (SELECT status FROM booking WHERE id = $3) AS booking, (SELECT count(*)::int FROM availability_window) AS windows,
                                           (SELECT count(*)::int FROM las_history_day) AS "lasHistory"`,
      [ids.substitutes, ids.vacancies, ids.bookings]);
    expect(after).toEqual(before);
  });

  it('lists nothing of this municipality to the other', async () => {
    for (const path of ['/api/v1/units', '/api/v1/substitutes', '/api/v1/vacancies', '/api/v1/programmes', '/api/v1/substitutes/las-warnings']) {
      const res = await t.http().get(path).set(auth(intruder)).expect(200);
      expect({ path, body: res.body }).toEqual({ path, body: [] });
    }
  });
});
