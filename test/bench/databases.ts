import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_DATABASE_ROLE } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { createSuiteDatabase } from '../support/test-app';
import { ADMIN_DB_URL } from '../support/test-env';

/**
 * A migrated database of its own: a copy of the test run's template, named for the run, so that it never
 * meets another suite's and the run's teardown drops it if the bench dies.
 */
export const createBenchDatabase = (): Promise<string> => createSuiteDatabase();

export const databaseName = (url: string) => new URL(url).pathname.slice(1);

/** The database as its owner, for seeding and for reading timestamps afterwards. */
export function openDatabase(url: string, poolSize = 2): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, { poolSize, applicationName: 'vikariebanken-bench' })).initialize();
}

/** The same database as the role the api and the worker use, under row-level security. */
export function asAppRole(url: string): string {
  const app = new URL(url);
  app.username = APP_DATABASE_ROLE;
  app.password = '';
  return app.toString();
}

/** Drops the database; with `keep`, renames it out of the run's reach instead, and answers the name it kept. */
export async function releaseDatabase(url: string, keep: boolean, label: string): Promise<string | undefined> {
  const name = databaseName(url);
  const kept = `vb_bench_kept_${label}_${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
  await admin(async (client) => {
    if (!keep) return void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`ALTER DATABASE "${name}" RENAME TO "${kept}"`);
  });
  return keep ? kept : undefined;
}

async function admin(work: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DB_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** The newest database an earlier run kept for a pool of this size (BENCH_KEEP), if any: its URL. */
export async function keptPool(size: number): Promise<string | null> {
  const client = new Client({ connectionString: ADMIN_DB_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC LIMIT 1`,
      [`vb_bench_kept_pool${size}\\_%`],
    );
    if (rows.length === 0) return null;
    const url = new URL(ADMIN_DB_URL);
    url.pathname = `/${rows[0].datname}`;
    return url.toString();
  } finally {
    await client.end();
  }
}
