import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';
import { Unit } from '../organisation/unit.entity';
import { Programme } from '../programmes/programme.entity';
import { Qualification } from '../qualifications/qualification.entity';

export const ABSENCE_REASONS = ['study_leave', 'sick', 'parental', 'vacation', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

@Entity('absence')
@Index('ix_absence_unit', ['municipalityId', 'unitId'])
@Check('ck_absence_reason', `"reason" IN ('study_leave', 'sick', 'parental', 'vacation', 'other')`)
export class Absence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column('uuid')
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column('text')
  reason: AbsenceReason;

  @Column('text')
  qualificationCode: string;

  @ManyToOne(() => Qualification, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'qualification_code' })
  qualification?: Qualification;

  @Column('uuid', { nullable: true })
  programmeId: string | null;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid')
  createdBy: string;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
