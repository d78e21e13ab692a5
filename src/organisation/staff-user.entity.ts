import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from './municipality.entity';

export type StaffRole = 'admin' | 'manager';

/** A person of the staffing team (admin) or a unit manager (enhetschef). */
@Entity('staff_user')
@Index('uq_staff_user_email', { synchronize: false })
@Check('ck_staff_user_role', `"role" IN ('admin', 'manager')`)
export class StaffUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  /** Stored lower-case; unique across municipalities because sign-in is by email alone. */
  @Column('text')
  email: string;

  @Column('text')
  passwordHash: string;

  @Column('text')
  role: StaffRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
