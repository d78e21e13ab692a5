import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { LimitQuery } from '../../common/limit.query';
import { EmptyAsAbsent, Trim } from '../../common/transforms';
import { SUBSTITUTE_STATUSES, SubstituteStatus } from '../substitute.entity';

export class ListSubstitutesQuery extends LimitQuery {
  @ApiPropertyOptional({ enum: SUBSTITUTE_STATUSES })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(SUBSTITUTE_STATUSES, { message: `must be one of ${SUBSTITUTE_STATUSES.join(', ')}` })
  status?: SubstituteStatus;

  /** Any part of the first or last name, in any letter case. */
  @ApiPropertyOptional({ example: 'Andersson', maxLength: 100 })
  @Trim()
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  /** Holds this qualification (verified or not). */
  @ApiPropertyOptional({ example: 'underskoterska', maxLength: 60 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  qualification?: string;

  /** Has named this district (those who named none work anywhere, and are not listed). */
  @ApiPropertyOptional({ example: 'Centrum', maxLength: 100 })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @ApiPropertyOptional({ type: Number, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
