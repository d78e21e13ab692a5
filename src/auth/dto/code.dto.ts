import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LowerTrim } from '../../common/transforms';

/** Who asks for a code: a substitute of the municipality, by mobile number or email. */
export class CodeRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a municipality id (see GET /api/v1/municipalities)' })
  municipalityId: string;

  /** The mobile number given at sign-up; give this or email. */
  @ApiPropertyOptional({ example: '070-123 45 67' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ example: 'asa.oberg@example.se' })
  @IsOptional()
  @LowerTrim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string;
}

export class CodeVerifyDto extends CodeRequestDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\s*\d{6}\s*$/, { message: 'must be the six digits of the code' })
  code: string;
}

export class CodeRequestedDto {
  /** The same answer whether or not the person is known: a code goes out only to a known one. */
  @ApiProperty({ enum: ['received'] })
  status: 'received';
}
