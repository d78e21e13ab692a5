/** Queue and job names. Never rename a live one: jobs already in Redis carry these names. */
export const QUEUES = {
  matching: 'matching',
  notifications: 'notifications',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  /** Outbox: find candidates for a vacancy and send its first (or, after a cancelled booking, next) wave. */
  match: 'match',
  /** Delayed: the next wave of a vacancy (job id wave-<vacancyId>-<n>). */
  wave: 'wave',
  /** Outbox: send one notification (an offer by SMS or email, a confirmation, a notice). */
  deliver: 'deliver',
  /** Repeating: re-enqueue unfinished outbox rows, due waves and expired offers. */
  sweep: 'sweep',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Which queue each outbox kind goes to. */
export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  match: QUEUES.matching,
  wave: QUEUES.matching,
  deliver: QUEUES.notifications,
  sweep: QUEUES.maintenance,
};

export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const outboxJobId = (rowId: string) => `outbox-${rowId}`;
