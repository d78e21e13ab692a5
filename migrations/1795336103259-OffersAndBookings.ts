import { MigrationInterface, QueryRunner } from "typeorm";

export class OffersAndBookings1795336103259 implements MigrationInterface {
    name = 'OffersAndBookings1795336103259'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "booking" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "vacancy_id" uuid NOT NULL, "substitute_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "offer_id" uuid, "status" text NOT NULL DEFAULT 'confirmed', "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_booking_status" CHECK ("status" IN ('confirmed', 'cancelled')), CONSTRAINT "PK_49171efc69702ed84c812f33540" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_booking_vacancy_substitute" ON "booking" ("vacancy_id", "substitute_id") `);
        await queryRunner.query(`CREATE INDEX "ix_booking_unit_substitute" ON "booking" ("unit_id", "substitute_id") WHERE "status" = 'confirmed'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_booking_vacancy_confirmed" ON "booking" ("vacancy_id") WHERE "status" = 'confirmed'`);
        await queryRunner.query(`CREATE TABLE "booked_shift" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "booking_id" uuid NOT NULL, "substitute_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "period" tstzrange NOT NULL, "rest_zone" tstzrange NOT NULL, CONSTRAINT "ex_booked_shift_rest" EXCLUDE USING gist ("substitute_id" WITH =, "booking_id" WITH <>, "rest_zone" WITH &&), CONSTRAINT "ex_booked_shift_overlap" EXCLUDE USING gist ("substitute_id" WITH =, "period" WITH &&), CONSTRAINT "PK_0a6e122b4de46ca6909dedb7323" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_booked_shift_booking" ON "booked_shift" ("booking_id") `);
        // Shifts booked in a fairness window (the candidate query's last resort). Period alone: with the
        // substitute's exclusion index beside it, a (municipality_id, period) index lost the planner's vote.
        await queryRunner.query(`CREATE INDEX "ix_booked_shift_period" ON "booked_shift" USING gist ("period")`);
        await queryRunner.query(`CREATE TABLE "matching_settings" ("municipality_id" uuid NOT NULL, "settings" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9afbfc15c2c748e59e89eac8868" PRIMARY KEY ("municipality_id"))`);
        await queryRunner.query(`CREATE TABLE "unit_preference" ("unit_id" uuid NOT NULL, "substitute_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, "kind" text NOT NULL, CONSTRAINT "ck_unit_preference_kind" CHECK ("kind" IN ('preferred', 'blocked')), CONSTRAINT "PK_48c5a9a6227260188182d1d44dc" PRIMARY KEY ("unit_id", "substitute_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_unit_preference_substitute" ON "unit_preference" ("substitute_id") `);
        await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "dedupe_key" text NOT NULL, "kind" text NOT NULL, "channel" text NOT NULL, "recipient" text NOT NULL, "offer_id" uuid, "subject" text, "body" text NOT NULL, "html" text, "attachments" jsonb NOT NULL DEFAULT '[]', "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "provider_message_id" text, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_notification_dedupe" UNIQUE ("dedupe_key"), CONSTRAINT "ck_notification_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped')), CONSTRAINT "ck_notification_channel" CHECK ("channel" IN ('sms', 'email')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_notification_offer" ON "notification" ("offer_id") `);
        await queryRunner.query(`CREATE TABLE "offer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "vacancy_id" uuid NOT NULL, "substitute_id" uuid NOT NULL, "wave" integer NOT NULL, "status" text NOT NULL DEFAULT 'pending', "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "rank_reason" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_offer_token_hash" UNIQUE ("token_hash"), CONSTRAINT "ck_offer_status" CHECK ("status" IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')), CONSTRAINT "PK_57c6ae1abe49201919ef68de900" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_offer_substitute" ON "offer" ("substitute_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_offer_vacancy_substitute" ON "offer" ("vacancy_id", "substitute_id") WHERE "status" <> 'withdrawn'`);
        await queryRunner.query(`CREATE INDEX "ix_offer_pending_expiry" ON "offer" ("expires_at") WHERE "status" = 'pending'`);
        await queryRunner.query(`ALTER TABLE "booking" ADD CONSTRAINT "FK_20c41c465432126a27bdb826d08" FOREIGN KEY ("vacancy_id") REFERENCES "vacancy"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "booking" ADD CONSTRAINT "FK_1ec3020f18b5f88105c88ec1a03" FOREIGN KEY ("substitute_id") REFERENCES "substitute"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "booked_shift" ADD CONSTRAINT "FK_2f42d4b062604a318c0bbbc7100" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "matching_settings" ADD CONSTRAINT "FK_9afbfc15c2c748e59e89eac8868" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "unit_preference" ADD CONSTRAINT "FK_ca9e54235018ecd6f793464c418" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "unit_preference" ADD CONSTRAINT "FK_4e0d8e893db721ae6c5f83f14f5" FOREIGN KEY ("substitute_id") REFERENCES "substitute"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "offer" ADD CONSTRAINT "FK_16c5e9cdbe7ec279cab4eb72a1a" FOREIGN KEY ("vacancy_id") REFERENCES "vacancy"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "offer" ADD CONSTRAINT "FK_c57b6483eb9082fe44243aa9168" FOREIGN KEY ("substitute_id") REFERENCES "substitute"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "offer" DROP CONSTRAINT "FK_c57b6483eb9082fe44243aa9168"`);
        await queryRunner.query(`ALTER TABLE "offer" DROP CONSTRAINT "FK_16c5e9cdbe7ec279cab4eb72a1a"`);
        await queryRunner.query(`ALTER TABLE "unit_preference" DROP CONSTRAINT "FK_4e0d8e893db721ae6c5f83f14f5"`);
        await queryRunner.query(`ALTER TABLE "unit_preference" DROP CONSTRAINT "FK_ca9e54235018ecd6f793464c418"`);
        await queryRunner.query(`ALTER TABLE "matching_settings" DROP CONSTRAINT "FK_9afbfc15c2c748e59e89eac8868"`);
        await queryRunner.query(`ALTER TABLE "booked_shift" DROP CONSTRAINT "FK_2f42d4b062604a318c0bbbc7100"`);
        await queryRunner.query(`ALTER TABLE "booking" DROP CONSTRAINT "FK_1ec3020f18b5f88105c88ec1a03"`);
        await queryRunner.query(`ALTER TABLE "booking" DROP CONSTRAINT "FK_20c41c465432126a27bdb826d08"`);
        await queryRunner.query(`DROP INDEX "public"."ix_offer_pending_expiry"`);
        await queryRunner.query(`DROP INDEX "public"."uq_offer_vacancy_substitute"`);
        await queryRunner.query(`DROP INDEX "public"."ix_offer_substitute"`);
        await queryRunner.query(`DROP TABLE "offer"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notification_offer"`);
        await queryRunner.query(`DROP TABLE "notification"`);
        await queryRunner.query(`DROP INDEX "public"."ix_unit_preference_substitute"`);
        await queryRunner.query(`DROP TABLE "unit_preference"`);
        await queryRunner.query(`DROP TABLE "matching_settings"`);
        await queryRunner.query(`DROP INDEX "public"."ix_booked_shift_period"`);
        await queryRunner.query(`DROP INDEX "public"."ix_booked_shift_booking"`);
        await queryRunner.query(`DROP TABLE "booked_shift"`);
        await queryRunner.query(`DROP INDEX "public"."uq_booking_vacancy_confirmed"`);
        await queryRunner.query(`DROP INDEX "public"."ix_booking_unit_substitute"`);
        await queryRunner.query(`DROP INDEX "public"."ix_booking_vacancy_substitute"`);
        await queryRunner.query(`DROP TABLE "booking"`);
    }

}
