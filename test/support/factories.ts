import { randomBytes } from 'node:crypto';
import { signInCode } from '../../src/notifications/credentials';
import type { TestApp } from './test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
let phoneCounter = 0;

/** A unique Swedish mobile number in a range no real subscriber has. */
export function uniquePhone(): string {
  phoneCounter++;
  const n = (process.pid * 1000 + phoneCounter) % 10_000_000;
  return `+4670${String(n).padStart(7, '0')}`;
}

export async function makeUnit(t: TestApp, adminToken: string, overrides: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/v1/units')
    .set(auth(adminToken))
    .send({ name: `Enhet ${randomBytes(2).toString('hex')}`, serviceArea: 'vard_omsorg', district: 'Centrum', address: 'Storgatan 1, Norrköping', ...overrides })
    .expect(201);
  return res.body as { id: string; name: string; district: string; serviceArea: string };
}

export async function makeManager(t: TestApp, adminToken: string, unitIds: string[]) {
  const email = `chef-${randomBytes(4).toString('hex')}@example.se`;
  const password = 'manager password 1';
  const res = await t.http().post('/api/v1/users').set(auth(adminToken)).send({ email, password, role: 'manager', unitIds }).expect(201);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  return { id: res.body.id as string, email, token: login.body.accessToken as string };
}

export interface SubstituteOptions {
  qualifications?: string[];
  districts?: string[];
  /** Activate and verify (default true). */
  active?: boolean;
  availability?: { start: string; end: string }[];
  firstName?: string;
}

export async function makeSubstitute(t: TestApp, adminToken: string, options: SubstituteOptions = {}) {
  const qualifications = options.qualifications ?? ['underskoterska'];
  const suffix = randomBytes(4).toString('hex');
  const created = await t
    .http()
    .post('/api/v1/substitutes')
    .set(auth(adminToken))
    .send({
      firstName: options.firstName ?? 'Anna',
      lastName: `Andersson-${suffix}`,
      email: `vikarie-${suffix}@example.se`,
      phone: uniquePhone(),
      qualifications,
      districts: options.districts ?? [],
      consent: true,
    })
    .expect(201);
  const id = created.body.id as string;
  if (options.active !== false) {
    await t.http().patch(`/api/v1/substitutes/${id}`).set(auth(adminToken)).send({ status: 'active', verifiedQualifications: qualifications }).expect(200);
  }
  if (options.availability) {
    await t.http().put(`/api/v1/substitutes/${id}/availability`).set(auth(adminToken)).send(options.availability).expect(200);
  }
  return { id, email: created.body.email as string, phone: created.body.phone as string };
}

export { auth };

/**
 * Signs a substitute in as they would: asks for a code for their phone, reads the code as the SMS would
 * carry it (rebuilt from the code's row, as delivery does), and answers it.
 */
export async function signInSubstitute(t: TestApp, municipalityId: string, phone: string): Promise<string> {
  await t.http().post('/api/v1/auth/code').send({ municipalityId, phone }).expect(202);
  const [row] = await t.db.query(`SELECT c.id FROM one_time_code c JOIN substitute s ON s.id = c.substitute_id WHERE s.phone = $1 ORDER BY c.created_at DESC LIMIT 1`, [phone]);
  const code = signInCode(t.config.offerTokenSecret, row.id);
  const res = await t.http().post('/api/v1/auth/code/verify').send({ municipalityId, phone, code }).expect(200);
  return res.body.accessToken as string;
}
