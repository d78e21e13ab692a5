import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ServiceArea } from '../organisation/service-area';
import { Programme } from './programme.entity';

/** The part of a programme's budget set aside for one service area. */
@Entity('programme_allocation')
@Check('ck_programme_allocation_amount', `"amount_sek" >= 0`)
@Check('ck_programme_allocation_hourly_cost', `"hourly_cost_sek" >= 0`)
export class ProgrammeAllocation {
  @PrimaryColumn('uuid')
  programmeId: string;

  @PrimaryColumn('text')
  serviceArea: ServiceArea;

  @Column('uuid')
  municipalityId: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  amountSek: number;

  /** What one substitute hour costs in this service area, in kronor (to the öre); null when not set. Prices the programme report. */
  @Column('numeric', { precision: 12, scale: 2, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  hourlyCostSek: number | null;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Programme;
}
