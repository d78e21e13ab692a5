import { contractProblems } from './support/openapi-contract';
import { auth, makeUnit } from './support/factories';
import { dropDatabase, seedMunicipality, startTestApp, TestApp } from './support/test-app';

type Operation = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; type?: string } }> }> };

/**
 * The OpenAPI document describes every answer: each operation's success body has a schema with its fields,
 * and each error status it can give has the one error shape. Every suite's answers are held to it when its
 * app closes (see test/support/test-app.ts); this suite checks the document itself and that the check bites.
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
    if (t) await dropDatabase(t.databaseUrl);
  });

  it('gives every operation a success body with a schema, and its errors the error shape', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
    expect(operations.length).toBeGreaterThanOrEqual(27);
    for (const { key, op } of operations) {
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => s.startsWith('2'));
      expect({ key, success: success.length > 0 }).toEqual({ key, success: true });
      for (const status of success) {
        // JSON, or for a file download (the payroll CSV) the schema of its own media type.
        const content = op.responses[status].content ?? {};
        const schema = content['application/json']?.schema ?? content['text/csv']?.schema;
        expect({ key, status, schema: Boolean(schema?.$ref ?? schema?.type) }).toEqual({ key, status, schema: true });
      }
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect({ key, status, schema: op.responses[status].content?.['application/json']?.schema }).toEqual({ key, status, schema: { $ref: '#/components/schemas/ErrorBodyDto' } });
      }
      expect({ key, has500: statuses.includes('500'), has429: statuses.includes('429') }).toEqual({ key, has500: true, has429: true });
    }
  });

  it('documents the payroll file as CSV, and only as CSV', () => {
    const ok = document.paths['/api/v1/reports/payroll'].get.responses['200'];
    expect(ok.content).toEqual({ 'text/csv': { schema: { type: 'string' } } });
  });

  it('documents the statuses of the routes with rules of their own', () => {
    const accept = document.paths['/api/v1/offers/{token}/accept'].post.responses;
    expect(Object.keys(accept)).toEqual(expect.arrayContaining(['200', '404', '409', '410']));
    const create = document.paths['/api/v1/absences'].post.responses;
    expect(Object.keys(create)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '413', '415']));
  });

  it('finds answers that drift from the document', async () => {
    const admin = await seedMunicipality(t);
    const unit = await makeUnit(t, admin.adminToken);
    const listed = await t.http().get('/api/v1/units').set(auth(admin.adminToken)).expect(200);
    const answer = t.answers.find((a) => a.path === '/api/v1/units' && a.method === 'get')!;
    expect(answer.body).toEqual(listed.body);
    expect(contractProblems(document as never, [answer])).toEqual([]);

    const drifted = [
      { ...answer, body: [{ ...listed.body[0], secret: 'x' }] },
      { ...answer, body: [{ ...listed.body[0], district: 7 }] },
      { ...answer, status: 418 },
      { ...answer, method: 'delete' },
      { method: 'get', path: '/no/such/route', status: 404, body: { whatever: true } },
    ];
    const problems = contractProblems(document as never, drifted);
    expect(problems).toEqual([
      expect.stringContaining('must NOT have additional properties'),
      expect.stringContaining('must be string'),
      expect.stringContaining('status not documented'),
      expect.stringContaining('no DELETE'),
      expect.stringContaining('not the error shape'),
    ]);
    expect(unit.id).toBeDefined();
  });
});
