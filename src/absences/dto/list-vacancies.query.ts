import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { EmptyAsAbsent } from '../../common/transforms';
import { VACANCY_STATUSES, VacancyStatus } from '../vacancy-status';

export class ListVacanciesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsUUID('all', { message: 'must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ enum: VACANCY_STATUSES })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(VACANCY_STATUSES, { message: `must be one of ${VACANCY_STATUSES.join(', ')}` })
  status?: VacancyStatus;
}
