import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { startChannels } from '../support/channels';
import type { FakeElks } from '../support/fake-elks-server';
import { testConfig } from '../support/test-app';
import { AcceptsResult, runAccepts } from './accepts';
import { benchCandidateSearch, CandidateSearchResult } from './candidate-search';
import { createBenchDatabase, databaseName, keptPool, openDatabase, releaseDatabase } from './databases';
import { ComposedFloors, composeFloors, Floor, measureFloor } from './floor';
import { describeMachine, MachineInfo } from './machine';
import { BenchOptions, Scenario } from './options';
import { readSeededPool, SeededPool, seedPool, settle } from './pool';
import { runSaturation, SaturationResult } from './saturation';
import { Service, startService } from './service';
import { ratio } from './stats';
import { runSteadyRate, SteadyRateResult } from './steady-rate';

export interface BenchReport {
  machine: MachineInfo;
  options: BenchOptions;
  /** How the figures were taken: printed under the table, and kept with the JSON. */
  method: string[];
  floor: (Floor & { composed: ComposedFloors }) | null;
  /** Each figure over its floor (a multiple), or for throughput its share of the ceiling; null without a floor. */
  candidateSearch: (CandidateSearchResult & { p99VsFloor: number | null })[];
  sms: (SteadyRateResult & { postP99VsFloor: number | null; firstSmsP99VsFloor: number | null }) | null;
  saturation: (SaturationResult & { shareOfCeiling: number | null }) | null;
  accepts: (AcceptsResult & { p99VsFloor: number | null }) | null;
  /** Tables the bench vacuumed or analysed while the service ran, standing in for the server's autovacuum when it is off. */
  autovacuumPassesByBench: number;
  keptDatabases: string[];
}

export type Log = (line: string) => void;

export const METHOD = [
  'History and warm-up: the seeded municipality has 20,000 vacancies of the 50 days before, each with an expired offer, its SMS and email and done outbox rows (a service is not measured on empty tables), and the service gets BENCH_WARM_UP_SECONDS (3) of the steady rate before any clock starts (a morning, not the first seconds after a deploy).',
  'CPU: utime + stime from /proc/<pid>/stat of the api, the worker, Redis and every PostgreSQL process (sessions of other databases are left out and shown apart as other work); the bench process (the load client and the local SMS server) from process.cpuUsage(), reported as a row of its own and left out of the service CPU per vacancy.',
  "Latencies are taken by the client on kept-alive connections without a request library, to keep the client's own CPU small; what it does use is its own row.",
  "Vacuum and statistics: the seeded database is vacuumed and analysed once, as autovacuum would have done long before a morning; with the server's autovacuum off, the bench then runs VACUUM and ANALYZE on a table of its database once autovacuum would (dead, inserted and changed rows past the server's autovacuum thresholds, checked once every autovacuum_naptime), as a production server does; that CPU is PostgreSQL's, in the service's.",
  'Statements: every call of pg Client#query (one round trip) and the COMMITs among them, counted in the api and the worker by a preload (test/bench/count-statements.js), by BullMQ job.',
  'Floors, in the same run: BullMQ add → processor at a steady rate on a queue of its own; a primary-key SELECT and a committed INSERT; a kept-alive HTTP POST to a trivial server. Composed per figure: candidate search = SELECT; POST and accept = HTTP + INSERT; first SMS = 2 queue hops + SELECT + 2 INSERTs + HTTP; first waves per second against a ceiling of bare-queue jobs per second / 2.',
];

/** The settings of the service under measurement: production timers and no budget or rate limit in the way. */
const SERVICE_ENV = {
  // Mail is written to the worker's log (below the level it prints), as in the earlier bench: SMS is what is timed.
  SMTP_URL: '',
  SWEEP_INTERVAL_MS: '5000',
  SMS_RECONCILE_AFTER_SECONDS: '30',
  SMS_DAILY_BUDGET: '100000000',
  RATE_LIMIT_PER_MINUTE: '100000000',
  // Production's default, which the test suites lower.
  DATABASE_POOL_MIN: '10',
};

/** Runs the selected scenarios in a database of their own (a copy of the test run's template) and reports them. */
export async function runBench(options: BenchOptions, log: Log = (line) => process.stderr.write(`${line}\n`)): Promise<BenchReport> {
  const wants = (scenario: Scenario) => options.scenarios.includes(scenario);
  const needsService = wants('sms') || wants('saturation') || wants('accepts');
  const channels = await startChannels();
  const config = await testConfig({ ...channels.env, ...SERVICE_ENV });
  const db = await openDatabase(config.DATABASE_URL);
  const keptDatabases: string[] = [];
  try {
    const machine = await describeMachine(config.DATABASE_URL, config.REDIS_URL);
    log(`bench: ${machine.cores} cores, load ${machine.loadAtStart} at start, commit ${machine.commit}`);
    const floor = wants('floor') ? await step(log, 'floor', () => measureFloor(config.DATABASE_URL, config.REDIS_URL, floorSettings(options))) : null;
    const seedsServicePool = needsService || (wants('query') && options.pools.includes(options.servicePool) && !options.reuse);
    const pool = seedsServicePool ? await step(log, `seeding ${options.servicePool.toLocaleString('en')} substitutes`, () => seedPool(db, options.servicePool)) : null;
    const candidateSearch = wants('query') ? await searchEveryPool(options, config.DATABASE_URL, pool, keptDatabases, log) : [];
    const served = needsService ? await serviceScenarios(await startBenchService(config, pool!, db, channels.elks, options, log), options, machine.cores, log) : NOT_SERVED;
    return { machine, options, method: METHOD, ...heldToFloors(floor, candidateSearch, served), autovacuumPassesByBench: served.autovacuumPassesByBench, keptDatabases };
  } finally {
    await db.destroy();
    await channels.close();
    const kept = await releaseDatabase(config.DATABASE_URL, options.keep, `pool${options.servicePool}`);
    if (kept) keptDatabases.push(kept);
  }
}

