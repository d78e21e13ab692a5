import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, JOBS, outboxJobId, QUEUE_OF_JOB, QUEUES } from '../queue/queues';
import { OutboxEntry } from './outbox-entry.entity';

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
        this.enqueue(row).catch((error: Error) => {
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

  /** Marks a row done inside the handler's transaction; false if it was done already (a repeated delivery). */
  async claimForDone(tx: EntityManager, rowId: string): Promise<boolean> {
    const rows: { id: string }[] = await tx.query('SELECT id FROM outbox WHERE id = $1 AND done_at IS NULL FOR UPDATE', [rowId]);
    if (rows.length === 0) return false;
    await tx.query('UPDATE outbox SET done_at = now() WHERE id = $1', [rowId]);
    return true;
  }

  enqueue(row: Pick<OutboxEntry, 'id' | 'kind' | 'payload'>): Promise<unknown> {
    const queue = this.queues[QUEUE_OF_JOB[row.kind as JobName] ?? ''];
    if (!queue) throw new Error(`No queue for outbox kind ${row.kind}`);
    return queue.add(row.kind, { ...row.payload, outboxId: row.id }, { jobId: outboxJobId(row.id) });
  }
}

export { JOBS };
