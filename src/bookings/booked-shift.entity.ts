import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Period, TstzRangeTransformer } from '../database/tstzrange';
import { Booking } from './booking.entity';

/**
 * A shift of a confirmed booking; deleted when the booking is cancelled. Two exclusion constraints carry
 * the invariants: no overlapping booked shifts per substitute, and daily rest between shifts of different
 * bookings (each shift's rest zone reaches half the rest time beyond it, so zones meet when the gap is short).
 */
@Entity('booked_shift')
@Exclusion('ex_booked_shift_overlap', 'USING gist ("substitute_id" WITH =, "period" WITH &&)')
@Exclusion('ex_booked_shift_rest', 'USING gist ("substitute_id" WITH =, "booking_id" WITH <>, "rest_zone" WITH &&)')
@Index('ix_booked_shift_booking', ['bookingId'])
/** GiST (period), for the booked hours of a fairness window; created by its migration. */
@Index('ix_booked_shift_period', { synchronize: false })
export class BookedShift {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  bookingId: string;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'booking_id' })
  booking?: Booking;

  @Column('uuid')
  substituteId: string;

  @Column('uuid')
  municipalityId: string;

  @Column('uuid')
  unitId: string;

  @Column('tstzrange', { transformer: TstzRangeTransformer })
  period: Period;

  @Column('tstzrange', { transformer: TstzRangeTransformer })
  restZone: Period;
}
