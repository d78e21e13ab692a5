import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Municipality } from './municipality.entity';
import type { ServiceArea } from './service-area';

/** A school, care home, office or kitchen. */
@Entity('unit')
@Index('ix_unit_municipality', ['municipalityId', 'name'])
@Check('ck_unit_service_area', `"service_area" IN ('utbildning', 'vard_omsorg', 'socialtjanst', 'kost')`)
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @ManyToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  @Column('text')
  name: string;

  @Column('text')
  serviceArea: ServiceArea;

  @Column('text')
  district: string;

  @Column('text', { nullable: true })
  address: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
