import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptions } from '../../src/queue/redis-options';

/** The machine and the versions a run measured, so that two runs can be compared. */
export interface MachineInfo {
  cores: number;
  memoryGiB: number;
  cpuModel: string;
  /** The one-minute load average when the run began: anything above zero is other work sharing the cores. */
  loadAtStart: number;
  node: string;
  postgres: string;
  /** The server's autovacuum; when off, the bench vacuums and analyses the tables as it would (see autovacuum.ts). */
  autovacuum: string;
  redis: string;
  commit: string;
  date: string;
}

export async function describeMachine(databaseUrl: string, redisUrl: string): Promise<MachineInfo> {
  return {
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    loadAtStart: Math.round(loadavg()[0] * 100) / 100,
    node: process.version,
    ...(await postgresSettings(databaseUrl)),
    redis: await redisVersion(redisUrl),
    commit: gitCommit(),
    date: new Date().toISOString(),
  };
}

async function postgresSettings(url: string): Promise<{ postgres: string; autovacuum: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ postgres: string; autovacuum: string }>(`SELECT current_setting('server_version') AS postgres, current_setting('autovacuum') AS autovacuum`);
    return rows[0];
  } finally {
    await client.end();
  }
}

async function redisVersion(url: string): Promise<string> {
  const redis = new Redis(redisOptions(url));
  try {
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}

/** The commit, and whether the working tree differs from it (the figures are then of uncommitted code). */
function gitCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
