import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { DEFAULT_WORKING_TIME, WorkingTimeRules } from './working-time';

/** The LAS limits a municipality counts against (API.md, Rules of the trade), and its warning margin. */
export interface LasThresholds {
  /** Warn when a booking would leave fewer days than this to a limit. */
  lasWarningDays: number;
  /** sava_conversion: more than this many sava days within 5 years. */
  lasSavaConversionDays: number;
  /** vikariat_conversion: more than this many vikariat days within 5 years. */
  lasVikariatConversionDays: number;
  /** preferential_rehire: more than this many days of either within 3 years ... */
  lasRehireDays: number;
  /** ... or this many sava days within 3 years. */
  lasRehireSavaDays: number;
}

export type WorkingTimeSettings = WorkingTimeRules & LasThresholds;

export const DEFAULT_WORKING_TIME_SETTINGS: WorkingTimeSettings = {
  ...DEFAULT_WORKING_TIME,
  lasWarningDays: 30,
  lasSavaConversionDays: 365,
  lasVikariatConversionDays: 731,
  lasRehireDays: 365,
  lasRehireSavaDays: 274,
};

const FIELDS = Object.keys(DEFAULT_WORKING_TIME_SETTINGS) as (keyof WorkingTimeSettings)[];
const COLUMN: Record<keyof WorkingTimeSettings, string> = {
  dailyRestHours: 'daily_rest_hours',
  weeklyRestHours: 'weekly_rest_hours',
  monthlyHourCap: 'monthly_hour_cap',
  lasWarningDays: 'las_warning_days',
  lasSavaConversionDays: 'las_sava_conversion_days',
  lasVikariatConversionDays: 'las_vikariat_conversion_days',
  lasRehireDays: 'las_rehire_days',
  lasRehireSavaDays: 'las_rehire_sava_days',
};

/** A municipality's working-time rules and LAS thresholds (table working_time_settings); the defaults until it sets its own. */
@Injectable()
export class WorkingTimeSettingsRepository {
  constructor(private readonly db: Database) {}

  async get(municipalityId: string): Promise<WorkingTimeSettings> {
    const row = await this.db.row<WorkingTimeSettings>(
      `SELECT ${FIELDS.map((f) => `${COLUMN[f]} AS "${f}"`).join(', ')} FROM working_time_settings WHERE municipality_id = $1`,
      [municipalityId],
    );
    return row ?? DEFAULT_WORKING_TIME_SETTINGS;
  }

  /** Saves the fields given; the others keep their value (or default). */
  async save(municipalityId: string, changes: Partial<WorkingTimeSettings>): Promise<WorkingTimeSettings> {
    const settings = { ...(await this.get(municipalityId)), ...changes };
    await this.db.execute(
      `INSERT INTO working_time_settings (municipality_id, ${FIELDS.map((f) => COLUMN[f]).join(', ')}) VALUES ($1, ${FIELDS.map((_, i) => `$${i + 2}`).join(', ')})
       ON CONFLICT (municipality_id) DO UPDATE SET ${FIELDS.map((f) => `${COLUMN[f]} = excluded.${COLUMN[f]}`).join(', ')}, updated_at = now()`,
      [municipalityId, ...FIELDS.map((f) => settings[f])],
    );
    return settings;
  }
}
