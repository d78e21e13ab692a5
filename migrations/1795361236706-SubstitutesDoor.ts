import { MigrationInterface, QueryRunner } from "typeorm";

/** Sign-in codes and page sessions for substitutes; substitutes who pause themselves, and erasure (GDPR). */

export class SubstitutesDoor1795361236706 implements MigrationInterface {
    name = 'SubstitutesDoor1795361236706'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "web_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "municipality_id" uuid NOT NULL, "role" text NOT NULL, "subject_id" uuid NOT NULL, "csrf_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_web_session_token" UNIQUE ("token_hash"), CONSTRAINT "ck_web_session_role" CHECK ("role" IN ('admin', 'manager', 'substitute')), CONSTRAINT "PK_a20f923225e2b0ea32d675dc9ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_web_session_subject" ON "web_session" ("subject_id") `);
        await queryRunner.query(`CREATE TABLE "one_time_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "substitute_id" uuid NOT NULL, "channel" text NOT NULL, "code_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_one_time_code_channel" CHECK ("channel" IN ('sms', 'email')), CONSTRAINT "PK_9fa97786ad11230e9563879e5bd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_one_time_code_substitute" ON "one_time_code" ("substitute_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "substitute" ADD "paused_by" text`);
        await queryRunner.query(`ALTER TABLE "substitute" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "notification" ADD "one_time_code_id" uuid`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "first_name" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "last_name" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "email" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "phone" DROP NOT NULL`);
        await queryRunner.query(`UPDATE "substitute" SET "paused_by" = 'staff' WHERE "status" = 'paused'`);
        await queryRunner.query(`ALTER TABLE "substitute" DROP CONSTRAINT "ck_substitute_status"`);
        await queryRunner.query(`ALTER TABLE "substitute" ADD CONSTRAINT "ck_substitute_status" CHECK ("status" IN ('pending', 'active', 'paused', 'removed', 'erased'))`);
        await queryRunner.query(`ALTER TABLE "substitute" ADD CONSTRAINT "ck_substitute_erased" CHECK (("status" = 'erased') = ("erased_at" IS NOT NULL) AND ("status" = 'erased' OR ("first_name" IS NOT NULL AND "last_name" IS NOT NULL AND "email" IS NOT NULL AND "phone" IS NOT NULL)))`);
        await queryRunner.query(`ALTER TABLE "substitute" ADD CONSTRAINT "ck_substitute_paused_by" CHECK ("paused_by" IN ('self', 'staff'))`);
        await queryRunner.query(`ALTER TABLE "one_time_code" ADD CONSTRAINT "FK_058a46e0ed5777a8d52932ce061" FOREIGN KEY ("substitute_id") REFERENCES "substitute"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "one_time_code" DROP CONSTRAINT "FK_058a46e0ed5777a8d52932ce061"`);
        await queryRunner.query(`ALTER TABLE "substitute" DROP CONSTRAINT "ck_substitute_paused_by"`);
        await queryRunner.query(`ALTER TABLE "substitute" DROP CONSTRAINT "ck_substitute_erased"`);
        await queryRunner.query(`DELETE FROM "substitute" WHERE "status" = 'erased'`);
        await queryRunner.query(`ALTER TABLE "substitute" DROP CONSTRAINT "ck_substitute_status"`);
        await queryRunner.query(`ALTER TABLE "substitute" ADD CONSTRAINT "ck_substitute_status" CHECK ("status" IN ('pending', 'active', 'paused', 'removed'))`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "phone" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "email" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "last_name" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "substitute" ALTER COLUMN "first_name" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "one_time_code_id"`);
        await queryRunner.query(`ALTER TABLE "substitute" DROP COLUMN "erased_at"`);
        await queryRunner.query(`ALTER TABLE "substitute" DROP COLUMN "paused_by"`);
        await queryRunner.query(`DROP INDEX "public"."ix_one_time_code_substitute"`);
        await queryRunner.query(`DROP TABLE "one_time_code"`);
        await queryRunner.query(`DROP INDEX "public"."ix_web_session_subject"`);
        await queryRunner.query(`DROP TABLE "web_session"`);
    }

}
