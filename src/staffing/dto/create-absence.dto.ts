import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PeriodDto } from '../../common/period.dto';
import { QUALIFICATION_CODE } from '../../substitutes/dto/create-substitute.dto';
import { ABSENCE_REASONS, AbsenceReason } from '../../absences/absence.entity';
import { MAX_SHIFTS } from '../../absences/expand-shifts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A weekly pattern in Swedish time, e.g. Mon–Fri 07:00–16:00 from 2027-01-11 to 2027-01-29. */
export class WeeklyScheduleDto {
  @ApiProperty({ format: 'date', example: '2027-01-11' })
  @Matches(DATE, { message: 'must be a date such as 2027-01-11' })
  from: string;

  @ApiProperty({ format: 'date', example: '2027-01-29' })
  @Matches(DATE, { message: 'must be a date such as 2027-01-29' })
  to: string;

  /** ISO weekdays: 1 = Monday ... 7 = Sunday. Defaults to Monday–Friday. */
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], default: [1, 2, 3, 4, 5] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[] = [1, 2, 3, 4, 5];

  @ApiProperty({ example: '07:00' })
  @Matches(TIME, { message: 'must be a time such as 07:00' })
  startTime: string;

  /** At or before startTime means the shift ends the next day. */
  @ApiProperty({ example: '16:00' })
  @Matches(TIME, { message: 'must be a time such as 16:00' })
  endTime: string;
}

export class CreateAbsenceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a unit id' })
  unitId: string;

  @ApiProperty({ enum: ABSENCE_REASONS })
  @IsIn(ABSENCE_REASONS, { message: `must be one of ${ABSENCE_REASONS.join(', ')}` })
  reason: AbsenceReason;

  /** The qualification the substitute needs, e.g. underskoterska. */
  @ApiProperty({ example: 'underskoterska' })
  @IsString()
  @Matches(QUALIFICATION_CODE, { message: 'must be a qualification code such as underskoterska' })
  qualification: string;

  /** The funding programme paying for the cover, e.g. Jobbsatsningen for study leave. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a programme id' })
  programmeId?: string;

  /** The shifts to cover. Give either shifts or schedule. */
  @ApiPropertyOptional({ type: [PeriodDto], maxItems: MAX_SHIFTS })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'must hold at least one shift' })
  @ArrayMaxSize(MAX_SHIFTS)
  @IsObject({ each: true, message: 'must be a list of { start, end } objects' })
  @ValidateNested({ each: true })
  @Type(() => PeriodDto)
  shifts?: PeriodDto[];

  /** A weekly pattern expanded into shifts in Swedish time, instead of listing shifts. */
  @ApiPropertyOptional({ type: WeeklyScheduleDto })
  @IsOptional()
  @IsObject({ message: 'must be an object { from, to, weekdays, startTime, endTime }' })
  @ValidateNested()
  @Type(() => WeeklyScheduleDto)
  schedule?: WeeklyScheduleDto;

  /** Each shift its own vacancy instead of one vacancy for all. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  splitShifts?: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
