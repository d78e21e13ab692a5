import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/transforms';

export class CancelBookingDto {
  /** Why the booking is cancelled; shown to the people concerned. */
  @ApiProperty({ example: 'Sjuk', maxLength: 500 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
