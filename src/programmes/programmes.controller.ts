import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CreateProgrammeDto } from './dto/create-programme.dto';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('api/v1/programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  /** A funding programme with its budget split across service areas. */
  @Roles('admin')
  @Post()
  @HttpCode(201)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProgrammeDto) {
    return this.programmes.create(actor, dto);
  }
}
