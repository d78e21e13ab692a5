import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { LowerTrim, Trim } from '../../common/transforms';

export const QUALIFICATION_CODE = /^[a-z][a-z0-9_]{1,49}$/;

export class CreateSubstituteDto {
  /** Needed for the public sign-up (no token); with an admin's token the admin's municipality is used. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a municipality id (see GET /api/v1/municipalities)' })
  municipalityId?: string;

  @ApiProperty({ example: 'Åsa', maxLength: 100 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Öberg', maxLength: 100 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;

  @ApiProperty({ example: 'asa.oberg@example.se', maxLength: 254 })
  @LowerTrim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  /** A mobile number; Swedish numbers may omit +46 (070-123 45 67). Stored in E.164. */
  @ApiProperty({ example: '070-123 45 67', maxLength: 30 })
  @IsString()
  @MaxLength(30)
  phone: string;

  /** Qualification codes from GET /api/v1/qualifications. */
  @ApiProperty({ type: [String], example: ['underskoterska'], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one qualification' })
  @ArrayMaxSize(20)
  @Matches(QUALIFICATION_CODE, { each: true, message: 'must be qualification codes such as underskoterska' })
  qualifications: string[];

  /** Districts the substitute will work in; empty means anywhere. */
  @ApiProperty({ type: [String], default: [], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  districts: string[] = [];

  /** Consent to the processing of the data given here; must be true. */
  @ApiProperty({ example: true })
  @IsBoolean()
  consent: boolean;
}
