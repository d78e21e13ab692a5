import { IsApiTime } from './api-time.validator';

export class PeriodDto {
  /** ISO 8601 with an offset, or Swedish wall-clock time such as 2027-01-11T07:00. */
  @IsApiTime()
  start: string;

  /** Exclusive end. */
  @IsApiTime()
  end: string;
}
