import { Client } from 'pg';
import { ADMIN_DB_URL, databaseUrl, templateName } from './test-env';

/** Migrates one template database per run; every suite then gets its own copy (CREATE DATABASE ... TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  // Migrations are loaded by path at run time, outside Jest's module system.
  require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
  const { migrate } = require('../../src/database/prepare-database') as typeof import('../../src/database/prepare-database');

  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  process.env.VB_TEST_RUN = run;
  const admin = new Client({ connectionString: ADMIN_DB_URL });
  await admin.connect();
  try {
    await dropStaleDatabases(admin);
    await admin.query(`CREATE DATABASE "${templateName(run)}"`);
  } finally {
    await admin.end();
  }
  await migrate(databaseUrl(templateName(run)));
}

/** Databases left by runs that were killed more than an hour ago. */
async function dropStaleDatabases(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'vb\\_test\\_%'`);
  const hourAgo = Date.now() - 3_600_000;
  for (const { datname } of rows) {
    if (decodeRunTime(datname) < hourAgo) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

function decodeRunTime(datname: string): number {
  const run = datname.split('_')[2] ?? '';
  // The run id is base-36 milliseconds (8 characters for the coming decades) followed by the pid.
  return parseInt(run.slice(0, 8), 36);
}
