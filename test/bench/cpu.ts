import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by process, from /proc/<pid>/stat (utime + stime, in clock ticks) for the service's processes and
 * from process.cpuUsage() for the bench's own: the load client, which also hosts the local SMS server. The
 * client is reported as a row of its own and kept out of the service's CPU per vacancy.
 *
 * PostgreSQL is every process of the server (postmaster, checkpointer, writers, this run's sessions) except
 * the sessions of other databases: those are other work on the same server (another bench, a test suite),
 * reported apart as noise, as is the rest of the machine's busy time (/proc/stat).
 */
export const SERVICE_PROCESSES = ['api', 'worker', 'postgres', 'redis'] as const;
export type ServiceProcess = (typeof SERVICE_PROCESSES)[number];
type Role = ServiceProcess | 'otherDatabases';

export interface CpuTargets {
  apiPid: number;
  workerPid: number;
  redisPid: number;
  /** The database whose PostgreSQL sessions are the service's. */
  database: string;
}

export interface CpuSnapshot {
  /** performance.now() when read */
  at: number;
  clientMs: number;
  /** Every process of the machine, from /proc/stat. */
  machineMs: number;
  processes: Map<number, { role: Role; ms: number }>;
}

export interface ProcessCpu {
  /** CPU time over the window */
  ms: number;
  msPerVacancy: number;
  /** CPU time per wall-clock time: 1 is one core kept busy. */
  cores: number;
}

export interface CpuSplit {
  seconds: number;
  vacancies: number;
  service: Record<ServiceProcess, ProcessCpu>;
  /** api + worker + PostgreSQL + Redis: what a vacancy costs the service, the client left out. */
  serviceTotal: ProcessCpu;
  /** The bench process: load client and local SMS server. */
  client: ProcessCpu;
  /** Sessions of other databases on the same PostgreSQL: other work on the machine, not counted. */
  otherDatabases: ProcessCpu;
  /** Every process above, the client and other databases included. */
  coresUsed: number;
  /** The rest of the machine's busy time: other work sharing the cores (noise when above zero). */
  otherProcessesCores: number;
}

const TICK_MS = 1000 / clockTicksPerSecond();

export function readCpu(targets: CpuTargets): CpuSnapshot {
  const processes = new Map<number, { role: Role; ms: number }>();
  for (const [pid, role] of rolesByPid(targets)) {
    const ms = cpuMsOf(pid);
    if (ms !== undefined) processes.set(pid, { role, ms });
  }
  const { user, system } = process.cpuUsage();
  return { at: performance.now(), clientMs: (user + system) / 1000, machineMs: machineBusyMs(), processes };
}

/** The CPU each process used between two snapshots; a process that started in between counts from zero. */
export function cpuSplit(from: CpuSnapshot, to: CpuSnapshot, vacancies: number): CpuSplit {
  const seconds = (to.at - from.at) / 1000;
  const used: Record<Role, number> = { api: 0, worker: 0, postgres: 0, redis: 0, otherDatabases: 0 };
  for (const [pid, { role, ms }] of to.processes) used[role] += ms - (from.processes.get(pid)?.ms ?? 0);
  const figure = (ms: number): ProcessCpu => ({ ms, msPerVacancy: vacancies > 0 ? ms / vacancies : Number.NaN, cores: ms / 1000 / seconds });
  const service = Object.fromEntries(SERVICE_PROCESSES.map((p) => [p, figure(used[p])])) as Record<ServiceProcess, ProcessCpu>;
  const serviceMs = SERVICE_PROCESSES.reduce((sum, p) => sum + used[p], 0);
  const clientMs = to.clientMs - from.clientMs;
  return {
    seconds,
    vacancies,
    service,
    serviceTotal: figure(serviceMs),
    client: figure(clientMs),
    otherDatabases: figure(used.otherDatabases),
    coresUsed: (serviceMs + clientMs + used.otherDatabases) / 1000 / seconds,
    otherProcessesCores: Math.max(0, (to.machineMs - from.machineMs - serviceMs - clientMs - used.otherDatabases) / 1000 / seconds),
  };
}

/**
 * What limits the throughput, judged from where the CPU went: the machine's cores all busy, one Node.js
 * process holding its one core (its event loop), or neither (the time goes to waiting: locks, round trips).
 */
export function limitingResource(split: CpuSplit, cores: number): string {
  const [busiest, cpu] = Object.entries(split.service).sort(([, a], [, b]) => b.cores - a.cores)[0];
  const share = `busiest: ${busiest}, ${cpu.cores.toFixed(2)} cores`;
  if (split.coresUsed >= 0.9 * cores) return `CPU: ${split.coresUsed.toFixed(2)} of ${cores} cores busy (${share})`;
  const loop = (['api', 'worker'] as const).find((p) => split.service[p].cores >= 0.9);
  if (loop) return `the ${loop}'s event loop: one Node.js process, ${split.service[loop].cores.toFixed(2)} of its one core`;
  return `not CPU: ${split.coresUsed.toFixed(2)} of ${cores} cores busy (${share}); the time goes to waiting`;
}

function rolesByPid(targets: CpuTargets): Map<number, Role> {
  const roles = new Map<number, Role>([
    [targets.apiPid, 'api'],
    [targets.workerPid, 'worker'],
    [targets.redisPid, 'redis'],
  ]);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || roles.has(pid) || read(`/proc/${pid}/comm`)?.trim() !== 'postgres') continue;
    const database = sessionDatabase(read(`/proc/${pid}/cmdline`) ?? '');
    roles.set(pid, database === undefined || database === targets.database ? 'postgres' : 'otherDatabases');
  }
  return roles;
}

/** A session's process title is "postgres: [cluster: ]user database host(port) state"; other processes have none. */
function sessionDatabase(cmdline: string): string | undefined {
  return /:\s(\S+)\s(\S+)\s(?:\S+\(\d+\)|\[local\])/.exec(cmdline.replace(/\0/g, ' '))?.[2];
}

/** The machine's busy time: the first line of /proc/stat, every state but idle and iowait. */
function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = (read('/proc/stat') ?? '').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

function cpuMsOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The fields after the command name, which may itself hold spaces and parentheses; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
