import { MigrationInterface, QueryRunner } from "typeorm";

/** A daily SMS budget per municipality, and the status of an SMS held back by it. */

export class SmsBudget1795365066158 implements MigrationInterface {
    name = 'SmsBudget1795365066158'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sms_day_count" ("municipality_id" uuid NOT NULL, "day" date NOT NULL, "sent" integer NOT NULL, CONSTRAINT "PK_db49b1d3d8782e4dcd8b441ca1b" PRIMARY KEY ("municipality_id", "day"))`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_status"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped', 'over_budget'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "notification" SET "status" = 'failed' WHERE "status" = 'over_budget'`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_status"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'skipped'))`);
        await queryRunner.query(`DROP TABLE "sms_day_count"`);
    }

}
