import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employment days from before this service, imported from the earlier system, counted for LAS like booked
 * days; owned by the bookings module. Under row-level security like every table with a municipality_id.
 * Importing them is audited under an action of its own.
 */
export class LasHistory1795374429822 implements MigrationInterface {
  name = 'LasHistory1795374429822';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "las_history_day" ("substitute_id" uuid NOT NULL, "date" date NOT NULL, "form" text NOT NULL, "municipality_id" uuid NOT NULL, CONSTRAINT "ck_las_history_day_form" CHECK ("form" IN ('vikariat', 'sava')), CONSTRAINT "PK_7a0de791348093709ff7c672836" PRIMARY KEY ("substitute_id", "date", "form"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_las_history_day_municipality" ON "las_history_day" ("municipality_id") `);
    await queryRunner.query(
      `ALTER TABLE "las_history_day" ADD CONSTRAINT "FK_aa2322b6fce0ebc29dba6a85a29" FOREIGN KEY ("substitute_id") REFERENCES "substitute"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "las_history_day" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY municipality_isolation ON "las_history_day" USING ("municipality_id" = NULLIF(current_setting('app.municipality_id', true), '')::uuid)`,
    );

    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "ck_audit_entry_action"`);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "ck_audit_entry_action" CHECK ("action" IN ('signed_in', 'sign_in_failed', 'user_created', 'substitute_updated', 'absence_posted', 'absence_cancelled', 'vacancy_cancelled', 'vacancy_taken', 'booked_by_hand', 'offer_accepted', 'booking_cancelled', 'data_exported', 'payroll_exported', 'substitute_erased', 'matching_settings_changed', 'unit_preferences_changed', 'las_history_imported'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "ck_audit_entry_action"`);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "ck_audit_entry_action" CHECK ("action" IN ('signed_in', 'sign_in_failed', 'user_created', 'substitute_updated', 'absence_posted', 'absence_cancelled', 'vacancy_cancelled', 'vacancy_taken', 'booked_by_hand', 'offer_accepted', 'booking_cancelled', 'data_exported', 'payroll_exported', 'substitute_erased', 'matching_settings_changed', 'unit_preferences_changed'))`,
    );
    await queryRunner.query(`DROP POLICY municipality_isolation ON "las_history_day"`);
    await queryRunner.query(`DROP TABLE "las_history_day"`);
  }
}
