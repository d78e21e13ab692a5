import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LimitQuery } from '../../common/limit.query';
import { EmptyAsAbsent } from '../../common/transforms';
import { AUDIT_ACTIONS, AUDITED_ENTITIES, type AuditAction, type AuditActorRole, type AuditedEntity } from '../audit-actions';
import type { AuditRecord } from '../audit.repository';

export class AuditQuery extends LimitQuery {
  @ApiPropertyOptional({ enum: AUDITED_ENTITIES, description: 'Only entries about this kind of record.' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(AUDITED_ENTITIES, { message: `must be one of ${AUDITED_ENTITIES.join(', ')}` })
  entity?: AuditedEntity;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only entries about this record.' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of a record' })
  id?: string;
}

export class AuditActorDto {
  @ApiProperty({ enum: ['admin', 'manager', 'substitute', 'anonymous', 'system'] })
  role: AuditActorRole;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The staff user or substitute; null when not signed in, or the service.' })
  id: string | null;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  at: Date;

  @ApiProperty({ type: AuditActorDto })
  actor: AuditActorDto;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: AuditAction;

  @ApiProperty({ enum: AUDITED_ENTITIES })
  entity: AuditedEntity;

  @ApiProperty({ format: 'uuid' })
  entityId: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed: ids, statuses and settings.' })
  details: Record<string, unknown>;
}

export function toAuditEntryDto(e: AuditRecord): AuditEntryDto {
  return { id: e.id, at: e.at, actor: { role: e.actorRole, id: e.actorId }, action: e.action, entity: e.entity, entityId: e.entityId, details: e.details };
}
