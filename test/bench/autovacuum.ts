import { DataSource } from 'typeorm';

export interface AutoAnalyzer {
  /** Stops, and answers how many tables it analysed. */
  stop(): Promise<number>;
}

/**
 * What autovacuum would do for the planner when it is off on the server (as on this project's machines, but
 * not on a managed PostgreSQL): ANALYZE each table of the bench's database once its rows changed by more than
 * autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × its rows, checked once every
 * autovacuum_naptime (a minute), as autovacuum visits a database. (Checking every second, as this did first,
 * analysed the growing tables many times a minute; each ANALYZE costs a share of a core and makes every
 * session plan its prepared statements again, and the first SMS's tail followed those passes.) Its CPU is
 * PostgreSQL's, counted with the service.
 */
export async function startAutoAnalyze(db: DataSource): Promise<AutoAnalyzer> {
  const [{ autovacuum, naptime }]: { autovacuum: string; naptime: number }[] = await db.query(
    `SELECT current_setting('autovacuum') AS autovacuum, extract(epoch FROM current_setting('autovacuum_naptime')::interval)::int AS naptime`,
  );
  if (autovacuum === 'on') return { stop: async () => 0 };
  let analysed = 0;
  let running = true;
  const analyseDue = async () => {
    for (const table of await dueForAnalyze(db)) {
      await db.query(`ANALYZE "${table}"`);
      analysed += 1;
    }
  };
  const loop = (async () => {
    while (running) {
      await analyseDue();
      await sleepUnless(() => !running, naptime * 1000);
    }
  })();
  // Held until stop(), which rethrows: a failure must not end the process before the bench can clean up.
  loop.catch(() => undefined);
  return {
    async stop() {
      running = false;
      await loop;
      return analysed;
    },
  };
}

async function dueForAnalyze(db: DataSource): Promise<string[]> {
  const rows: { relname: string }[] = await db.query(
    `SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::int
                                    + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)`,
  );
  return rows.map((r) => r.relname);
}

/** Waits `ms`, or less once `stop` says so (checked every 100 ms). */
async function sleepUnless(stop: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
}
