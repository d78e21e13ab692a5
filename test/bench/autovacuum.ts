import { DataSource } from 'typeorm';

export interface Autovacuum {
  /** Stops, and answers how many tables it vacuumed or analysed. */
  stop(): Promise<number>;
}

/**
 * What autovacuum would do when it is off on the server (as on this project's machines, but not on a managed
 * PostgreSQL), by the server's own thresholds, checked once every autovacuum_naptime (a minute) as autovacuum
 * visits a database: VACUUM a table once its dead rows pass autovacuum_vacuum_threshold + _scale_factor × its
 * rows, or its rows inserted since the last vacuum pass autovacuum_vacuum_insert_threshold + _scale_factor ×
 * its rows (that keeps the visibility map, without which every index-only scan reads the table too); ANALYZE
 * it once its changed rows pass autovacuum_analyze_threshold + _scale_factor × its rows. (Checking every
 * second, as this did first, analysed the growing tables many times a minute; each ANALYZE costs a share of a
 * core and makes every session plan its prepared statements again, and the first SMS's tail followed those
 * passes.) Its CPU is PostgreSQL's, counted with the service.
 */
export async function startAutovacuum(db: DataSource): Promise<Autovacuum> {
  const [{ autovacuum, naptime }]: { autovacuum: string; naptime: number }[] = await db.query(
    `SELECT current_setting('autovacuum') AS autovacuum, extract(epoch FROM current_setting('autovacuum_naptime')::interval)::int AS naptime`,
  );
  if (autovacuum === 'on') return { stop: async () => 0 };
  let passes = 0;
  let running = true;
  const vacuumDue = async () => {
    for (const { relname, vacuum_due: vacuum, analyze_due: analyze } of await dueTables(db)) {
      await db.query(`${vacuum ? (analyze ? 'VACUUM (ANALYZE)' : 'VACUUM') : 'ANALYZE'} "${relname}"`);
      passes += 1;
    }
  };
  const loop = (async () => {
    while (running) {
      await vacuumDue();
      await sleepUnless(() => !running, naptime * 1000);
    }
  })();
  // Held until stop(), which rethrows: a failure must not end the process before the bench can clean up.
  loop.catch(() => undefined);
  return {
    async stop() {
      running = false;
      await loop;
      return passes;
    },
  };
}

async function dueTables(db: DataSource): Promise<{ relname: string; vacuum_due: boolean; analyze_due: boolean }[]> {
  return db.query(
    `SELECT relname, vacuum_due, analyze_due FROM (
       SELECT s.relname,
              s.n_dead_tup > current_setting('autovacuum_vacuum_threshold')::int + current_setting('autovacuum_vacuum_scale_factor')::float8 * t.n
              OR s.n_ins_since_vacuum > current_setting('autovacuum_vacuum_insert_threshold')::int
                                        + current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * t.n AS vacuum_due,
              s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::int
                                      + current_setting('autovacuum_analyze_scale_factor')::float8 * t.n AS analyze_due
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid, LATERAL (SELECT greatest(c.reltuples, 0) AS n) AS t) AS due
      WHERE vacuum_due OR analyze_due`,
  );
}

/** Waits `ms`, or less once `stop` says so (checked every 100 ms). */
async function sleepUnless(stop: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
}
