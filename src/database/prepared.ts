import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs `text` as a named prepared statement on the connection of `manager`'s transaction: PostgreSQL parses
 * it once per connection, and with `plan_cache_mode = force_generic_plan` plans it once too. For statements
 * on a hot path whose planning costs more than their execution (the candidate search: about 1.3 ms of
 * planning against 0.2 ms of execution). A name stands for one text: two texts must never share a name.
 */
export async function queryPrepared<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error(`Prepared statement ${name} needs a transaction`);
  const client = (await runner.connect()) as PoolClient;
  const result = await client.query<T & object>({ name, text, values });
  return result.rows;
}
