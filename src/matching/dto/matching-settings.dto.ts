import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class WaveBandDto {
  /** The band applies when the first shift starts within this many minutes; the last band covers the rest. */
  @IsInt()
  @Min(1)
  maxLeadMinutes: number;

  @IsInt()
  @Min(1)
  @Max(500)
  waveSize: number;

  /** Minutes between waves. */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  spacingMinutes: number;

  /** Minutes an offer stays open (never past the first shift's start). */
  @IsInt()
  @Min(1)
  @Max(14 * 24 * 60)
  offerLifetimeMinutes: number;
}

export class QuietHoursDto {
  @Matches(TIME, { message: 'must be a time such as 21:00' })
  start: string;

  @Matches(TIME, { message: 'must be a time such as 07:00' })
  end: string;
}

export class MatchingSettingsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => WaveBandDto)
  bands: WaveBandDto[];

  /** Non-urgent waves wait for the end of quiet hours (Swedish time). */
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours: QuietHoursDto;

  /** Waves for vacancies starting within this many minutes are urgent and ignore quiet hours. */
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  urgentWithinMinutes: number;
}
