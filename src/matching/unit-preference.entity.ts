import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../organisation/unit.entity';
import { Substitute } from '../substitutes/substitute.entity';

export type PreferenceKind = 'preferred' | 'blocked';

/** A unit's preferred substitutes (offered first) and blocked ones (never offered). */
@Entity('unit_preference')
@Index('ix_unit_preference_substitute', ['substituteId'])
@Check('ck_unit_preference_kind', `"kind" IN ('preferred', 'blocked')`)
export class UnitPreference {
  @PrimaryColumn('uuid')
  unitId: string;

  @PrimaryColumn('uuid')
  substituteId: string;

  @Column('uuid')
  municipalityId: string;

  @Column('text')
  kind: PreferenceKind;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @ManyToOne(() => Substitute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id' })
  substitute?: Substitute;
}
