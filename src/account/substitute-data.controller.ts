import { Controller, Delete, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param';
import { ErasedDto, SubstituteExportDto } from './dto/substitute-export.dto';
import { EraseSubstitute } from './erase-substitute.use-case';
import { ExportSubstituteData } from './export-substitute-data.use-case';

/** A substitute's rights to their data (GDPR): for the substitute themselves, or the staffing team. */
@ApiTags('substitutes')
@Controller('api/v1/substitutes')
export class SubstituteDataController {
  constructor(
    private readonly exportData: ExportSubstituteData,
    private readonly erase: EraseSubstitute,
  ) {}

  /** Everything held about the substitute, as JSON. */
  @Roles('admin', 'substitute')
  @Get(':id/export')
  @ApiOkResponse({ type: SubstituteExportDto })
  @ApiErrors(404)
  export(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<SubstituteExportDto> {
    return this.exportData.run(actor, id);
  }

  /** Erasure: upcoming bookings cancelled and rematched, personal data deleted, past bookings kept anonymously. */
  @Roles('admin', 'substitute')
  @Delete(':id')
  @ApiOkResponse({ type: ErasedDto })
  @ApiErrors(404)
  remove(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ErasedDto> {
    return this.erase.run(actor, id);
  }
}
