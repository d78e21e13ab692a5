import { ApiProperty } from '@nestjs/swagger';

export class AcceptedOfferDto {
  @ApiProperty({ enum: ['accepted'] })
  status: 'accepted';

  @ApiProperty({ format: 'uuid' })
  bookingId: string;
}

export class DeclinedOfferDto {
  @ApiProperty({ enum: ['declined'] })
  status: 'declined';
}
