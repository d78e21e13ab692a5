/** Every job runs as the municipality it is for: its transactions see only that municipality's rows. */
export interface ScopedJob {
  municipalityId: string;
}

/**
 * Every job of the service: its name, its payload and its queue, declared once. Payloads carry ids only;
 * the state is a row in PostgreSQL. Never rename a live job or queue: jobs already in Redis carry the names.
 */
export interface JobPayloads {
  /** From the outbox: find candidates for a vacancy and send its first wave (after a cancelled booking, the next). */
  match: ScopedJob & { vacancyId: string; outboxId: string };
  /** Delayed: the next wave of a vacancy, run only if it is still the next one. */
  wave: ScopedJob & { vacancyId: string; wave: number };
  /** From the outbox: send one notification (an offer by SMS or email, a confirmation, a notice). */
  deliver: ScopedJob & { notificationId: string; outboxId: string };
}

export type JobName = keyof JobPayloads;

export const QUEUES = ['matching', 'notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  match: 'matching',
  wave: 'matching',
  deliver: 'notifications',
};

export const JOB_NAMES = Object.keys(QUEUE_OF_JOB) as JobName[];

/** The jobs that the outbox relays: those whose payload names their outbox row. */
export type OutboxJobName = { [N in JobName]: JobPayloads[N] extends { outboxId: string } ? N : never }[JobName];

/** What a change writes to the outbox for a job: the payload without the row's id and municipality, which are added on enqueue. */
export type OutboxPayload<N extends OutboxJobName> = Omit<JobPayloads[N], 'outboxId' | 'municipalityId'>;

/** Deterministic job ids: a repeated enqueue of the same work is one job (while BullMQ still keeps it). */
export const outboxJobId = (rowId: string) => `outbox-${rowId}`;

/** The due time is part of a wave's id, so that a wave put off (quiet hours) can be scheduled again. */
export const waveJobId = (vacancyId: string, wave: number, at: Date) => `wave-${vacancyId}-${wave}-${at.getTime()}`;

export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The queues a worker runs, from WORKER_QUEUES (comma-separated; empty means all). Throws on an unknown name. */
export function selectQueues(setting: string): QueueName[] {
  const named = setting.split(',').map((q) => q.trim()).filter(Boolean);
  const unknown = named.filter((q) => !(QUEUES as readonly string[]).includes(q));
  if (unknown.length > 0) {
    throw new Error(`WORKER_QUEUES names ${unknown.map((q) => `"${q}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a queue' : 'are not queues'}; the queues are ${QUEUES.join(', ')}`);
  }
  return named.length === 0 ? [...QUEUES] : (named as QueueName[]);
}
