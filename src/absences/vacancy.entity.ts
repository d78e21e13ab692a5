import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Unit } from '../organisation/unit.entity';
import { Absence } from './absence.entity';
import type { VacancyStatus } from './vacancy-status';

/** One assignment (vikariat) to be filled as a whole: one or more shifts. */
@Entity('vacancy')
@Index('ix_vacancy_unit_status', ['municipalityId', 'unitId', 'status'])
@Index('ix_vacancy_absence', ['absenceId'])
@Index('ix_vacancy_next_wave', ['nextWaveAt'], { where: `"status" IN ('open', 'offering')` })
@Index('ix_vacancy_live_starts', ['startsAt'], { where: `"status" IN ('open', 'offering')` })
@Check('ck_vacancy_status', `"status" IN ('open', 'offering', 'filled', 'unfilled', 'cancelled')`)
export class Vacancy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @Column('uuid')
  absenceId: string;

  @ManyToOne(() => Absence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'absence_id' })
  absence?: Absence;

  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column('text')
  qualificationCode: string;

  @Column('text', { default: 'open' })
  status: VacancyStatus;

  /** Start of the earliest shift, denormalised for lead time and sweeps. */
  @Column('timestamptz')
  startsAt: Date;

  /** End of the latest shift. */
  @Column('timestamptz')
  endsAt: Date;

  /** Number of offer waves sent so far. */
  @Column('int', { default: 0 })
  waveCount: number;

  /** When the next wave is due; swept from here so a delayed job lost with Redis is only a delay. */
  @Column('timestamptz', { nullable: true })
  nextWaveAt: Date | null;

  @Column('timestamptz', { nullable: true })
  filledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
