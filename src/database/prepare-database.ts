import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_DATABASE_ROLE } from '../config/app-config';
import { dataSourceOptions } from './data-source';

const MIGRATION_LOCK_KEY = 7_263_114_001;

/** Creates the database named in the URL if it does not exist yet (safe when several processes race). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // 42P04 duplicate_database, 23505: another process created it between our check and create.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Applies pending migrations, holding an advisory lock so that replicas starting together migrate once.
 * Under the same lock it gives the application role its configured password (roles belong to the whole
 * server, so this needs CREATEROLE; where the owner lacks it, an operator sets the password once by hand).
 */
export async function migrate(databaseUrl: string, appPassword?: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, { poolSize: 2, applicationName: 'vikariebanken-migrations' }), logging: false });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (appPassword) await lock.query(`ALTER ROLE ${APP_DATABASE_ROLE} PASSWORD ${lock.escapeLiteral(appPassword)}`);
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}

/** Everything the database needs before the api or worker connects: it exists, is migrated, and the application role can sign in. */
export async function prepareDatabase(databaseUrl: string, appPassword?: string): Promise<string[]> {
  await ensureDatabaseExists(databaseUrl);
  return migrate(databaseUrl, appPassword);
}
