import { ApiProperty } from '@nestjs/swagger';
import { VacancyDto } from '../../absences/dto/vacancy.dto';
import { OFFER_STATUSES, OfferStatus } from '../../offers/offer-status';

export class VacancyOfferDto {
  @ApiProperty({ format: 'uuid' })
  substituteId: string;

  @ApiProperty({ example: 1 })
  wave: number;

  @ApiProperty({ enum: OFFER_STATUSES })
  status: OfferStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt: Date | null;

  /** Why this substitute was offered: rank and reasons, for the staffing team. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { rank: 1, reason: ['preferred by the unit'] } })
  rankReason: Record<string, unknown>;
}

export class VacancyDetailsDto extends VacancyDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  bookedSubstituteId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  bookingId: string | null;

  @ApiProperty({ example: 1 })
  waveCount: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextWaveAt: Date | null;

  /** Every offer made, by wave. */
  @ApiProperty({ type: [VacancyOfferDto] })
  offers: VacancyOfferDto[];
}
