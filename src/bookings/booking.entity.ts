import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Vacancy } from '../absences/vacancy.entity';
import { Substitute } from '../substitutes/substitute.entity';

import type { BookingStatus } from './booking-status';

/** An accepted offer. A vacancy has at most one confirmed booking (unique partial index). */
@Entity('booking')
@Index('uq_booking_vacancy_confirmed', ['vacancyId'], { unique: true, where: `"status" = 'confirmed'` })
@Index('ix_booking_unit_substitute', ['unitId', 'substituteId'], { where: `"status" = 'confirmed'` })
@Index('ix_booking_vacancy_substitute', ['vacancyId', 'substituteId'])
@Check('ck_booking_status', `"status" IN ('confirmed', 'cancelled')`)
export class Booking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @Column('uuid')
  vacancyId: string;

  @ManyToOne(() => Vacancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vacancy_id' })
  vacancy?: Vacancy;

  @Column('uuid')
  substituteId: string;

  @ManyToOne(() => Substitute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id' })
  substitute?: Substitute;

  @Column('uuid')
  unitId: string;

  @Column('uuid', { nullable: true })
  offerId: string | null;

  @Column('text', { default: 'confirmed' })
  status: BookingStatus;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
