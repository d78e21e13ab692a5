import { randomBytes } from 'node:crypto';
import { auth, makeManager, makeSubstitute, makeUnit, signInSubstitute, uniquePhone } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';
import { hours } from './support/time';

/**
 * The access policy, route by route: every operation of the OpenAPI document is called by every kind of
 * caller, and the status each gets is compared with the table below. A route the table does not name fails
 * the suite, so a new route cannot ship without someone deciding who may call it.
 *
 * The callers, all about one unit ("the unit") and one substitute ("the substitute") of municipality A:
 */
const CALLERS = ['none', 'substitute', 'other substitute', 'manager of another unit', 'manager of the unit', 'admin of another municipality', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Row = [number, number, number, number, number, number, number];

const everyone = (status: number): Row => [status, status, status, status, status, status, status];

// prettier-ignore
const EXPECTED: Record<string, Row> = {
  //                                                 none  sub  sub2  mOth  mgr  aOth  adm
  'GET /health':                                    everyone(200),
  'GET /api/v1/municipalities':                     everyone(200),
  'GET /api/v1/qualifications':                     everyone(200),
  'POST /api/v1/auth/login':                        everyone(401),
  'POST /api/v1/auth/code':                         everyone(202),
  'POST /api/v1/auth/code/verify':                  everyone(401),
  'POST /api/v1/offers/{token}/accept':             everyone(404),
  'POST /api/v1/offers/{token}/decline':            everyone(404),
  'POST /api/v1/webhooks/46elks/delivery':          everyone(401),
  'GET /api/v1/me':                                 [401, 200, 200, 200, 200, 200, 200],
  'PATCH /api/v1/me':                               [401, 200, 200, 403, 403, 403, 403],
  'POST /api/v1/units':                             [401, 403, 403, 403, 403, 201, 201],
  'GET /api/v1/units':                              [401, 403, 403, 200, 200, 200, 200],
  'POST /api/v1/users':                             [401, 403, 403, 403, 403, 404, 201],
  'POST /api/v1/programmes':                        [401, 403, 403, 403, 403, 201, 201],
  'GET /api/v1/programmes':                         [401, 403, 403, 200, 200, 200, 200],
  'GET /api/v1/programmes/{id}/report':             [401, 403, 403, 403, 403, 404, 200],
  // A manager's fill rates are of their own units; another municipality's admin sees their own.
  'GET /api/v1/reports/fill-rate':                  [401, 403, 403, 200, 200, 200, 200],
  'GET /api/v1/reports/payroll':                    [401, 403, 403, 403, 403, 200, 200],
  'GET /api/v1/audit':                              [401, 403, 403, 403, 403, 200, 200],
  'GET /api/v1/matching-settings':                  [401, 403, 403, 403, 403, 200, 200],
  'PUT /api/v1/matching-settings':                  [401, 403, 403, 403, 403, 200, 200],
  'GET /api/v1/units/{id}/preferences':             [401, 403, 403, 404, 200, 404, 200],
  'PUT /api/v1/units/{id}/preferred':               [401, 403, 403, 404, 200, 404, 200],
  'PUT /api/v1/units/{id}/blocked':                 [401, 403, 403, 404, 200, 404, 200],
  // An admin registers into their own municipality: a body naming another one is not found.
  'POST /api/v1/substitutes':                       [202, 403, 403, 403, 403, 404, 201],
  'GET /api/v1/substitutes':                        [401, 403, 403, 403, 403, 200, 200],
  'GET /api/v1/substitutes/{id}':                   [401, 200, 404, 403, 403, 404, 200],
  'PATCH /api/v1/substitutes/{id}':                 [401, 403, 403, 403, 403, 404, 200],
  'PUT /api/v1/substitutes/{id}/availability':      [401, 200, 404, 403, 403, 404, 200],
  'GET /api/v1/substitutes/{id}/export':            [401, 200, 404, 403, 403, 404, 200],
  'DELETE /api/v1/substitutes/{id}':                [401, 200, 404, 403, 403, 404, 200],
  'GET /api/v1/substitutes/{id}/las':               [401, 200, 404, 403, 403, 404, 200],
  'PUT /api/v1/substitutes/{id}/las/history':       [401, 403, 403, 403, 403, 404, 200],
  // Another municipality's admin gets their own list.
  'GET /api/v1/substitutes/las-warnings':           [401, 403, 403, 403, 403, 200, 200],
  'POST /api/v1/absences':                          [401, 403, 403, 404, 201, 404, 201],
  'GET /api/v1/absences/{id}':                      [401, 403, 403, 404, 200, 404, 200],
  'DELETE /api/v1/absences/{id}':                   [401, 403, 403, 404, 200, 404, 200],
  'GET /api/v1/vacancies':                          [401, 403, 403, 200, 200, 200, 200],
  'GET /api/v1/vacancies/open':                     [401, 200, 200, 403, 403, 403, 403],
  'GET /api/v1/vacancies/{id}':                     [401, 403, 403, 404, 200, 404, 200],
  'DELETE /api/v1/vacancies/{id}':                  [401, 403, 403, 404, 200, 404, 200],
  'POST /api/v1/vacancies/{id}/take':               [401, 200, 200, 403, 403, 403, 403],
  'POST /api/v1/vacancies/{id}/book':               [401, 403, 403, 404, 200, 404, 200],
  'POST /api/v1/bookings/{id}/cancel':              [401, 200, 404, 404, 200, 404, 200],
};

/** What a call is made with: the path's parameters and the token that stands for "the substitute". */
interface Target {
  params: Record<string, string>;
  /** The query a route needs to be answered at all. */
  query?: Record<string, string>;
  substituteToken?: string;
}

describe('authorization: who may call each route', () => {
  let t: TestApp;
  let tokens: Record<Exclude<Caller, 'none'>, string>;
  let municipalityId: string;
  let adminToken: string;
  let unitId: string;
  let substituteId: string;
  let settings: unknown;
  /** Each fresh absence starts a day after the one before, so the substitute's bookings never meet. */
  let day = 2;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await seedMunicipality(t, 'Norrköpings kommun');
    const other = await seedMunicipality(t, 'Linköpings kommun');
    municipalityId = owner.municipalityId;
    adminToken = owner.adminToken;
    unitId = (await makeUnit(t, adminToken)).id;
    const otherUnit = await makeUnit(t, adminToken);
    const availability = [{ start: hours(1), end: hours(24 * 60) }];
    const substitute = await makeSubstitute(t, adminToken, { availability });
    const otherSubstitute = await makeSubstitute(t, adminToken, { availability });
    substituteId = substitute.id;
    tokens = {
      substitute: await signInSubstitute(t, municipalityId, substitute.phone),
      'other substitute': await signInSubstitute(t, municipalityId, otherSubstitute.phone),
      'manager of another unit': (await makeManager(t, adminToken, [otherUnit.id])).token,
      'manager of the unit': (await makeManager(t, adminToken, [unitId])).token,
      'admin of another municipality': other.adminToken,
      admin: adminToken,
    };
    settings = (await t.http().get('/api/v1/matching-settings').set(auth(adminToken)).expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  /** A fresh absence of the unit, one day shift long; routes that change it get their own. */
  async function freshAbsence() {
    day++;
    const res = await t
      .http()
      .post('/api/v1/absences')
      .set(auth(adminToken))
      .send({ unitId, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(24 * day), end: hours(24 * day + 8) }] })
      .expect(201);
    return { absenceId: res.body.id as string, vacancyId: res.body.vacancies[0].id as string };
  }

  async function freshBooking(): Promise<string> {
    const { vacancyId } = await freshAbsence();
    const [booking] = await t.db.query(`INSERT INTO booking (municipality_id, vacancy_id, substitute_id, unit_id, status) VALUES ($1, $2, $3, $4, 'confirmed') RETURNING id`, [
      municipalityId,
      vacancyId,
      substituteId,
      unitId,
    ]);
    await t.db.query(`UPDATE vacancy SET status = 'filled', filled_at = now() WHERE id = $1`, [vacancyId]);
    return booking.id as string;
  }

  /** The record each route is called on; records that a successful call would use up are made anew for each call. */
  const targets: Record<string, () => Promise<Target>> = {
    'POST /api/v1/offers/{token}/accept': async () => ({ params: { token: randomBytes(32).toString('base64url') } }),
    'POST /api/v1/offers/{token}/decline': async () => ({ params: { token: randomBytes(32).toString('base64url') } }),
    'GET /api/v1/units/{id}/preferences': async () => ({ params: { id: unitId } }),
    'PUT /api/v1/units/{id}/preferred': async () => ({ params: { id: unitId } }),
    'PUT /api/v1/units/{id}/blocked': async () => ({ params: { id: unitId } }),
    'GET /api/v1/substitutes/{id}': async () => ({ params: { id: substituteId } }),
    'PATCH /api/v1/substitutes/{id}': async () => ({ params: { id: substituteId } }),
    'PUT /api/v1/substitutes/{id}/availability': async () => ({ params: { id: substituteId } }),
    'GET /api/v1/substitutes/{id}/export': async () => ({ params: { id: substituteId } }),
    'GET /api/v1/substitutes/{id}/las': async () => ({ params: { id: substituteId } }),
    'PUT /api/v1/substitutes/{id}/las/history': async () => ({ params: { id: substituteId } }),
    'DELETE /api/v1/substitutes/{id}': async () => {
      const doomed = await makeSubstitute(t, adminToken);
      return { params: { id: doomed.id }, substituteToken: await signInSubstitute(t, municipalityId, doomed.phone) };
    },
    'GET /api/v1/programmes/{id}/report': async () => {
      const programme = await t.http().post('/api/v1/programmes').set(auth(adminToken)).send({ name: 'Jobbsatsningen', budgetSek: 52_000_000 }).expect(201);
      return { params: { id: programme.body.id as string } };
    },
    'GET /api/v1/reports/fill-rate': async () => ({ params: {}, query: { from: '2026-01-01', to: '2026-12-31', groupBy: 'unit' } }),
    'GET /api/v1/reports/payroll': async () => ({ params: {}, query: { month: '2026-03' } }),
    'GET /api/v1/absences/{id}': async () => ({ params: { id: (await freshAbsence()).absenceId } }),
    'DELETE /api/v1/absences/{id}': async () => ({ params: { id: (await freshAbsence()).absenceId } }),
    'GET /api/v1/vacancies/{id}': async () => ({ params: { id: (await freshAbsence()).vacancyId } }),
    'DELETE /api/v1/vacancies/{id}': async () => ({ params: { id: (await freshAbsence()).vacancyId } }),
    'POST /api/v1/vacancies/{id}/take': async () => ({ params: { id: (await freshAbsence()).vacancyId } }),
    'POST /api/v1/vacancies/{id}/book': async () => ({ params: { id: (await freshAbsence()).vacancyId } }),
    'POST /api/v1/bookings/{id}/cancel': async () => ({ params: { id: await freshBooking() } }),
  };

  /** A body each route accepts, so that only who calls can make it fail. */
  const bodies: Record<string, () => unknown> = {
    // An account of its own for each caller: from the fifth wrong password an account is locked (429), whoever tries.
    'POST /api/v1/auth/login': () => ({ email: `ingen-${randomBytes(4).toString('hex')}@example.se`, password: 'not a password' }),
    'POST /api/v1/auth/code': () => ({ municipalityId, phone: '+46709999999' }),
    'POST /api/v1/auth/code/verify': () => ({ municipalityId, phone: '+46709999999', code: '000000' }),
    'POST /api/v1/webhooks/46elks/delivery': () => ({ id: 'x', status: 'delivered' }),
    'PATCH /api/v1/me': () => ({ districts: ['Centrum'] }),
    'POST /api/v1/units': () => ({ name: `Enhet ${randomBytes(2).toString('hex')}`, serviceArea: 'utbildning', district: 'Centrum' }),
    'POST /api/v1/users': () => ({ email: `chef-${randomBytes(4).toString('hex')}@example.se`, password: 'manager password 1', role: 'manager', unitIds: [unitId] }),
    'POST /api/v1/programmes': () => ({ name: 'Jobbsatsningen', budgetSek: 52_000_000 }),
    'PUT /api/v1/matching-settings': () => settings,
    'PUT /api/v1/units/{id}/preferred': () => [],
    'PUT /api/v1/units/{id}/blocked': () => [],
    'POST /api/v1/substitutes': () => {
      const suffix = randomBytes(4).toString('hex');
      return { municipalityId, firstName: 'Bo', lastName: `Ek-${suffix}`, email: `bo-${suffix}@example.se`, phone: uniquePhone(), qualifications: ['barnskotare'], districts: [], consent: true };
    },
    'PATCH /api/v1/substitutes/{id}': () => ({ status: 'active' }),
    'PUT /api/v1/substitutes/{id}/availability': () => [{ start: hours(1), end: hours(24 * 60) }],
    'PUT /api/v1/substitutes/{id}/las/history': () => [{ date: '2024-03-14', form: 'vikariat' }],
    'POST /api/v1/absences': () => ({ unitId, reason: 'sick', qualification: 'underskoterska', shifts: [{ start: hours(24 * 61), end: hours(24 * 61 + 8) }] }),
    'POST /api/v1/bookings/{id}/cancel': () => ({ reason: 'Behörighetsprov' }),
    'POST /api/v1/vacancies/{id}/book': () => ({ substituteId }),
  };

  it('answers every route, for every caller, as the table says; and the table names every route', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.filter((op) => !(op in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((op) => !operations.includes(op))).toEqual([]);

    const wrong: string[] = [];
    for (const operation of operations) {
      const [method, path] = operation.split(' ');
      for (const [i, caller] of CALLERS.entries()) {
        const target = (await targets[operation]?.()) ?? { params: {} };
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => target.params[name]);
        const token = caller === 'none' ? undefined : caller === 'substitute' ? (target.substituteToken ?? tokens.substitute) : tokens[caller];
        let request = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
        if (target.query) request = request.query(target.query);
        if (token) request = request.set(auth(token));
        const body = bodies[operation]?.();
        const res = await (body === undefined ? request : request.send(body as object));
        if (res.status !== EXPECTED[operation][i]) wrong.push(`${operation} by ${caller}: ${res.status} ${res.body?.code ?? ''}, expected ${EXPECTED[operation][i]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
