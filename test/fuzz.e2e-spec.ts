import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { auth, makeManager, makeSubstitute, makeUnit, uniquePhone } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';

/**
 * Invariant 7: bad input never gives a 5xx, and every error has the one JSON shape. Generated bodies
 * (valid ones broken in one to three places, and plain garbage), malformed JSON text, wrong content
 * types and garbage query strings go to every write route and the two list routes.
 */

/** Per route: 130 + 45 + 30 generated bodies and the 42 raw ones; 120 query strings per list route. */
const RUNS_MUTATED = 130;
const RUNS_GARBAGE = 45;
const RUNS_TEXT = 30;
const RUNS_QUERY = 120;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Response {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  text: string;
}

/** Fails with the request that broke the rule, so that a counterexample can be replayed. */
function checkResponse(res: Response, what: string): void {
  const context = `${what} → ${res.status} ${res.text.slice(0, 500)}`;
  if (res.status >= 500) throw new Error(`5xx: ${context}`);
  if (res.status < 400) return;
  const body = res.body as Record<string, unknown>;
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) throw new Error(`error is not JSON: ${context}`);
  const problems: string[] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) problems.push('body is not an object');
  else {
    const keys = Object.keys(body).sort().join(',');
    if (keys !== 'code,details,error,message,statusCode') problems.push(`keys are ${keys}`);
    if (body.statusCode !== res.status) problems.push('statusCode differs from the HTTP status');
    if (typeof body.error !== 'string' || body.error.length === 0) problems.push('error is not a non-empty string');
    if (typeof body.code !== 'string' || !/^[A-Z_]+$/.test(body.code)) problems.push('code is not an UPPER_CASE string');
    if (typeof body.message !== 'string' || body.message.length === 0) problems.push('message is not a non-empty string');
    if (!Array.isArray(body.details)) problems.push('details is not an array');
    else {
      for (const d of body.details as unknown[]) {
        const detail = d as Record<string, unknown>;
        if (detail === null || typeof detail !== 'object' || Object.keys(detail).sort().join(',') !== 'field,problem' || typeof detail.field !== 'string' || typeof detail.problem !== 'string') {
          problems.push(`detail ${JSON.stringify(d)} is not { field, problem }`);
        }
      }
    }
    if (res.status === 400 && !['VALIDATION_FAILED', 'MALFORMED_REQUEST'].includes(String(body.code))) problems.push(`400 with code ${String(body.code)}`);
    if (res.status === 429 && !res.headers['retry-after']) problems.push('429 without Retry-After');
  }
  if (problems.length > 0) throw new Error(`${problems.join('; ')}: ${context}`);
}

// ---- generators -------------------------------------------------------------------------------

const weirdStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  '\u200B',
  '\uFEFF',
  'Ångström Örebro',
  '👩‍⚕️🧑🏽‍🍳',
  'Z̴̡̪̫͖̥̔̿̃̈̏̎͠ͅa̧̛͓̥̬',
  '<script>alert(1)</script>',
  "'; DROP TABLE substitute; --",
  '${jndi:ldap://x}',
  '%00%ff',
  '\\u0000',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '\r\n\t',
);
const numbersAsStrings = fc.constantFrom('0', '1', '-1', '1e3', '1e309', '-0', 'NaN', 'Infinity', '0x10', '1_000', '١٢٣', '12.5', ' 7 ');
const invalidDates = fc.constantFrom(
  '2027-02-30T07:00',
  '2027-13-01T07:00',
  '2027-01-01T24:00',
  '2027-01-01T23:60',
  '0000-01-01T00:00:00Z',
  '0000-00-00T00:00',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '1970-01-01T00:00:00Z',
  '2027-03-28T02:30',
  '2027-10-31T02:30',
  '2027-01-01T00:00:00+99:99',
  '2027-01-01T00:00:00+14:01',
  '2027-01-01',
  '07:00',
  '2027-W02-1T07:00',
  '2027-01-01T07:00:00.123456789Z',
  'Mon Jan 11 2027 07:00:00 GMT+0100',
  '1799999999999',
  '2027-02-30',
  '30/06/2027',
);
const hugeStrings = fc.oneof(
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 50, max: 5_000 }).map((n) => 'Å'.repeat(n)),
);
const nastyNumbers = fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, 5e-324, 123456789012345);
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 3, arbitrary: weirdStrings },
  { weight: 2, arbitrary: numbersAsStrings },
  { weight: 3, arbitrary: invalidDates },
  { weight: 1, arbitrary: hugeStrings },
);
const scalar: fc.Arbitrary<Json> = fc.oneof(
  anyString,
  nastyNumbers,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
/** Nested garbage: objects and arrays of anything, a few levels deep. */
const garbage: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), weirdStrings), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Every path into a JSON value (keys and array indices), to pick one to break. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

