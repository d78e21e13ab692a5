import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';

export const SUBSTITUTE_STATUSES = ['pending', 'active', 'paused', 'removed'] as const;
export type SubstituteStatus = (typeof SUBSTITUTE_STATUSES)[number];

@Entity('substitute')
@Index('uq_substitute_email', { synchronize: false })
@Index('uq_substitute_phone', ['municipalityId', 'phone'], { unique: true })
@Index('ix_substitute_status', ['municipalityId', 'status'])
@Check('ck_substitute_status', `"status" IN ('pending', 'active', 'paused', 'removed')`)
export class Substitute {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column('text')
  firstName: string;

  @Column('text')
  lastName: string;

  /** Stored lower-case. */
  @Column('text')
  email: string;

  /** E.164, e.g. +46701234567. */
  @Column('text')
  phone: string;

  @Column('text', { default: 'pending' })
  status: SubstituteStatus;

  /** Empty means anywhere in the municipality. */
  @Column('text', { array: true, default: () => `'{}'` })
  districts: string[];

  @Column('timestamptz')
  consentedAt: Date;

  /** When the staffing team first activated the substitute; the last ranking tie-break. */
  @Column('timestamptz', { nullable: true })
  verifiedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
