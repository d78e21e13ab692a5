import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { QUALIFICATION_CODE } from './create-substitute.dto';

export class UpdateSubstituteDto {
  @ApiPropertyOptional({ enum: ['active', 'paused', 'removed'] })
  @IsOptional()
  @IsIn(['active', 'paused', 'removed'], { message: 'must be active, paused or removed' })
  status?: 'active' | 'paused' | 'removed';

  /** Qualifications whose credentials the staffing team has checked; added if not yet held. */
  @ApiPropertyOptional({ type: [String], example: ['underskoterska'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(QUALIFICATION_CODE, { each: true, message: 'must be qualification codes such as underskoterska' })
  verifiedQualifications?: string[];

  /** Last valid day per qualification code, e.g. { "underskoterska": "2027-06-30" }; null removes the expiry. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', format: 'date', nullable: true }, example: { underskoterska: '2027-06-30' } })
  @IsOptional()
  @IsObject()
  qualificationValidUntil?: Record<string, string | null>;
}
