import { Queue } from 'bullmq';
import type { AppConfig } from '../../src/config/app-config';
import { QUEUES } from '../../src/queue/jobs';
import { redisOptions } from '../../src/queue/redis-options';
import { mean } from './stats';

/** Jobs waiting or running in the app's queues, sampled once a second over a window. */
export interface QueueDepth {
  samples: number[];
  max: number;
  /** The deepest each queue was. */
  maxByQueue: Record<string, number>;
  /** Mean depth over the first and the last third of the window. */
  firstThird: number;
  lastThird: number;
  /** Whether the last third is deeper than the first by more than the tolerance. */
  grows: boolean;
  tolerance: number;
}

export interface QueueSampler {
  stop(): Promise<QueueDepth>;
}

/**
 * Samples the app's queues (waiting, prioritised and active jobs; delayed ones, such as the next wave hours
 * ahead, are not work waiting). `tolerance` is how much deeper the last third may be than the first and still
 * count as no growth.
 */
export function sampleQueueDepth(config: AppConfig, tolerance: number): QueueSampler {
  const connection = { ...redisOptions(config.REDIS_URL), maxRetriesPerRequest: null };
  const queues = QUEUES.map((name) => new Queue(name, { connection, prefix: config.QUEUE_PREFIX }));
  const samples: number[] = [];
  const maxByQueue: Record<string, number> = Object.fromEntries(QUEUES.map((name) => [name, 0]));
  const sample = async () => {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'prioritized', 'active')));
    const depths = counts.map((c) => c.waiting + c.prioritized + c.active);
    depths.forEach((depth, i) => (maxByQueue[QUEUES[i]] = Math.max(maxByQueue[QUEUES[i]], depth)));
    samples.push(depths.reduce((a, b) => a + b, 0));
  };
  let pending = sample();
  const timer = setInterval(() => (pending = pending.then(sample)), 1000);
  return {
    async stop() {
      clearInterval(timer);
      await pending.then(sample);
      await Promise.all(queues.map((q) => q.close()));
      const third = Math.max(1, Math.floor(samples.length / 3));
      const firstThird = mean(samples.slice(0, third));
      const lastThird = mean(samples.slice(-third));
      return { samples, max: Math.max(...samples), maxByQueue, firstThird, lastThird, grows: lastThird > firstThird + tolerance, tolerance };
    },
  };
}
