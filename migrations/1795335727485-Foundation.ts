import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795335727485 implements MigrationInterface {
    name = 'Foundation1795335727485'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // btree_gist lets exclusion constraints combine "=" on ids with "&&" on tstzrange periods.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
        await queryRunner.query(`CREATE TABLE "municipality" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_municipality_name" UNIQUE ("name"), CONSTRAINT "PK_281ad341f20df7c41b83a182e2a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "name" text NOT NULL, "service_area" text NOT NULL, "district" text NOT NULL, "address" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_unit_service_area" CHECK ("service_area" IN ('utbildning', 'vard_omsorg', 'socialtjanst', 'kost')), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_unit_municipality" ON "unit" ("municipality_id", "name") `);
        await queryRunner.query(`CREATE TABLE "programme_allocation" ("programme_id" uuid NOT NULL, "service_area" text NOT NULL, "municipality_id" uuid NOT NULL, "amount_sek" bigint NOT NULL, CONSTRAINT "ck_programme_allocation_amount" CHECK ("amount_sek" >= 0), CONSTRAINT "PK_5be609ec510395b7faa1965e43e" PRIMARY KEY ("programme_id", "service_area"))`);
        await queryRunner.query(`CREATE TABLE "programme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "name" text NOT NULL, "budget_sek" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_programme_municipality" ON "programme" ("municipality_id") `);
        await queryRunner.query(`CREATE TABLE "qualification" ("code" text NOT NULL, "name" text NOT NULL, "service_area" text NOT NULL, CONSTRAINT "PK_ba1e477aaaa6b5703968001fb9a" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "absence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "reason" text NOT NULL, "qualification_code" text NOT NULL, "programme_id" uuid, "note" text, "created_by" uuid NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_absence_reason" CHECK ("reason" IN ('study_leave', 'sick', 'parental', 'vacation', 'other')), CONSTRAINT "PK_30089b15c0f880f026581218c16" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_absence_unit" ON "absence" ("municipality_id", "unit_id") `);
        await queryRunner.query(`CREATE TABLE "vacancy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "absence_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "qualification_code" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "wave_count" integer NOT NULL DEFAULT '0', "next_wave_at" TIMESTAMP WITH TIME ZONE, "filled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_vacancy_status" CHECK ("status" IN ('open', 'offering', 'filled', 'unfilled', 'cancelled')), CONSTRAINT "PK_8fa1981f63bc24e1712707d492b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_vacancy_next_wave" ON "vacancy" ("next_wave_at") WHERE "status" IN ('open', 'offering')`);
        await queryRunner.query(`CREATE INDEX "ix_vacancy_live_starts" ON "vacancy" ("starts_at") WHERE "status" IN ('open', 'offering')`);
        await queryRunner.query(`CREATE INDEX "ix_vacancy_absence" ON "vacancy" ("absence_id") `);
        await queryRunner.query(`CREATE INDEX "ix_vacancy_unit_status" ON "vacancy" ("municipality_id", "unit_id", "status") `);
        await queryRunner.query(`CREATE TABLE "vacancy_shift" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vacancy_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, "period" tstzrange NOT NULL, CONSTRAINT "ck_vacancy_shift_period" CHECK (NOT isempty("period") AND lower_inc("period") AND NOT upper_inc("period") AND upper("period") - lower("period") <= interval '24 hours'), CONSTRAINT "PK_a182c9f59059ffbe450bf84e811" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_vacancy_shift_vacancy" ON "vacancy_shift" ("vacancy_id") `);
        await queryRunner.query(`CREATE TABLE "staff_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "email" text NOT NULL, "password_hash" text NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_staff_user_role" CHECK ("role" IN ('admin', 'manager')), CONSTRAINT "PK_cec9365d9fc3a3409158b645f2e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "staff_user_unit" ("user_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, CONSTRAINT "PK_c5e9f3ac06cd8a1550cf41f0b55" PRIMARY KEY ("user_id", "unit_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_staff_user_unit_unit" ON "staff_user_unit" ("unit_id") `);
        await queryRunner.query(`CREATE TABLE "outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "municipality_id" uuid NOT NULL, "kind" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "done_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_pending" ON "outbox" ("id") WHERE "done_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "substitute" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_id" uuid NOT NULL, "first_name" text NOT NULL, "last_name" text NOT NULL, "email" text NOT NULL, "phone" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "districts" text array NOT NULL DEFAULT '{}', "consented_at" TIMESTAMP WITH TIME ZONE NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_substitute_status" CHECK ("status" IN ('pending', 'active', 'paused', 'removed')), CONSTRAINT "PK_48ee4b1f03967468b80ece17ac0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_substitute_status" ON "substitute" ("municipality_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_substitute_phone" ON "substitute" ("municipality_id", "phone") `);
        await queryRunner.query(`CREATE TABLE "availability_window" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "substitute_id" uuid NOT NULL, "municipality_id" uuid NOT NULL, "period" tstzrange NOT NULL, CONSTRAINT "ex_availability_window_no_overlap" EXCLUDE USING gist ("substitute_id" WITH =, "period" WITH &&), CONSTRAINT "PK_4394b198b46489d902698d50b74" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "substitute_qualification" ("substitute_id" uuid NOT NULL, "qualification_code" text NOT NULL, "municipality_id" uuid NOT NULL, "verified_at" TIMESTAMP(3) WITH TIME ZONE, "valid_until" date, CONSTRAINT "PK_6f2fbaff64bab5c27f65d7288a8" PRIMARY KEY ("substitute_id", "qualification_code"))`);
        await queryRunner.query(`CREATE INDEX "ix_substitute_qualification_match" ON "substitute_qualification" ("qualification_code", "municipality_id", "verified_at", "substitute_id") WHERE "verified_at" IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "unit" ADD CONSTRAINT "FK_6489a605d7c84cb3fe1759d7242" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_allocation" ADD CONSTRAINT "FK_42e49b4f25ddac82f614f8a4748" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme" ADD CONSTRAINT "FK_34112f5e9b914a57b73f42940e9" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "absence" ADD CONSTRAINT "FK_5bd8f7dab3bcee5fde89191f1eb" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "absence" ADD CONSTRAINT "FK_8cedf78942fdd22f3d2da45f11d" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "absence" ADD CONSTRAINT "FK_d0773df88a4932b728ee971c123" FOREIGN KEY ("qualification_code") REFERENCES "qualification"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "absence" ADD CONSTRAINT "FK_1c673126c6b1bb9f86e7fe67642" FOREIGN KEY ("programme_id") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "FK_00bd391aff1b5ba6a15bd42ee57" FOREIGN KEY ("absence_id") REFERENCES "absence"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "vacancy" ADD CONSTRAINT "FK_e0412f40e6cbd8d2e8cf99bc121" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "vacancy_shift" ADD CONSTRAINT "FK_e806e7b2b1f3ae3bf36347469eb" FOREIGN KEY ("vacancy_id") REFERENCES "vacancy"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "staff_user" ADD CONSTRAINT "FK_0a13b79c896db88d5837b8e891b" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "staff_user_unit" ADD CONSTRAINT "FK_c71186cf109b916d3f15a642880" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "staff_user_unit" ADD CONSTRAINT "FK_cca1cc3bc9fbcdbe3b738e32961" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "substitute" ADD CONSTRAINT "FK_efe2fc0e2c335c33c2b7baa518a" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "availability_window" ADD CONSTRAINT "FK_5adf9c4c1ad09e1ddef995dbc98" FOREIGN KEY ("substitute_id") REFERENCES "substitute"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "substitute_qualification" ADD CONSTRAINT "FK_648afe3e17ab45b204785baa0e4" FOREIGN KEY ("substitute_id") REFERENCES "substitute"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "substitute_qualification" ADD CONSTRAINT "FK_4f8758db5f28a491ee51e271327" FOREIGN KEY ("qualification_code") REFERENCES "qualification"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
            // Email addresses are compared case-insensitively; sign-in is by email alone, so staff emails are unique everywhere.
        // Who is available at a given time, for the candidate query.
        await queryRunner.query(`CREATE INDEX "ix_availability_window_period" ON "availability_window" USING gist ("period")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_staff_user_email" ON "staff_user" (lower("email"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_substitute_email" ON "substitute" ("municipality_id", lower("email"))`);
        await queryRunner.query(`INSERT INTO "qualification" ("code", "name", "service_area") VALUES
            ('legitimerad_larare', 'Legitimerad lärare', 'utbildning'),
            ('forskollarare', 'Förskollärare', 'utbildning'),
            ('barnskotare', 'Barnskötare', 'utbildning'),
            ('elevassistent', 'Elevassistent', 'utbildning'),
            ('underskoterska', 'Undersköterska', 'vard_omsorg'),
            ('vardbitrade', 'Vårdbiträde', 'vard_omsorg'),
            ('sjukskoterska', 'Sjuksköterska', 'vard_omsorg'),
            ('personlig_assistent', 'Personlig assistent', 'vard_omsorg'),
            ('socialsekreterare', 'Socialsekreterare', 'socialtjanst'),
            ('behandlingsassistent', 'Behandlingsassistent', 'socialtjanst'),
            ('kock', 'Kock', 'kost'),
            ('ekonomibitrade', 'Ekonomibiträde', 'kost')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_substitute_email"`);
        await queryRunner.query(`DROP INDEX "public"."uq_staff_user_email"`);
        await queryRunner.query(`DROP INDEX "public"."ix_availability_window_period"`);
        await queryRunner.query(`ALTER TABLE "substitute_qualification" DROP CONSTRAINT "FK_4f8758db5f28a491ee51e271327"`);
        await queryRunner.query(`ALTER TABLE "substitute_qualification" DROP CONSTRAINT "FK_648afe3e17ab45b204785baa0e4"`);
        await queryRunner.query(`ALTER TABLE "availability_window" DROP CONSTRAINT "FK_5adf9c4c1ad09e1ddef995dbc98"`);
        await queryRunner.query(`ALTER TABLE "substitute" DROP CONSTRAINT "FK_efe2fc0e2c335c33c2b7baa518a"`);
        await queryRunner.query(`ALTER TABLE "staff_user_unit" DROP CONSTRAINT "FK_cca1cc3bc9fbcdbe3b738e32961"`);
        await queryRunner.query(`ALTER TABLE "staff_user_unit" DROP CONSTRAINT "FK_c71186cf109b916d3f15a642880"`);
        await queryRunner.query(`ALTER TABLE "staff_user" DROP CONSTRAINT "FK_0a13b79c896db88d5837b8e891b"`);
        await queryRunner.query(`ALTER TABLE "vacancy_shift" DROP CONSTRAINT "FK_e806e7b2b1f3ae3bf36347469eb"`);
        await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "FK_e0412f40e6cbd8d2e8cf99bc121"`);
        await queryRunner.query(`ALTER TABLE "vacancy" DROP CONSTRAINT "FK_00bd391aff1b5ba6a15bd42ee57"`);
        await queryRunner.query(`ALTER TABLE "absence" DROP CONSTRAINT "FK_1c673126c6b1bb9f86e7fe67642"`);
        await queryRunner.query(`ALTER TABLE "absence" DROP CONSTRAINT "FK_d0773df88a4932b728ee971c123"`);
        await queryRunner.query(`ALTER TABLE "absence" DROP CONSTRAINT "FK_8cedf78942fdd22f3d2da45f11d"`);
        await queryRunner.query(`ALTER TABLE "absence" DROP CONSTRAINT "FK_5bd8f7dab3bcee5fde89191f1eb"`);
        await queryRunner.query(`ALTER TABLE "programme" DROP CONSTRAINT "FK_34112f5e9b914a57b73f42940e9"`);
        await queryRunner.query(`ALTER TABLE "programme_allocation" DROP CONSTRAINT "FK_42e49b4f25ddac82f614f8a4748"`);
        await queryRunner.query(`ALTER TABLE "unit" DROP CONSTRAINT "FK_6489a605d7c84cb3fe1759d7242"`);
        await queryRunner.query(`DROP INDEX "public"."ix_substitute_qualification_match"`);
        await queryRunner.query(`DROP TABLE "substitute_qualification"`);
        await queryRunner.query(`DROP TABLE "availability_window"`);
        await queryRunner.query(`DROP INDEX "public"."uq_substitute_phone"`);
        await queryRunner.query(`DROP INDEX "public"."ix_substitute_status"`);
        await queryRunner.query(`DROP TABLE "substitute"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_pending"`);
        await queryRunner.query(`DROP TABLE "outbox"`);
        await queryRunner.query(`DROP INDEX "public"."ix_staff_user_unit_unit"`);
        await queryRunner.query(`DROP TABLE "staff_user_unit"`);
        await queryRunner.query(`DROP TABLE "staff_user"`);
        await queryRunner.query(`DROP INDEX "public"."ix_vacancy_shift_vacancy"`);
        await queryRunner.query(`DROP TABLE "vacancy_shift"`);
        await queryRunner.query(`DROP INDEX "public"."ix_vacancy_unit_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_vacancy_absence"`);
        await queryRunner.query(`DROP INDEX "public"."ix_vacancy_live_starts"`);
        await queryRunner.query(`DROP INDEX "public"."ix_vacancy_next_wave"`);
        await queryRunner.query(`DROP TABLE "vacancy"`);
        await queryRunner.query(`DROP INDEX "public"."ix_absence_unit"`);
        await queryRunner.query(`DROP TABLE "absence"`);
        await queryRunner.query(`DROP TABLE "qualification"`);
        await queryRunner.query(`DROP INDEX "public"."ix_programme_municipality"`);
        await queryRunner.query(`DROP TABLE "programme"`);
        await queryRunner.query(`DROP TABLE "programme_allocation"`);
        await queryRunner.query(`DROP INDEX "public"."ix_unit_municipality"`);
        await queryRunner.query(`DROP TABLE "unit"`);
        await queryRunner.query(`DROP TABLE "municipality"`);
    }

}
