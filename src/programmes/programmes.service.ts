import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { ErrorDetail, notFound, validationFailed } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { CreateProgrammeDto } from './dto/create-programme.dto';
import { ProgrammeDto, ProgrammeSummaryDto } from './dto/programme.dto';
import { ProgrammeRecord, ProgrammesRepository } from './programmes.repository';

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly repository: ProgrammesRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async create(actor: Actor, dto: CreateProgrammeDto): Promise<ProgrammeDto> {
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

    const programme = await this.uow.run(() =>
      this.repository.insert({
        municipalityId: actor.municipalityId,
        name: dto.name,
        budgetSek: dto.budgetSek,
        allocations: dto.allocations.map((a) => ({ serviceArea: a.serviceArea, amountSek: a.amountSek, hourlyCostSek: a.hourlyCostSek ?? null })),
      }),
    );
    return { id: programme.id, name: programme.name, budgetSek: programme.budgetSek, allocations: programme.allocations, createdAt: programme.createdAt };
  }

  /** The municipality's programmes, by name: for tagging an absence with one. */
  list(actor: Actor): Promise<ProgrammeSummaryDto[]> {
    return this.repository.list(actor.municipalityId);
  }

  /** The programme with its allocations; 404 unless it belongs to the municipality. */
  async get(municipalityId: string, id: string): Promise<ProgrammeRecord> {
    const programme = await this.repository.find(municipalityId, id);
    if (!programme) throw notFound('The programme');
    return programme;
  }

  /** Throws 404 unless the programme belongs to the municipality. */
  async assertExists(municipalityId: string, id: string): Promise<void> {
    if (!(await this.repository.exists(municipalityId, id))) throw notFound('The programme');
  }
}
