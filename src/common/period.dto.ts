import { ApiProperty } from '@nestjs/swagger';
import { IsApiTime } from './api-time.validator';

export class PeriodDto {
  /** ISO 8601 with an offset, or Swedish wall-clock time such as 2027-01-11T07:00. */
  @ApiProperty({ example: '2027-01-11T07:00' })
  @IsApiTime()
  start: string;

  /** Exclusive end. */
  @ApiProperty({ example: '2027-01-11T16:00' })
  @IsApiTime()
  end: string;
}

/** A period in an answer: instants in UTC, the end exclusive. */
export class PeriodViewDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2027-01-11T06:00:00.000Z' })
  start: Date;

  @ApiProperty({ type: String, format: 'date-time', example: '2027-01-11T15:00:00.000Z' })
  end: Date;
}
