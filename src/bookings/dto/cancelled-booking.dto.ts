import { ApiProperty } from '@nestjs/swagger';
import { VACANCY_STATUSES, VacancyStatus } from '../../absences/vacancy-status';

export class CancelledBookingDto {
  @ApiProperty({ enum: ['cancelled'] })
  status: 'cancelled';

  /** open: a new search has started; unfilled: the first shift had already begun. */
  @ApiProperty({ enum: VACANCY_STATUSES })
  vacancyStatus: VacancyStatus;
}
