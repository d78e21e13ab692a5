import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { EmptyAsAbsent } from '../../common/transforms';
import { VACANCY_STATUSES, VacancyStatus } from '../vacancy.entity';

export class ListVacanciesQuery {
  @EmptyAsAbsent()
  @IsOptional()
  @IsUUID('all', { message: 'must be a unit id' })
  unitId?: string;

  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(VACANCY_STATUSES, { message: `must be one of ${VACANCY_STATUSES.join(', ')}` })
  status?: VacancyStatus;
}
