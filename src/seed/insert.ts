import { EntityManager, ObjectLiteral } from 'typeorm';

const INSERT_CHUNK = 2000;

/** Inserts rows as they are (explicit ids and times included), a chunk per statement. */
export async function insertInChunks<T extends ObjectLiteral>(tx: EntityManager, entity: new () => T, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute();
  }
}
