import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The preload that counts a process's PostgreSQL statements (see count-statements.js). */
export const COUNT_STATEMENTS = join(__dirname, 'count-statements.js');

export interface Counted {
  statements: number;
  commits: number;
  /** jobs of that name started */
  runs: number;
}

/** By BullMQ job name, and "outside" for everything not in a job. */
export type Counts = Record<string, Counted>;

export interface PerUnit {
  statements: number;
  commits: number;
}

/** Statements sent to PostgreSQL, per vacancy and per job, over a window. */
export interface StatementFigures {
  vacancies: number;
  /** The api's statements per vacancy posted. */
  apiPerVacancy: PerUnit;
  /** The worker's statements per vacancy: its jobs and its sweeps. */
  workerPerVacancy: PerUnit;
  /** Per match job (the first wave's search and offers), and how many ran. */
  perMatch: PerUnit & { jobs: number };
  /** Per delivery job (one message on one channel), and how many ran. */
  perDelivery: PerUnit & { jobs: number };
  /** The worker's statements outside jobs (sweeps), in all. */
  workerOutsideJobs: PerUnit;
}

export interface CountsSnapshot {
  api: Counts;
  worker: Counts;
}

/** Asks a process started with the preload and an IPC channel for its counts so far. */
export function askCounts(child: ChildProcess, timeoutMs = 5000): Promise<Counts> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { benchCounters?: Counts }) => {
      if (!message?.benchCounters) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.benchCounters);
    };
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`process ${child.pid} did not answer for its statement counts`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.send({ benchCounters: true });
  });
}

export function difference(before: Counts, after: Counts): Counts {
  return Object.fromEntries(
    Object.entries(after).map(([name, a]) => {
      const b = before[name] ?? { statements: 0, commits: 0, runs: 0 };
      return [name, { statements: a.statements - b.statements, commits: a.commits - b.commits, runs: a.runs - b.runs }];
    }),
  );
}

export function statementFigures(before: CountsSnapshot, after: CountsSnapshot, vacancies: number): StatementFigures {
  const api = total(difference(before.api, after.api));
  const worker = difference(before.worker, after.worker);
  const per = (c: PerUnit, n: number): PerUnit => ({ statements: c.statements / n, commits: c.commits / n });
  const perJob = (name: string) => {
    const c = worker[name] ?? { statements: 0, commits: 0, runs: 0 };
    return { ...per(c, c.runs), jobs: c.runs };
  };
  return {
    vacancies,
    apiPerVacancy: per(api, vacancies),
    workerPerVacancy: per(total(worker), vacancies),
    perMatch: perJob('match'),
    perDelivery: perJob('deliver'),
    workerOutsideJobs: worker.outside ?? { statements: 0, commits: 0 },
  };
}

function total(counts: Counts): PerUnit {
  return Object.values(counts).reduce((sum, c) => ({ statements: sum.statements + c.statements, commits: sum.commits + c.commits }), { statements: 0, commits: 0 });
}
