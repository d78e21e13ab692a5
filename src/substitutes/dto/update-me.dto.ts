import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LowerTrim } from '../../common/transforms';

/** What substitutes may change about themselves. */
export class UpdateMeDto {
  /** Districts to work in; empty means anywhere. */
  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  districts?: string[];

  @ApiPropertyOptional({ example: 'asa.oberg@example.se' })
  @IsOptional()
  @LowerTrim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '070-123 45 67' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  /** true: no offers until resumed; false: resume (only a pause of one's own). */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  paused?: boolean;
}
