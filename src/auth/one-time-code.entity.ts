import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Substitute } from '../substitutes/substitute.entity';

/**
 * A sign-in code sent to a substitute. The code is derived from the row's id by HMAC when the message is
 * sent, never stored; only its hash is kept, to check an answer. Valid 10 minutes, once, 5 wrong tries.
 */
@Entity('one_time_code')
@Index('ix_one_time_code_substitute', ['substituteId', 'createdAt'])
@Check('ck_one_time_code_channel', `"channel" IN ('sms', 'email')`)
export class OneTimeCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @Column('uuid')
  substituteId: string;

  @ManyToOne(() => Substitute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id' })
  substitute?: Substitute;

  @Column('text')
  channel: 'sms' | 'email';

  /** SHA-256 (hex) of the id and the code. */
  @Column('text')
  codeHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
