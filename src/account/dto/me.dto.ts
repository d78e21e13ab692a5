import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SignedInUserDto } from '../../auth/dto/signed-in.dto';
import { BOOKING_STATUSES, BookingStatus } from '../../bookings/booking-status';
import { PeriodViewDto } from '../../common/period.dto';
import { SubstituteDto } from '../../substitutes/dto/substitute.dto';

/** What a vacancy is, as a substitute reads it. */
class VacancySummaryDto {
  @ApiProperty({ format: 'uuid' })
  vacancyId: string;

  @ApiProperty({ example: 'Vrinnevihemmet' })
  unit: string;

  @ApiProperty({ type: String, nullable: true })
  address: string | null;

  @ApiProperty({ example: 'Undersköterska' })
  qualificationName: string;

  @ApiProperty({ type: [PeriodViewDto] })
  shifts: PeriodViewDto[];
}

export class MyOfferDto extends VacancySummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** The offer's page, where it is answered. */
  @ApiProperty({ example: 'https://vikarie.norrkoping.se/o/Ab3_-x9ZqPLmN0vW4yT7uR2sK8dF6gH1jC5bE0aQzYw' })
  link: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}

export class MyBookingDto extends VacancySummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: BOOKING_STATUSES })
  status: BookingStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  startsAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt: Date | null;
}

export class LasCountDto {
  /** The local date counted up to, inclusive. */
  @ApiProperty({ format: 'date', example: '2026-11-22' })
  asOf: string;

  @ApiProperty({ description: 'Days of vikariat within five years.' })
  vikariatDays5y: number;

  @ApiProperty({ description: 'Days of särskild visstidsanställning within five years.' })
  savaDays5y: number;

  @ApiProperty({ description: 'Days of either within three years.' })
  days3y: number;
}

export class MeDto extends SignedInUserDto {
  @ApiPropertyOptional({ type: SubstituteDto, description: 'For a substitute: the profile.' })
  substitute?: SubstituteDto;

  @ApiPropertyOptional({ type: [MyOfferDto], description: 'For a substitute: offers that can still be answered, newest first.' })
  offers?: MyOfferDto[];

  @ApiPropertyOptional({ type: [MyBookingDto], description: 'For a substitute: bookings, upcoming and past, in time order.' })
  bookings?: MyBookingDto[];

  @ApiPropertyOptional({ type: LasCountDto, description: 'For a substitute: LAS days through this service.' })
  lasDays?: LasCountDto;
}
