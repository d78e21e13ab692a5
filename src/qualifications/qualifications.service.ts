import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Qualification } from './qualification.entity';

@Injectable()
export class QualificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<Qualification[]> {
    return this.db.getRepository(Qualification).find({ order: { serviceArea: 'ASC', code: 'ASC' } });
  }

  get(code: string, manager: EntityManager = this.db.manager): Promise<Qualification | null> {
    return manager.getRepository(Qualification).findOneBy({ code });
  }

  /** The codes among `codes` that are not in the catalogue. */
  async unknownCodes(codes: string[], manager: EntityManager = this.db.manager): Promise<string[]> {
    if (codes.length === 0) return [];
    const known = await manager.getRepository(Qualification).find({ select: { code: true }, where: { code: In(codes) } });
    const knownCodes = new Set(known.map((q) => q.code));
    return codes.filter((c) => !knownCodes.has(c));
  }
}
