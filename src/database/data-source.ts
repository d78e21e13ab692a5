import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/vikariebanken';

/** The one TypeORM configuration, shared by the app, the tests and the TypeORM CLI. */
export function dataSourceOptions(databaseUrl: string, extra: { poolSize?: number; poolMin?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    // What pg_stat_activity shows for these sessions.
    applicationName: extra.applicationName ?? 'vikariebanken',
    // Each module keeps its entities beside it; they describe the schema for migrations, nothing more.
    entities: [`${__dirname}/../**/*.entity.{ts,js}`],
    migrations: [`${__dirname}/../../migrations/*.{ts,js}`],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // Every session runs in UTC, so times written out as text (tstzrange, JSON) read the same everywhere.
    extra: { options: '-c TimeZone=UTC', max: extra.poolSize ?? 10, min: Math.min(extra.poolMin ?? 0, extra.poolSize ?? 10), connectionTimeoutMillis: 5000 },
    logging: false,
  };
}

export default new DataSource(dataSourceOptions(process.env.DATABASE_URL || DEFAULT_DATABASE_URL));
