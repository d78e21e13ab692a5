import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

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

  /** Working time (API.md, Rules of the trade): at least this many hours between shifts of different bookings. Left out on PUT: unchanged. */
  @ApiPropertyOptional({ minimum: 1, maximum: 24, example: 11, description: 'Always present in answers (default 11).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  dailyRestHours?: number;

  /** In every calendar week (Monday to Monday, Swedish time), a stretch this long free of booked shifts. */
  @ApiPropertyOptional({ minimum: 1, maximum: 72, example: 36, description: 'Always present in answers (default 36).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(72)
  weeklyRestHours?: number;

  /** At most this many booked hours in a calendar month (Swedish time). */
  @ApiPropertyOptional({ minimum: 1, maximum: 744, example: 165, description: 'Always present in answers (default 165).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(744)
  monthlyHourCap?: number;

  /** LAS: warn when a booking would leave fewer days than this to a limit. */
  @ApiPropertyOptional({ minimum: 0, maximum: 3650, example: 30, description: 'Always present in answers (default 30).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  lasWarningDays?: number;

  /** LAS sava_conversion: more than this many sava days within five years. */
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 365, description: 'Always present in answers (default 365).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  lasSavaConversionDays?: number;

  /** LAS vikariat_conversion: more than this many vikariat days within five years. */
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 731, description: 'Always present in answers (default 731).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  lasVikariatConversionDays?: number;

  /** LAS preferential_rehire: more than this many days of either form within three years. */
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 365, description: 'Always present in answers (default 365).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  lasRehireDays?: number;

  /** LAS preferential_rehire: or more than this many sava days within three years. */
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 274, description: 'Always present in answers (default 274).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  lasRehireSavaDays?: number;
}
