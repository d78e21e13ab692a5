import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Database } from './database';
import { dataSourceOptions } from './data-source';
import { PoolWarmUp } from './pool-warm-up';
import { Tenancy } from './tenancy';
import { UnitOfWork } from './unit-of-work';

/** PostgreSQL through TypeORM, with the transaction carried by the call context (nestjs-cls). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config.appDatabaseUrl, { poolSize: config.DATABASE_POOL_SIZE, poolMin: config.DATABASE_POOL_MIN }),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
        ClsModule.forRoot({
          global: true,
          // Each HTTP request its own call context, in which the guards set the request's municipality.
          middleware: { mount: true },
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource }),
            }),
          ],
        }),
      ],
      providers: [Database, UnitOfWork, Tenancy, PoolWarmUp],
      exports: [Database, UnitOfWork, Tenancy],
    };
  }
}
