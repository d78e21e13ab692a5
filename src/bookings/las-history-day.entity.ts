import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Substitute } from '../substitutes/substitute.entity';
import type { LasForm } from './las-days';

/**
 * A day the substitute was employed before this service, imported from the earlier system
 * (PUT /substitutes/{id}/las/history), counted for LAS like a booked day. An import replaces the previous
 * one; erasing the substitute deletes them.
 */
@Entity('las_history_day')
@Index('ix_las_history_day_municipality', ['municipalityId'])
@Check('ck_las_history_day_form', `"form" IN ('vikariat', 'sava')`)
export class LasHistoryDay {
  @PrimaryColumn('uuid')
  substituteId: string;

  /** The local date, YYYY-MM-DD. */
  @PrimaryColumn('date')
  date: string;

  @PrimaryColumn('text')
  form: LasForm;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Substitute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id' })
  substitute?: Substitute;
}
