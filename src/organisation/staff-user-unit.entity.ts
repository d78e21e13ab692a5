import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StaffUser } from './staff-user.entity';
import { Unit } from './unit.entity';

/** The units a manager is responsible for. */
@Entity('staff_user_unit')
@Index('ix_staff_user_unit_unit', ['unitId'])
export class StaffUserUnit {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('uuid')
  unitId: string;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: StaffUser;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;
}
