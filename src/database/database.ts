import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { EntityManager } from 'typeorm';
import { Tenancy } from './tenancy';

/**
 * What repositories query through: the transaction of the call context (see UnitOfWork) when there is
 * one, the pool otherwise. Repositories write their SQL out, one style everywhere: `$n` parameters,
 * columns aliased to the names the code uses. A statement outside a unit of work runs in a transaction of
 * its own, so that it too sees only the rows of the call's municipality.
 */
@Injectable()
export class Database {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly tenancy: Tenancy,
  ) {}

  /** The EntityManager of the call context's transaction, for SQL written as functions over a manager (the candidate search). */
  get manager(): EntityManager {
    return this.txHost.tx;
  }

  /** The rows a statement returns (for INSERT, UPDATE and DELETE: its RETURNING rows). */
  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result: unknown = await this.query(sql, params);
    // TypeORM answers UPDATE and DELETE with [rows, affected count]; every other statement with its rows.
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
    return result as T[];
  }

  /** The first row, or null. */
  async row<T>(sql: string, params: unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(sql, params))[0] ?? null;
  }

  /** Runs a statement for its effect. */
  async execute(sql: string, params: unknown[] = []): Promise<void> {
    await this.query(sql, params);
  }

  private query(sql: string, params: unknown[]): Promise<unknown> {
    if (this.txHost.isTransactionActive() || !this.tenancy.current()) return this.txHost.tx.query(sql, params);
    return this.txHost.withTransaction(async () => {
      await this.tenancy.applyTo(this.txHost.tx);
      return this.txHost.tx.query(sql, params);
    });
  }
}
