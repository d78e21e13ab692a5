import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The audit log (one table, under row-level security like every table with a municipality), and the
 * indexes the retention sweeps read: finished outbox rows, and messages whose text is still kept.
 */
export class AuditAndRetention1795366478673 implements MigrationInterface {
    name = 'AuditAndRetention1795366478673'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_role" text NOT NULL, "actor_id" uuid, "action" text NOT NULL, "entity" text NOT NULL, "entity_id" uuid NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "ck_audit_entry_actor_role" CHECK ("actor_role" IN ('admin', 'manager', 'substitute', 'anonymous', 'system')), CONSTRAINT "ck_audit_entry_entity" CHECK ("entity" IN ('staff_user', 'substitute', 'absence', 'vacancy', 'booking', 'unit', 'municipality')), CONSTRAINT "ck_audit_entry_action" CHECK ("action" IN ('signed_in', 'sign_in_failed', 'user_created', 'substitute_updated', 'absence_posted', 'absence_cancelled', 'vacancy_cancelled', 'vacancy_taken', 'offer_accepted', 'booking_cancelled', 'data_exported', 'substitute_erased', 'matching_settings_changed', 'unit_preferences_changed')), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "audit_entry" ENABLE ROW LEVEL SECURITY`);
        await queryRunner.query(`CREATE POLICY municipality_isolation ON "audit_entry" USING ("municipality_id" = NULLIF(current_setting('app.municipality_id', true), '')::uuid)`);
        await queryRunner.query(`CREATE INDEX "ix_audit_entry_at" ON "audit_entry" ("at") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_entry_actor" ON "audit_entry" ("municipality_id", "actor_id", "at") `);
        await queryRunner.query(`CREATE INDEX "ix_audit_entry_record" ON "audit_entry" ("municipality_id", "entity", "entity_id", "at") `);
        await queryRunner.query(`CREATE INDEX "ix_outbox_done" ON "outbox" ("done_at") WHERE "done_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_notification_text_kept" ON "notification" ("created_at") WHERE "body" <> ''`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_notification_text_kept"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_done"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_record"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_actor"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_at"`);
        // The policy goes with the table.
        await queryRunner.query(`DROP TABLE "audit_entry"`);
    }

}
