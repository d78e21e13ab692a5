import { Client } from 'pg';
import { ADMIN_DB_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const run = process.env.VB_TEST_RUN;
  if (!run) return;
  const admin = new Client({ connectionString: ADMIN_DB_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`vb_test_${run}_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
