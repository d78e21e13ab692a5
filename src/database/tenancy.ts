import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import type { EntityManager } from 'typeorm';

/** One municipality's rows, or every municipality's (the system's own work). */
export type Scope = { municipalityId: string } | 'system';

const SCOPE = Symbol('tenancy.scope');

/** The role a system transaction switches to; it bypasses row-level security (see the RowLevelSecurity migration). */
const SYSTEM_ROLE = 'vikariebanken_system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whose rows a call may see. The database enforces it: the application role sees only the rows of the
 * municipality its transaction names (`app.municipality_id`, set at the start of every transaction from the
 * call's scope). A call without a scope sees no municipality's rows at all.
 *
 * The scope is set in few places, all of them here or calling this:
 * - a signed-in request: the municipality of the verified token or session (AuthGuard, PageGuard);
 * - a public request naming its municipality (sign-up, codes), or found from a token (offers, webhooks);
 * - a job: the municipality in its payload (WorkerHost);
 * - work across municipalities: `acrossMunicipalities`, for the sweeps, the bootstrap and the look-ups of
 *   whose a token, session or email is. Each use says why.
 */
@Injectable()
export class Tenancy {
  constructor(
    private readonly cls: ClsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Runs `work` as one municipality. */
  within<T>(municipalityId: string, work: () => Promise<T>): Promise<T> {
    return this.run({ municipalityId: validId(municipalityId) }, work);
  }

  /** Runs `work` across every municipality: its transactions switch to the system role. */
  acrossMunicipalities<T>(work: () => Promise<T>): Promise<T> {
    return this.run('system', work);
  }

  /**
   * From here on, the request is this municipality's. For guards, which run inside the request's own call
   * context (the CLS middleware) and so cannot wrap what follows them.
   */
  enter(municipalityId: string): void {
    this.assertNoTransaction();
    this.cls.set(SCOPE, { municipalityId: validId(municipalityId) });
  }

  current(): Scope | undefined {
    return this.cls.isActive() ? this.cls.get<Scope | undefined>(SCOPE) : undefined;
  }

  /** The first statement of every transaction: tells PostgreSQL whose rows it may see. */
  async applyTo(manager: EntityManager): Promise<void> {
    const scope = this.current();
    if (scope === 'system') await manager.query(`SET LOCAL ROLE ${SYSTEM_ROLE}`);
    else if (scope) await manager.query(`SELECT set_config('app.municipality_id', $1, true)`, [scope.municipalityId]);
  }

  private run<T>(scope: Scope, work: () => Promise<T>): Promise<T> {
    this.assertNoTransaction();
    return this.cls.run({ ifNested: 'inherit' }, () => {
      this.cls.set(SCOPE, scope);
      return work();
    });
  }

  /** A transaction's scope is fixed when it begins; changing it inside would be a silent no-op. */
  private assertNoTransaction(): void {
    if (this.cls.isActive() && this.txHost.isTransactionActive()) throw new Error('The scope of a unit of work cannot change inside it');
  }
}

/**
 * Runs `read` on the transaction of `manager` with the row policies lifted: for a search that needs GiST
 * indexes on ranges (availability, booked shifts). PostgreSQL will not use an index under row-level security
 * for an operator that is not leakproof, and the range operators (@>, &&) are not, so under the policies such
 * a search reads whole tables. The caller names its municipality in every table it reads instead, and is
 * tested for it. Inside a transaction only; the role is back to what it was when `read` returns.
 *
 * With `genericPlans`, prepared statements run meanwhile are planned once per connection rather than for
 * each call (see queryPrepared), and not compiled by JIT: a generic plan's cost is estimated without the
 * values, high enough at a million substitutes to have every call spend 0.6 s compiling a plan that runs in
 * 1 ms. The role and these settings are read and switched in one round trip, and put back in one.
 */
export async function readWithoutRowPolicies<T>(manager: EntityManager, read: () => Promise<T>, { genericPlans = false } = {}): Promise<T> {
  const [before]: { role: string; plans: string; jit: string }[] = await manager.query(
    `SELECT r.role, r.plans, r.jit, set_config('role', $1, true),
            set_config('plan_cache_mode', CASE WHEN $2 THEN 'force_generic_plan' ELSE r.plans END, true),
            set_config('jit', CASE WHEN $2 THEN 'off' ELSE r.jit END, true)
       FROM (SELECT current_user::text AS role, current_setting('plan_cache_mode') AS plans, current_setting('jit') AS jit OFFSET 0) AS r`,
    [SYSTEM_ROLE, genericPlans],
  );
  try {
    return await read();
  } finally {
    await manager.query(`SELECT set_config('role', $1, true), set_config('plan_cache_mode', $2, true), set_config('jit', $3, true)`, [before.role, before.plans, before.jit]);
  }
}

/** Ids come from tokens, payloads and bodies: one that is not a uuid matches nothing, and PostgreSQL must not be asked. */
function validId(municipalityId: string): string {
  return UUID.test(municipalityId) ? municipalityId : '00000000-0000-0000-0000-000000000000';
}
