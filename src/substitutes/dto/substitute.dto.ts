import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PeriodViewDto } from '../../common/period.dto';
import { SUBSTITUTE_STATUSES, SubstituteStatus } from '../substitute.entity';

export class HeldQualificationDto {
  @ApiProperty({ example: 'underskoterska' })
  code: string;

  /** Checked by the staffing team; only verified, unexpired qualifications are matched. */
  @ApiProperty()
  verified: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt: Date | null;

  /** Last valid day, or null for no expiry. */
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-06-30' })
  validUntil: string | null;
}

export class SubstituteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  municipalityId: string;

  @ApiProperty({ example: 'Åsa' })
  firstName: string;

  @ApiProperty({ example: 'Öberg' })
  lastName: string;

  @ApiProperty({ example: 'asa.oberg@example.se' })
  email: string;

  /** E.164. */
  @ApiProperty({ example: '+46701234567' })
  phone: string;

  @ApiProperty({ enum: SUBSTITUTE_STATUSES })
  status: SubstituteStatus;

  /** Who paused a paused substitute: they themselves (and may resume), or the staffing team. */
  @ApiProperty({ type: String, enum: ['self', 'staff', null], nullable: true })
  pausedBy: 'self' | 'staff' | null;

  /** Empty means anywhere in the municipality. */
  @ApiProperty({ type: [String] })
  districts: string[];

  @ApiProperty({ type: [HeldQualificationDto] })
  qualifications: HeldQualificationDto[];

  /** The windows in which the substitute can work (on the single-substitute routes). */
  @ApiPropertyOptional({ type: [PeriodViewDto] })
  availability?: PeriodViewDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt: Date | null;

  /** When the substitute consented to Vikariebanken keeping these details. */
  @ApiProperty({ type: String, format: 'date-time' })
  consentedAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}
