import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { Tenancy } from './tenancy';

type AfterCommit = () => Promise<void>;

const AFTER_COMMIT = Symbol('afterCommit');
const MAX_ATTEMPTS = 3;

const isDeadlock = (error: unknown) => ((error as { driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code) === '40P01';

/**
 * The transaction of a use case. `run` opens it in the call context, so every repository called inside
 * takes part without being handed a manager; what was registered with `afterCommit` (enqueueing the outbox
 * rows, scheduling a wave) runs once it has committed, and never if it rolled back. A `run` inside another
 * joins the outer transaction and its commit. A transaction PostgreSQL rolls back to break a deadlock is run
 * again, up to three times. Its first statement names the municipality whose rows it may see (Tenancy).
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
    private readonly tenancy: Tenancy,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.txHost.isTransactionActive()) return work();
    for (let attempt = 1; ; attempt++) {
      const afterCommit: AfterCommit[] = [];
      try {
        const result = await this.cls.run({ ifNested: 'inherit' }, () => {
          this.cls.set(AFTER_COMMIT, afterCommit);
          return this.txHost.withTransaction(async () => {
            await this.tenancy.applyTo(this.txHost.tx);
            return work();
          });
        });
        // Side by side: each is independent of the others (enqueueing, scheduling, sending), and none waits.
        await Promise.all(afterCommit.map((callback) => callback()));
        return result;
      } catch (error) {
        // PostgreSQL chose this transaction to break a deadlock: it was rolled back whole, so run it again.
        if (!isDeadlock(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** Runs `callback` after the current unit of work commits. Outside one there is nothing to wait for. */
  afterCommit(callback: AfterCommit): void {
    const pending = this.cls.isActive() ? this.cls.get<AfterCommit[] | undefined>(AFTER_COMMIT) : undefined;
    if (!pending) throw new Error('afterCommit needs a unit of work: call it inside UnitOfWork.run');
    pending.push(callback);
  }
}
