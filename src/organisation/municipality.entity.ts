import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The tenant: every other row belongs to exactly one municipality. */
@Entity('municipality')
@Unique('uq_municipality_name', ['name'])
export class Municipality {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
