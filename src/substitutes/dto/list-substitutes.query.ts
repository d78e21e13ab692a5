import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LimitQuery } from '../../common/limit.query';
import { EmptyAsAbsent } from '../../common/transforms';
import { SUBSTITUTE_STATUSES, SubstituteStatus } from '../substitute.entity';

export class ListSubstitutesQuery extends LimitQuery {
  @ApiPropertyOptional({ enum: SUBSTITUTE_STATUSES })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(SUBSTITUTE_STATUSES, { message: `must be one of ${SUBSTITUTE_STATUSES.join(', ')}` })
  status?: SubstituteStatus;

  @ApiPropertyOptional({ type: Number, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
