import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../access/access.decorators';
import type { Actor } from '../access/actor';
import { ApiErrors } from '../common/api-docs';
import { AuditLog } from './audit-log.service';
import { AuditEntryDto, AuditQuery, toAuditEntryDto } from './dto/audit-entry.dto';

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** Who did what to the municipality's records, newest first: sign-ins, verifications, absences, bookings, cancellations, exports, erasures and settings. */
  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: [AuditEntryDto] })
  @ApiErrors(400)
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<AuditEntryDto[]> {
    const entries = await this.audit.list(actor.municipalityId, { entity: query.entity, entityId: query.id, limit: query.limit });
    return entries.map(toAuditEntryDto);
  }
}
