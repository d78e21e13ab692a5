import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Qualification } from '../qualifications/qualification.entity';
import { Substitute } from './substitute.entity';

/** A qualification a substitute states they hold; matched only once verified and while unexpired. */
@Entity('substitute_qualification')
/** Walked in ranking order by the candidate query: holders of a qualification, earliest verified first. */
@Index('ix_substitute_qualification_match', ['qualificationCode', 'municipalityId', 'verifiedAt', 'substituteId'], { where: '"verified_at" IS NOT NULL' })
export class SubstituteQualification {
  @PrimaryColumn('uuid')
  substituteId: string;

  @PrimaryColumn('text')
  qualificationCode: string;

  @Column('uuid')
  municipalityId: string;

  /** Milliseconds, as JavaScript reads them: it orders the candidate walk and the ranking alike. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  verifiedAt: Date | null;

  /** Last day the qualification is valid (inclusive), or null for no expiry. */
  @Column('date', { nullable: true })
  validUntil: string | null;

  @ManyToOne(() => Substitute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id' })
  substitute?: Substitute;

  @ManyToOne(() => Qualification, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'qualification_code' })
  qualification?: Qualification;
}
