import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';

export const SUBSTITUTE_STATUSES = ['pending', 'active', 'paused', 'removed', 'erased'] as const;
export type SubstituteStatus = (typeof SUBSTITUTE_STATUSES)[number];

@Entity('substitute')
@Index('uq_substitute_email', { synchronize: false })
@Index('uq_substitute_phone', ['municipalityId', 'phone'], { unique: true })
@Index('ix_substitute_status', ['municipalityId', 'status'])
@Check('ck_substitute_status', `"status" IN ('pending', 'active', 'paused', 'removed', 'erased')`)
@Check('ck_substitute_paused_by', `"paused_by" IN ('self', 'staff')`)
/** An erased substitute keeps only its id, for the statistics of past bookings; everything else is gone. */
@Check('ck_substitute_erased', `("status" = 'erased') = ("erased_at" IS NOT NULL) AND ("status" = 'erased' OR ("first_name" IS NOT NULL AND "last_name" IS NOT NULL AND "email" IS NOT NULL AND "phone" IS NOT NULL))`)
export class Substitute {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column('text', { nullable: true })
  firstName: string | null;

  @Column('text', { nullable: true })
  lastName: string | null;

  /** Stored lower-case. */
  @Column('text', { nullable: true })
  email: string | null;

  /** E.164, e.g. +46701234567. */
  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { default: 'pending' })
  status: SubstituteStatus;

  /** Empty means anywhere in the municipality. */
  @Column('text', { array: true, default: () => `'{}'` })
  districts: string[];

  /** Who paused the substitute: they themselves (and may resume), or the staffing team. */
  @Column('text', { nullable: true })
  pausedBy: 'self' | 'staff' | null;

  @Column('timestamptz')
  consentedAt: Date;

  @Column('timestamptz', { nullable: true })
  erasedAt: Date | null;

  /** When the staffing team first activated the substitute; the last ranking tie-break. */
  @Column('timestamptz', { nullable: true })
  verifiedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
