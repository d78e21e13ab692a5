import { Column, Entity, PrimaryColumn } from 'typeorm';

/** SMS a municipality has sent on a local date, against its daily budget (SMS_DAILY_BUDGET). */
@Entity('sms_day_count')
export class SmsDayCount {
  @PrimaryColumn('uuid')
  municipalityId: string;

  @PrimaryColumn('date')
  day: string;

  @Column('int')
  sent: number;
}
