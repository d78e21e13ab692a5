import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceArea } from '../organisation/service-area';

/** The qualification catalogue, shared by all municipalities and seeded by a migration. */
@Entity('qualification')
export class Qualification {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  serviceArea: ServiceArea;
}
