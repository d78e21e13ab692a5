import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { FILL_RATE_GROUPINGS, type FillRateGrouping } from '../fill-rate';
import { MAX_PERIOD_DAYS } from '../report-period';
import { IsLocalDate } from './report-params';

export class FillRateQuery {
  @ApiProperty({ format: 'date', example: '2027-01-01', description: 'The first local date (Swedish time) on which a counted vacancy\'s first shift starts.' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ format: 'date', example: '2027-03-31', description: `The last such date, inclusive: on or after from, and at most ${MAX_PERIOD_DAYS} days after it.` })
  @IsLocalDate()
  to: string;

  @ApiProperty({
    enum: FILL_RATE_GROUPINGS,
    description:
      'leadTime: time from the vacancy\'s creation to its first shift (under_3h, 3h_24h, 1d_3d, over_3d; each band includes its lower bound). ' +
      'weekday: of the first shift in Swedish time, "1" = Monday to "7" = Sunday. serviceArea: of the unit. unit: the unit id, with its name as label.',
  })
  @IsIn(FILL_RATE_GROUPINGS, { message: `must be one of ${FILL_RATE_GROUPINGS.join(', ')}` })
  groupBy: FillRateGrouping;
}

export class FillRateRowDto {
  @ApiProperty({ example: 'under_3h', description: 'A lead-time band, an ISO weekday ("1" = Monday), a service area or a unit id, as groupBy says.' })
  group: string;

  @ApiPropertyOptional({ example: 'Vrinnevihemmet', description: 'The unit\'s name; only when grouped by unit.' })
  label?: string;

  @ApiProperty({ example: 40, description: 'Vacancies whose first shift starts in the period; cancelled ones are left out.' })
  vacancies: number;

  @ApiProperty({ example: 34, description: 'Of those, the ones with a confirmed booking.' })
  filled: number;

  @ApiProperty({ example: 6, description: 'vacancies − filled: not (or not yet) filled.' })
  unfilled: number;

  @ApiProperty({ example: 0.85, description: 'filled / vacancies, from 0 to 1; 0 when there are no vacancies.' })
  fillRate: number;

  @ApiProperty({ type: Number, nullable: true, example: 42.5, description: 'Median minutes from a vacancy\'s creation to its booking, of the filled ones (two decimals); null when none is filled.' })
  medianMinutesToFill: number | null;
}
