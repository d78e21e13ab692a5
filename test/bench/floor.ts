import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { redisOptions } from '../../src/queue/redis-options';
import { JsonClient } from './http-client';
import { sleep, sleepUntil, Summary, summarize } from './stats';

/**
 * What the machine does with no service in between, measured in the same run: the floors the scenarios are
 * held to. Each is done by the bench process alone, on the same PostgreSQL and Redis.
 */
export interface Floor {
  /** BullMQ: Queue.add until the Worker's processor runs, at a steady rate on a queue of its own. */
  queueHop: Summary;
  /** BullMQ: jobs added at once, processed per second (concurrency 20). */
  queueJobsPerSecond: number;
  /** PostgreSQL: a primary-key SELECT, and a one-row INSERT committed on its own. */
  select: Summary;
  insert: Summary;
  /** A kept-alive HTTP POST to a trivial server in another process. */
  http: Summary;
}

export interface FloorSettings {
  seconds: number;
  rate: number;
  queries: number;
  burst: number;
}

const WARM_UP = 50;

export async function measureFloor(databaseUrl: string, redisUrl: string, settings: FloorSettings): Promise<Floor> {
  const queue = await queueFloor(redisUrl, settings);
  const { select, insert } = await postgresFloor(databaseUrl, settings.queries);
  const http = await httpFloor(settings.queries);
  return { ...queue, select, insert, http };
}

async function queueFloor(redisUrl: string, settings: FloorSettings): Promise<Pick<Floor, 'queueHop' | 'queueJobsPerSecond'>> {
  const connection = { ...redisOptions(redisUrl), maxRetriesPerRequest: null };
  const prefix = `vbfloor${randomBytes(4).toString('hex')}`;
  const queue = new Queue('floor', { connection, prefix, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
  let processed = 0;
  const hops: number[] = [];
  const worker = new Worker<{ addedAt: number }>(
    'floor',
    async (job) => {
      hops.push(performance.now() - job.data.addedAt);
      processed += 1;
    },
    { connection, prefix, concurrency: 20 },
  );
  try {
    await worker.waitUntilReady();
    const total = Math.round(settings.rate * settings.seconds) + WARM_UP;
    const began = performance.now();
    for (let i = 0; i < total; i++) {
      await sleepUntil(began + (i * 1000) / settings.rate);
      void queue.add('hop', { addedAt: performance.now() });
    }
    await until(() => processed >= total);
    const queueHop = summarize(hops.slice(WARM_UP));

    processed = 0;
    const burstBegan = performance.now();
    for (let i = 0; i < settings.burst; i += 500) {
      const jobs = Array.from({ length: Math.min(500, settings.burst - i) }, () => ({ name: 'burst', data: { addedAt: performance.now() } }));
      await queue.addBulk(jobs);
    }
    await until(() => processed >= settings.burst);
    return { queueHop, queueJobsPerSecond: settings.burst / ((performance.now() - burstBegan) / 1000) };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function postgresFloor(databaseUrl: string, queries: number): Promise<Pick<Floor, 'select' | 'insert'>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_floor_lookup (id int PRIMARY KEY, payload text NOT NULL)`);
    await client.query(`INSERT INTO bench_floor_lookup SELECT n, md5(n::text) FROM generate_series(1, 100000) n`);
    await client.query(`ANALYZE bench_floor_lookup`);
    await client.query(`CREATE TABLE bench_floor_insert (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)`);
    const select = await timeEach(queries, (i) => client.query('SELECT payload FROM bench_floor_lookup WHERE id = $1', [1 + ((i * 7919) % 100000)]));
    const insert = await timeEach(queries, (i) => client.query('INSERT INTO bench_floor_insert (payload) VALUES ($1)', [`row ${i}`]));
    return { select, insert };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_floor_lookup, bench_floor_insert');
    await client.end();
  }
}

/** The trivial server runs in a process of its own, as the api does. */
const TRIVIAL_SERVER = `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')); })
  .listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n'); });`;

async function httpFloor(requests: number): Promise<Summary> {
  const server = spawn(process.execPath, ['-e', TRIVIAL_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      server.stdout.once('data', (data: Buffer) => resolve(data.toString().trim()));
      server.once('exit', () => reject(new Error('the trivial HTTP server stopped')));
    });
    const client = new JsonClient(`http://127.0.0.1:${port}`, 1);
    try {
      const times: number[] = [];
      for (let i = 0; i < requests + WARM_UP; i++) times.push((await client.send('POST', '/', { i })).ms);
      return summarize(times.slice(WARM_UP));
    } finally {
      client.close();
    }
  } finally {
    server.kill('SIGKILL');
  }
}

async function timeEach(count: number, work: (i: number) => Promise<unknown>): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < count + WARM_UP; i++) {
    const began = performance.now();
    await work(i);
    times.push(performance.now() - began);
  }
  return summarize(times.slice(WARM_UP));
}

async function until(done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('the floor measurement did not finish in time');
    await sleep(5);
  }
}

/**
 * The least each measured figure could be on this machine, composed of floors: what the work must at least
 * do, with nothing of the service's own in between.
 */
export interface ComposedFloors {
  /** One indexed lookup. */
  candidateSearch: number;
  /** An HTTP round trip and a committed write. */
  post: number;
  /** Two queue hops (match, deliver), a lookup, two committed writes (offers, the send claim) and an HTTP request (to the SMS server). */
  firstSms: number;
  /** An HTTP round trip and a committed write. */
  accept: number;
  /** A ceiling, not a floor: the bare queue's jobs per second over the two jobs a vacancy needs at least. */
  firstWavesPerSecond: number;
}

export function composeFloors(floor: Floor): ComposedFloors {
  return {
    candidateSearch: floor.select.p99,
    post: floor.http.p99 + floor.insert.p99,
    firstSms: 2 * floor.queueHop.p99 + floor.select.p99 + 2 * floor.insert.p99 + floor.http.p99,
    accept: floor.http.p99 + floor.insert.p99,
    firstWavesPerSecond: floor.queueJobsPerSecond / 2,
  };
}
