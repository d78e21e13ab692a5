import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Municipality } from '../organisation/municipality.entity';

/** A municipality's working-time rules and LAS thresholds; absent means the defaults. */
@Entity('working_time_settings')
@Check('ck_working_time_daily_rest', '"daily_rest_hours" BETWEEN 1 AND 24')
@Check('ck_working_time_weekly_rest', '"weekly_rest_hours" BETWEEN 1 AND 72')
@Check('ck_working_time_monthly_cap', '"monthly_hour_cap" BETWEEN 1 AND 744')
@Check('ck_working_time_las', '"las_warning_days" >= 0 AND "las_sava_conversion_days" > 0 AND "las_vikariat_conversion_days" > 0 AND "las_rehire_days" > 0 AND "las_rehire_sava_days" > 0')
export class WorkingTimeSettingsRow {
  @PrimaryColumn('uuid')
  municipalityId: string;

  @Column('int')
  dailyRestHours: number;

  @Column('int')
  weeklyRestHours: number;

  @Column('int')
  monthlyHourCap: number;

  @Column('int')
  lasWarningDays: number;

  @Column('int')
  lasSavaConversionDays: number;

  @Column('int')
  lasVikariatConversionDays: number;

  @Column('int')
  lasRehireDays: number;

  @Column('int')
  lasRehireSavaDays: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToOne(() => Municipality, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;
}
