import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { EmploymentDay } from './las-days';

/** Employment days from the earlier system (table las_history_day). */
@Injectable()
export class LasHistoryRepository {
  constructor(private readonly db: Database) {}

  /** Replaces the substitute's days with these (each date and form once), in the caller's unit of work. */
  async replace(municipalityId: string, substituteId: string, days: readonly EmploymentDay[]): Promise<void> {
    await this.db.execute(`DELETE FROM las_history_day WHERE substitute_id = $1`, [substituteId]);
    if (days.length === 0) return;
    await this.db.execute(
      `INSERT INTO las_history_day (substitute_id, municipality_id, date, form)
       SELECT $1, $2, d.date, d.form FROM unnest($3::date[], $4::text[]) AS d(date, form) ON CONFLICT DO NOTHING`,
      [substituteId, municipalityId, days.map((d) => d.date), days.map((d) => d.form)],
    );
  }

  /** The substitute's days, in date order. */
  of(substituteId: string): Promise<EmploymentDay[]> {
    return this.db.rows(`SELECT date::text AS date, form FROM las_history_day WHERE substitute_id = $1 ORDER BY date, form`, [substituteId]);
  }

  async forget(substituteId: string): Promise<void> {
    await this.db.execute(`DELETE FROM las_history_day WHERE substitute_id = $1`, [substituteId]);
  }
}
