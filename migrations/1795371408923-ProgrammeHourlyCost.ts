import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What one substitute hour costs in a service area of a programme (kronor, to the öre): the programme report
 * prices booked hours with it. Optional: allocations made before stay without one.
 */
export class ProgrammeHourlyCost1795371408923 implements MigrationInterface {
    name = 'ProgrammeHourlyCost1795371408923'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "programme_allocation" ADD "hourly_cost_sek" numeric(12,2)`);
        await queryRunner.query(`ALTER TABLE "programme_allocation" ADD CONSTRAINT "ck_programme_allocation_hourly_cost" CHECK ("hourly_cost_sek" >= 0)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "programme_allocation" DROP CONSTRAINT "ck_programme_allocation_hourly_cost"`);
        await queryRunner.query(`ALTER TABLE "programme_allocation" DROP COLUMN "hourly_cost_sek"`);
    }

}
