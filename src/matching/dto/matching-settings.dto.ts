import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class WaveBandDto {
  /** The band applies when the first shift starts within this many minutes; the last band covers the rest. */
  @ApiProperty({ minimum: 1, example: 180 })
  @IsInt()
  @Min(1)
  maxLeadMinutes: number;

  @ApiProperty({ minimum: 1, maximum: 500, example: 15 })
  @IsInt()
  @Min(1)
  @Max(500)
  waveSize: number;

  /** Minutes between waves. */
  @ApiProperty({ minimum: 1, maximum: 7 * 24 * 60, example: 5 })
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  spacingMinutes: number;

  /** Minutes an offer stays open (never past the first shift's start). */
  @ApiProperty({ minimum: 1, maximum: 14 * 24 * 60, example: 30 })
  @IsInt()
  @Min(1)
  @Max(14 * 24 * 60)
  offerLifetimeMinutes: number;
}

export class QuietHoursDto {
  @ApiProperty({ example: '21:00' })
  @Matches(TIME, { message: 'must be a time such as 21:00' })
  start: string;

  @ApiProperty({ example: '07:00' })
  @Matches(TIME, { message: 'must be a time such as 07:00' })
  end: string;
}

export class MatchingSettingsDto {
  /** Wave size, spacing and offer lifetime by lead time (the time until the first shift). */
  @ApiProperty({ type: [WaveBandDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => WaveBandDto)
  bands: WaveBandDto[];

  /** Non-urgent waves wait for the end of quiet hours (Swedish time). */
  @ApiProperty({ type: QuietHoursDto })
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours: QuietHoursDto;

  /** Waves for vacancies starting within this many minutes are urgent and ignore quiet hours. */
  @ApiProperty({ minimum: 0, example: 1440 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  urgentWithinMinutes: number;
}
