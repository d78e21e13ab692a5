import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ServiceArea } from '../organisation/service-area';
import { Programme } from './programme.entity';

/** The part of a programme's budget set aside for one service area. */
@Entity('programme_allocation')
@Check('ck_programme_allocation_amount', `"amount_sek" >= 0`)
export class ProgrammeAllocation {
  @PrimaryColumn('uuid')
  programmeId: string;

  @PrimaryColumn('text')
  serviceArea: ServiceArea;

  @Column('uuid')
  municipalityId: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amountSek: number;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;
}
