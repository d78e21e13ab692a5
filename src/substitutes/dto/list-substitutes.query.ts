import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { EmptyAsAbsent } from '../../common/transforms';
import { SUBSTITUTE_STATUSES, SubstituteStatus } from '../substitute.entity';

export class ListSubstitutesQuery {
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(SUBSTITUTE_STATUSES, { message: `must be one of ${SUBSTITUTE_STATUSES.join(', ')}` })
  status?: SubstituteStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
