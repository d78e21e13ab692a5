/** What a bench run measures and at which scale: from BENCH_* environment variables, or given by the smoke test. */
export const SCENARIOS = ['floor', 'query', 'sms', 'saturation', 'accepts'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenarios: Scenario[];
  /** Pool sizes the candidate search is timed against, each in one municipality. */
  pools: number[];
  /** The pool of the service's own database, for the sms, saturation and accepts scenarios. */
  servicePool: number;
  queryRuns: number;
  /** Absences a second, and for how long, in the steady-rate scenario. */
  rate: number;
  seconds: number;
  saturationSeconds: number;
  /** POSTs in flight at once in the saturation scenario. */
  saturationConcurrency: number;
  acceptVacancies: number;
  /** Simultaneous accepts per vacancy, each for another substitute's offer. */
  accepters: number;
  /** Vacancies whose accepts are fired at the same time. */
  acceptParallel: number;
  /** Offers per wave (the municipality's setting for every lead time). */
  waveSize: number;
  /** Seconds of the steady rate's load run before anything is measured. */
  warmUpSeconds: number;
  floorSeconds: number;
  floorRate: number;
  floorQueries: number;
  floorBurst: number;
  /** Keep the bench's databases (renamed vb_bench_kept_*) for EXPLAIN. */
  keep: boolean;
  /** Time the candidate search on a pool kept by an earlier run (BENCH_KEEP) of the same size, if there is one, rather than seeding anew. */
  reuse: boolean;
  /** Run the api and the worker from the compiled build (as `npm start`), or from the sources through ts-node. */
  compiled: boolean;
  /** A CPU profile of the worker, written to /tmp/wprof. */
  profileWorker: boolean;
}

type Env = Record<string, string | undefined>;

export function optionsFromEnv(env: Env = process.env): BenchOptions {
  const pools = list(env.BENCH_POOLS ?? '150000,1000000').map((p) => positive('BENCH_POOLS', p));
  return {
    scenarios: scenarios(env.BENCH_ONLY),
    pools,
    servicePool: number(env, 'BENCH_SERVICE_POOL', pools[0] ?? 150_000),
    queryRuns: number(env, 'BENCH_QUERY_RUNS', 300),
    rate: number(env, 'BENCH_RATE', 50),
    seconds: number(env, 'BENCH_SECONDS', 60),
    saturationSeconds: number(env, 'BENCH_SATURATION_SECONDS', 30),
    saturationConcurrency: number(env, 'BENCH_SATURATION_CONCURRENCY', 32),
    acceptVacancies: number(env, 'BENCH_ACCEPT_VACANCIES', 100),
    accepters: number(env, 'BENCH_ACCEPTERS', 200),
    acceptParallel: number(env, 'BENCH_ACCEPT_PARALLEL', 1),
    waveSize: number(env, 'BENCH_WAVE_SIZE', 1),
    warmUpSeconds: number(env, 'BENCH_WARM_UP_SECONDS', 3),
    floorSeconds: number(env, 'BENCH_FLOOR_SECONDS', 5),
    floorRate: number(env, 'BENCH_FLOOR_RATE', 200),
    floorQueries: number(env, 'BENCH_FLOOR_QUERIES', 2000),
    floorBurst: number(env, 'BENCH_FLOOR_BURST', 5000),
    keep: Boolean(env.BENCH_KEEP),
    reuse: Boolean(env.BENCH_REUSE),
    compiled: env.BENCH_FROM_SOURCE !== '1',
    profileWorker: Boolean(env.BENCH_PROFILE),
  };
}

function scenarios(only: string | undefined): Scenario[] {
  if (!only) return [...SCENARIOS];
  const named = list(only);
  const unknown = named.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names ${unknown.join(', ')}; the scenarios are ${SCENARIOS.join(', ')}`);
  return named as Scenario[];
}

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

function number(env: Env, name: string, fallback: number): number {
  const value = env[name];
  return value === undefined || value === '' ? fallback : positive(name, value);
}

function positive(name: string, value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${value}")`);
  return n;
}
