import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { ErrorDetail, notFound, validationFailed } from '../common/errors';
import { CreateProgrammeDto } from './dto/create-programme.dto';
import { ProgrammeAllocation } from './programme-allocation.entity';
import { Programme } from './programme.entity';

export interface ProgrammeView {
  id: string;
  name: string;
  budgetSek: number;
  allocations: { serviceArea: string; amountSek: number }[];
  createdAt: Date;
}

@Injectable()
export class ProgrammesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(actor: Actor, dto: CreateProgrammeDto): Promise<ProgrammeView> {
    const details: ErrorDetail[] = [];
    const seen = new Set<string>();
    dto.allocations.forEach((a, i) => {
      if (seen.has(a.serviceArea)) details.push({ field: `allocations.${i}.serviceArea`, problem: `allocates ${a.serviceArea} twice` });
      seen.add(a.serviceArea);
    });
    const allocated = dto.allocations.reduce((sum, a) => sum + a.amountSek, 0);
    if (allocated > dto.budgetSek) {
      details.push({ field: 'allocations', problem: `allocate ${allocated} SEK, more than the budget of ${dto.budgetSek} SEK` });
    }
    if (details.length > 0) throw validationFailed(`Invalid programme: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}.`, details);

    return this.db.transaction(async (tx) => {
      const programme = await tx.getRepository(Programme).save({ municipalityId: actor.municipalityId, name: dto.name, budgetSek: dto.budgetSek });
      const allocations = dto.allocations.map((a) => ({ programmeId: programme.id, municipalityId: actor.municipalityId, serviceArea: a.serviceArea, amountSek: a.amountSek }));
      if (allocations.length > 0) await tx.getRepository(ProgrammeAllocation).insert(allocations);
      return {
        id: programme.id,
        name: programme.name,
        budgetSek: programme.budgetSek,
        allocations: allocations.map(({ serviceArea, amountSek }) => ({ serviceArea, amountSek })),
        createdAt: programme.createdAt,
      };
    });
  }

  /** Throws 404 unless the programme belongs to the municipality. */
  async assertExists(municipalityId: string, id: string, manager: EntityManager = this.db.manager): Promise<void> {
    if (!(await manager.getRepository(Programme).exists({ where: { id, municipalityId } }))) throw notFound('The programme');
  }
}
