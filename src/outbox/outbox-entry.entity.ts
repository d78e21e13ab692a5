import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work that must happen because of a committed change. Written in the same transaction as the change;
 * `doneAt` is set by the handler when the work is finished (not when the job was enqueued).
 */
@Entity('outbox')
@Index('ix_outbox_pending', ['id'], { where: '"done_at" IS NULL' })
@Index('ix_outbox_done', ['doneAt'], { where: '"done_at" IS NOT NULL' })
export class OutboxEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  municipalityId: string;

  /** A job name from queue/jobs.ts. */
  @Column('text')
  kind: string;

  /** Ids only; the state lives in its own rows. */
  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  doneAt: Date | null;
}
