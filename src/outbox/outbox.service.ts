import { Injectable } from '@nestjs/common';
import { daysBefore, inBatches } from '../common/retention';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { Sweep } from '../queue/job-handlers';
import { JobQueue } from '../queue/job-queue';
import { JobPayloads, outboxJobId, OutboxJobName, OutboxPayload } from '../queue/jobs';
import { OutboxRepository, OutboxRow } from './outbox.repository';

export type { OutboxRow } from './outbox.repository';

export interface OutboxMessage<N extends OutboxJobName = OutboxJobName> {
  municipalityId: string;
  kind: N;
  payload: OutboxPayload<N>;
}

/** How old an unfinished row must be before the relay enqueues it: younger ones are being published right now. */
const RELAY_MIN_AGE_MS = 2000;
const RELAY_BATCH = 500;

/**
 * The transactional outbox. A change writes its follow-up work here in its own transaction; once that
 * commits the rows are enqueued at once, and the relay sweep re-enqueues whatever is still not done
 * (done means the handler finished, not that the job was enqueued).
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly rows: OutboxRepository,
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Writes the messages in the current unit of work and enqueues them after it commits, but for those that
   * `keep` picks (asked once it has committed, so that the unit of work can decide after writing them): their
   * work is done in process (see DeliveryService.sendClaimed), which must `publish` them if it cannot finish
   * them; the relay enqueues them if the process dies first.
   */
  async write(messages: OutboxMessage[], keep: (row: OutboxRow) => boolean = () => false): Promise<OutboxRow[]> {
    const rows = await this.rows.insert(messages);
    this.uow.afterCommit(async () => {
      const now = rows.filter((row) => !keep(row));
      if (now.length > 0) await this.publish(now);
    });
    return rows;
  }

  /** Marks a row's work done inside the handler's transaction; false if a repeated delivery finds it done. */
  markDone(id: string): Promise<boolean> {
    return this.rows.markDone(id);
  }

  @Sweep('relay unfinished outbox rows')
  async relay(): Promise<number> {
    const rows = await this.rows.unfinished(RELAY_BATCH, RELAY_MIN_AGE_MS);
    for (const row of rows) await this.jobs.ensure(row.kind, jobData(row), { jobId: outboxJobId(row.id) });
    return rows.length;
  }

  @Sweep('remove outbox rows finished more than OUTBOX_RETENTION_DAYS ago', { everyMs: 3600_000 })
  async removeFinished(now = new Date()): Promise<number> {
    const before = daysBefore(now, this.config.OUTBOX_RETENTION_DAYS);
    return inBatches(5000, (batch) => this.rows.removeFinishedBefore(before, batch));
  }

  /** Enqueues committed rows. Never throws: with Redis down the rows stay in the table and the relay enqueues them later. */
  async publish(rows: OutboxRow[]): Promise<void> {
    await Promise.all(rows.map((row) => this.jobs.addSoon(row.kind, jobData(row), { jobId: outboxJobId(row.id) })));
  }
}

function jobData<N extends OutboxJobName>(row: OutboxRow): JobPayloads[N] {
  return { ...row.payload, outboxId: row.id, municipalityId: row.municipalityId } as JobPayloads[N];
}
