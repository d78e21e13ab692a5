import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';

/** A funding programme (satsning), such as Norrköping's Jobbsatsningen. */
@Entity('programme')
@Index('ix_programme_municipality', ['municipalityId'])
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column('text')
  name: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  budgetSek: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
