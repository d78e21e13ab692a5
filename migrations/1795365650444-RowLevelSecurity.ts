import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security: the api and the worker connect as vikariebanken_app, which owns nothing and may not
 * bypass row-level security, and see only the rows of the municipality their transaction names in
 * `app.municipality_id`. Work across municipalities (sweeps, the bootstrap, finding whose a token is) switches
 * to vikariebanken_system for its transaction (SET LOCAL ROLE), which bypasses the policies.
 *
 * Written by hand: entities do not describe roles or policies. A table added later with a municipality_id
 * needs its policy in its own migration (test/row-level-security.e2e-spec.ts fails until it has one).
 * Roles belong to the whole PostgreSQL cluster: they are created once and never dropped here.
 */
const TENANT_TABLES = [
  'absence',
  'availability_window',
  'booked_shift',
  'booking',
  'matching_settings',
  'notification',
  'offer',
  'one_time_code',
  'outbox',
  'programme',
  'programme_allocation',
  'sms_day_count',
  'staff_user',
  'staff_user_unit',
  'substitute',
  'substitute_qualification',
  'unit',
  'unit_preference',
  'vacancy',
  'vacancy_shift',
  'web_session',
];

const ROLES = 'vikariebanken_app, vikariebanken_system';

export class RowLevelSecurity1795365650444 implements MigrationInterface {
  name = 'RowLevelSecurity1795365650444';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Created only where missing (another database of the server, or an operator, may have made them
    // first), so that an owner without CREATEROLE can migrate once they exist.
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vikariebanken_app') THEN
          CREATE ROLE vikariebanken_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vikariebanken_system') THEN
          CREATE ROLE vikariebanken_system NOLOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
        IF NOT pg_has_role('vikariebanken_app', 'vikariebanken_system', 'MEMBER') THEN
          GRANT vikariebanken_system TO vikariebanken_app;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- a concurrent migration made them
      END $$`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vikariebanken_app' AND (rolsuper OR rolbypassrls)) THEN
          RAISE EXCEPTION 'The role vikariebanken_app must not be a superuser or bypass row-level security';
        END IF;
      END $$`);

    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${ROLES}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ROLES}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ROLES}`);
    await queryRunner.query(`REVOKE ALL ON "migrations" FROM ${ROLES}`);
    // Tables that later migrations create (as the same owner) are granted alike.
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ROLES}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${ROLES}`);

    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      // Unset, the setting is NULL (or '' once a transaction has set it): no row matches.
      await queryRunner.query(
        `CREATE POLICY municipality_isolation ON "${table}" USING ("municipality_id" = NULLIF(current_setting('app.municipality_id', true), '')::uuid)`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`DROP POLICY municipality_isolation ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${ROLES}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${ROLES}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ROLES}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ROLES}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${ROLES}`);
  }
}
