import { ChildProcess, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { QUEUES } from '../../src/queue/jobs';
import { redisOptions } from '../../src/queue/redis-options';
import type { FakeElks } from '../support/fake-elks-server';
import { flatSettings } from '../support/offers';
import { killed, spawnService } from '../support/worker-process';
import { postAbsence } from './absences';
import { startAutovacuum } from './autovacuum';
import { CpuSnapshot, readCpu } from './cpu';
import { databaseName } from './databases';
import { JsonClient } from './http-client';
import { SeededPool } from './pool';
import { sleep, sleepUntil } from './stats';
import { askCounts, COUNT_STATEMENTS, CountsSnapshot } from './statements';

const ROOT = join(__dirname, '..', '..');
/** Enough kept-alive connections for the widest scenario (the simultaneous accepts). */
const MAX_CONNECTIONS = 1024;

/** The api and the worker in processes of their own, on a seeded database, with an admin signed in. */
export interface Service {
  config: AppConfig;
  pool: SeededPool;
  /** The database as its owner, for seeding and reading timestamps. */
  db: DataSource;
  elks: FakeElks;
  client: JsonClient;
  /** The admin's access token. */
  token: string;
  waveSize: number;
  /** The index of the next absence to post: each scenario goes on where the last stopped. */
  nextAbsence(): number;
  cpu(): CpuSnapshot;
  counts(): Promise<CountsSnapshot>;
  /** Stops both processes; answers how many vacuum and analyze passes the bench ran for a server without autovacuum. */
  stop(): Promise<number>;
}

export interface ServiceSettings {
  compiled: boolean;
  profileWorker: boolean;
  waveSize: number;
  /** Absences a second, and for how long, posted before anything is measured. */
  warmUpRate: number;
  warmUpSeconds: number;
}

/**
 * Starts the api and the worker as `npm start` runs them (the compiled build, one process each), with the
 * statement counter preloaded, and warms them up: a few absences posted and their SMS received.
 */
export async function startService(config: AppConfig, pool: SeededPool, db: DataSource, elks: FakeElks, settings: ServiceSettings): Promise<Service> {
  if (settings.compiled) buildIfNeeded();
  const autovacuum = await startAutovacuum(db);
  const preload = ['-r', COUNT_STATEMENTS];
  const options = { compiled: settings.compiled, ipc: true };
  const api = spawnService('api', config, {}, { ...options, nodeArgs: [...preload, ...(process.env.BENCH_PROFILE_API ? ['--cpu-prof', '--cpu-prof-dir=/tmp/aprof'] : [])] });
  const worker = spawnService('worker', config, {}, { ...options, nodeArgs: [...preload, ...(settings.profileWorker ? ['--cpu-prof', '--cpu-prof-dir=/tmp/wprof'] : [])] });
  const client = new JsonClient(`http://127.0.0.1:${config.PORT}`, MAX_CONNECTIONS);
  try {
    await waitForHealth(client, [api, worker]);
    const login = await client.send<{ accessToken: string }>('POST', '/api/v1/auth/login', { email: pool.admin.email, password: pool.admin.password });
    if (login.status !== 200) throw new Error(`The admin's sign-in answered ${login.status}`);
    const token = login.body.accessToken;
    const saved = await client.send('PUT', '/api/v1/matching-settings', flatSettings(settings.waveSize), token);
    if (saved.status !== 200) throw new Error(`PUT /matching-settings answered ${saved.status}`);
    const targets = { apiPid: api.pid!, workerPid: worker.pid!, redisPid: await redisPid(config.REDIS_URL), database: databaseName(config.DATABASE_URL) };
    let absences = 0;
    const service: Service = {
      config,
      pool,
      db,
      elks,
      client,
      token,
      waveSize: settings.waveSize,
      nextAbsence: () => absences++,
      cpu: () => readCpu(targets),
      counts: async () => ({ api: await askCounts(api), worker: await askCounts(worker) }),
      stop: async () => {
        await stop(config, client, api, worker, settings.profileWorker);
        return autovacuum.stop();
      },
    };
    await warmUp(service, settings.warmUpRate, settings.warmUpSeconds);
    return service;
  } catch (error) {
    await stop(config, client, api, worker, false);
    await autovacuum.stop().catch(() => undefined);
    throw error;
  }
}

/** The compiled build, rebuilt when a source is newer (scripts/build-if-needed.js, as `npm start` does). */
function buildIfNeeded(): void {
  // Its output goes to stderr: stdout is the bench's report.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-needed.js')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
}

async function waitForHealth(client: JsonClient, processes: ChildProcess[]): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const stopped = processes.find((p) => p.exitCode !== null);
    if (stopped) throw new Error(`A service process stopped at start (exit code ${stopped.exitCode})`);
    const ok = await client.send('GET', '/health').then((r) => r.status === 200, () => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error('The api did not become healthy');
}

/**
 * The load itself, for a few seconds, before any clock starts: the api and the worker have compiled their hot
 * paths and PostgreSQL's sessions have read their catalogues, as in a service that has run through the
 * night. (Without it, the first seconds of every run measured a fresh start, which is a deploy's cost, not a
 * morning's: at 50 a second, p99 near 1 s in the first ten seconds and 100-150 ms after.)
 */
async function warmUp(service: Service, rate: number, seconds: number): Promise<void> {
  const before = service.elks.messages.length;
  const count = Math.max(5, Math.round(rate * seconds));
  const began = performance.now();
  const answers = [];
  for (let i = 0; i < count; i++) {
    await sleepUntil(began + (i * 1000) / rate);
    answers.push(postAbsence(service.client, service.token, service.pool, service.nextAbsence()));
  }
  const refused = (await Promise.all(answers)).filter((answer) => answer.status !== 201);
  if (refused.length > 0) throw new Error(`POST /absences answered ${refused[0].status} while warming up`);
  await service.elks.waitForMessages(before + count, 60_000);
}

async function redisPid(url: string): Promise<number> {
  const redis = new Redis(redisOptions(url));
  try {
    return Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  } finally {
    redis.disconnect();
  }
}

async function stop(config: AppConfig, client: JsonClient, api: ChildProcess, worker: ChildProcess, gracefulWorker: boolean): Promise<void> {
  client.close();
  if (gracefulWorker && worker.exitCode === null) {
    // A clean exit, so that Node writes the worker's CPU profile.
    worker.kill('SIGINT');
    await new Promise((resolve) => worker.once('exit', resolve));
  } else {
    await killed(worker);
  }
  if (process.env.BENCH_PROFILE_API && api.exitCode === null) {
    api.kill('SIGINT');
    await new Promise((resolve) => api.once('exit', resolve));
  } else {
    await killed(api);
  }
  // The run's jobs go with it: nothing of the bench stays in Redis.
  const connection = { ...redisOptions(config.REDIS_URL), maxRetriesPerRequest: null };
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection, prefix: config.QUEUE_PREFIX });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}
