import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, registerDecorator } from 'class-validator';
import { isLocalDate } from '../../common/time';
import { EmptyAsAbsent } from '../../common/transforms';
import { LAS_FORMS, LAS_RULES, LasForm, LasRule } from '../las-days';

const IsLocalDate = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isLocalDate',
    target: target.constructor,
    propertyName: propertyName as string,
    validator: {
      validate: isLocalDate,
      defaultMessage: (args) => (args?.value === undefined ? 'is required: a date such as 2026-03-31 (YYYY-MM-DD)' : 'must be a date such as 2026-03-31 (YYYY-MM-DD), in the years 2000 to 2099'),
    },
  });

const RULES_TEXT =
  'sava_conversion: more than lasSavaConversionDays (default 365) sava days within five years; ' +
  'vikariat_conversion: more than lasVikariatConversionDays (default 731) vikariat days within five years; ' +
  'preferential_rehire: more than lasRehireDays (default 365) days of either form within three years, ' +
  'or more than lasRehireSavaDays (default 274) sava days within three years. The limits are the municipality’s (PUT /api/v1/matching-settings).';

export class LasQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2027-06-30',
    description: 'Count up to and including this local date (default today, Swedish time). A later date also counts the days booked up to it, to show where the bookings lead.',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsLocalDate()
  asOf?: string;
}

export class LasThresholdDto {
  @ApiProperty({ enum: LAS_RULES, description: RULES_TEXT })
  rule: LasRule;

  @ApiProperty({ type: 'integer', example: 365, description: 'The limit: the rule is reached at more than this many days.' })
  limitDays: number;

  @ApiProperty({ type: 'integer', example: 340, description: 'The days that count for this limit, as of asOf.' })
  days: number;

  @ApiProperty({
    type: 'integer',
    example: 25,
    description: 'limitDays − days. 0: the next day passes the limit; below 0: the limit is passed by that many days.',
  })
  remaining: number;
}

export class LasWarningDto {
  @ApiProperty({ enum: LAS_RULES })
  rule: LasRule;

  @ApiProperty({ type: 'integer', example: 25, description: 'As the threshold it is about: limitDays − days.' })
  remaining: number;

  @ApiProperty({ example: '25 days left to preferential_rehire (more than 365 days of employment within three years).', description: 'In English, for people; clients switch on rule and remaining.' })
  message: string;
}

export class LasDaysDto {
  @ApiProperty({ format: 'date', example: '2026-11-22', description: 'The local date counted up to, inclusive.' })
  asOf: string;

  @ApiProperty({ type: 'integer', description: 'Vikariat days within the five years ending on asOf.' })
  vikariatDays5y: number;

  @ApiProperty({ type: 'integer', description: 'Sava days (special fixed-term employment) within the five years ending on asOf; from October 2022, a calendar month with three or more counts every day from its first to its last.' })
  savaDays5y: number;

  @ApiProperty({ type: 'integer', description: 'Days of either form within the three years ending on asOf; a date with both counts once.' })
  days3y: number;

  @ApiProperty({
    type: [LasThresholdDto],
    description:
      'Four thresholds, in this order: sava_conversion, vikariat_conversion, then preferential_rehire twice: first days of either form ' +
      'against lasRehireDays, then sava days alone against lasRehireSavaDays (the rule is reached when either is passed).',
  })
  thresholds: LasThresholdDto[];

  @ApiProperty({
    type: [LasWarningDto],
    description: 'One for each threshold with fewer than the municipality’s lasWarningDays (default 30) remaining, a passed limit included; nearest first.',
  })
  warnings: LasWarningDto[];
}

export class LasHistoryDayDto {
  @ApiProperty({ format: 'date', example: '2024-03-14', description: 'A local date on which the substitute was employed; not after today.' })
  @IsLocalDate()
  date: string;

  @ApiProperty({ enum: LAS_FORMS, description: 'vikariat: standing in for someone absent; sava: special fixed-term employment (any other need).' })
  @IsIn(LAS_FORMS, { message: `must be one of ${LAS_FORMS.join(', ')}` })
  form: LasForm;
}

export class LasWarningRowDto {
  @ApiProperty({ format: 'uuid' })
  substituteId: string;

  @ApiProperty({ example: 'Anna Lind' })
  name: string;

  @ApiProperty({ enum: LAS_RULES })
  rule: LasRule;

  @ApiProperty({ type: 'integer', example: 340 })
  days: number;

  @ApiProperty({ type: 'integer', example: 365 })
  limitDays: number;

  @ApiProperty({ type: 'integer', example: 25, description: 'limitDays − days; below 0 the limit is passed.' })
  remaining: number;
}
