import { DataSource } from 'typeorm';

export interface AutoAnalyzer {
  /** Stops, and answers how many tables it analysed. */
  stop(): Promise<number>;
}

/**
 * What autovacuum would do for the planner when it is off on the server (as on this project's machines, but
 * not on a managed PostgreSQL): ANALYZE each table of the bench's database once its rows changed by more than
 * autovacuum_analyze_threshold + autovacuum_analyze_scale_factor × its rows, checked every second. Without
 * it the tables that start empty (offers, vacancies, notifications) keep the statistics of an empty table
 * and the plans that go with them, whatever their size. Its CPU is PostgreSQL's, counted with the service.
 */
export async function startAutoAnalyze(db: DataSource): Promise<AutoAnalyzer> {
  const [{ autovacuum }]: { autovacuum: string }[] = await db.query(`SELECT current_setting('autovacuum') AS autovacuum`);
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
      await new Promise((resolve) => setTimeout(resolve, 1000));
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
