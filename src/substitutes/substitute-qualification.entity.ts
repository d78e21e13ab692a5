import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Qualification } from '../qualifications/qualification.entity';
import { Substitute } from './substitute.entity';

/** A qualification a substitute states they hold; matched only once verified and while unexpired. */
@Entity('substitute_qualification')
@Index('ix_substitute_qualification_code', ['qualificationCode', 'substituteId'])
export class SubstituteQualification {
  @PrimaryColumn('uuid')
  substituteId: string;

  @PrimaryColumn('text')
  qualificationCode: string;

  @Column('uuid')
  municipalityId: string;

  @Column('timestamptz', { nullable: true })
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
