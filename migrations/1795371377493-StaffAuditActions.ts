import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bookings by hand and payroll exports are audited under actions of their own. */
export class StaffAuditActions1795371377493 implements MigrationInterface {
  name = 'StaffAuditActions1795371377493';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "ck_audit_entry_action"`);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "ck_audit_entry_action" CHECK ("action" IN ('signed_in', 'sign_in_failed', 'user_created', 'substitute_updated', 'absence_posted', 'absence_cancelled', 'vacancy_cancelled', 'vacancy_taken', 'booked_by_hand', 'offer_accepted', 'booking_cancelled', 'data_exported', 'payroll_exported', 'substitute_erased', 'matching_settings_changed', 'unit_preferences_changed'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP CONSTRAINT "ck_audit_entry_action"`);
    await queryRunner.query(
      `ALTER TABLE "audit_entry" ADD CONSTRAINT "ck_audit_entry_action" CHECK ("action" IN ('signed_in', 'sign_in_failed', 'user_created', 'substitute_updated', 'absence_posted', 'absence_cancelled', 'vacancy_cancelled', 'vacancy_taken', 'offer_accepted', 'booking_cancelled', 'data_exported', 'substitute_erased', 'matching_settings_changed', 'unit_preferences_changed'))`,
    );
  }
}
