import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './jobs';

export const JOB_HANDLER = 'vb:jobHandler';
export const SWEEP = 'vb:sweep';

type Handler<N extends JobName> = (data: JobPayloads[N]) => Promise<unknown>;

/**
 * Marks the method that does a job's work. It lives in the module that owns the work; the worker finds it
 * at start and refuses to start when a job has no handler or two.
 */
export function HandlesJob<N extends JobName>(name: N) {
  return <H extends Handler<N>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H>): void => {
    SetMetadata(JOB_HANDLER, name)(target, key, descriptor);
  };
}

export interface SweepOptions {
  /** Run at most this often (retention, say, hourly); by default on every tick of the sweep timer. */
  everyMs?: number;
}

/**
 * Marks a method the worker runs on its sweep timer, to catch up on what a lost job left behind (due waves,
 * expired offers, unfinished outbox rows) or to remove what is kept no longer. A timer, not a repeatable
 * job, so that wiping Redis cannot stop it. Sweeps run across municipalities.
 */
export function Sweep(description: string, options: SweepOptions = {}) {
  return <S extends () => Promise<unknown>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<S>): void => {
    SetMetadata(SWEEP, { description, everyMs: options.everyMs ?? 0 })(target, key, descriptor);
  };
}

export interface FoundHandler {
  job: JobName;
  /** Class and method, to name in an error. */
  owner: string;
  run: (data: unknown) => Promise<unknown>;
}

/** One handler per job, or an error naming every job with none or with several. */
export function handlerTable(jobs: readonly JobName[], found: FoundHandler[]): Map<JobName, FoundHandler> {
  const problems = jobs.flatMap((job) => {
    const owners = found.filter((f) => f.job === job).map((f) => f.owner);
    if (owners.length === 0) return [`job "${job}" has no handler`];
    if (owners.length > 1) return [`job "${job}" has ${owners.length} handlers (${owners.join(', ')})`];
    return [];
  });
  const stray = found.filter((f) => !jobs.includes(f.job)).map((f) => `${f.owner} handles "${f.job}", which is not a job`);
  if (problems.length + stray.length > 0) throw new Error([...problems, ...stray].join('; '));
  return new Map(found.map((f) => [f.job, f]));
}

/** Thrown by a handler so that BullMQ retries the job later; logged quietly, as it is expected. */
export class RetryLater extends Error {}
