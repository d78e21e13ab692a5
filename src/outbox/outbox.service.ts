import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, outboxJobId, QUEUE_OF_JOB, QUEUES } from '../queue/queues';
import { withTimeout } from '../common/with-timeout';
import { OutboxEntry } from './outbox-entry.entity';

/** A request never waits longer than this for Redis: the relay enqueues what was not. */
const PUBLISH_TIMEOUT_MS = 300;

export interface OutboxMessage {
  municipalityId: string;
  kind: JobName;
  payload: Record<string, string>;
}

/**
 * The transactional outbox. A change writes its follow-up work here in its own transaction; after commit
 * the writer enqueues at once (`publish`), and the relay sweep re-enqueues whatever is still not done.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  private readonly queues: Record<string, Queue>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.matching) matching: Queue,
    @InjectQueue(QUEUES.notifications) notifications: Queue,
  ) {
    this.queues = { [QUEUES.matching]: matching, [QUEUES.notifications]: notifications };
  }

  /** Writes rows inside the caller's transaction; returns them for `publish` after commit. */
  async write(tx: EntityManager, messages: OutboxMessage[]): Promise<OutboxEntry[]> {
    if (messages.length === 0) return [];
    const result = await tx.getRepository(OutboxEntry).insert(messages);
    return messages.map((m, i) => ({ ...m, id: String(result.identifiers[i].id), createdAt: new Date(), doneAt: null }));
  }

  /**
   * Enqueues rows after their transaction committed. Never throws: with Redis down the rows stay in the
   * table and the relay enqueues them when Redis is back.
   */
  async publish(rows: OutboxEntry[]): Promise<void> {
    await Promise.all(
      rows.map((row) =>
        withTimeout(this.enqueue(row), PUBLISH_TIMEOUT_MS).catch((error: Error) => {
          this.logger.warn(`Outbox row ${row.id} not enqueued now (${error.message}); the relay will retry`);
        }),
      ),
    );
  }

  /** Rows not done yet, oldest first, older than `minAgeMs` so that a row being published right now is left alone. */
  async pending(limit: number, minAgeMs: number): Promise<OutboxEntry[]> {
    return this.db
      .getRepository(OutboxEntry)
      .createQueryBuilder('o')
      .where('o.done_at IS NULL')
      .andWhere(`o.created_at < now() - make_interval(secs => :age)`, { age: minAgeMs / 1000 })
      .orderBy('o.id')
      .limit(limit)
      .getMany();
  }

  /**
   * Marks a row done inside the handler's transaction; false if it was done already (a repeated delivery).
   * The update takes the row's lock, so a concurrent handler of the same row waits and then finds it done.
   */
  async claimForDone(tx: EntityManager, rowId: string): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await tx.query('UPDATE outbox SET done_at = now() WHERE id = $1 AND done_at IS NULL RETURNING id', [rowId]);
    return rows.length > 0;
  }

  /**
   * The relay: enqueues rows whose work is not done. A job id deduplicates only while the job exists, so a
   * job that exhausted its attempts is retried rather than left to block its row.
   */
  async relay(limit = 500, minAgeMs = 2000): Promise<number> {
    const rows = await this.pending(limit, minAgeMs);
    for (const row of rows) {
      const queue = this.queueOf(row.kind);
      const job = await queue.getJob(outboxJobId(row.id));
      if (!job) await this.enqueue(row);
      else if (await job.isFailed()) await job.retry();
    }
    return rows.length;
  }

  enqueue(row: Pick<OutboxEntry, 'id' | 'kind' | 'payload'>): Promise<unknown> {
    return this.queueOf(row.kind).add(row.kind, { ...row.payload, outboxId: row.id }, { jobId: outboxJobId(row.id) });
  }

  private queueOf(kind: string): Queue {
    const queue = this.queues[QUEUE_OF_JOB[kind as JobName] ?? ''];
    if (!queue) throw new Error(`No queue for outbox kind ${kind}`);
    return queue;
  }
}
