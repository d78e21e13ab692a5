/**
 * `npm run bench`: the benchmarks of issue 11, never part of `npm test` (test/bench-smoke.e2e-spec.ts runs
 * them at a tiny scale there, so that they cannot rot). Prints one table on stdout, or with `--json` one JSON
 * object (use `npm run -s bench -- --json`: npm itself prints a banner on stdout otherwise); progress goes
 * to stderr.
 *
 * Scenarios (BENCH_ONLY, a comma list; all by default): floor, query, sms, saturation, accepts.
 * Knobs: BENCH_POOLS (150000,1000000), BENCH_SERVICE_POOL (the first pool), BENCH_QUERY_RUNS (300),
 * BENCH_RATE (50), BENCH_SECONDS (60), BENCH_SATURATION_SECONDS (30), BENCH_SATURATION_CONCURRENCY (32),
 * BENCH_ACCEPT_VACANCIES (100), BENCH_ACCEPTERS (200), BENCH_ACCEPT_PARALLEL (1), BENCH_WAVE_SIZE (1), BENCH_WARM_UP_SECONDS (3),
 * BENCH_FLOOR_SECONDS (5), BENCH_FLOOR_RATE (200), BENCH_FLOOR_QUERIES (2000), BENCH_FLOOR_BURST (5000),
 * BENCH_KEEP=1 (keep the databases, renamed vb_bench_kept_*, for EXPLAIN), BENCH_FROM_SOURCE=1 (run the api
 * and the worker through ts-node rather than the compiled build), BENCH_PROFILE=1 (the worker's CPU profile
 * in /tmp/wprof).
 */
import { runBench } from './bench';
import { optionsFromEnv } from './options';
import { renderTable } from './report';

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const options = optionsFromEnv();
  // A test run of its own: a migrated template database, copied for each database the bench makes.
  const { default: globalSetup } = await import('../support/global-setup');
  const { default: globalTeardown } = await import('../support/global-teardown');
  await globalSetup();
  try {
    const report = await runBench(options);
    process.stdout.write(`${json ? JSON.stringify(report, null, 2) : renderTable(report)}\n`);
  } finally {
    await globalTeardown();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
