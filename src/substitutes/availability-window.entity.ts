import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Period, TstzRangeTransformer } from '../database/tstzrange';
import { Substitute } from './substitute.entity';

/** A period in which the substitute can work. Windows of one substitute never overlap (merged on write; excluded in the database). */
@Entity('availability_window')
@Exclusion('ex_availability_window_no_overlap', 'USING gist ("substitute_id" WITH =, "period" WITH &&)')
/** GiST (period): who is available at a given time; created by its migration. */
@Index('ix_availability_window_period', { synchronize: false })
export class AvailabilityWindow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  substituteId: string;

  @Column('uuid')
  municipalityId: string;

  @Column('tstzrange', { transformer: TstzRangeTransformer })
  period: Period;

  @ManyToOne(() => Substitute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id' })
  substitute?: Substitute;
}
