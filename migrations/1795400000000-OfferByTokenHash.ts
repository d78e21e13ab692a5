import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose offer a link's token is, in one round trip. A link carries no municipality, so the look-up must read
 * across them; until now it did so in a transaction of its own switched to the system role (four round
 * trips), on every click of every substitute, at the moments when many click at once. This function is the
 * narrow door instead: it runs as the owner of the tables (SECURITY DEFINER, beside the row policies), reads
 * one offer by the hash of its token and its vacancy's status, and nothing else. Only the application's roles
 * may call it. PL/pgSQL rather than SQL: a function with its own search_path is never inlined, and only
 * PL/pgSQL keeps the plan of its query for the session instead of planning it on every call.
 */
export class OfferByTokenHash1795400000000 implements MigrationInterface {
  name = 'OfferByTokenHash1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION offer_by_token_hash(hash text)
      RETURNS TABLE (id uuid, municipality_id uuid, vacancy_id uuid, substitute_id uuid, wave integer, status text, expires_at timestamptz,
                     answered_at timestamptz, rank_reason jsonb, created_at timestamptz, vacancy_status text)
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
      BEGIN
        RETURN QUERY
        SELECT o.id, o.municipality_id, o.vacancy_id, o.substitute_id, o.wave, o.status, o.expires_at, o.answered_at, o.rank_reason, o.created_at, v.status
          FROM offer o JOIN vacancy v ON v.id = o.vacancy_id
         WHERE o.token_hash = hash;
      END
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION offer_by_token_hash(text) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION offer_by_token_hash(text) TO vikariebanken_app, vikariebanken_system`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION offer_by_token_hash(text)`);
  }
}
