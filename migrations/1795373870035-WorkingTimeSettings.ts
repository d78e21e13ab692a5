import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working-time rules (daily rest, weekly rest, monthly hour cap) and LAS thresholds per municipality,
 * owned by the bookings module; no row means the defaults. Under row-level security like every table
 * with a municipality_id.
 */
export class WorkingTimeSettings1795373870035 implements MigrationInterface {
  name = 'WorkingTimeSettings1795373870035';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "working_time_settings" ("municipality_id" uuid NOT NULL, "daily_rest_hours" integer NOT NULL, "weekly_rest_hours" integer NOT NULL, "monthly_hour_cap" integer NOT NULL, "las_warning_days" integer NOT NULL, "las_sava_conversion_days" integer NOT NULL, "las_vikariat_conversion_days" integer NOT NULL, "las_rehire_days" integer NOT NULL, "las_rehire_sava_days" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_working_time_las" CHECK ("las_warning_days" >= 0 AND "las_sava_conversion_days" > 0 AND "las_vikariat_conversion_days" > 0 AND "las_rehire_days" > 0 AND "las_rehire_sava_days" > 0), CONSTRAINT "ck_working_time_monthly_cap" CHECK ("monthly_hour_cap" BETWEEN 1 AND 744), CONSTRAINT "ck_working_time_weekly_rest" CHECK ("weekly_rest_hours" BETWEEN 1 AND 72), CONSTRAINT "ck_working_time_daily_rest" CHECK ("daily_rest_hours" BETWEEN 1 AND 24), CONSTRAINT "PK_63155ab6772daf3851f9d0ee0ad" PRIMARY KEY ("municipality_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "working_time_settings" ADD CONSTRAINT "FK_63155ab6772daf3851f9d0ee0ad" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "working_time_settings" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY municipality_isolation ON "working_time_settings" USING ("municipality_id" = NULLIF(current_setting('app.municipality_id', true), '')::uuid)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP POLICY municipality_isolation ON "working_time_settings"`);
    await queryRunner.query(`DROP TABLE "working_time_settings"`);
  }
}
