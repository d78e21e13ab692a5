import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Period, TstzRangeTransformer } from '../database/tstzrange';
import { Vacancy } from './vacancy.entity';

/** A shift (pass) of a vacancy: a [start, end) period of at most 24 hours. */
@Entity('vacancy_shift')
@Index('ix_vacancy_shift_vacancy', ['vacancyId'])
@Check('ck_vacancy_shift_period', `NOT isempty("period") AND lower_inc("period") AND NOT upper_inc("period") AND upper("period") - lower("period") <= interval '24 hours'`)
export class VacancyShift {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  vacancyId: string;

  @Column('uuid')
  municipalityId: string;

  @Column('tstzrange', { transformer: TstzRangeTransformer })
  period: Period;

  @ManyToOne(() => Vacancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vacancy_id' })
  vacancy?: Vacancy;
}