interface Served {
  sms: SteadyRateResult | null;
  saturation: SaturationResult | null;
  accepts: AcceptsResult | null;
  autovacuumPassesByBench: number;
}

const NOT_SERVED: Served = { sms: null, saturation: null, accepts: null, autovacuumPassesByBench: 0 };

function startBenchService(config: AppConfig, pool: SeededPool, db: DataSource, elks: FakeElks, options: BenchOptions, log: Log): Promise<Service> {
  const settings = { compiled: options.compiled, profileWorker: options.profileWorker, waveSize: options.waveSize, warmUpRate: options.rate, warmUpSeconds: options.warmUpSeconds };
  return step(log, 'starting the api and the worker', () => startService(config, pool, db, elks, settings));
}

/** The scenarios that need the api and the worker, one after the other on the same service. */
async function serviceScenarios(service: Service, options: BenchOptions, cores: number, log: Log): Promise<Served> {
  const wants = (scenario: Scenario) => options.scenarios.includes(scenario);
  const served = { ...NOT_SERVED };
  try {
    if (wants('sms')) served.sms = await step(log, `${options.rate} absences/s for ${options.seconds} s`, () => runSteadyRate(service, options.rate, options.seconds));
    if (wants('saturation')) {
      served.saturation = await step(log, `saturation for ${options.saturationSeconds} s`, () => runSaturation(service, options.saturationSeconds, options.saturationConcurrency, cores));
    }
    if (wants('accepts')) {
      served.accepts = await step(log, `${options.accepters} accepts at once on ${options.acceptVacancies} vacancies`, () =>
        runAccepts(service, options.acceptVacancies, options.accepters, options.acceptParallel),
      );
    }
  } finally {
    served.autovacuumPassesByBench = await service.stop();
  }
  return served;
}

/** Each figure beside its floor; none when the floor was not measured. */
function heldToFloors(floor: Floor | null, candidateSearch: CandidateSearchResult[], { sms, saturation, accepts }: Served) {
  const composed = floor ? composeFloors(floor) : null;
  const vs = (value: number, pick: (c: ComposedFloors) => number) => (composed ? ratio(value, pick(composed)) : null);
  return {
    floor: floor && composed ? { ...floor, composed } : null,
    candidateSearch: candidateSearch.map((r) => ({ ...r, p99VsFloor: vs(r.timings.p99, (c) => c.candidateSearch) })),
    sms: sms && { ...sms, postP99VsFloor: vs(sms.post.p99, (c) => c.post), firstSmsP99VsFloor: vs(sms.firstSms.p99, (c) => c.firstSms) },
    saturation: saturation && { ...saturation, shareOfCeiling: vs(saturation.firstWavesPerSecond, (c) => c.firstWavesPerSecond) },
    accepts: accepts && { ...accepts, p99VsFloor: vs(accepts.latency.p99, (c) => c.accept) },
  };
}

/** The candidate search for each pool size: in the service's database for its size, in a database of its own for the others. */
async function searchEveryPool(options: BenchOptions, serviceUrl: string, servicePool: SeededPool | null, kept: string[], log: Log): Promise<CandidateSearchResult[]> {
  const results: CandidateSearchResult[] = [];
  for (const size of options.pools) {
    if (size === options.servicePool && servicePool) {
      results.push(await step(log, `candidate search, ${size.toLocaleString('en')} substitutes`, () => benchCandidateSearch(serviceUrl, servicePool, options.queryRuns)));
      continue;
    }
    const reused = options.reuse ? await keptPool(size) : null;
    if (reused) {
      const db = await openDatabase(reused);
      try {
        await settle(db);
        const pool = await readSeededPool(db, size);
        results.push(await step(log, `candidate search, ${size.toLocaleString('en')} substitutes (kept ${databaseName(reused)})`, () => benchCandidateSearch(reused, pool, options.queryRuns)));
      } finally {
        await db.destroy();
      }
      continue;
    }
    const url = await createBenchDatabase();
    try {
      const db = await openDatabase(url);
      try {
        const pool = await step(log, `seeding ${size.toLocaleString('en')} substitutes`, () => seedPool(db, size));
        results.push(await step(log, `candidate search, ${size.toLocaleString('en')} substitutes`, () => benchCandidateSearch(url, pool, options.queryRuns)));
      } finally {
        await db.destroy();
      }
    } finally {
      const name = await releaseDatabase(url, options.keep, `pool${size}`);
      if (name) kept.push(name);
    }
  }
  return results;
}

const floorSettings = (o: BenchOptions) => ({ seconds: o.floorSeconds, rate: o.floorRate, queries: o.floorQueries, burst: o.floorBurst });

async function step<T>(log: Log, what: string, work: () => Promise<T>): Promise<T> {
  const began = Date.now();
  log(`bench: ${what}…`);
  const result = await work();
  log(`bench: ${what}: done in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return result;
}
