import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { CreateProgrammeDto } from './dto/create-programme.dto';
import { ProgrammeDto, ProgrammeSummaryDto } from './dto/programme.dto';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@Controller('api/v1/programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  /** A funding programme with its budget split across service areas. */
  @Roles('admin')
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: ProgrammeDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProgrammeDto): Promise<ProgrammeDto> {
    return this.programmes.create(actor, dto);
  }

  /** The municipality's funding programmes, by name, so that a manager can tag an absence with its programme. */
  @Roles('admin', 'manager')
  @Get()
  @ApiOkResponse({ type: [ProgrammeSummaryDto] })
  list(@CurrentActor() actor: Actor): Promise<ProgrammeSummaryDto[]> {
    return this.programmes.list(actor);
  }
}
