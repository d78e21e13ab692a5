import { ApiProperty } from '@nestjs/swagger';
import { PeriodViewDto } from '../../common/period.dto';
import { ABSENCE_REASONS, AbsenceReason } from '../absence.entity';
import { VACANCY_STATUSES, VacancyStatus } from '../vacancy-status';

export class VacancyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  absenceId: string;

  @ApiProperty({ format: 'uuid' })
  unitId: string;

  @ApiProperty({ enum: VACANCY_STATUSES })
  status: VacancyStatus;

  @ApiProperty({ example: 'underskoterska' })
  qualification: string;

  /** In time order; the vacancy is filled as a whole. */
  @ApiProperty({ type: [PeriodViewDto] })
  shifts: PeriodViewDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  startsAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  endsAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}

export class AbsenceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  unitId: string;

  @ApiProperty({ enum: ABSENCE_REASONS })
  reason: AbsenceReason;

  @ApiProperty({ example: 'underskoterska' })
  qualification: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  programmeId: string | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  /** Soonest first. */
  @ApiProperty({ type: [VacancyDto] })
  vacancies: VacancyDto[];
}