type Mutation =
  | { op: 'delete'; path: (string | number)[] }
  | { op: 'replace'; path: (string | number)[]; value: Json }
  | { op: 'wrap'; path: (string | number)[] }
  | { op: 'stringify'; path: (string | number)[] }
  | { op: 'add'; path: (string | number)[]; key: string; value: Json };

/** Sets an own property, as JSON.parse makes one: a key "__proto__" is a key, not the prototype. */
function setOwn(container: object, key: string | number, value: Json): void {
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

function applyMutation(root: Json, m: Mutation): Json {
  if (m.path.length === 0) return root;
  let parent: Json = root;
  for (const key of m.path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return root;
    parent = (parent as Record<string, Json>)[key as string];
  }
  if (parent === null || typeof parent !== 'object') return root;
  const container = parent as Record<string | number, Json>;
  const key = m.path[m.path.length - 1];
  if (!(key in container)) return root;
  switch (m.op) {
    case 'delete':
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
      break;
    case 'replace':
      setOwn(container, key, m.value);
      break;
    case 'wrap':
      setOwn(container, key, [container[key]]);
      break;
    case 'stringify':
      setOwn(container, key, JSON.stringify(container[key]) ?? 'undefined');
      break;
    case 'add': {
      const target = container[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) setOwn(target, m.key, m.value);
      else setOwn(container, m.key, m.value);
      break;
    }
  }
  return root;
}

/** A valid body broken in one to three places. */
function mutated(base: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(base);
  const path = fc.constantFrom(...paths);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    path.map((p) => ({ op: 'delete' as const, path: p })),
    fc.record({ op: fc.constant('replace' as const), path, value: garbage }),
    fc.record({ op: fc.constant('replace' as const), path, value: scalar }),
    path.map((p) => ({ op: 'wrap' as const, path: p })),
    path.map((p) => ({ op: 'stringify' as const, path: p })),
    fc.record({ op: fc.constant('add' as const), path, key: fc.oneof(fc.string({ maxLength: 10 }), weirdStrings), value: garbage }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((body, m) => applyMutation(body, m), structuredClone(base)));
}

/** Whole bodies of the wrong kind: arrays instead of objects (or the reverse), scalars, null, garbage. */
function wrongShape(base: Json): fc.Arbitrary<Json> {
  const shapes: Json[] = [
    null,
    [],
    {},
    [base],
    Array.isArray(base) ? (base[0] ?? {}) : (Object.values(base as object) as Json[]),
    Array.isArray(base) ? { 0: base[0] ?? null } : [base, base],
  ];
  return fc.oneof<fc.Arbitrary<Json>[]>(garbage, scalar, fc.constantFrom(...shapes), fc.array(garbage, { maxLength: 4 }));
}

/** Raw request bodies that are not the JSON the route wants, with the content type that goes with each. */
const rawBodies: { what: string; contentType: string | undefined; body: string | Buffer; encoding?: string; code?: string }[] = [
  { what: 'truncated object', contentType: 'application/json', body: '{"name": "x", ', code: 'MALFORMED_REQUEST' },
  { what: 'truncated array', contentType: 'application/json', body: '[{"start": "2027-01-11T07:00"', code: 'MALFORMED_REQUEST' },
  { what: 'trailing garbage', contentType: 'application/json', body: '{"a": 1}}', code: 'MALFORMED_REQUEST' },
  { what: 'single quotes', contentType: 'application/json', body: "{'email': 'x'}", code: 'MALFORMED_REQUEST' },
  { what: 'bare word', contentType: 'application/json', body: 'nul', code: 'MALFORMED_REQUEST' },
  { what: 'null', contentType: 'application/json', body: 'null', code: 'MALFORMED_REQUEST' },
  { what: 'true', contentType: 'application/json', body: 'true', code: 'MALFORMED_REQUEST' },
  { what: 'number', contentType: 'application/json', body: '123', code: 'MALFORMED_REQUEST' },
  { what: 'string', contentType: 'application/json', body: '"hello"', code: 'MALFORMED_REQUEST' },
  { what: 'empty', contentType: 'application/json', body: '' },
  { what: 'whitespace', contentType: 'application/json', body: ' \n\t ' },
  { what: 'NaN literal', contentType: 'application/json', body: '{"budgetSek": NaN}', code: 'MALFORMED_REQUEST' },
  { what: 'duplicate keys', contentType: 'application/json', body: '{"email": "a@example.se", "email": ["b"]}' },
  { what: 'proto pollution', contentType: 'application/json', body: '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}' },
  { what: 'BOM', contentType: 'application/json', body: '\uFEFF{"email": "x@example.se"}' },
  { what: 'NUL escape', contentType: 'application/json', body: '{"name": "a\\u0000b", "email": "a\\u0000@example.se"}' },
  { what: 'lone surrogates', contentType: 'application/json', body: '{"name": "\\ud800\\udc00\\ud800", "firstName": "\\udfff"}' },
  { what: 'invalid UTF-8', contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) },
  { what: 'deep arrays', contentType: 'application/json', body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  { what: 'deep objects', contentType: 'application/json', body: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` },
  { what: 'deep unclosed', contentType: 'application/json', body: '['.repeat(100_000), code: 'MALFORMED_REQUEST' },
  { what: 'many keys', contentType: 'application/json', body: JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))) },
  { what: 'long array', contentType: 'application/json', body: JSON.stringify(Array.from({ length: 20_000 }, () => ({}))) },
  { what: 'too large', contentType: 'application/json', body: JSON.stringify({ name: 'x'.repeat(300_000) }) },
  { what: 'utf-16 charset', contentType: 'application/json; charset=utf-16', body: '{"a": 1}' },
  { what: 'latin1 charset', contentType: 'application/json; charset=latin1', body: '{"a": 1}' },
  { what: 'bogus charset', contentType: 'application/json; charset=klingon', body: '{"a": 1}' },
  { what: 'text/plain JSON', contentType: 'text/plain', body: '{"email": "x@example.se", "password": "correct horse"}' },
  { what: 'xml', contentType: 'application/xml', body: '<substitute><firstName>Anna</firstName></substitute>' },
  { what: 'html', contentType: 'text/html', body: '<html></html>' },
  { what: 'multipart', contentType: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n--xyz--\r\n' },
  { what: 'multipart without boundary', contentType: 'multipart/form-data', body: 'garbage' },
  { what: 'form', contentType: 'application/x-www-form-urlencoded', body: 'name=A&serviceArea=kost&district=B&consent=true&shifts[0][start]=x' },
  { what: 'form garbage', contentType: 'application/x-www-form-urlencoded', body: '%%%&&==&a=%E0%A4%A&b' },
  { what: 'form huge', contentType: 'application/x-www-form-urlencoded', body: `a=${'x'.repeat(100_000)}` },
  { what: 'octet-stream', contentType: 'application/octet-stream', body: Buffer.from([0, 1, 2, 3, 255]) },
  { what: 'no content type', contentType: undefined, body: '{"a": 1}' },
  { what: 'json suffix type', contentType: 'application/vnd.api+json', body: '{"a": 1}' },
  { what: 'gzip lie', contentType: 'application/json', body: '{"a": 1}', encoding: 'gzip' },
  { what: 'deflate lie', contentType: 'application/json', body: 'not deflated', encoding: 'deflate' },
  { what: 'unknown encoding', contentType: 'application/json', body: '{"a": 1}', encoding: 'x-klingon' },
];

/** encodeURIComponent throws on half a surrogate pair; such input is sent as U+FFFD. */
const encode = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

/** Raw query strings: encoded garbage, bracket syntax, broken escapes, repeated keys. */
const queryString: fc.Arbitrary<string> = (() => {
  const key = fc.oneof(
    fc.constantFrom('status', 'limit', 'offset', 'unitId', 'sort', '__proto__', 'status[]', 'status[a]', 'limit[0]', '', 'constructor[prototype]'),
    fc.string({ maxLength: 10 }),
  );
  const value = fc.oneof(
    fc.constantFrom('pending', 'active', 'open', 'filled', '', '-1', '0', '1e30', '100000000000000000000', '1.5', 'NaN', '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ'),
    anyString.filter((s) => s.length < 2_000),
  );
  const encoded = fc.tuple(key, value).map(([k, v]) => `${encode(k)}=${encode(v)}`);
  const rawPair = fc.tuple(key, value).map(([k, v]) => `${k.replace(/[^\x21-\x7e]/g, '')}=${v.replace(/[^\x21-\x7e]/g, '')}`.replace(/#/g, '%23'));
  const broken = fc.constantFrom('%', '%%', '%zz', 'status=%E0%A4%A', 'status=%00', 'a=%FF%FE', '&&&', '=', '==', 'status', 'limit=1&limit=2', 'status[a][b][c][d][e][f]=x', `limit=${'9'.repeat(400)}`);
  return fc.array(fc.oneof(encoded, rawPair, broken), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('&'));
})();

// ---- the suite --------------------------------------------------------------------------------

describe('fuzz: bad input never gives a 5xx, and every error has the one shape', () => {
  let t: TestApp;
  let adminToken: string;
  let managerToken: string;
  let municipalityId: string;
  let unitId: string;
  let substituteId: string;
  let ip = 0;
  /** A client address per request, so that the sign-in rate limit (10 a minute) does not answer for the validation. */
  const nextIp = () => {
    ip++;
    return `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
  };

  interface Route {
    name: string;
    method: 'post' | 'patch' | 'put';
    path: () => string;
    token: () => string | undefined;
    base: () => Json;
  }

  const future = (days: number, time: string) => {
    const d = new Date(Date.now() + days * 86_400_000);
    return `${d.toISOString().slice(0, 10)}T${time}`;
  };

  const routes: Route[] = [
    { name: 'POST /auth/login', method: 'post', path: () => '/api/v1/auth/login', token: () => undefined, base: () => ({ email: 'someone@example.se', password: 'correct horse battery' }) },
    {
      name: 'POST /units',
      method: 'post',
      path: () => '/api/v1/units',
      token: () => adminToken,
      base: () => ({ name: 'Hagaskolan', serviceArea: 'utbildning', district: 'Haga', address: 'Hagagatan 1' }),
    },
    {
      name: 'POST /users',
      method: 'post',
      path: () => '/api/v1/users',
      token: () => adminToken,
      base: () => ({ email: `chef-${randomBytes(4).toString('hex')}@example.se`, password: 'long enough password', role: 'manager', unitIds: [unitId] }),
    },
    {
      name: 'POST /substitutes (public)',
      method: 'post',
      path: () => '/api/v1/substitutes',
      token: () => undefined,
      base: () => ({
        municipalityId,
        firstName: 'Anna',
        lastName: 'Berg',
        email: `fuzz-${randomBytes(4).toString('hex')}@example.se`,
        phone: uniquePhone(),
        qualifications: ['underskoterska', 'kock'],
        districts: ['Centrum'],
        consent: true,
      }),
    },
    {
      name: 'POST /substitutes (admin)',
      method: 'post',
      path: () => '/api/v1/substitutes',
      token: () => adminToken,
      base: () => ({
        firstName: 'Anna',
        lastName: 'Berg',
        email: `fuzz-${randomBytes(4).toString('hex')}@example.se`,
        phone: uniquePhone(),
        qualifications: ['underskoterska'],
        districts: [],
        consent: true,
      }),
    },
    {
      name: 'PATCH /substitutes/:id',
      method: 'patch',
      path: () => `/api/v1/substitutes/${substituteId}`,
      token: () => adminToken,
      base: () => ({ status: 'active', verifiedQualifications: ['underskoterska'], qualificationValidUntil: { underskoterska: '2027-06-30' } }),
    },
    {
      name: 'PUT /substitutes/:id/availability',
      method: 'put',
      path: () => `/api/v1/substitutes/${substituteId}/availability`,
      token: () => adminToken,
      base: () => [
        { start: future(3, '07:00'), end: future(3, '16:00') },
        { start: `${future(4, '06:00')}:00Z`, end: `${future(4, '15:00')}:00+01:00` },
      ],
    },
    {
      name: 'POST /absences',
      method: 'post',
      path: () => '/api/v1/absences',
      token: () => managerToken,
      base: () => ({
        unitId,
        reason: 'study_leave',
        qualification: 'underskoterska',
        shifts: [
          { start: future(5, '07:00'), end: future(5, '16:00') },
          { start: future(6, '22:00'), end: future(7, '07:00') },
        ],
        splitShifts: false,
        note: 'Kurs',
      }),
    },
    {
      name: 'POST /absences (schedule)',
      method: 'post',
      path: () => '/api/v1/absences',
      token: () => adminToken,
      base: () => ({
        unitId,
        reason: 'sick',
        qualification: 'kock',
        schedule: { from: future(5, '').slice(0, 10), to: future(12, '').slice(0, 10), weekdays: [1, 2, 3, 4, 5], startTime: '07:00', endTime: '16:00' },
      }),
    },
    {
      name: 'POST /programmes',
      method: 'post',
      path: () => '/api/v1/programmes',
      token: () => adminToken,
      base: () => ({ name: 'Jobbsatsningen', budgetSek: 52_000_000, allocations: [{ serviceArea: 'kost', amountSek: 13_000_000 }, { serviceArea: 'utbildning', amountSek: 13_000_000 }] }),
    },
  ];

  const sendJson = (route: Route, body: Json) => {
    let req = t.http()[route.method](route.path()).set('X-Forwarded-For', nextIp()).set('Content-Type', 'application/json');
    const token = route.token();
    if (token) req = req.set(auth(token));
    return req.send(JSON.stringify(body));
  };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await seedMunicipality(t, 'Norrköpings kommun');
    adminToken = admin.adminToken;
    municipalityId = admin.municipalityId;
    unitId = (await makeUnit(t, adminToken)).id;
    managerToken = (await makeManager(t, adminToken, [unitId])).token;
    substituteId = (await makeSubstitute(t, adminToken, { qualifications: ['underskoterska', 'kock'] })).id;
  });
  afterAll(async () => {
    await t.close();
    await dropDatabase(t.databaseUrl);
  });

  it('the unbroken bodies are accepted, so that the fuzzing starts from valid input', async () => {
    for (const route of routes) {
      const res = await sendJson(route, route.base());
      const expected = route.name === 'POST /auth/login' ? 401 : route.name === 'POST /substitutes (public)' ? 202 : route.method === 'post' ? 201 : 200;
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: expected });
    }
  });

  describe.each(routes.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    it('survives valid bodies broken in one to three places', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constant(null).chain(() => mutated(route.base())), async (body) => {
          const res = await sendJson(route, body);
          checkResponse(res, `${route.name} ${JSON.stringify(body).slice(0, 300)}`);
        }),
        { numRuns: RUNS_MUTATED },
      );
    });

    it('survives bodies of the wrong shape and nested garbage', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constant(null).chain(() => wrongShape(route.base())), async (body) => {
          const res = await sendJson(route, body);
          checkResponse(res, `${route.name} ${JSON.stringify(body).slice(0, 300)}`);
          // An empty patch and an empty list of windows are valid; nothing else of these shapes is.
          const harmless =
            (route.method === 'patch' && body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) ||
            (route.method === 'put' && Array.isArray(body) && body.length === 0);
          if (res.status < 400 && !harmless) throw new Error(`accepted a body of the wrong shape: ${JSON.stringify(body).slice(0, 300)}`);
        }),
        { numRuns: RUNS_GARBAGE },
      );
    });

    it('survives malformed JSON text, wrong content types and encodings', async () => {
      for (const raw of rawBodies) {
        let req = t.http()[route.method](route.path()).set('X-Forwarded-For', nextIp());
        const token = route.token();
        if (token) req = req.set(auth(token));
        if (raw.contentType !== undefined) req = req.set('Content-Type', raw.contentType);
        if (raw.encoding) req = req.set('Content-Encoding', raw.encoding);
        const res = await req.send(raw.body);
        checkResponse(res, `${route.name} raw ${raw.what}`);
        // No body at all is an empty patch: valid, and it changes nothing.
        const emptyPatch = route.method === 'patch' && raw.what === 'empty';
        if (!emptyPatch) expect({ what: raw.what, accepted: res.status < 400 }).toEqual({ what: raw.what, accepted: false });
        if (raw.what === 'too large') expect(res.status).toBe(413);
        if (raw.code) expect({ what: raw.what, code: (res.body as { code: string }).code }).toEqual({ what: raw.what, code: raw.code });
        if (res.status >= 400) expect((res.body as { details: unknown[] }).details.length).toBeLessThanOrEqual(100);
      }
    });

    it('survives random JSON text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json({ maxDepth: 3 })), async (text) => {
          let req = t.http()[route.method](route.path()).set('X-Forwarded-For', nextIp()).set('Content-Type', 'application/json');
          const token = route.token();
          if (token) req = req.set(auth(token));
          const res = await req.send(text);
          checkResponse(res, `${route.name} text ${JSON.stringify(text).slice(0, 300)}`);
        }),
        { numRuns: RUNS_TEXT },
      );
    });
  });

  it('survives malformed ids in the path', async () => {
    const ids = ['x', '%', '%zz', '%E0%A4%A', '%00', '..%2F..%2Fetc%2Fpasswd', encodeURIComponent('\u0000'), '1'.repeat(5000), encodeURIComponent('😀'), 'null', `${substituteId}%00`, `${substituteId.toUpperCase()}`];
    for (const id of ids) {
      for (const [method, path, body] of [
        ['get', `/api/v1/substitutes/${id}`, undefined],
        ['patch', `/api/v1/substitutes/${id}`, { status: 'active' }],
        ['put', `/api/v1/substitutes/${id}/availability`, []],
        ['get', `/api/v1/absences/${id}`, undefined],
      ] as const) {
        const req = t.http()[method](path).set(auth(adminToken));
        const res = await (body === undefined ? req : req.send(body as object));
        checkResponse(res, `${method.toUpperCase()} ${path.slice(0, 100)}`);
      }
    }
  });

  describe.each([
    ['GET /substitutes (admin)', '/api/v1/substitutes', () => adminToken],
    ['GET /vacancies (admin)', '/api/v1/vacancies', () => adminToken],
    ['GET /vacancies (manager)', '/api/v1/vacancies', () => managerToken],
  ] as const)('%s', (_name, path, token) => {
    it('survives garbage query strings', async () => {
      await fc.assert(
        fc.asyncProperty(queryString, async (query) => {
          const res = await t.http().get(`${path}?${query}`).set(auth(token()));
          checkResponse(res, `GET ${path}?${query.slice(0, 300)}`);
          if (res.status === 200 && !Array.isArray(res.body)) throw new Error(`200 without a list for ?${query}`);
        }),
        { numRuns: RUNS_QUERY },
      );
    });
  });
});
