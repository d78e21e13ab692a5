import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';
import type { MatchingSettings } from './wave-plan';

/** A municipality's own wave plan; absent means the defaults. */
@Entity('matching_settings')
export class MatchingSettingsRow {
  @PrimaryColumn('uuid')
  municipalityId: string;

  @Column('jsonb')
  settings: MatchingSettings;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;
}
