import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TstzRangeTransformer } from './tstzrange';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/vikariebanken';

/** The one TypeORM configuration, shared by the app, the tests and the TypeORM CLI. */
export function dataSourceOptions(databaseUrl: string, extra: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: [`${__dirname}/../../migrations/*.{ts,js}`],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // Every session runs in UTC so tstzrange text is parsed one way only (see TstzRangeTransformer).
    extra: { options: '-c TimeZone=UTC', max: extra.poolSize ?? 10, connectionTimeoutMillis: 5000 },
    logging: false,
  };
}

export { TstzRangeTransformer };

export default new DataSource(dataSourceOptions(process.env.DATABASE_URL || DEFAULT_DATABASE_URL));
